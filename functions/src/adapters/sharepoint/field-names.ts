/**
 * Which SharePoint field holds a hub column. A column is the field of the same internal name, except where
 * SharePoint has (or reserves) a field of that name on every list; those get the prefix `Pph`. The internal name
 * never changes when an administrator renames a column (that changes its display name), so the hub keeps working.
 */
import { StoreError } from '../../ports/store';

/** Built-in or reserved field names of a SharePoint list, compared without case. */
const RESERVED = new Set(
  [
    'ID',
    'Title',
    'Created',
    'Modified',
    'Author',
    'Editor',
    'Attachments',
    'Version',
    'ContentType',
    'ContentTypeId',
    'Order',
    'GUID',
    'Name',
    'Type',
    'Edit',
    'Path',
    'Level',
    'Restricted',
    'FileRef',
    'FileLeafRef',
    'FileDirRef',
    'UniqueId',
    'ScopeId',
    'PermMask',
    'InstanceID',
    'ItemChildCount',
    'FolderChildCount',
    'AppAuthor',
    'AppEditor',
    'DocIcon',
    'LinkTitle',
    'SelectTitle',
    'owshiddenversion',
    'WorkflowVersion',
    'ComplianceAssetId',
  ].map((n) => n.toLowerCase()),
);

/** Internal names are at most 32 characters; a hub column leaves room for the prefix. */
const COLUMN_NAME = /^[A-Za-z][A-Za-z0-9]{0,28}$/;

export function fieldName(column: string): string {
  if (column === 'id') return 'Id';
  if (!COLUMN_NAME.test(column))
    throw new StoreError(
      'invalid',
      `Column name "${column}" cannot be a SharePoint field: use 1 to 29 letters and digits, starting with a letter.`,
    );
  return RESERVED.has(column.toLowerCase()) ? `Pph${column}` : column;
}

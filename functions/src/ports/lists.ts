/**
 * How a list is declared, as data: the SQLite adapter migrates from these and the SharePoint adapter provisions them.
 * The kernel declares its own lists (kernel/lists.ts) and each capability its lists (e.g. concerns/lists.ts).
 * Column types map onto SharePoint field types (text → Single line, note → Multiple lines, number, boolean,
 * dateTime → Date and Time stored as ISO 8601 UTC). `indexed` columns may be filtered and ordered on; `unique`
 * columns enforce unique values (SharePoint requires unique columns to be indexed).
 */
import { chunkColumns, type ChunkedNote } from './chunked-note';

export type ColumnType = 'text' | 'note' | 'number' | 'boolean' | 'dateTime';

export interface ColumnDefinition {
  name: string;
  type: ColumnType;
  required?: boolean;
  indexed?: boolean;
  unique?: boolean;
}

export interface ListDefinition {
  name: string;
  /** Bumped when columns are added; adapters add what is missing. */
  version: number;
  columns: ColumnDefinition[];
}

export const col = (
  name: string,
  type: ColumnType,
  opts: Omit<ColumnDefinition, 'name' | 'type'> = {},
): ColumnDefinition => ({
  name,
  type,
  ...opts,
});

/** The first part is required (it always holds something); the others are empty until needed. */
export const noteParts = (note: ChunkedNote): ColumnDefinition[] =>
  chunkColumns(note).map((name, i) => col(name, 'note', i === 0 ? { required: true } : {}));

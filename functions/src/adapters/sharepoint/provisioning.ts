/**
 * The hub's lists on a SharePoint site, from the same list definitions the embedded store migrates from: lists,
 * columns with their types, indexes and unique constraints, the Title column made optional, and each list's
 * policy (version history, permissions). It reads what is there first (one $batch) and changes only what
 * differs, so a second run changes nothing; it reports each change, and what it cannot fix (a column of the
 * wrong type is never converted: that would rewrite data).
 */
import type { ColumnDefinition, ListDefinition } from '../../ports/lists';
import { StoreError } from '../../ports/store';
import { failureOf } from './failure';
import { fieldName } from './field-names';
import { isMissingList } from './errors';
import type { ListPolicy } from './list-policy';
import type { SPFI } from './pnp';
import { settle } from './settle';

export interface ProvisionReport {
  /** What was (or, verifying, would be) changed, one line each ("create list Concerns", "set Indexed on Concerns.Status"). */
  changes: string[];
  /** What differs and was left alone, for a person to decide. */
  problems: string[];
}

export interface ProvisionOptions {
  policy: (list: string) => ListPolicy;
  /** 'apply' changes the site; 'verify' only reports (the running hub: its identity may not manage lists). */
  mode: 'apply' | 'verify';
  /** Role assignments of this principal (the app itself) are kept when a list is made app-only. */
  appPrincipal?: string;
}

interface ListInfo {
  Title: string;
  EnableVersioning: boolean;
  HasUniqueRoleAssignments: boolean;
  NoCrawl: boolean;
}

export interface FieldInfo {
  InternalName: string;
  TypeAsString: string;
  Indexed: boolean;
  EnforceUniqueValues: boolean;
  Required: boolean;
  MaxLength?: number;
  RichText?: boolean;
}

interface RoleAssignmentInfo {
  PrincipalId: number;
  Member?: { LoginName?: string };
}

/** SharePoint allows 20 indexed columns per list. */
const MAX_INDEXES = 20;

const SP_TYPE: Record<ColumnDefinition['type'], string> = {
  text: 'Text',
  note: 'Note',
  number: 'Number',
  boolean: 'Boolean',
  dateTime: 'DateTime',
};

const FIELD_SELECT = [
  'InternalName',
  'TypeAsString',
  'Indexed',
  'EnforceUniqueValues',
  'Required',
  'MaxLength',
  'RichText',
];

/** Definitions SharePoint cannot hold are refused before anything is sent. */
export function checkDefinitions(defs: readonly ListDefinition[]): void {
  for (const def of defs) {
    let indexes = 0;
    for (const c of def.columns) {
      fieldName(c.name);
      const indexed = c.indexed || c.unique;
      if (indexed && c.type === 'note')
        throw new StoreError(
          'invalid',
          `Column "${c.name}" of "${def.name}" is multiple lines of text, which SharePoint cannot index.`,
        );
      if (indexed) indexes++;
    }
    if (indexes > MAX_INDEXES)
      throw new StoreError(
        'invalid',
        `List "${def.name}" indexes ${indexes} columns; SharePoint allows ${MAX_INDEXES}.`,
      );
  }
}

export async function provisionLists(
  sp: SPFI,
  defs: readonly ListDefinition[],
  opts: ProvisionOptions,
): Promise<ProvisionReport> {
  checkDefinitions(defs);
  const report: ProvisionReport = { changes: [], problems: [] };
  const current = await readCurrent(sp, defs, opts);
  for (const def of defs) {
    const state = current.get(def.name)!;
    const policy = opts.policy(def.name);
    const list = () => sp.web.lists.getByTitle(def.name);
    const change = async (line: string, act: () => Promise<unknown>) => {
      if (opts.mode === 'apply') await act();
      report.changes.push(line);
    };

    if (!state.info) {
      await change(`create list ${def.name}`, () =>
        sp.web.lists.add(
          def.name,
          'Prevent Partnership Hub (kept by the hub; do not edit by hand)',
          100,
          false,
          {
            ...(policy.versioningOff ? { EnableVersioning: false } : {}),
            ...(policy.appOnly ? { NoCrawl: true } : {}),
          },
        ),
      );
    } else {
      const settings: Record<string, boolean> = {};
      if (policy.versioningOff && state.info.EnableVersioning) settings.EnableVersioning = false;
      if (policy.appOnly && !state.info.NoCrawl) settings.NoCrawl = true;
      if (Object.keys(settings).length > 0)
        await change(
          `${[settings.EnableVersioning === false && 'turn off version history', settings.NoCrawl && 'exclude from search'].filter(Boolean).join(' and ')} on ${def.name}`,
          () => list().update(settings),
        );
    }

    const fields = new Map((state.fields ?? []).map((f) => [f.InternalName.toLowerCase(), f]));
    const title = fields.get('title');
    if (!state.info || title?.Required)
      await change(`make ${def.name}.Title optional`, () =>
        list().fields.getByInternalNameOrTitle('Title').update({ Required: false }),
      );
    for (const col of def.columns) {
      const name = fieldName(col.name);
      const existing = fields.get(name.toLowerCase());
      const where = `${def.name}.${col.name}`;
      if (!existing) {
        await change(`add column ${where} (${describe(col)})`, () =>
          list().fields.createFieldAsXml({
            SchemaXml: schemaXml(col),
            Options: 8 /* internal name as given */,
          }),
        );
        continue;
      }
      if (existing.TypeAsString !== SP_TYPE[col.type]) {
        report.problems.push(
          `column ${where} is ${existing.TypeAsString} on the site, the hub needs ${SP_TYPE[col.type]}: change it by hand (provisioning converts no data)`,
        );
        continue;
      }
      const update: Record<string, boolean | number> = {};
      const indexed = Boolean(col.indexed || col.unique);
      if (indexed && !existing.Indexed) update.Indexed = true;
      if (col.unique && !existing.EnforceUniqueValues) update.EnforceUniqueValues = true;
      if (Boolean(col.required) !== Boolean(existing.Required)) update.Required = Boolean(col.required);
      if (col.type === 'text' && existing.MaxLength !== 255) update.MaxLength = 255;
      if (col.type === 'note' && existing.RichText) update.RichText = false;
      if (Object.keys(update).length === 0) continue;
      await change(`set ${Object.keys(update).join(', ')} on ${where}`, async () => {
        try {
          await list().fields.getByInternalNameOrTitle(name).update(update);
        } catch (e) {
          const f = await failureOf(e);
          if (!f) throw e;
          report.problems.push(
            `could not set ${Object.keys(update).join(', ')} on ${where} (SharePoint answered ${f.status}${update.EnforceUniqueValues ? '; duplicate values already in the column prevent a unique constraint' : ''})`,
          );
        }
      });
    }

    if (policy.appOnly && opts.mode === 'apply') {
      if (!state.info?.HasUniqueRoleAssignments)
        await change(`stop ${def.name} inheriting the site's permissions`, () =>
          list().breakRoleInheritance(false, true),
        );
      // After a fresh break there is nothing to remove; otherwise whoever was added since is taken off.
      const assignments = state.info?.HasUniqueRoleAssignments
        ? (state.roles ?? [])
        : ((await list()
            .roleAssignments.expand('Member')
            .select('PrincipalId', 'Member/LoginName')()) as RoleAssignmentInfo[]);
      for (const ra of assignments) {
        if (
          opts.appPrincipal &&
          ra.Member?.LoginName?.toLowerCase().includes(opts.appPrincipal.toLowerCase())
        )
          continue;
        await change(`remove principal ${ra.PrincipalId} from ${def.name} (app-only list)`, () =>
          list().roleAssignments.getById(ra.PrincipalId).delete(),
        );
      }
    } else if (policy.appOnly && state.info && !state.info.HasUniqueRoleAssignments) {
      report.problems.push(
        `${def.name} inherits the site's permissions; it should be app-only (run provisioning)`,
      );
    }
  }
  return report;
}

interface CurrentList {
  info?: ListInfo;
  fields?: FieldInfo[];
  roles?: RoleAssignmentInfo[];
}

/** Every list's settings, fields and (for app-only lists) role assignments, in one $batch. */
async function readCurrent(
  sp: SPFI,
  defs: readonly ListDefinition[],
  opts: ProvisionOptions,
): Promise<Map<string, CurrentList>> {
  const [batched, execute] = sp.batched({ maxRequests: 100 });
  const reads = defs.map((def) => {
    const list = () => batched.web.lists.getByTitle(def.name);
    const wantRoles = opts.mode === 'apply' && opts.policy(def.name).appOnly;
    return {
      def,
      info: settle(
        list().select('Title', 'EnableVersioning', 'HasUniqueRoleAssignments', 'NoCrawl')<ListInfo>(),
      ),
      fields: settle(list().fields.select(...FIELD_SELECT)<FieldInfo[]>()),
      roles: wantRoles
        ? settle(
            list().roleAssignments.expand('Member').select('PrincipalId', 'Member/LoginName')<
              RoleAssignmentInfo[]
            >(),
          )
        : undefined,
    };
  });
  await execute();
  const out = new Map<string, CurrentList>();
  for (const r of reads) {
    const info = await r.info;
    if (!info.ok) {
      const f = await failureOf(info.error);
      if (f && (isMissingList(f) || f.status === 404)) {
        out.set(r.def.name, {});
        continue;
      }
      throw info.error;
    }
    const fields = await r.fields;
    if (!fields.ok) throw fields.error;
    const roles = r.roles ? await r.roles : undefined;
    if (roles && !roles.ok) throw roles.error;
    out.set(r.def.name, {
      info: info.value,
      fields: fields.value,
      ...(roles?.ok ? { roles: roles.value } : {}),
    });
  }
  return out;
}

const describe = (c: ColumnDefinition) =>
  [c.type, c.required && 'required', (c.indexed || c.unique) && 'indexed', c.unique && 'unique']
    .filter(Boolean)
    .join(', ');

const xmlAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The field as SharePoint's CAML schema, with the internal name fixed (not derived from a display name). */
export function schemaXml(c: ColumnDefinition): string {
  const name = xmlAttr(fieldName(c.name));
  const attrs: Record<string, string> = {
    Type: SP_TYPE[c.type],
    Name: name,
    StaticName: name,
    DisplayName: name,
    Required: c.required ? 'TRUE' : 'FALSE',
  };
  if (c.indexed || c.unique) attrs.Indexed = 'TRUE';
  if (c.unique) attrs.EnforceUniqueValues = 'TRUE';
  if (c.type === 'text') attrs.MaxLength = '255';
  if (c.type === 'note') Object.assign(attrs, { NumLines: '6', RichText: 'FALSE', AppendOnly: 'FALSE' });
  if (c.type === 'dateTime') attrs.Format = 'DateTime';
  return `<Field ${Object.entries(attrs)
    .map(([k, v]) => `${k}="${v}"`)
    .join(' ')} />`;
}

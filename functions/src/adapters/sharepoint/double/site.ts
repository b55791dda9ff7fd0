/**
 * The test double's site: lists with fields, items with a version each, role assignments; each operation
 * answers as SharePoint Online does (its status codes, error codes and messages, so the adapter's error
 * mapping is exercised), without any HTTP. See test/support/sharepoint-double/README.md for what is and
 * is not modelled.
 */
import { randomUUID } from 'node:crypto';
import {
  fieldsOf,
  firstClause,
  parseFilter,
  FilterSyntaxError,
  type FilterNode,
  type Literal,
} from './filter';

export class SpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type FieldType = 'Text' | 'Note' | 'Number' | 'Boolean' | 'DateTime' | 'Counter';

export interface DoubleField {
  InternalName: string;
  Title: string;
  TypeAsString: FieldType;
  Indexed: boolean;
  EnforceUniqueValues: boolean;
  Required: boolean;
  MaxLength?: number;
  RichText?: boolean;
  /** SharePoint's own fields (ID, Created, Modified): not writable. */
  ReadOnlyField: boolean;
}

export interface DoubleItem {
  id: number;
  version: number;
  created: string;
  modified: string;
  /** By lower-cased internal name. */
  values: Map<string, unknown>;
}

export interface RoleAssignment {
  PrincipalId: number;
  LoginName: string;
}

export interface DoubleList {
  id: string;
  title: string;
  fields: Map<string, DoubleField>;
  items: Map<number, DoubleItem>;
  nextId: number;
  /** 100 a custom list, 101 a document library (as asked for when it was made). */
  BaseTemplate: number;
  EnableVersioning: boolean;
  NoCrawl: boolean;
  HasUniqueRoleAssignments: boolean;
  roleAssignments: RoleAssignment[];
  /** For each unique field: value (text folded) → the id of the item holding it. */
  unique: Map<string, Map<string, number>>;
}

/** SharePoint's list view threshold. */
export const LIST_VIEW_THRESHOLD = 5000;
export const NOTE_LIMIT = 63_999;

const ERR = {
  argument: '-1, System.ArgumentException',
  itemMissing: '-2130575338, Microsoft.SharePoint.SPException',
  etag: '-1, Microsoft.SharePoint.Client.ClientServiceException',
  duplicate: '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException',
  threshold: '-2147024860, Microsoft.SharePoint.SPQueryThrottledException',
  property: '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
  value: '-2130575155, Microsoft.SharePoint.SPFieldValidationException',
  listExists: '-2130575342, Microsoft.SharePoint.SPException',
  fieldExists: '-2130575340, Microsoft.SharePoint.SPException',
  uniqueNeedsIndex: '-2130575150, Microsoft.SharePoint.SPException',
  inherits: '-2147024891, System.UnauthorizedAccessException',
} as const;

/** The site's own groups, as a new team site has them (inherited by lists until they break inheritance). */
const SITE_ROLE_ASSIGNMENTS: RoleAssignment[] = [
  { PrincipalId: 3, LoginName: 'Hub Owners' },
  { PrincipalId: 4, LoginName: 'Hub Visitors' },
  { PrincipalId: 5, LoginName: 'Hub Members' },
];

const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const uniqueKey = (v: unknown) => (typeof v === 'string' ? `s:${fold(v)}` : `v:${String(v)}`);
const isoSeconds = (ms: number) =>
  new Date(ms - (((ms % 1000) + 1000) % 1000)).toISOString().replace('.000Z', 'Z');

export class DoubleSite {
  readonly lists = new Map<string, DoubleList>();
  threshold = LIST_VIEW_THRESHOLD;
  /** Refuse item updates and deletes without a specific If-Match (SharePoint accepts `*` or none; the hub never may). */
  strictIfMatch = true;

  constructor(
    public siteUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(title: string): DoubleList {
    const list = this.lists.get(title.toLowerCase());
    if (!list)
      throw new SpError(
        404,
        ERR.argument,
        `List '${title}' does not exist at site with URL '${this.siteUrl}'.`,
      );
    return list;
  }

  createList(props: Record<string, unknown>): DoubleList {
    const title = props.Title;
    if (typeof title !== 'string' || title.trim() === '')
      throw new SpError(400, ERR.argument, 'A list needs a Title.');
    if (this.lists.has(title.toLowerCase()))
      throw new SpError(
        500,
        ERR.listExists,
        'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.',
      );
    const builtIn = (
      InternalName: string,
      TypeAsString: FieldType,
      extra: Partial<DoubleField> = {},
    ): DoubleField => ({
      InternalName,
      Title: InternalName,
      TypeAsString,
      Indexed: false,
      EnforceUniqueValues: false,
      Required: false,
      ReadOnlyField: true,
      ...extra,
    });
    const list: DoubleList = {
      id: randomUUID(),
      title,
      fields: new Map(
        [
          builtIn('ID', 'Counter', { Indexed: true }),
          builtIn('Title', 'Text', { Required: true, ReadOnlyField: false, MaxLength: 255 }),
          builtIn('Created', 'DateTime'),
          builtIn('Modified', 'DateTime'),
        ].map((f) => [f.InternalName.toLowerCase(), f]),
      ),
      items: new Map(),
      nextId: 1,
      BaseTemplate: props.BaseTemplate === 101 ? 101 : 100,
      // New lists made through REST keep no versions unless asked.
      EnableVersioning: props.EnableVersioning === true,
      NoCrawl: props.NoCrawl === true,
      HasUniqueRoleAssignments: false,
      roleAssignments: [],
      unique: new Map(),
    };
    this.lists.set(title.toLowerCase(), list);
    return list;
  }

  updateList(list: DoubleList, props: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(props)) {
      if (k === 'EnableVersioning' || k === 'NoCrawl') list[k] = v === true;
      else if (k === 'Title' && typeof v === 'string') {
        this.lists.delete(list.title.toLowerCase());
        list.title = v;
        this.lists.set(v.toLowerCase(), list);
      } else if (k !== '__metadata' && k !== 'Description')
        throw new SpError(400, ERR.property, `The property '${k}' does not exist on type 'SP.List'.`);
    }
  }

  deleteList(list: DoubleList): void {
    this.lists.delete(list.title.toLowerCase());
  }

  addField(list: DoubleList, field: Omit<DoubleField, 'ReadOnlyField'>): DoubleField {
    const key = field.InternalName.toLowerCase();
    if (list.fields.has(key))
      throw new SpError(500, ERR.fieldExists, `A duplicate field name "${field.InternalName}" was found.`);
    if (field.EnforceUniqueValues && !field.Indexed)
      throw new SpError(
        400,
        ERR.uniqueNeedsIndex,
        'You must index this column before enforcing unique values.',
      );
    const f = { ...field, ReadOnlyField: false };
    list.fields.set(key, f);
    if (f.EnforceUniqueValues) list.unique.set(key, new Map());
    return f;
  }

  field(list: DoubleList, name: string): DoubleField {
    const f = list.fields.get(name.toLowerCase()) ?? [...list.fields.values()].find((x) => x.Title === name);
    if (!f)
      throw new SpError(
        400,
        ERR.argument,
        `Column '${name}' does not exist. It may have been deleted by another user.`,
      );
    return f;
  }

  updateField(list: DoubleList, field: DoubleField, props: Record<string, unknown>): void {
    const next = { ...field };
    for (const [k, v] of Object.entries(props)) {
      if (k === 'Indexed' || k === 'EnforceUniqueValues' || k === 'Required' || k === 'RichText')
        next[k] = v === true;
      else if (k === 'MaxLength' && typeof v === 'number') next.MaxLength = v;
      else if (k === 'Title' && typeof v === 'string') next.Title = v;
      else if (k !== '__metadata')
        throw new SpError(400, ERR.property, `The property '${k}' does not exist on type 'SP.Field'.`);
    }
    if (next.EnforceUniqueValues && !next.Indexed)
      throw new SpError(
        400,
        ERR.uniqueNeedsIndex,
        'You must index this column before enforcing unique values.',
      );
    const key = field.InternalName.toLowerCase();
    if (next.EnforceUniqueValues && !field.EnforceUniqueValues) {
      const index = new Map<string, number>();
      for (const item of list.items.values()) {
        const v = item.values.get(key);
        if (v === null || v === undefined) continue;
        if (index.has(uniqueKey(v)))
          throw new SpError(
            500,
            ERR.duplicate,
            'This column cannot enforce unique values because it holds duplicate values.',
          );
        index.set(uniqueKey(v), item.id);
      }
      list.unique.set(key, index);
    }
    if (!next.EnforceUniqueValues) list.unique.delete(key);
    Object.assign(field, next);
  }

  breakInheritance(list: DoubleList, copy: boolean): void {
    if (list.HasUniqueRoleAssignments) return;
    list.HasUniqueRoleAssignments = true;
    list.roleAssignments = copy ? SITE_ROLE_ASSIGNMENTS.map((r) => ({ ...r })) : [];
  }

  roleAssignments(list: DoubleList): RoleAssignment[] {
    return list.HasUniqueRoleAssignments ? list.roleAssignments : SITE_ROLE_ASSIGNMENTS;
  }

  addRoleAssignment(list: DoubleList, ra: RoleAssignment): void {
    if (!list.HasUniqueRoleAssignments)
      throw new SpError(
        400,
        ERR.inherits,
        'This operation is not allowed on an object that inherits permissions.',
      );
    list.roleAssignments.push(ra);
  }

  removeRoleAssignment(list: DoubleList, principalId: number): void {
    if (!list.HasUniqueRoleAssignments)
      throw new SpError(
        400,
        ERR.inherits,
        'This operation is not allowed on an object that inherits permissions.',
      );
    list.roleAssignments = list.roleAssignments.filter((r) => r.PrincipalId !== principalId);
  }

  // ----- items -----

  item(list: DoubleList, id: number): DoubleItem {
    const item = list.items.get(id);
    if (!item)
      throw new SpError(
        404,
        ERR.itemMissing,
        'Item does not exist. It may have been deleted by another user.',
      );
    return item;
  }

  createItem(list: DoubleList, body: Record<string, unknown>): DoubleItem {
    const values = this.checkedValues(list, body, undefined);
    const at = isoSeconds(this.now().getTime());
    const item: DoubleItem = { id: list.nextId++, version: 1, created: at, modified: at, values };
    list.items.set(item.id, item);
    this.index(list, item, values);
    return item;
  }

  updateItem(
    list: DoubleList,
    id: number,
    ifMatch: string | undefined,
    body: Record<string, unknown>,
  ): DoubleItem {
    const item = this.item(list, id);
    this.checkEtag(item, ifMatch);
    const values = this.checkedValues(list, body, item);
    this.unindex(list, item, values);
    for (const [k, v] of values) item.values.set(k, v);
    this.index(list, item, values);
    item.version++;
    item.modified = isoSeconds(this.now().getTime());
    return item;
  }

  deleteItem(list: DoubleList, id: number, ifMatch: string | undefined): void {
    const item = this.item(list, id);
    this.checkEtag(item, ifMatch);
    this.unindex(list, item, item.values);
    list.items.delete(id);
  }

  /** Items written straight into a list (a test seeding 50,000 items), with the same checks as a create. */
  seed(list: DoubleList, rows: readonly Record<string, unknown>[]): void {
    for (const row of rows) this.createItem(list, row);
  }

  private checkEtag(item: DoubleItem, ifMatch: string | undefined) {
    if (ifMatch === undefined || ifMatch.trim() === '*') {
      if (this.strictIfMatch)
        throw new SpError(
          428,
          'double.ifMatchRequired',
          'The SharePoint double refuses an item update or delete without the ETag it was read at (If-Match).',
        );
      return;
    }
    if (ifMatch.trim() !== etagOf(item))
      throw new SpError(
        412,
        ERR.etag,
        `The request ETag value '${ifMatch}' does not match the object's ETag value '${etagOf(item)}'.`,
      );
  }

  private checkedValues(list: DoubleList, body: Record<string, unknown>, self: DoubleItem | undefined) {
    const values = new Map<string, unknown>();
    for (const [name, raw] of Object.entries(body)) {
      if (name === '__metadata') continue;
      const f = list.fields.get(name.toLowerCase());
      if (!f || f.ReadOnlyField)
        throw new SpError(
          400,
          ERR.property,
          `The property '${name}' does not exist on type 'SP.Data.${list.title}ListItem'. Make sure to only use property names that are defined by the type.`,
        );
      values.set(f.InternalName.toLowerCase(), storedValue(f, raw));
    }
    for (const [key, index] of list.unique) {
      const v = values.get(key);
      if (v === null || v === undefined) continue;
      const holder = index.get(uniqueKey(v));
      if (holder !== undefined && holder !== self?.id)
        throw new SpError(
          409,
          ERR.duplicate,
          'The list item could not be added or updated because duplicate values were found in one or more fields in the list.',
        );
    }
    return values;
  }

  /** Keeps the unique fields' index in step with the values an item now holds. */
  private index(list: DoubleList, item: DoubleItem, values: Map<string, unknown>) {
    for (const [key, index] of list.unique) {
      const v = values.get(key);
      if (v !== null && v !== undefined) index.set(uniqueKey(v), item.id);
    }
  }

  /** Forgets the values an item is about to change (or, deleted, no longer holds). */
  private unindex(list: DoubleList, item: DoubleItem, changing: Map<string, unknown>) {
    for (const [key, index] of list.unique) {
      if (!changing.has(key)) continue;
      const v = item.values.get(key);
      if (v !== null && v !== undefined && index.get(uniqueKey(v)) === item.id) index.delete(uniqueKey(v));
    }
  }

  // ----- queries -----

  /**
   * Items of a query, in order, after `after` (the position a skiptoken names), at most `top` + 1 (to know if
   * there is a next page). Past the threshold, refused as SharePoint refuses: a filter whose first clause is not
   * on one indexed column, or matches more than the threshold, or an order on an unindexed column.
   */
  query(
    list: DoubleList,
    q: { filter?: string; orderBy: { field: string; ascending: boolean }[]; top: number; after?: Position },
  ): DoubleItem[] {
    let tree: FilterNode | undefined;
    try {
      tree = q.filter ? parseFilter(q.filter) : undefined;
    } catch (e) {
      if (e instanceof FilterSyntaxError)
        throw new SpError(400, ERR.property, `The expression "${q.filter}" is not valid: ${e.message}`);
      throw e;
    }
    const fieldFor = (name: string) => {
      const f = list.fields.get(name.toLowerCase());
      if (!f) throw new SpError(400, ERR.argument, `Field or property "${name}" does not exist.`);
      return f;
    };
    if (tree) for (const name of fieldsOf(tree)) fieldFor(name);
    const order = q.orderBy.map((o) => ({ field: fieldFor(o.field), ascending: o.ascending }));
    if (list.items.size > this.threshold)
      this.checkThreshold(
        list,
        tree,
        order.map((o) => o.field),
        fieldFor,
      );
    let rows = [...list.items.values()];
    if (tree) rows = rows.filter((r) => matches(tree!, r, fieldFor));
    const cmp = (a: DoubleItem, b: DoubleItem) => {
      for (const o of order) {
        const c = compareValues(o.field, valueOf(a, o.field), valueOf(b, o.field));
        if (c !== 0) return o.ascending ? c : -c;
      }
      return 0;
    };
    rows.sort(cmp);
    if (q.after) {
      const after = q.after;
      rows = rows.filter((r) => {
        for (const o of order) {
          const pos = after.values.get(o.field.InternalName.toLowerCase());
          const c = compareValues(o.field, valueOf(r, o.field), pos === undefined ? null : pos);
          if (c !== 0) return o.ascending ? c > 0 : c < 0;
        }
        return false;
      });
    }
    return rows.slice(0, q.top + 1);
  }

  private checkThreshold(
    list: DoubleList,
    tree: FilterNode | undefined,
    orderFields: DoubleField[],
    fieldFor: (n: string) => DoubleField,
  ) {
    const refuse = () =>
      new SpError(
        500,
        ERR.threshold,
        'The attempted operation is prohibited because it exceeds the list view threshold.',
      );
    if (orderFields.some((f) => !f.Indexed)) throw refuse();
    if (!tree) return;
    const first = firstClause(tree);
    const names = new Set(fieldsOf(first).map((n) => n.toLowerCase()));
    if (names.size !== 1 || !fieldFor([...names][0]!).Indexed) throw refuse();
    let count = 0;
    for (const item of list.items.values())
      if (matches(first, item, fieldFor) && ++count > this.threshold) throw refuse();
  }
}

/** A paging position: the ordered fields' values and the id of the last item of the previous page. */
export interface Position {
  values: Map<string, unknown>;
}

export const etagOf = (item: DoubleItem) => `"${item.version}"`;

function valueOf(item: DoubleItem, f: DoubleField): unknown {
  switch (f.InternalName.toLowerCase()) {
    case 'id':
      return item.id;
    case 'created':
      return item.created;
    case 'modified':
      return item.modified;
    default:
      return item.values.get(f.InternalName.toLowerCase()) ?? null;
  }
}

/** What SharePoint keeps of a written value, or a refusal in its words. */
function storedValue(f: DoubleField, raw: unknown): unknown {
  const refuse = (why: string) => new SpError(400, ERR.value, `${why} (field ${f.InternalName}).`);
  if (raw === null || raw === undefined || raw === '') return null;
  switch (f.TypeAsString) {
    case 'Text':
    case 'Note':
      if (typeof raw !== 'string') throw refuse('A text value must be a string');
      if (f.TypeAsString === 'Text' && raw.length > (f.MaxLength ?? 255))
        throw refuse(`The value is longer than ${f.MaxLength ?? 255} characters`);
      if (f.TypeAsString === 'Note' && raw.length > NOTE_LIMIT)
        throw refuse(`The value is longer than ${NOTE_LIMIT} characters`);
      return raw;
    case 'Number':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) throw refuse('A number is required');
      return raw;
    case 'Boolean':
      if (typeof raw !== 'boolean') throw refuse('Yes/No takes true or false');
      return raw;
    case 'DateTime': {
      const ms = typeof raw === 'string' ? Date.parse(raw) : NaN;
      if (Number.isNaN(ms)) throw refuse('A date and time is required');
      return isoSeconds(ms);
    }
    default:
      throw refuse('The field cannot be written');
  }
}

/** Text without regard to case (ASCII letters, as the embedded store); nulls first. */
export function compareValues(f: DoubleField, a: unknown, b: unknown): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  switch (f.TypeAsString) {
    case 'Text':
    case 'Note': {
      const [x, y] = [fold(String(a)), fold(String(b))];
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'DateTime':
      return Date.parse(String(a)) - Date.parse(String(b));
    case 'Boolean':
      return Number(a) - Number(b);
    default:
      return Number(a) - Number(b);
  }
}

function literalFor(f: DoubleField, v: Literal): unknown {
  if (v === null) return null;
  if (typeof v === 'object') return new Date(v.datetime).toISOString();
  if (f.TypeAsString === 'Boolean') return v === true || v === 1;
  if (f.TypeAsString === 'DateTime' && typeof v === 'string') return new Date(Date.parse(v)).toISOString();
  return v;
}

function matches(node: FilterNode, item: DoubleItem, fieldFor: (n: string) => DoubleField): boolean {
  if (node.kind !== 'cmp')
    return node.kind === 'and'
      ? node.parts.every((p) => matches(p, item, fieldFor))
      : node.parts.some((p) => matches(p, item, fieldFor));
  const f = fieldFor(node.field);
  const actual = valueOf(item, f);
  const wanted = literalFor(f, node.value);
  if (wanted === null) return node.op === 'eq' ? actual === null : node.op === 'ne' ? actual !== null : false;
  // A missing value compares with nothing (SQL's NULL): the adapter asks for `or … eq null` where it wants them.
  if (actual === null) return false;
  const c = compareValues(f, actual, wanted);
  switch (node.op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'lt':
      return c < 0;
    case 'le':
      return c <= 0;
    case 'gt':
      return c > 0;
    case 'ge':
      return c >= 0;
  }
}

/**
 * Column values between the Store port and SharePoint's JSON: validated against the list definition with the
 * same rules and messages as the embedded adapter (the port's semantics, not SharePoint's looser ones), and
 * turned into what SharePoint stores and returns.
 */
import type { ColumnDefinition } from '../../ports/lists';
import {
  NOTE_MAX_CHARS,
  StoreError,
  TEXT_MAX_CHARS,
  toStoredDateTime,
  type ColumnValue,
  type Fields,
} from '../../ports/store';
import { fieldName } from './field-names';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export type Columns = ReadonlyMap<string, ColumnDefinition>;

/** A value as written: checked, dates to the whole second (SharePoint keeps no fraction). */
export function encodeValue(col: ColumnDefinition, value: ColumnValue, list: string): ColumnValue {
  if (value === null || value === undefined) return null;
  const bad = () =>
    new StoreError('invalid', `Column "${col.name}" of "${list}" takes ${col.type}, not ${typeof value}.`);
  switch (col.type) {
    case 'text':
    case 'note':
      if (typeof value !== 'string') throw bad();
      if (col.type === 'text' && value.length > TEXT_MAX_CHARS)
        throw new StoreError(
          'invalid',
          `Column "${col.name}" of "${list}" holds at most ${TEXT_MAX_CHARS} characters.`,
        );
      if (col.type === 'note' && value.length > NOTE_MAX_CHARS)
        throw new StoreError(
          'invalid',
          `Column "${col.name}" of "${list}" holds at most ${NOTE_MAX_CHARS} characters (multiple lines of text); this value has ${value.length}.`,
        );
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad();
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw bad();
      return value;
    case 'dateTime':
      return toStoredDateTime(checkedDateTime(col, value, list));
  }
}

export function checkedDateTime(col: ColumnDefinition, value: ColumnValue, list: string): string {
  if (typeof value !== 'string' || !ISO.test(value) || Number.isNaN(Date.parse(value)))
    throw new StoreError('invalid', `Column "${col.name}" of "${list}" takes an ISO 8601 date and time.`);
  return value;
}

/** The request body of a create or update: SharePoint field names, checked values; required columns enforced. */
export function toSharePoint(list: string, cols: Columns, fields: Fields, creating: boolean) {
  const body: Record<string, ColumnValue> = {};
  for (const [name, value] of Object.entries(fields)) {
    const col = cols.get(name);
    if (!col) throw new StoreError('invalid', `List "${list}" has no column "${name}".`);
    const encoded = encodeValue(col, value, list);
    if (encoded === null && col.required)
      throw new StoreError('invalid', `Column "${col.name}" of "${list}" is required.`);
    body[fieldName(name)] = encoded;
  }
  if (creating)
    for (const col of cols.values())
      if (col.required && (body[fieldName(col.name)] === undefined || body[fieldName(col.name)] === null))
        throw new StoreError('invalid', `Column "${col.name}" of "${list}" is required.`);
  return body;
}

/** A value as SharePoint returns it, as the port's type. SharePoint gives back an empty text as null. */
export function decodeValue(col: ColumnDefinition, raw: unknown): ColumnValue {
  if (raw === null || raw === undefined) return null;
  switch (col.type) {
    case 'boolean':
      return raw === true || raw === 1 || raw === '1' || raw === 'true';
    case 'number':
      return typeof raw === 'number' ? raw : Number(raw);
    case 'dateTime':
      return new Date(String(raw)).toISOString();
    default:
      return String(raw);
  }
}

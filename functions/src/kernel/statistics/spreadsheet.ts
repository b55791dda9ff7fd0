/**
 * Text that goes into a spreadsheet or CSV file, made safe against formula injection: a cell that starts with
 * = + - @, a tab or a carriage return is read as a formula by Excel and friends (CSV injection), so such text
 * gets a leading apostrophe, which spreadsheets show as text. Numbers stay numbers (a change of −3 is a number,
 * not text that starts with a minus).
 */
export type SheetValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export const safeText = (s: string) => (FORMULA_START.test(s) ? `'${s}` : s);

/** A CSV field: safe text quoted when it must be (RFC 4180), numbers as they are, nothing as empty. */
export function csvField(v: SheetValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const text = safeText(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV with CRLF line ends and a byte-order mark, so Excel opens UTF-8 names correctly. */
export const csvOf = (rows: readonly (readonly SheetValue[])[]) =>
  `\ufeff${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;

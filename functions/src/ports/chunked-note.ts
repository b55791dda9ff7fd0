/**
 * A long text kept in several multiple-lines-of-text columns of ONE item (`Workflow`, `Workflow2`, …), so it
 * can outgrow SharePoint's 63,999 characters per column and still be written atomically, in one item write.
 */
import { NOTE_MAX_CHARS, StoreError, type Fields, type Item } from './store';

export interface ChunkedNote {
  /** The first column's name; the others are `${name}2` … `${name}${parts}`. */
  name: string;
  parts: number;
}

export const chunkColumns = (note: ChunkedNote): string[] =>
  Array.from({ length: note.parts }, (_, i) => (i === 0 ? note.name : `${note.name}${i + 1}`));

/** How many characters the note can hold in all. */
export const chunkCapacity = (note: ChunkedNote) => note.parts * NOTE_MAX_CHARS;

/** The fields to write: every part, unused ones emptied so nothing stale is left behind. */
export function writeChunks(note: ChunkedNote, text: string, list: string): Fields {
  const fields: Fields = {};
  let rest = text;
  for (const [i, column] of chunkColumns(note).entries()) {
    let cut = Math.min(rest.length, NOTE_MAX_CHARS);
    // Never split a surrogate pair between two columns.
    if (cut < rest.length && /[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    fields[column] = i === 0 || rest.length > 0 ? rest.slice(0, cut) : null;
    rest = rest.slice(cut);
  }
  if (rest.length > 0)
    throw new StoreError(
      'invalid',
      `${note.name} of "${list}" would need ${text.length} characters; it holds at most ${chunkCapacity(note)}.`,
    );
  return fields;
}

export function readChunks(note: ChunkedNote, item: Item): string {
  return chunkColumns(note)
    .map((c) => item.fields[c])
    .map((v) => (typeof v === 'string' ? v : ''))
    .join('');
}

/** Reads what the minutes' files say: a Word file's text through jszip, a PDF's text through pdf.js. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

export async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"');
}

/** Each page's text (pdfjs-dist is ES modules only: run in a child process). */
export function pdfText(bytes: Uint8Array): { pages: string[]; title: string | null } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pph-minutes-')), 'doc.pdf');
  fs.writeFileSync(file, bytes);
  try {
    const out = execFileSync(process.execPath, [path.join(__dirname, '../documents/pdf-text.mjs'), file], {
      encoding: 'utf8',
    });
    return JSON.parse(out) as { pages: string[]; title: string | null };
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** Whether the PDF is tagged and says its language (what a screen reader needs first). */
export async function pdfTagging(
  bytes: Uint8Array,
): Promise<{ lang?: string; marked: boolean; structured: boolean }> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const lang = pdf.catalog.lookupMaybe(PDFName.of('Lang'), PDFString, PDFHexString)?.decodeText();
  const markInfo = pdf.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  return {
    ...(lang ? { lang } : {}),
    marked: markInfo?.get(PDFName.of('Marked'))?.toString() === 'true',
    structured: pdf.catalog.has(PDFName.of('StructTreeRoot')),
  };
}

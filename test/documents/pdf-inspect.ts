/** Reading a compiled PDF back for the tests: text through pdf.js, structure through pdf-lib, pixels through pdftoppm. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';

/** Each page's text and the page labels, as pdf.js (what viewers use) reads them. */
export function pdfText(bytes: Uint8Array): { pages: string[]; labels: string[] | null } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-pdf-text-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, bytes);
    const out = execFileSync(process.execPath, [path.join(__dirname, 'pdf-text.mjs'), file], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(out.toString('utf8')) as { pages: string[]; labels: string[] | null };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface OutlineNode {
  title: string;
  pageIndex: number;
  children: OutlineNode[];
}

const text = (o: unknown) =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;

/** The document's bookmarks as a viewer reads them: titles and the page each opens at. */
export function readOutline(pdf: PDFDocument): OutlineNode[] {
  const outlines = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (!outlines) return [];
  const pageRefs = pdf.getPages().map((p) => p.ref);
  const walk = (first: PDFDict | undefined): OutlineNode[] => {
    const nodes: OutlineNode[] = [];
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const dest = item.lookupMaybe(PDFName.of('Dest'), PDFArray);
      const target = dest?.get(0);
      nodes.push({
        title: text(item.lookup(PDFName.of('Title'))) ?? '',
        pageIndex:
          target instanceof PDFRef
            ? pageRefs.findIndex((r) => r === target || r.toString() === target.toString())
            : -1,
        children: walk(item.lookupMaybe(PDFName.of('First'), PDFDict)),
      });
    }
    return nodes;
  };
  return walk(outlines.lookupMaybe(PDFName.of('First'), PDFDict));
}

/** The structure tree's element types, depth first (Document, H1, P, Table, TR, TH...). */
export function structureTypes(pdf: PDFDocument): string[] {
  const root = pdf.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const types: string[] = [];
  const visit = (node: unknown) => {
    const value = node instanceof PDFRef ? pdf.context.lookup(node) : node;
    if (value instanceof PDFArray) return value.asArray().forEach(visit);
    if (!(value instanceof PDFDict)) return;
    const s = value.get(PDFName.of('S'));
    if (s instanceof PDFName) types.push(s.decodeText());
    const k = value.get(PDFName.of('K'));
    if (k) visit(k);
  };
  if (root) visit(root.get(PDFName.of('K')));
  return types;
}

export const markedTrue = (pdf: PDFDocument) =>
  pdf.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict)?.get(PDFName.of('Marked'))?.toString() === 'true';

export const catalogLang = (pdf: PDFDocument) => text(pdf.catalog.lookup(PDFName.of('Lang')));

/** /PageLabels' number tree as [first page index, style, start] triples. */
export function pageLabelRanges(pdf: PDFDocument): { from: number; style?: string; start?: number }[] {
  const labels = pdf.catalog.lookupMaybe(PDFName.of('PageLabels'), PDFDict);
  const nums = labels?.lookupMaybe(PDFName.of('Nums'), PDFArray)?.asArray() ?? [];
  const ranges: { from: number; style?: string; start?: number }[] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) {
    const dict = pdf.context.lookup(nums[i + 1]);
    if (!(dict instanceof PDFDict)) continue;
    const style = dict.get(PDFName.of('S'));
    const start = dict.get(PDFName.of('St'));
    ranges.push({
      from: (nums[i] as PDFNumber).asNumber(),
      ...(style instanceof PDFName ? { style: style.decodeText() } : {}),
      ...(start instanceof PDFNumber ? { start: start.asNumber() } : {}),
    });
  }
  return ranges;
}

/** Renders page `page` (1-based) to test-results/<name>.png with poppler's pdftoppm; returns the file. */
export function renderPagePng(bytes: Uint8Array, name: string, page = 1): string {
  const dir = path.join(__dirname, '../../test-results');
  fs.mkdirSync(dir, { recursive: true });
  const pdfFile = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(pdfFile, bytes);
  const prefix = path.join(dir, name);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdfFile,
    prefix,
  ]);
  return `${prefix}.png`;
}

/** Every font the document uses, by name, and whether its program is embedded. */
export function fonts(pdf: PDFDocument): { name: string; embedded: boolean }[] {
  const out: { name: string; embedded: boolean }[] = [];
  for (const [, obj] of pdf.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    if (obj.get(PDFName.of('Type'))?.toString() !== '/FontDescriptor') continue;
    const name = obj.get(PDFName.of('FontName'));
    out.push({
      name: name instanceof PDFName ? name.decodeText() : '',
      embedded: ['FontFile', 'FontFile2', 'FontFile3'].some((k) => obj.has(PDFName.of(k))),
    });
  }
  return out;
}

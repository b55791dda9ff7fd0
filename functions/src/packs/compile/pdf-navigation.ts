/**
 * Bookmarks (the outline) and page labels written with pdf-lib's low-level objects, which it has no high-level
 * API for. Bookmarks open at the top of their page; labels number the pages 1, 2, 3... as printed on them.
 */
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFNull,
  type PDFDocument,
  type PDFRef,
} from 'pdf-lib';
import type { OutlineEntry } from './model';

export function writeOutline(pdf: PDFDocument, entries: OutlineEntry[]): void {
  if (!entries.length) return;
  const ctx = pdf.context;
  const pages = pdf.getPages();
  const rootRef = ctx.nextRef();
  const level = (items: OutlineEntry[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = items.map(() => ctx.nextRef());
    let count = items.length;
    items.forEach((item, i) => {
      const dict = PDFDict.withContext(ctx);
      dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
      dict.set(PDFName.of('Parent'), parent);
      const dest = PDFArray.withContext(ctx);
      dest.push(pages[item.pageIndex]!.ref);
      dest.push(PDFName.of('XYZ'));
      dest.push(PDFNull);
      dest.push(PDFNull);
      dest.push(PDFNull);
      dict.set(PDFName.of('Dest'), dest);
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      if (item.children.length) {
        const sub = level(item.children, refs[i]!);
        dict.set(PDFName.of('First'), sub.first);
        dict.set(PDFName.of('Last'), sub.last);
        // Positive: shown open, so the papers are visible under their section.
        dict.set(PDFName.of('Count'), PDFNumber.of(sub.count));
        count += sub.count;
      }
      ctx.assign(refs[i]!, dict);
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, count };
  };
  const top = level(entries, rootRef);
  const root = PDFDict.withContext(ctx);
  root.set(PDFName.of('Type'), PDFName.of('Outlines'));
  root.set(PDFName.of('First'), top.first);
  root.set(PDFName.of('Last'), top.last);
  root.set(PDFName.of('Count'), PDFNumber.of(top.count));
  ctx.assign(rootRef, root);
  pdf.catalog.set(PDFName.of('Outlines'), rootRef);
  pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** One numbering throughout, papers included: decimal from 1, as "Page N of M" prints it. */
export function writeDecimalPageLabels(pdf: PDFDocument): void {
  const ctx = pdf.context;
  const style = PDFDict.withContext(ctx);
  style.set(PDFName.of('S'), PDFName.of('D'));
  style.set(PDFName.of('St'), PDFNumber.of(1));
  const nums = PDFArray.withContext(ctx);
  nums.push(PDFNumber.of(0));
  nums.push(style);
  const labels = PDFDict.withContext(ctx);
  labels.set(PDFName.of('Nums'), nums);
  pdf.catalog.set(PDFName.of('PageLabels'), ctx.register(labels));
}

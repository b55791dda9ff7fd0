/**
 * Merges the papers' pages into the authored PDF after their section. The authored PDF stays the base document,
 * so its structure tree, /MarkInfo and /Lang carry through; the papers' pages lose their links into their own
 * structure trees, which are not carried over (those would point into ours and mislead a screen reader).
 */
import { PDFArray, PDFDict, PDFName, type PDFDocument } from 'pdf-lib';

export async function insertPaperPages(base: PDFDocument, at: number, paper: PDFDocument): Promise<number> {
  const copied = await base.copyPages(paper, paper.getPageIndices());
  copied.forEach((page, i) => {
    page.node.delete(PDFName.of('StructParents'));
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    annots?.asArray().forEach((a) => {
      const annot = base.context.lookup(a);
      if (annot instanceof PDFDict) annot.delete(PDFName.of('StructParent'));
    });
    base.insertPage(at + i, page);
  });
  return copied.length;
}

/**
 * Reads, checks and (for Word) converts each paper of the pack: a PDF to merge, or a Word paper to list with its
 * link when no converter is configured. Anything else fails the paper's part with a message a person can act on.
 */
import { PDFDocument } from 'pdf-lib';
import { checkPaper } from '../../kernel/documents/paper-checks';
import { DomainError } from '../../kernel/errors';
import type { DocumentStore } from '../../ports/documents';
import type { PaperConverter } from '../../ports/paper-converter';
import type { PackPaper } from './model';

export type LoadedPaper =
  | { merged: true; title: string; pdf: PDFDocument; pageCount: number }
  | { merged: false; title: string; url?: string; reason: string };

export async function loadPaper(
  paper: PackPaper,
  deps: { documents: DocumentStore; converter?: PaperConverter | undefined },
): Promise<LoadedPaper> {
  const label = `The paper "${paper.title}"`;
  const bytes = paper.load
    ? await paper.load()
    : (await deps.documents.get(paper.document.library, paper.document.name, paper.document.version))?.bytes;
  if (!bytes)
    throw new DomainError(
      'not_found',
      `${label} is not in the document library (${paper.document.library}/${paper.document.name}${paper.document.version ? `, version ${paper.document.version}` : ''}). Upload it again or remove it from the agenda.`,
    );
  const checked = await checkPaper(bytes, label);
  let pdfBytes = bytes;
  if (checked.kind === 'word') {
    if (!deps.converter)
      return {
        merged: false,
        title: paper.title,
        ...(paper.url ? { url: paper.url } : {}),
        reason: 'a Word paper, and no converter to PDF is configured',
      };
    try {
      pdfBytes = await deps.converter.toPdf({
        bytes,
        fileName: paper.document.name,
        document: paper.document,
      });
    } catch {
      throw new DomainError(
        'internal',
        `${label} is a Word document that ${deps.converter.name} could not convert to PDF. Open it in Word, save it as PDF, and upload that instead.`,
      );
    }
    await checkPaper(pdfBytes, `${label} (converted to PDF)`);
  }
  const pdf = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  return { merged: true, title: paper.title, pdf, pageCount: pdf.getPageCount() };
}

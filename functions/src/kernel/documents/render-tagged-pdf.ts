/**
 * A tagged PDF from headings, paragraphs, lists, tables and notes (minutes, notes, anything the hub writes):
 * titled (shown in the title bar), language-marked, fonts embedded, page numbers on every page.
 */
import { PDFDocument } from 'pdf-lib';
import { stampPageFurniture } from './page-furniture';
import type { TaggedPdfModel } from './tagged-model';
import { TaggedWriter } from './tagged-writer';
import { writeXmpMetadata } from './xmp';

export type { TaggedBlock, TaggedPdfModel } from './tagged-model';

export async function renderTaggedPdf(model: TaggedPdfModel, now: Date = new Date()): Promise<Uint8Array> {
  const lang = model.lang ?? 'en-GB';
  const w = new TaggedWriter({
    title: model.title,
    lang,
    ...(model.subject ? { subject: model.subject } : {}),
  });
  w.heading(model.title, 1);
  if (model.subtitle) w.paragraph(model.subtitle);
  for (const block of model.blocks) w.block(block);
  return finishTaggedPdf(await w.finish(), {
    title: model.title,
    lang,
    now,
    ...(model.marking ? { marking: model.marking } : {}),
  });
}

/** Page furniture and metadata over what pdfkit wrote; the tags, /Lang and /MarkInfo pass through unchanged. */
export async function finishTaggedPdf(
  bytes: Uint8Array,
  opts: { title: string; lang: string; now: Date; marking?: string; left?: string },
): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  await stampPageFurniture(pdf, {
    ...(opts.marking ? { marking: opts.marking } : {}),
    ...(opts.left ? { left: opts.left } : {}),
  });
  pdf.setTitle(opts.title, { showInWindowTitleBar: true });
  pdf.setLanguage(opts.lang);
  pdf.setProducer('Prevent Partnership Hub');
  pdf.setModificationDate(opts.now);
  writeXmpMetadata(pdf, { title: opts.title, lang: opts.lang, when: opts.now });
  return pdf.save();
}

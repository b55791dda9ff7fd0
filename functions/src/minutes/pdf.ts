/**
 * Renders a document model to PDF through the hub's one tagged-PDF writer (kernel/documents): tagged, titled,
 * language-marked, fonts embedded, page numbers on every page; a restricted copy marked on every page.
 */
import { renderTaggedPdf, type TaggedBlock } from '../kernel/documents';
import type { Block, DocumentModel } from './document-model';

function tagged(b: Block): TaggedBlock[] {
  switch (b.kind) {
    // The document's title is its level-1 heading already.
    case 'heading':
      return b.level === 1 ? [] : [{ kind: 'heading', text: b.text, level: b.level }];
    case 'paragraph':
      return [{ kind: 'paragraph', text: b.text }];
    case 'list':
      return [{ kind: 'list', items: b.items }];
    case 'table':
      return [{ kind: 'table', caption: b.caption, header: b.header, rows: b.rows }];
  }
}

export function renderPdf(model: DocumentModel, now: Date): Promise<Uint8Array> {
  return renderTaggedPdf(
    {
      title: model.title,
      lang: model.lang,
      subject: model.subject,
      blocks: model.blocks.flatMap(tagged),
      ...(model.marking ? { marking: model.marking } : {}),
    },
    now,
  );
}

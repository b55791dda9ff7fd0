/**
 * Renders a document model to PDF: tagged (headings, paragraphs, lists, tables as structure), titled and
 * language-marked, so that a screen reader reads it as the Word copy reads.
 */
import PDFDocument from 'pdfkit';
import type { Block, DocumentModel } from './document-model';

const SIZES = { 1: 18, 2: 14, 3: 12 } as const;

export function renderPdf(model: DocumentModel): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    tagged: true,
    lang: model.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: model.title, Subject: model.subject, Creator: 'Prevent Partnership Hub' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const text =
    (s: string, size: number, bold = false) =>
    () => {
      doc
        .font(bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(size)
        .text(s);
    };
  const add = (b: Block) => {
    switch (b.kind) {
      case 'heading':
        root.add(doc.struct(`H${b.level}`, {}, text(b.text, SIZES[b.level], true)));
        doc.moveDown(0.3);
        return;
      case 'paragraph':
        root.add(doc.struct('P', {}, text(b.text, 11)));
        doc.moveDown(0.5);
        return;
      case 'list': {
        const list = doc.struct('L');
        root.add(list);
        for (const item of b.items)
          list.add(doc.struct('LI', {}, [doc.struct('LBody', {}, text(`•  ${item}`, 11))]));
        doc.moveDown(0.5);
        return;
      }
      case 'table': {
        // One row to a line group: each data cell says which column it is, so it reads without the grid.
        const table = doc.struct('Table');
        root.add(table);
        table.add(
          doc.struct(
            'TR',
            {},
            b.header.map((h) => doc.struct('TH', {}, text(h, 10, true))),
          ),
        );
        for (const r of b.rows)
          table.add(
            doc.struct(
              'TR',
              {},
              r.map((c, i) => doc.struct('TD', {}, text(`${b.header[i] ?? ''}: ${c}`, 10))),
            ),
          );
        doc.moveDown(0.5);
        return;
      }
    }
  };
  for (const b of model.blocks) add(b);
  root.end();
  doc.end();
  return done;
}

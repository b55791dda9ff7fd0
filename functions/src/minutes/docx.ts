/** Renders a document model to Word (.docx) with `docx`: real headings, lists and table header rows. */
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, DocumentModel } from './document-model';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function cell(text: string, bold = false) {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
}

function render(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ text: b.text, heading: HEADINGS[b.level] })];
    case 'paragraph':
      return [new Paragraph({ text: b.text })];
    case 'list':
      return b.items.map((text) => new Paragraph({ text, bullet: { level: 0 } }));
    case 'table':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: b.header.map((h) => cell(h, true)) }),
            ...b.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
          ],
        }),
        new Paragraph({ text: '' }),
      ];
  }
}

export async function renderDocx(model: DocumentModel): Promise<Uint8Array> {
  const marking = model.marking
    ? [new Paragraph({ children: [new TextRun({ text: model.marking, bold: true })] })]
    : [];
  const doc = new Document({
    title: model.title,
    subject: model.subject,
    creator: 'Prevent Partnership Hub',
    styles: { default: { document: { run: { language: { value: model.lang } } } } },
    sections: [{ children: [...marking, ...model.blocks.flatMap(render)] }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

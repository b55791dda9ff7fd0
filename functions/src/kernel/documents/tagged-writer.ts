/**
 * Writes the hub's tagged PDFs with pdfkit: every heading, paragraph, list, table and note is a structure element
 * (H1/H2/H3, P, L/LI, Table/TR/TH/TD), the document is titled and language-marked, and decoration (rules, the
 * note's bar) is marked as an artifact so that a screen reader skips it. Page furniture (numbers, markings) is
 * stamped afterwards over the finished pages, also as artifacts (page-furniture.ts).
 */
// Required, not imported: a bundler then takes pdfkit's CommonJS build, whose data files resolve from
// __filename; its ES module build resolves them from import.meta.url, which a CommonJS bundle lacks.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import PDFDocument = require('pdfkit');
import { pdfFonts } from './fonts';
import type { TaggedBlock } from './tagged-model';

export const PAGE = { width: 595.28, height: 841.89, margin: 64, top: 72, bottom: 80 } as const;
const INK = '#1b1b1b';
const MUTED = '#4a4a4a';
const ACCENT = '#1d4f91';

type Struct = PDFKit.PDFStructureElement;
type TableWithStructure = PDFKit.Mixins.TableOptionsWithData & { structParent: Struct };

export class TaggedWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly root: Struct;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Uint8Array>;

  constructor(opts: { title: string; lang?: string; subject?: string }) {
    const fonts = pdfFonts();
    this.doc = new PDFDocument({
      font: fonts.regular,
      size: 'A4',
      margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.margin, right: PAGE.margin },
      tagged: true,
      lang: opts.lang ?? 'en-GB',
      displayTitle: true,
      pdfVersion: '1.7',
      bufferPages: true,
      info: {
        Title: opts.title,
        ...(opts.subject ? { Subject: opts.subject } : {}),
        Creator: 'Prevent Partnership Hub',
      },
    });
    this.doc.registerFont('Body', fonts.regular);
    this.doc.registerFont('Bold', fonts.bold);
    this.doc.font('Body').fontSize(11).fillColor(INK);
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(new Uint8Array(Buffer.concat(this.chunks))));
      this.doc.on('error', reject);
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  /** 0-based index of the page being written. */
  get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  get pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  newPage(): void {
    this.doc.addPage();
  }

  /** Starts a new page unless at least `height` points are left on this one (keeps a heading with its text). */
  keep(height: number): void {
    if (this.doc.y + height > PAGE.height - PAGE.bottom) this.doc.addPage();
  }

  heading(text: string, level: 1 | 2 | 3, parent: Struct = this.root): void {
    const size = level === 1 ? 20 : level === 2 ? 15 : 12.5;
    this.keep(size * 4);
    if (level > 1 && this.doc.y > PAGE.top + 1) this.doc.moveDown(0.6);
    parent.add(
      this.doc.struct(`H${level}`, {}, [
        () =>
          this.doc
            .font('Bold')
            .fontSize(size)
            .fillColor(level === 1 ? ACCENT : INK)
            .text(text),
      ]),
    );
    this.doc
      .font('Body')
      .fontSize(11)
      .fillColor(INK)
      .moveDown(level === 1 ? 0.6 : 0.3);
  }

  paragraph(
    text: string,
    parent: Struct = this.root,
    opts: { size?: number; color?: string; link?: string } = {},
  ): void {
    parent.add(
      this.doc.struct('P', {}, [
        () =>
          this.doc
            .font('Body')
            .fontSize(opts.size ?? 11)
            .fillColor(opts.color ?? INK)
            .text(text, { lineGap: 2, ...(opts.link ? { link: opts.link, underline: true } : {}) }),
      ]),
    );
    this.doc.fillColor(INK).moveDown(0.5);
  }

  block(block: TaggedBlock, parent: Struct = this.root): void {
    switch (block.kind) {
      case 'heading':
        return this.heading(block.text, block.level ?? 2, parent);
      case 'paragraph':
        return this.paragraph(block.text, parent);
      case 'list':
        return this.list(block.items, block.ordered ?? false, parent);
      case 'table':
        return this.table(block, parent);
      case 'note':
        return this.note(block.text, parent);
    }
  }

  list(items: string[], ordered: boolean, parent: Struct): void {
    if (!items.length) return;
    const list = this.doc.struct('L');
    parent.add(list);
    this.doc.font('Body').fontSize(11).fillColor(INK);
    this.doc.list(items, {
      structParent: list,
      listType: ordered ? 'numbered' : 'bullet',
      bulletRadius: 2,
      textIndent: 14,
      lineGap: 2,
    });
    list.end();
    this.doc.moveDown(0.5);
  }

  table(t: { caption: string; header: string[]; rows: string[][] }, parent: Struct): void {
    this.keep(80);
    this.doc.x = PAGE.margin;
    this.paragraph(t.caption, parent, { size: 10, color: MUTED });
    this.doc.moveUp(0.3);
    this.doc.font('Body').fontSize(9.5).fillColor(INK);
    const width = t.header.length || Math.max(1, ...t.rows.map((r) => r.length));
    const options: TableWithStructure = {
      structParent: parent,
      data: [
        t.header.map((text) => ({ text, type: 'TH' as const, scope: 'Column', font: { src: 'Bold' } })),
        ...t.rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')),
      ],
      defaultStyle: { padding: 4, border: 0.5, borderColor: '#8a8a8a' },
      rowStyles: (row: number) => (row === 0 ? { backgroundColor: '#e6edf5' } : undefined),
    };
    this.doc.table(options);
    this.doc.x = PAGE.margin;
    this.doc.font('Body').fontSize(11).moveDown(0.8);
  }

  note(text: string, parent: Struct): void {
    this.doc.font('Body').fontSize(10.5);
    const width = PAGE.width - 2 * PAGE.margin - 14;
    const height = this.doc.heightOfString(text, { width, lineGap: 2 });
    this.keep(height + 8);
    const top = this.doc.y;
    this.artifact(() => this.doc.rect(PAGE.margin, top - 2, 3, height + 4).fill(ACCENT));
    this.doc.fillColor(INK);
    parent.add(
      this.doc.struct('P', {}, [
        () =>
          this.doc
            .font('Body')
            .fontSize(10.5)
            .fillColor(MUTED)
            .text(text, PAGE.margin + 14, top, { width, lineGap: 2 }),
      ]),
    );
    this.doc.x = PAGE.margin;
    this.doc.fillColor(INK).font('Body').fontSize(11).moveDown(0.8);
  }

  /** A horizontal rule, as decoration. */
  rule(): void {
    const y = this.doc.y;
    this.artifact(() =>
      this.doc
        .moveTo(PAGE.margin, y)
        .lineTo(PAGE.width - PAGE.margin, y)
        .lineWidth(0.75)
        .stroke('#8a8a8a'),
    );
    this.doc.moveDown(0.6);
  }

  artifact(draw: () => void): void {
    this.doc.save();
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
    this.doc.restore();
  }

  async finish(): Promise<Uint8Array> {
    this.root.end();
    this.doc.end();
    return this.done;
  }
}

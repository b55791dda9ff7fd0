/**
 * Stamps the furniture on every page of a finished PDF, papers included: "Page N of M" and an optional marking
 * (e.g. the restricted copy's) at the foot, marked as artifacts so that a screen reader does not read them.
 * The text is set by pdfkit on a sheet of transparent pages the size of the document's (pdfkit subsets and embeds
 * the font once; pdf-lib's own subsetting drops glyphs of this font), and each sheet is drawn over its page.
 */
// Required, not imported: a bundler then takes pdfkit's CommonJS build, whose data files resolve from
// __filename; its ES module build resolves them from import.meta.url, which a CommonJS bundle lacks.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import PDFKitDocument = require('pdfkit');
import {
  beginMarkedContent,
  degrees,
  endMarkedContent,
  popGraphicsState,
  pushGraphicsState,
  type PDFDocument,
} from 'pdf-lib';
import { pdfFonts } from './fonts';

const SIZE = 9;
const INSET = 48;
const FOOT = 30;

export async function stampPageFurniture(
  pdf: PDFDocument,
  opts: { left?: string; marking?: string } = {},
): Promise<void> {
  const pages = pdf.getPages();
  if (!pages.length) return;
  const boxes = pages.map((p) => p.getCropBox());
  // A paper's page may be turned (/Rotate): the furniture is set for the page as it is shown, and drawn turned
  // back so that it reads upright at the foot of the page as shown.
  const turns = pages.map((p) => (((p.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270);
  const sheet = await footerSheet(
    boxes.map((b, i) =>
      turns[i]! % 180 ? { width: b.height, height: b.width } : { width: b.width, height: b.height },
    ),
    opts,
  );
  const embedded = await pdf.embedPdf(
    sheet,
    boxes.map((_, i) => i),
  );
  pages.forEach((page, i) => {
    const box = boxes[i]!;
    const turn = turns[i]!;
    const at = {
      0: { x: box.x, y: box.y },
      90: { x: box.x + box.width, y: box.y },
      180: { x: box.x + box.width, y: box.y + box.height },
      270: { x: box.x, y: box.y + box.height },
    }[turn];
    page.pushOperators(pushGraphicsState(), beginMarkedContent('Artifact'));
    page.drawPage(embedded[i]!, { ...at, rotate: degrees(turn) });
    page.pushOperators(endMarkedContent(), popGraphicsState());
  });
}

function footerSheet(
  sizes: { width: number; height: number }[],
  opts: { left?: string; marking?: string },
): Promise<Uint8Array> {
  const doc = new PDFKitDocument({ autoFirstPage: false, margin: 0, font: pdfFonts().regular });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.registerFont('Body', pdfFonts().regular);
  const left = [opts.marking, opts.left].filter(Boolean).join(' · ');
  sizes.forEach((size, i) => {
    doc.addPage({ size: [size.width, size.height], margin: 0 });
    doc.font('Body').fontSize(SIZE);
    const number = `Page ${i + 1} of ${sizes.length}`;
    const numberWidth = doc.widthOfString(number);
    const y = size.height - FOOT - SIZE;
    doc.fillColor('#404040').text(number, size.width - INSET - numberWidth, y, { lineBreak: false });
    if (left)
      doc.fillColor(opts.marking ? '#990d0d' : '#404040').text(left, INSET, y, {
        width: size.width - 2 * INSET - numberWidth - 24,
        height: SIZE * 1.5,
        ellipsis: true,
        lineBreak: false,
      });
  });
  doc.end();
  return done;
}

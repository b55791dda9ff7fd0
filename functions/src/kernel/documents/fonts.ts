/**
 * The hub's PDFs embed Noto Sans (SIL Open Font License, from @expo-google-fonts/noto-sans as TrueType): PDF/UA
 * wants every font embedded, which PDF's 14 standard fonts are not. Where the font files cannot be read (a
 * bundle deployed without them), PDFs are still written, in Helvetica, rather than not at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { create } from 'fontkit';

export interface HubFonts {
  /** Font data, or a standard font's name when the files are missing. */
  regular: Buffer | string;
  bold: Buffer | string;
  embedded: boolean;
}

let cached: HubFonts | undefined;

export function hubFonts(): HubFonts {
  if (!cached) {
    try {
      // The Azure bundle carries the two files in fonts/ beside itself (functions/scripts/bundle.js copies them).
      const read = (file: string) => {
        const beside = path.join(__dirname, 'fonts', path.basename(file));
        return fs.readFileSync(
          fs.existsSync(beside) ? beside : require.resolve(`@expo-google-fonts/noto-sans/${file}`),
        );
      };
      cached = {
        regular: read('400Regular/NotoSans_400Regular.ttf'),
        bold: read('700Bold/NotoSans_700Bold.ttf'),
        embedded: true,
      };
    } catch {
      cached = { regular: 'Helvetica', bold: 'Helvetica-Bold', embedded: false };
    }
  }
  return cached;
}

/**
 * A font as pdfkit's documents take it: in registerFont, and as the `font` a document starts in (without one,
 * pdfkit loads Helvetica's metrics through a module path a bundle cannot follow: the Azure bundle failed on every
 * PDF).
 */
export type PdfFont = string;

let parsed: { regular: PdfFont; bold: PdfFont } | undefined;

/**
 * The hub's fonts parsed once per process, for every pdfkit document. Given font data, pdfkit parses it again
 * on every font change it cannot find by name, and its tables restore the font after each cell by the data, not
 * the name: a pack's tables spent 70 % of 2.4 s re-parsing Noto Sans, all on the event loop. Given a parsed font
 * (a fontkit font, which pdfkit's font loader takes as it is), nothing is parsed twice. pdfkit's types name only
 * a font's name (hence the type).
 */
export function pdfFonts(): { regular: PdfFont; bold: PdfFont } {
  if (!parsed) {
    const fonts = hubFonts();
    const ready = (f: Buffer | string) => (typeof f === 'string' ? f : (create(f) as unknown as PdfFont));
    parsed = { regular: ready(fonts.regular), bold: ready(fonts.bold) };
  }
  return parsed;
}

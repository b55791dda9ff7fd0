/**
 * The hub's PDFs embed Noto Sans (SIL Open Font License, from @expo-google-fonts/noto-sans as TrueType): PDF/UA
 * wants every font embedded, which PDF's 14 standard fonts are not. Where the font files cannot be read (a
 * bundle deployed without them), PDFs are still written, in Helvetica, rather than not at all.
 */
import fs from 'node:fs';
import path from 'node:path';

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

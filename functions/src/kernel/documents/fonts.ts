/**
 * The hub's PDFs embed Noto Sans (SIL Open Font License, from @expo-google-fonts/noto-sans as TrueType): PDF/UA
 * wants every font embedded, which PDF's 14 standard fonts are not.
 */
import fs from 'node:fs';

const resolveFont = (file: string) => require.resolve(`@expo-google-fonts/noto-sans/${file}`);

let cached: { regular: Buffer; bold: Buffer } | undefined;

export function hubFonts(): { regular: Buffer; bold: Buffer } {
  cached ??= {
    regular: fs.readFileSync(resolveFont('400Regular/NotoSans_400Regular.ttf')),
    bold: fs.readFileSync(resolveFont('700Bold/NotoSans_700Bold.ttf')),
  };
  return cached;
}

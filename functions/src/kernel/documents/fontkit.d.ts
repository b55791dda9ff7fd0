/** fontkit ships no declarations: only what fonts.ts uses (a parsed font, handed to pdfkit as it is). */
declare module 'fontkit' {
  export function create(buffer: Uint8Array): object;
}

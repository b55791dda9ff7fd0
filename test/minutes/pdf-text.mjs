// Prints a PDF's page texts and title as pdf.js reads them, as JSON: node pdf-text.mjs file.pdf
import fs from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const pdf = await getDocument({ data, verbosity: 0 }).promise;
const pages = [];
for (let i = 1; i <= pdf.numPages; i++) {
  const content = await (await pdf.getPage(i)).getTextContent();
  pages.push(
    content.items
      .map((item) => ('str' in item ? item.str : ''))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}
const meta = await pdf.getMetadata();
process.stdout.write(JSON.stringify({ pages, title: meta.info?.Title ?? null }));

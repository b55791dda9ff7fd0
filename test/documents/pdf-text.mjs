// Prints each page's text, the page labels and the title as pdf.js reads them, as JSON: node pdf-text.mjs file.pdf
// (pdfjs-dist is ES modules only; the tests run this in a child process rather than teach jest to load it).
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
const labels = await pdf.getPageLabels();
const meta = await pdf.getMetadata();
process.stdout.write(JSON.stringify({ pages, labels, title: meta.info?.Title ?? null }));

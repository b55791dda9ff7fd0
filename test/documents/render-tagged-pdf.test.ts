import { PDFDocument } from 'pdf-lib';
import { renderTaggedPdf } from '@pph/functions/kernel/documents';
import { catalogLang, fonts, markedTrue, pdfText, renderPagePng, structureTypes } from './pdf-inspect';

it('writes a titled, language-marked, tagged PDF of headings, paragraphs, lists, tables and notes', async () => {
  const bytes = await renderTaggedPdf(
    {
      title: 'Prevent Board minutes, 9 March 2027',
      subtitle: 'Draft for circulation to attendees',
      blocks: [
        { kind: 'heading', text: '1. Apologies' },
        { kind: 'paragraph', text: 'Apologies were received from the probation service and the college.' },
        { kind: 'heading', text: '2. Actions' },
        { kind: 'list', items: ['Refresh the CTLP summary', 'Circulate the training offer'] },
        {
          kind: 'table',
          caption: 'Table 1: actions carried forward',
          header: ['Action', 'Owner', 'Due'],
          rows: [
            ['Refresh the CTLP summary', 'Police', '2027-04-30'],
            ['Circulate the training offer', 'Local authority', '2027-05-14'],
          ],
        },
        { kind: 'note', text: 'Counts under 5 are suppressed.' },
      ],
    },
    new Date('2027-03-10T09:00:00Z'),
  );
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  expect(pdf.getTitle()).toBe('Prevent Board minutes, 9 March 2027');
  expect(catalogLang(pdf)).toBe('en-GB');
  expect(markedTrue(pdf)).toBe(true);
  const types = structureTypes(pdf);
  for (const t of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Table', 'TR', 'TH', 'TD'])
    expect(types).toContain(t);
  expect(types.filter((t) => t === 'TH')).toHaveLength(3);
  // Every font embedded (PDF/UA): Noto Sans, regular and bold, in the text and in the page numbers.
  const used = fonts(pdf);
  expect(used.length).toBeGreaterThanOrEqual(2);
  expect(used.every((f) => f.embedded && /NotoSans/.test(f.name))).toBe(true);
  const { pages } = pdfText(bytes);
  expect(pages[0]).toContain('Prevent Board minutes, 9 March 2027');
  expect(pages[0]).toContain('Circulate the training offer');
  expect(pages[0]).toContain('Page 1 of 1');
  renderPagePng(bytes, 'tagged-pdf-page-1');
});

import JSZip from 'jszip';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';
import { MemoryDocumentStore } from '@pph/functions/adapters/documents/memory-documents';
import { compilePack } from '@pph/functions/packs/compile/compile-pack';
import type { PackDocumentInput, PackProgress } from '@pph/functions/packs/compile/model';
import {
  catalogLang,
  markedTrue,
  pageLabelRanges,
  pdfText,
  readOutline,
  renderPagePng,
  structureTypes,
} from '../../documents/pdf-inspect';

async function paperPdf(name: string, pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++)
    pdf.addPage([595.28, 841.89]).drawText(`${name} sheet ${i}`, { x: 72, y: 700, size: 18, font });
  return pdf.save();
}

async function wordPaper(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('word/document.xml', '<w:document/>');
  return zip.generateAsync({ type: 'uint8array' });
}

const LONG = Array.from(
  { length: 14 },
  (_, i) =>
    `Paragraph ${i + 1}. Partners reported on referrals, training and the delivery plan; the Board noted the figures and asked for the next quarter's returns to show the same measures, so that trends can be read across the year.`,
);

async function input(documents: MemoryDocumentStore): Promise<PackDocumentInput> {
  await documents.put('board-papers', 'M-2027-03--threat-picture.pdf', await paperPdf('Threat picture', 3), {
    contentType: 'application/pdf',
  });
  const training = await paperPdf('Training offer', 2);
  const word = await wordPaper();
  return {
    cover: {
      title: 'Prevent Board pack',
      subtitle: 'Quarterly meeting of the Prevent Board',
      meetingDate: '2027-03-09',
      status: 'draft',
      version: 2,
      copy: 'public',
    },
    sections: [
      {
        id: 'agenda',
        title: 'Agenda',
        blocks: [
          {
            kind: 'list',
            ordered: true,
            items: ['Apologies', 'Minutes of the last meeting', 'Threat picture'],
          },
        ],
        papers: [],
      },
      {
        id: 'minutes',
        title: 'Minutes of the last meeting',
        blocks: [
          { kind: 'heading', text: 'Discussion' },
          ...LONG.map((text) => ({ kind: 'paragraph' as const, text })),
        ],
        papers: [],
      },
      {
        id: 'threat',
        title: 'Threat picture and CTLP update',
        blocks: [
          {
            kind: 'table',
            caption: 'Referrals by month',
            header: ['Month', 'Referrals'],
            rows: [
              ['January', '12'],
              ['February', '9'],
            ],
          },
          { kind: 'note', text: 'Counts under 5 are suppressed.' },
        ],
        papers: [
          {
            title: 'Threat picture (police)',
            kind: 'pdf',
            document: { library: 'board-papers', name: 'M-2027-03--threat-picture.pdf' },
          },
          {
            title: 'Training offer',
            kind: 'pdf',
            document: { library: 'board-papers', name: 'training.pdf' },
            load: async () => training,
          },
          {
            title: 'Channel panel terms of reference',
            kind: 'word',
            document: { library: 'board-papers', name: 'channel-tor.docx' },
            url: 'https://council.example/sites/prevent/board-papers/channel-tor.docx',
            load: async () => word,
          },
        ],
      },
      { id: 'aob', title: 'Any other business', blocks: [{ kind: 'paragraph', text: 'None.' }], papers: [] },
    ],
  };
}

it('compiles one PDF: bookmarks match the contents and open the right pages, one numbering throughout, labels, title, language, tags', async () => {
  const documents = new MemoryDocumentStore();
  const progress: PackProgress[] = [];
  const result = await compilePack(await input(documents), {
    documents,
    onProgress: (p) => progress.push(p),
  });
  if (!result.ok) throw new Error(`${result.failedPart.id}: ${result.message}`);

  const pdf = await PDFDocument.load(result.pdf, { updateMetadata: false });
  const { pages, labels } = pdfText(result.pdf);
  // cover, contents, agenda, minutes (two pages of text), threat picture, 3 + 2 pages of papers, any other business
  expect(result.pageCount).toBe(pdf.getPageCount());
  expect(pages).toHaveLength(result.pageCount);
  expect(result.pageCount).toBeGreaterThanOrEqual(11);

  // One numbering throughout, on every page, papers included; the labels say the same.
  pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`));
  expect(labels).toEqual(pages.map((_, i) => String(i + 1)));
  expect(pageLabelRanges(pdf)).toEqual([{ from: 0, style: 'D', start: 1 }]);

  // Bookmarks: one per section, papers beneath, each opening the page the contents gives.
  const outline = readOutline(pdf);
  expect(outline.map((o) => o.title)).toEqual([
    'Agenda',
    'Minutes of the last meeting',
    'Threat picture and CTLP update',
    'Any other business',
  ]);
  expect(outline).toEqual(result.outline);
  const threat = outline[2]!;
  expect(threat.children.map((c) => c.title)).toEqual([
    'Threat picture (police)',
    'Training offer',
    'Channel panel terms of reference',
  ]);
  for (const section of outline) expect(pages[section.pageIndex]).toContain(section.title);
  expect(pages[threat.children[0]!.pageIndex]).toContain('Threat picture sheet 1');
  expect(pages[threat.children[0]!.pageIndex + 2]).toContain('Threat picture sheet 3');
  expect(pages[threat.children[1]!.pageIndex]).toContain('Training offer sheet 1');
  expect(pages[outline[3]!.pageIndex - 1]).toContain('Training offer sheet 2');
  // The minutes run over two pages, so the numbers after them were laid out in the first pass, not guessed.
  expect(outline[2]!.pageIndex - outline[1]!.pageIndex).toBe(2);

  const contents = pages[1]!;
  expect(contents).toContain('Contents');
  for (const s of outline) expect(contents).toMatch(new RegExp(`${s.title} ${s.pageIndex + 1}\\b`));
  expect(contents).toMatch(new RegExp(`Threat picture \\(police\\) ${threat.children[0]!.pageIndex + 1}\\b`));
  expect(contents).toMatch(new RegExp(`Training offer ${threat.children[1]!.pageIndex + 1}\\b`));
  // The Word paper, with no converter, is listed with its link rather than merged.
  expect(result.listedPapers).toEqual([
    {
      sectionId: 'threat',
      title: 'Channel panel terms of reference',
      reason: expect.stringMatching(/no converter/),
    },
  ]);
  expect(pages[threat.pageIndex]!.replace(/\s/g, '')).toContain(
    'Openitathttps://council.example/sites/prevent/board-papers/channel-tor.docx',
  );

  expect(pdf.getTitle()).toBe('Prevent Board pack');
  expect(catalogLang(pdf)).toBe('en-GB');
  expect(markedTrue(pdf)).toBe(true);
  const types = structureTypes(pdf);
  for (const t of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Table', 'TR', 'TH', 'TD', 'TOC', 'TOCI', 'Sect'])
    expect(types).toContain(t);
  expect(Buffer.from(result.pdf).toString('latin1')).toContain(
    '<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li>',
  );

  // Progress: every part started and finished once.
  const done = progress.filter((p) => p.phase === 'done').map((p) => p.part.id);
  expect(done.sort()).toEqual(
    ['agenda', 'aob', 'contents', 'cover', 'minutes', 'threat', 'threat/0', 'threat/1', 'threat/2'].sort(),
  );
  expect(new Set(progress.map((p) => p.total))).toEqual(new Set([9]));

  renderPagePng(result.pdf, 'pack-page-1', 1);
  renderPagePng(result.pdf, 'pack-page-2', 2);
});

it('a restricted copy is marked so on every page', async () => {
  const documents = new MemoryDocumentStore();
  const pack = await input(documents);
  pack.cover.copy = 'restricted';
  pack.sections = pack.sections.slice(0, 1);
  const result = await compilePack(pack, { documents });
  if (!result.ok) throw new Error(result.message);
  for (const text of pdfText(result.pdf).pages) expect(text).toContain('RESTRICTED: not for publication');
});

it('the printed pack names its version, never draft or published: publishing does not change the file', async () => {
  const documents = new MemoryDocumentStore();
  const pack = await input(documents);
  pack.sections = pack.sections.slice(0, 1);
  const result = await compilePack(pack, { documents });
  if (!result.ok) throw new Error(result.message);
  const pages = pdfText(result.pdf).pages;
  expect(pages[0]).toContain(`Version ${pack.cover.version}`);
  for (const text of pages) {
    expect(text).toContain(`version ${pack.cover.version}`);
    expect(text).not.toMatch(/\bdraft\b|\bpublished\b/i);
  }
});

it('a paper that fails names its part, says what to do, and produces no PDF', async () => {
  const documents = new MemoryDocumentStore();
  const pack = await input(documents);
  pack.sections[2]!.papers[1]!.load = async () =>
    new TextEncoder().encode('%PDF-1.7\n damaged beyond reading');
  const result = await compilePack(pack, { documents });
  expect(result).toEqual({
    ok: false,
    failedPart: { kind: 'paper', id: 'threat/1', title: 'Training offer', sectionId: 'threat' },
    message: expect.stringMatching(/The paper "Training offer" looks like a PDF but cannot be read/),
  });
  expect('pdf' in result).toBe(false);

  pack.sections[2]!.papers[1]!.load = undefined;
  const missing = await compilePack(pack, { documents });
  expect(missing.ok || missing.message).toMatch(
    /"Training offer" is not in the document library \(board-papers\/training\.pdf\)/,
  );
});

it('a Word paper goes through the converter when there is one, and its failure names the paper', async () => {
  const documents = new MemoryDocumentStore();
  const pack = await input(documents);
  const converted = await paperPdf('Converted terms', 1);
  const seen: string[] = [];
  const result = await compilePack(pack, {
    documents,
    converter: { name: 'Test converter', toPdf: async ({ fileName }) => (seen.push(fileName), converted) },
  });
  if (!result.ok) throw new Error(result.message);
  expect(seen).toEqual(['channel-tor.docx']);
  expect(result.listedPapers).toEqual([]);
  const child = result.outline[2]!.children[2]!;
  expect(pdfText(result.pdf).pages[child.pageIndex]).toContain('Converted terms sheet 1');

  const failed = await compilePack(pack, {
    documents,
    converter: {
      name: 'LibreOffice',
      toPdf: async () => {
        throw new Error('soffice exited 1');
      },
    },
  });
  expect(failed.ok).toBe(false);
  if (!failed.ok) {
    expect(failed.failedPart.id).toBe('threat/2');
    expect(failed.message).toMatch(/LibreOffice could not convert to PDF\. Open it in Word, save it as PDF/);
  }
});

it('numbers landscape and turned paper pages at the foot of the page as shown', async () => {
  const documents = new MemoryDocumentStore();
  const paper = await PDFDocument.create();
  const font = await paper.embedFont(StandardFonts.Helvetica);
  paper.addPage([841.89, 595.28]).drawText('Landscape sheet', { x: 72, y: 500, size: 18, font });
  const turned = paper.addPage([595.28, 841.89]);
  turned.setRotation(degrees(90));
  turned.drawText('Turned sheet', { x: 72, y: 700, size: 18, font });
  const bytes = await paper.save();
  const result = await compilePack(
    {
      cover: {
        title: 'Prevent Board pack',
        meetingDate: '2027-03-09',
        status: 'draft',
        version: 1,
        copy: 'public',
      },
      sections: [
        {
          id: 'plan',
          title: 'Delivery plan',
          blocks: [{ kind: 'paragraph', text: 'The plan follows.' }],
          papers: [
            {
              title: 'Delivery plan (landscape)',
              kind: 'pdf',
              document: { library: 'board-papers', name: 'plan.pdf' },
              load: async () => bytes,
            },
          ],
        },
      ],
    },
    { documents },
  );
  if (!result.ok) throw new Error(result.message);
  const { pages } = pdfText(result.pdf);
  expect(pages).toHaveLength(5);
  expect(pages[3]).toContain('Page 4 of 5');
  expect(pages[4]).toContain('Page 5 of 5');
  renderPagePng(result.pdf, 'pack-landscape-paper', 4);
  renderPagePng(result.pdf, 'pack-turned-paper', 5);
});

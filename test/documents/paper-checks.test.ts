import JSZip from 'jszip';
import { PDFDocument, PDFHexString } from 'pdf-lib';
import { checkPaper, MAX_PAPER_BYTES } from '@pph/functions/kernel/documents';
import { DomainError } from '@pph/functions/kernel/errors';

async function onePagePdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('A paper');
  return pdf.save();
}

async function refusal(bytes: Uint8Array): Promise<DomainError> {
  try {
    await checkPaper(bytes, 'The paper "Threat picture"');
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('the paper was accepted');
}

it('accepts a PDF and a Word document by their content, whatever they are called', async () => {
  expect(await checkPaper(await onePagePdf())).toEqual({
    kind: 'pdf',
    contentType: 'application/pdf',
    pageCount: 1,
  });
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('word/document.xml', '<w:document/>');
  const docx = await zip.generateAsync({ type: 'uint8array' });
  expect((await checkPaper(docx)).kind).toBe('word');
});

it('refuses a file that is neither, an old .doc and a zip that is not Word, saying what to save it as', async () => {
  const text = await refusal(new TextEncoder().encode('Agenda item 4: threat picture'));
  expect(text.code).toBe('unsupported_media_type');
  expect(text.message).toMatch(/"Threat picture" is not a PDF or a Word document.*Save it as PDF or \.docx/);

  const doc = await refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
  expect(doc.message).toMatch(/old-style Word \(\.doc\).*save it as a Word document \(\.docx\)/);

  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('xl/workbook.xml', '<workbook/>');
  const xlsx = await refusal(await zip.generateAsync({ type: 'uint8array' }));
  expect(xlsx.code).toBe('unsupported_media_type');
  expect(xlsx.message).toMatch(/zip file but not a Word document/);
});

it('refuses a 200 MB paper before reading it, with the limit and what to do', async () => {
  const big = new Uint8Array(200 * 1024 * 1024);
  big.set(new TextEncoder().encode('%PDF-1.7\n'));
  const e = await refusal(big);
  expect(e.code).toBe('payload_too_large');
  expect(e.message).toMatch(/is 200 MB; a paper can be at most 50 MB\. Save the PDF at a reduced size/);
  // The limit itself is allowed through to the content checks.
  expect(MAX_PAPER_BYTES).toBe(50 * 1024 * 1024);
});

it('refuses a corrupt PDF: garbage after the header, and a PDF cut off half-way', async () => {
  const garbage = await refusal(new TextEncoder().encode('%PDF-1.7\n this is not a PDF body at all \n%%EOF'));
  expect(garbage.code).toBe('validation_failed');
  expect(garbage.message).toMatch(/looks like a PDF but cannot be read.*save or print it to a new PDF/);

  const whole = await onePagePdf();
  const cut = await refusal(whole.subarray(0, Math.floor(whole.byteLength / 3)));
  expect(cut.message).toMatch(/cannot be read/);
});

it('refuses an encrypted PDF, saying to save a copy without the password', async () => {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('Secret');
  // The standard security handler's dictionary in the trailer is what makes a PDF encrypted.
  pdf.context.trailerInfo.Encrypt = pdf.context.register(
    pdf.context.obj({
      Filter: 'Standard',
      V: 1,
      R: 2,
      O: PDFHexString.of('00'.repeat(32)),
      U: PDFHexString.of('00'.repeat(32)),
      P: -44,
    }),
  );
  const bytes = await pdf.save({ useObjectStreams: false });
  expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/Encrypt \d+ 0 R/);
  const e = await refusal(bytes);
  expect(e.code).toBe('validation_failed');
  expect(e.message).toMatch(/password-protected \(encrypted\) PDF.*Save a copy without the password/);
});

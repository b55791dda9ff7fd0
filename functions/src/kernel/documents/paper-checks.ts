/**
 * What a paper must be before it is stored or merged into a pack: a PDF or a Word document (.docx), told by its
 * content and never by its name, at most 50 MB, and a PDF that opens without a password. Each refusal says
 * what to do about it.
 */
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { DomainError } from '../errors';

export const MAX_PAPER_BYTES = 50 * 1024 * 1024;

export const PDF_CONTENT_TYPE = 'application/pdf';
export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export type CheckedPaper =
  | { kind: 'pdf'; contentType: typeof PDF_CONTENT_TYPE; pageCount: number }
  | { kind: 'word'; contentType: typeof DOCX_CONTENT_TYPE };

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((b, i) => bytes[at + i] === b);

/** "%PDF-" within the first 1024 bytes, as readers accept it. */
function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const megabytes = (n: number) => `${Math.ceil(n / (1024 * 1024))} MB`;

/** Checks a paper named `label` (its title or file name, used only in the messages). */
export async function checkPaper(bytes: Uint8Array, label = 'This paper'): Promise<CheckedPaper> {
  if (bytes.byteLength > MAX_PAPER_BYTES)
    throw new DomainError(
      'payload_too_large',
      `${label} is ${megabytes(bytes.byteLength)}; a paper can be at most 50 MB. Save the PDF at a reduced size (compress its images) or split it into parts, and upload it again.`,
    );
  if (bytes.byteLength === 0)
    throw new DomainError('validation_failed', `${label} is empty. Upload the PDF or Word file again.`);
  if (hasPdfHeader(bytes)) return checkPdf(bytes, label);
  if (startsWith(bytes, ZIP)) return checkWord(bytes, label);
  if (startsWith(bytes, OLE))
    throw new DomainError(
      'unsupported_media_type',
      `${label} is an old-style Word (.doc) or Office file. Open it in Word and save it as a Word document (.docx) or as PDF, then upload that.`,
    );
  throw new DomainError(
    'unsupported_media_type',
    `${label} is not a PDF or a Word document (.docx), whatever its name says. Save it as PDF or .docx and upload that.`,
  );
}

async function checkPdf(bytes: Uint8Array, label: string): Promise<CheckedPaper> {
  let pdf: PDFDocument;
  try {
    // Loaded past its encryption so that an encrypted file is told from a damaged one (pdf-lib's own
    // EncryptedPDFError is not an instanceof-able class in its ES5 build).
    pdf = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: true,
    });
  } catch {
    throw corrupt(label);
  }
  if (pdf.isEncrypted) throw encrypted(label);
  let pageCount: number;
  try {
    pageCount = pdf.getPageCount();
  } catch {
    throw corrupt(label);
  }
  if (pageCount < 1) throw corrupt(label);
  return { kind: 'pdf', contentType: PDF_CONTENT_TYPE, pageCount };
}

const encrypted = (label: string) =>
  new DomainError(
    'validation_failed',
    `${label} is a password-protected (encrypted) PDF, which cannot be merged into the pack. Save a copy without the password or restrictions (in Acrobat: File > Properties > Security > No Security) and upload that.`,
  );

const corrupt = (label: string) =>
  new DomainError(
    'validation_failed',
    `${label} looks like a PDF but cannot be read (it may be damaged or only partly uploaded). Open it on your computer; if it opens, save or print it to a new PDF and upload that.`,
  );

async function checkWord(bytes: Uint8Array, label: string): Promise<CheckedPaper> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new DomainError(
      'validation_failed',
      `${label} looks like a Word document but cannot be read (it may be damaged or only partly uploaded). Open it in Word, save it again as .docx, and upload that.`,
    );
  }
  if (!zip.file('word/document.xml') || !zip.file('[Content_Types].xml'))
    throw new DomainError(
      'unsupported_media_type',
      `${label} is a zip file but not a Word document (.docx) (an Excel or PowerPoint file, perhaps). Save the paper as PDF or .docx and upload that.`,
    );
  return { kind: 'word', contentType: DOCX_CONTENT_TYPE };
}

/**
 * A paper's type told by its content, not its name or the content type the browser claimed: a PDF starts
 * `%PDF-`; a Word document is a ZIP package holding word/document.xml (.docx) or an OLE compound file (.doc).
 * At most 50 MB. Each refusal says what to do.
 */
import { MAX_PAPER_BYTES } from '@pph/contract';
import { DomainError } from '../kernel/errors';

export type PaperKind = 'pdf' | 'docx' | 'doc';

export const PAPER_TYPES: Record<PaperKind, { contentType: string; extension: string }> = {
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
  doc: { contentType: 'application/msword', extension: 'doc' },
};

const startsWith = (bytes: Uint8Array, sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function tooLargePaper(size: number): DomainError {
  return new DomainError(
    'payload_too_large',
    `This paper is ${(size / 1024 / 1024).toFixed(0)} MB; a paper can be at most ${MAX_PAPER_BYTES / 1024 / 1024} MB. Compress its images or split it, then upload it again.`,
  );
}

export function checkPaper(bytes: Uint8Array): PaperKind {
  if (bytes.length > MAX_PAPER_BYTES) throw tooLargePaper(bytes.length);
  if (bytes.length === 0)
    throw new DomainError('validation_failed', 'The paper is empty: choose the file again.');
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, OLE)) return 'doc';
  if (startsWith(bytes, ZIP) && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes('word/'))
    return 'docx';
  throw new DomainError(
    'unsupported_media_type',
    'A paper must be a PDF or a Word document (.pdf, .docx or .doc), whatever its name says. Save it as PDF or Word and upload it again.',
  );
}

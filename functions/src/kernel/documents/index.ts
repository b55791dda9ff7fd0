export {
  checkPaper,
  MAX_PAPER_BYTES,
  PDF_CONTENT_TYPE,
  DOCX_CONTENT_TYPE,
  type CheckedPaper,
} from './paper-checks';
export { renderTaggedPdf, type TaggedBlock, type TaggedPdfModel } from './render-tagged-pdf';

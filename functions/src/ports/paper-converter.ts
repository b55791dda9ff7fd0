/**
 * Turns a Word paper into PDF for the pack: LibreOffice where it is installed, Graph's conversion of a SharePoint
 * library item in production. Without one, Word papers are listed in the pack with a link instead of merged.
 */
export interface DocumentRef {
  library: string;
  name: string;
  /** The version meant; the latest when absent. */
  version?: number;
}

export interface PaperConverter {
  /** Named in logs and in the pack's note on how a paper was included. */
  readonly name: string;
  /** The paper as PDF; throws when it cannot be converted. */
  toPdf(paper: { bytes: Uint8Array; fileName: string; document: DocumentRef }): Promise<Uint8Array>;
}

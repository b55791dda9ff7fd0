/**
 * What the pack compiler is given: the hub-authored parts (cover, sections of headings, paragraphs, lists,
 * tables and notes) and the papers to merge, in order. The contents page is generated from the sections.
 * Everything here is already filtered for the copy being built (a public copy holds no restricted item).
 */
import type { DocumentStore } from '../../ports/documents';
import type { DocumentRef, PaperConverter } from '../../ports/paper-converter';

export type { DocumentRef } from '../../ports/paper-converter';

export interface PackCover {
  /** The document's title (also its PDF title metadata), e.g. "Prevent Board pack". */
  title: string;
  subtitle?: string;
  /** The meeting's date, YYYY-MM-DD. */
  meetingDate: string;
  status: 'draft' | 'published';
  version: number;
  /** A restricted copy holds exempt items and says so on every page. */
  copy: 'public' | 'restricted';
}

export type PackBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[]; ordered?: boolean }
  | { kind: 'table'; caption: string; header: string[]; rows: string[][] }
  /** Set apart from the text: a suppression note, a "late paper" flag, a caveat. */
  | { kind: 'note'; text: string };

export interface PackPaper {
  title: string;
  document: DocumentRef;
  kind: 'pdf' | 'word';
  /** Where a person opens the paper (listed in the pack when a Word paper cannot be converted). */
  url?: string;
  /** The paper's bytes; read from the DocumentStore by `document` when absent. */
  load?: () => Promise<Uint8Array>;
}

export interface PackSection {
  /** Stable id, named when this part fails. */
  id: string;
  /** The section's heading and its bookmark. */
  title: string;
  blocks: PackBlock[];
  papers: PackPaper[];
}

export interface PackDocumentInput {
  cover: PackCover;
  sections: PackSection[];
  /** BCP 47; en-GB unless given. */
  lang?: string;
}

/** The parts the compiler reports progress on and names on failure, in order. */
export type PackPart =
  | { kind: 'cover'; id: 'cover'; title: string }
  | { kind: 'contents'; id: 'contents'; title: string }
  | { kind: 'section'; id: string; title: string }
  | { kind: 'paper'; id: string; title: string; sectionId: string };

export interface PackProgress {
  part: PackPart;
  /** 1-based position of the part among all parts. */
  index: number;
  total: number;
  phase: 'started' | 'done';
}

export interface CompilePackOptions {
  documents: DocumentStore;
  /** Converts Word papers; without one they are listed with a link. */
  converter?: PaperConverter;
  onProgress?: (p: PackProgress) => void;
  /** The pack's creation time in its metadata (default now). */
  now?: Date;
}

export interface OutlineEntry {
  title: string;
  /** 0-based page index in the compiled PDF. */
  pageIndex: number;
  children: OutlineEntry[];
}

export type CompiledPack =
  | {
      ok: true;
      pdf: Uint8Array;
      pageCount: number;
      outline: OutlineEntry[];
      /** Word papers that could not be converted and are listed with a link instead. */
      listedPapers: { sectionId: string; title: string; reason: string }[];
    }
  /** Nothing was produced; the part named is the one that failed, with a message a person can act on. */
  | { ok: false; failedPart: PackPart; message: string };

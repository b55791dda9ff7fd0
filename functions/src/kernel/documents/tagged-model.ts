/** What the hub writes as a tagged PDF: headings, paragraphs, lists, tables and notes, in order. */
export type TaggedBlock =
  /** Level 1 is the document's own title (written from `title`); blocks' headings are 2 unless given. */
  | { kind: 'heading'; text: string; level?: 2 | 3 }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[]; ordered?: boolean }
  | { kind: 'table'; caption: string; header: string[]; rows: string[][] }
  | { kind: 'note'; text: string };

export interface TaggedPdfModel {
  /** The document's title: its first heading, its PDF title and what a viewer's title bar shows. */
  title: string;
  subtitle?: string;
  blocks: TaggedBlock[];
  /** BCP 47; en-GB unless given. */
  lang?: string;
  subject?: string;
  /** Shown at the foot of every page beside the page number, e.g. "Restricted: not for publication". */
  marking?: string;
}

/**
 * The pack's hub-authored pages in one tagged PDF: the cover, the contents and each section's own pages. Papers
 * are merged in after their section later (merge.ts), so the contents is written with the page numbers the
 * final document will have: `numbers` gives them, from a first pass with placeholders (compile-pack.ts).
 */
import { setImmediate } from 'node:timers/promises';
import { TaggedWriter } from '../../kernel/documents/tagged-writer';
import type { PackCover, PackPart, PackSection } from './model';

export interface PaperPlacement {
  title: string;
  /** Merged papers have pages; listed ones (not converted) have a link and the reason instead. */
  merged: boolean;
  pageCount: number;
  url?: string;
  reason?: string;
}

export interface AuthoredLayout {
  bytes: Uint8Array;
  pageCount: number;
  /** Per section, in order: the index of its first page and its page count in this authored PDF. */
  sections: { id: string; firstPage: number; pageCount: number }[];
}

/** Final 1-based page numbers by section id and by `${sectionId}/${paperIndex}`; absent on the first pass. */
export type PageNumbers = Map<string, number>;

/** "Tuesday 9 March 2027" (Intl adds a comma after the weekday in some ICU versions). */
export function formatMeetingDate(isoDate: string): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  const part = (o: Intl.DateTimeFormatOptions) => d.toLocaleDateString('en-GB', { ...o, timeZone: 'UTC' });
  return `${part({ weekday: 'long' })} ${part({ day: 'numeric', month: 'long', year: 'numeric' })}`;
}

export async function renderAuthored(args: {
  cover: PackCover;
  sections: PackSection[];
  papers: Map<string, PaperPlacement[]>;
  lang: string;
  numbers?: PageNumbers;
  /** Called as each part begins, so that a failure can name it. */
  onPart?: (part: PackPart) => void;
}): Promise<AuthoredLayout> {
  const { cover, sections, papers, numbers } = args;
  const w = new TaggedWriter({
    title: cover.title,
    lang: args.lang,
    subject: `Meeting of ${formatMeetingDate(cover.meetingDate)}`,
  });
  const doc = w.doc;
  const page = (key: string) => (numbers ? String(numbers.get(key) ?? '') : '000');

  args.onPart?.({ kind: 'cover', id: 'cover', title: 'Cover' });
  doc.moveDown(6);
  w.heading(cover.title, 1);
  if (cover.subtitle) w.paragraph(cover.subtitle, w.root, { size: 14 });
  w.rule();
  w.paragraph(`Meeting: ${formatMeetingDate(cover.meetingDate)}`);
  // No "draft" or "published": publishing a version does not change its file, so the print must not say either.
  w.paragraph(`Version ${cover.version}`);
  w.paragraph(
    cover.copy === 'restricted'
      ? 'Restricted copy: contains exempt information. For those cleared to see it only; not for publication.'
      : 'Public copy: exempt (restricted) items are not included.',
  );

  args.onPart?.({ kind: 'contents', id: 'contents', title: 'Contents' });
  w.newPage();
  w.heading('Contents', 1);
  const toc = doc.struct('TOC');
  w.root.add(toc);
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const entry = (text: string, pageNumber: string, indent: number, bold: boolean, goTo?: string) => {
    w.keep(20);
    const y = doc.y;
    toc.add(
      doc.struct('TOCI', {}, [
        () => {
          doc
            .font(bold ? 'Bold' : 'Body')
            .fontSize(bold ? 11.5 : 10.5)
            .text(text, doc.page.margins.left + indent, y, {
              width: width - indent - 48,
              ...(goTo ? { goTo } : {}),
            });
          const after = doc.y;
          doc.text(pageNumber, doc.page.margins.left + width - 44, y, { width: 44, align: 'right' });
          doc.x = doc.page.margins.left;
          doc.y = Math.max(after, doc.y) + 3;
        },
      ]),
    );
  };
  sections.forEach((s, i) => {
    entry(s.title, page(s.id), 0, true, `section-${i}`);
    (papers.get(s.id) ?? []).forEach((p, j) =>
      entry(
        p.merged ? p.title : `${p.title} (not included: see the link in the section)`,
        p.merged ? page(`${s.id}/${j}`) : page(s.id),
        16,
        false,
      ),
    );
  });
  toc.end();

  const placed: AuthoredLayout['sections'] = [];
  for (const [i, s] of sections.entries()) {
    args.onPart?.({ kind: 'section', id: s.id, title: s.title });
    w.newPage();
    const firstPage = w.pageIndex;
    doc.addNamedDestination(`section-${i}`);
    const sect = doc.struct('Sect', { title: s.title });
    w.root.add(sect);
    w.heading(s.title, 1, sect);
    for (const block of s.blocks) {
      w.block(block, sect);
      // pdfkit lays out synchronously: other requests get the event loop between blocks, so a pack being built
      // holds up an API call for one table at most rather than for the whole pack.
      await setImmediate();
    }
    const list = papers.get(s.id) ?? [];
    if (list.length) {
      w.heading(list.length === 1 ? 'Paper' : 'Papers', 2, sect);
      list.forEach((p, j) => {
        if (p.merged)
          w.paragraph(
            `${p.title}: page ${page(`${s.id}/${j}`)} (${p.pageCount} page${p.pageCount === 1 ? '' : 's'}), after this section.`,
            sect,
          );
        else {
          w.paragraph(`${p.title}: not included in this PDF (${p.reason ?? 'not converted'}).`, sect);
          if (p.url) w.paragraph(`Open it at ${p.url}`, sect, { link: p.url });
        }
      });
    }
    sect.end();
    placed.push({ id: s.id, firstPage, pageCount: w.pageIndex - firstPage + 1 });
  }
  const pageCount = w.pageCount;
  return { bytes: await w.finish(), pageCount, sections: placed };
}

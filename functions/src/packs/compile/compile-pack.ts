/**
 * The pack compiler: one PDF from the hub-authored parts and the papers, with bookmarks matching the contents,
 * one page numbering throughout (papers included), page labels, title and language metadata, and the tags of the
 * authored parts. Either the whole PDF is produced or nothing is, with the part that failed named.
 */
import { PDFDocument } from 'pdf-lib';
import { DomainError } from '../../kernel/errors';
import { finishTaggedPdf } from '../../kernel/documents/render-tagged-pdf';
import { insertPaperPages } from './merge';
import type {
  CompiledPack,
  CompilePackOptions,
  OutlineEntry,
  PackDocumentInput,
  PackPart,
  PackProgress,
} from './model';
import { loadPaper, type LoadedPaper } from './papers';
import { writeDecimalPageLabels, writeOutline } from './pdf-navigation';
import { formatMeetingDate, renderAuthored, type PageNumbers, type PaperPlacement } from './render-authored';

/** Every part, in the order of the document. */
export function packParts(input: PackDocumentInput): PackPart[] {
  return [
    { kind: 'cover', id: 'cover', title: 'Cover' },
    { kind: 'contents', id: 'contents', title: 'Contents' },
    ...input.sections.flatMap((s): PackPart[] => [
      { kind: 'section', id: s.id, title: s.title },
      ...s.papers.map((p, j): PackPart => ({
        kind: 'paper',
        id: `${s.id}/${j}`,
        title: p.title,
        sectionId: s.id,
      })),
    ]),
  ];
}

export async function compilePack(
  input: PackDocumentInput,
  options: CompilePackOptions,
): Promise<CompiledPack> {
  checkInput(input);
  const parts = packParts(input);
  const total = parts.length;
  const indexOf = new Map(parts.map((p, i) => [p.id, i + 1]));
  const report = (part: PackPart, phase: PackProgress['phase']) =>
    options.onProgress?.({ part, index: indexOf.get(part.id)!, total, phase });
  let current: PackPart = parts[0]!;
  const fail = (e: unknown): CompiledPack => ({
    ok: false,
    failedPart: current,
    message:
      e instanceof DomainError
        ? e.message
        : `The pack could not be built: "${current.title}" failed (${e instanceof Error ? e.name : 'unknown error'}). Nothing was produced; try again, and if it fails again check that part.`,
  });

  // Papers first: their page counts decide every page number after them.
  const loaded = new Map<string, LoadedPaper[]>();
  try {
    for (const part of parts) {
      if (part.kind !== 'paper') continue;
      current = part;
      report(part, 'started');
      const section = input.sections.find((s) => s.id === part.sectionId)!;
      const paper = section.papers[Number(part.id.slice(section.id.length + 1))]!;
      const list = loaded.get(section.id) ?? [];
      list.push(await loadPaper(paper, options));
      loaded.set(section.id, list);
      report(part, 'done');
    }
  } catch (e) {
    return fail(e);
  }
  const placements = new Map<string, PaperPlacement[]>(
    input.sections.map((s) => [
      s.id,
      (loaded.get(s.id) ?? []).map((p, j) =>
        p.merged
          ? { title: p.title, merged: true, pageCount: p.pageCount }
          : {
              title: p.title,
              merged: false,
              pageCount: 0,
              reason: p.reason,
              ...(s.papers[j]!.url ? { url: s.papers[j]!.url } : {}),
            },
      ),
    ]),
  );

  const lang = input.lang ?? 'en-GB';
  try {
    // Pass 1 lays the authored pages out with placeholder numbers; the numbers then follow from the layout and
    // the papers' page counts. Pass 2 writes them. The numbers' width does not move a page break (they sit in a
    // fixed column), which the comparison below makes sure of.
    const render = (numbers?: PageNumbers, onPart?: (p: PackPart) => void) =>
      renderAuthored({
        cover: input.cover,
        sections: input.sections,
        papers: placements,
        lang,
        ...(numbers ? { numbers } : {}),
        ...(onPart ? { onPart } : {}),
      });
    current = parts[0]!;
    const first = await render(undefined, (p) => (current = p));
    const numbers = pageNumbers(first.sections, placements);
    let previous: PackPart | undefined;
    const second = await render(numbers, (p) => {
      if (previous) report(previous, 'done');
      current = p;
      report(p, 'started');
      previous = p;
    });
    if (JSON.stringify(second.sections) !== JSON.stringify(first.sections)) throw new Error('LayoutMoved');

    const pdf = await PDFDocument.load(second.bytes, { updateMetadata: false });
    const outline: OutlineEntry[] = [];
    let offset = 0;
    for (const s of second.sections) {
      const sectionPage = s.firstPage + offset;
      const children: OutlineEntry[] = [];
      let at = s.firstPage + s.pageCount + offset;
      for (const [j, paper] of (loaded.get(s.id) ?? []).entries()) {
        const title = input.sections.find((x) => x.id === s.id)!.papers[j]!.title;
        if (!paper.merged) {
          children.push({ title, pageIndex: sectionPage, children: [] });
          continue;
        }
        children.push({ title, pageIndex: at, children: [] });
        const added = await insertPaperPages(pdf, at, paper.pdf);
        at += added;
        offset += added;
      }
      outline.push({
        title: input.sections.find((x) => x.id === s.id)!.title,
        pageIndex: sectionPage,
        children,
      });
    }
    if (previous) report(previous, 'done');
    writeOutline(pdf, outline);
    writeDecimalPageLabels(pdf);
    const merged = await pdf.save();
    const c = input.cover;
    const bytes = await finishTaggedPdf(merged, {
      title: c.title,
      lang,
      now: options.now ?? new Date(),
      left: `${c.title} · ${formatMeetingDate(c.meetingDate)} · version ${c.version}`,
      ...(c.copy === 'restricted' ? { marking: 'RESTRICTED: not for publication' } : {}),
    });
    const pageCount = pdf.getPageCount();
    return {
      ok: true,
      pdf: bytes,
      pageCount,
      outline,
      listedPapers: input.sections.flatMap((s) =>
        (loaded.get(s.id) ?? []).flatMap((p, j) =>
          p.merged ? [] : [{ sectionId: s.id, title: s.papers[j]!.title, reason: p.reason }],
        ),
      ),
    };
  } catch (e) {
    return fail(e);
  }
}

/** Final 1-based page numbers of each section and each merged paper. */
function pageNumbers(
  sections: { id: string; firstPage: number; pageCount: number }[],
  placements: Map<string, PaperPlacement[]>,
): PageNumbers {
  const numbers: PageNumbers = new Map();
  let offset = 0;
  for (const s of sections) {
    numbers.set(s.id, s.firstPage + offset + 1);
    let at = s.firstPage + s.pageCount + offset;
    (placements.get(s.id) ?? []).forEach((p, j) => {
      if (!p.merged) return;
      numbers.set(`${s.id}/${j}`, at + 1);
      at += p.pageCount;
      offset += p.pageCount;
    });
  }
  return numbers;
}

function checkInput(input: PackDocumentInput): void {
  const problems: string[] = [];
  if (!input.cover.title.trim()) problems.push('The pack needs a title.');
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(input.cover.meetingDate) ||
    Number.isNaN(Date.parse(input.cover.meetingDate))
  )
    problems.push('The meeting date must be a date like 2027-03-09.');
  if (!input.sections.length) problems.push('The pack needs at least one section.');
  const ids = new Set<string>();
  for (const s of input.sections) {
    if (!s.title.trim()) problems.push(`Section "${s.id}" needs a title (it is the bookmark).`);
    if (ids.has(s.id) || !s.id || s.id.includes('/') || s.id === 'cover' || s.id === 'contents')
      problems.push(`Section ids must be unique, without "/", and not "cover" or "contents" ("${s.id}").`);
    ids.add(s.id);
    for (const p of s.papers) if (!p.title.trim()) problems.push(`A paper in "${s.title}" needs a title.`);
  }
  if (problems.length) throw new DomainError('validation_failed', problems.join(' '));
}

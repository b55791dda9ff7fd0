/**
 * The whole account of a concern as an approver's role may see it (the API has already left out the rest), as
 * blocks for the approval card, and split into parts when it is too big for one card. Pure functions only.
 */
import { INFORMATION_SHARING_LABELS, type ConcernIntake, type ConcernView } from '@pph/contract';
import { plain, typed } from '../cards/render';
import { britishDate, britishDateTime } from './dates';

/** One block of the account on the card: a heading, text (Markdown, user text escaped) and/or short facts. */
export interface AccountBlock {
  heading: string;
  text: string;
  facts: { title: string; value: string }[];
}

const block = (heading: string, text = '', facts: AccountBlock['facts'] = []): AccountBlock => ({
  heading,
  text,
  facts,
});

/** Raw (unescaped) free text and the heading it goes under; escaped only once split, so no escape is cut. */
interface Section {
  heading: string;
  raw?: string;
  facts?: AccountBlock['facts'];
}

type Request = ConcernView['informationRequests'][number];

/**
 * Everything in the account the card's summary does not already show in full: the narrative, the indicators
 * described, the person's details, consent and sharing, attachments, any information request the card had to
 * shorten, reviews, what has happened to the concern so far, and its notes.
 */
export function accountSections(view: ConcernView, longRequests: Request[]): Section[] {
  const sections: Section[] = [];
  const intake = view.intake;
  if (intake) sections.push(...intakeSections(intake));
  for (const r of longRequests) {
    sections.push({ heading: `Information requested on ${britishDateTime(r.requestedAt)}`, raw: r.question });
    if (r.response !== undefined)
      sections.push({
        heading: `Answer${r.respondedAt ? ` (${britishDateTime(r.respondedAt)})` : ''}`,
        raw: r.response,
      });
  }
  if (view.reviews.length)
    sections.push({
      heading: 'Reviews',
      raw: view.reviews
        .map(
          (r) => `${r.label}, due ${britishDate(r.dueOn)}: ${r.status}${r.summary ? `. ${r.summary}` : ''}`,
        )
        .join('\n'),
    });
  if (view.history.length)
    sections.push({
      heading: 'What has happened to the concern',
      raw: view.history
        .map((h) => `${britishDateTime(h.at)}: ${h.summary}${h.by ? ` (${h.by.displayName})` : ''}`)
        .join('\n'),
    });
  for (const n of view.notes)
    sections.push({ heading: `Note by ${plain(n.by.displayName)}, ${britishDateTime(n.at)}`, raw: n.text });
  return sections;
}

function intakeSections(intake: ConcernIntake): Section[] {
  const s = intake.subject;
  const out: Section[] = [
    { heading: 'What happened', raw: intake.whatHappened },
    { heading: 'How it came to light', raw: intake.howItCameToLight },
  ];
  if (intake.otherIndicators)
    out.push({ heading: 'Other indicators, as the referrer described them', raw: intake.otherIndicators });
  const about = [
    s.schoolOrEmployer ? { title: 'School or employer', value: typed(s.schoolOrEmployer) } : undefined,
  ].filter((f) => f !== undefined);
  if (about.length) out.push({ heading: 'About the person', facts: about });
  if (s.address) out.push({ heading: 'Address', raw: s.address });
  if (s.knownToOtherServices) out.push({ heading: 'Known to other services', raw: s.knownToOtherServices });
  out.push({
    heading: 'Consent and information sharing',
    facts: [
      { title: 'Does the person know?', value: intake.subjectAware ? 'Yes' : 'No' },
      { title: 'Basis for sharing', value: INFORMATION_SHARING_LABELS[intake.informationSharingBasis] },
    ],
  });
  if (intake.informationSharingNotes)
    out.push({ heading: 'About consent and sharing', raw: intake.informationSharingNotes });
  if (intake.attachments.length)
    out.push({
      heading: 'Attachments (open them from the concern record)',
      facts: intake.attachments.map((a) => ({
        title: typed(a.fileName),
        value: `${Math.max(1, Math.round(a.sizeBytes / 1024)).toLocaleString('en-GB')} KB`,
      })),
    });
  return out;
}

/** The JSON size a block adds to the card: its text as JSON, and the elements around it. */
const ELEMENT_BYTES = 160;
export const blockBytes = (b: AccountBlock): number =>
  Buffer.byteLength(JSON.stringify(b.heading)) +
  Buffer.byteLength(JSON.stringify(b.text)) +
  b.facts.reduce((n, f) => n + Buffer.byteLength(JSON.stringify(f)) + 40, 0) +
  ELEMENT_BYTES;

/**
 * The account in parts of at most `budget` bytes each, in reading order: a long text goes on over several parts,
 * cut where a paragraph, a sentence or a word ends ("What happened (continued)"). One part if it all fits.
 */
export function accountParts(sections: Section[], budget: number): AccountBlock[][] {
  const blocks: AccountBlock[] = [];
  for (const s of sections) {
    if (s.raw === undefined) {
      blocks.push(block(s.heading, '', s.facts ?? []));
      continue;
    }
    pieces(s.raw, budget - ELEMENT_BYTES - Buffer.byteLength(JSON.stringify(s.heading)) - 40).forEach(
      (piece, i) => blocks.push(block(i === 0 ? s.heading : `${s.heading} (continued)`, typed(piece))),
    );
  }
  const parts: AccountBlock[][] = [[]];
  let used = 0;
  for (const b of blocks) {
    const size = blockBytes(b);
    if (used + size > budget && parts.at(-1)!.length > 0) {
      parts.push([]);
      used = 0;
    }
    parts.at(-1)!.push(b);
    used += size;
  }
  return parts;
}

/** Escaped for the card, as JSON: what one piece of text costs on the card. */
const escapedBytes = (text: string) => Buffer.byteLength(JSON.stringify(typed(text)));

/** Cuts text into pieces whose escaped JSON is at most `max` bytes, at the latest paragraph, sentence or word end. */
function pieces(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest && escapedBytes(rest) > max) {
    const chars = Array.from(rest);
    // The longest run of whole characters that fits, found by halving.
    let lo = 1;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (escapedBytes(chars.slice(0, mid).join('')) <= max) lo = mid;
      else hi = mid - 1;
    }
    const head = chars.slice(0, lo).join('');
    const cut = bestCut(head);
    out.push(head.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

function bestCut(head: string): number {
  for (const end of [/\n\s*\n/g, /[.!?]\s|[。！？]/g, /\s/g]) {
    let last = -1;
    for (const m of head.matchAll(end)) last = m.index + m[0].length;
    if (last >= head.length / 2) return last;
  }
  return head.length;
}

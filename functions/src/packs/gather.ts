/**
 * The gatherer: what the pack is made of, from the capabilities that own it (the meeting and its agenda and
 * papers, the previous minutes and the action log, the returns' collation for the cycle before the meeting and
 * its delivery-plan RAG, the concern statistics), turned into the compiler's PackDocumentInput for one copy.
 *
 * The public copy leaves every restricted item out entirely: its agenda line, its section, its papers, its
 * minutes and the actions raised under it; the items are numbered without it, so its place is not given away.
 * The restricted copy holds everything and says so.
 */
import {
  MEETING_KIND_LABELS,
  type CollationView,
  type ConcernStatistics,
  type CountTable,
  type MeetingForPack,
  type MeetingForPackItem,
  type MinutesForPack,
  type PackBuildKind,
  type PackCopy,
} from '@pph/contract';
import type { PackBlock, PackDocumentInput, PackPaper, PackSection } from './compile/model';

/** Everything a build reads, once, before either copy is made. */
export interface GatheredPack {
  meeting: MeetingForPack;
  minutes: MinutesForPack;
  /** Undefined when no return cycle ended before the meeting. */
  collation: CollationView | undefined;
  statistics: ConcernStatistics;
}

export interface CopyOptions {
  copy: PackCopy;
  version: number;
  kind: PackBuildKind;
  reason?: string | undefined;
  builtAt: string;
}

const DATE = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateLabel = (d: string) => DATE.format(new Date(`${d}T12:00:00Z`));
const PDF = 'application/pdf';

/** The items this copy holds, in agenda order. */
export const itemsFor = (m: MeetingForPack, copy: PackCopy): MeetingForPackItem[] =>
  [...m.items].filter((i) => copy === 'restricted' || !i.restricted).sort((a, b) => a.position - b.position);

const countTable = (t: CountTable): PackBlock => ({
  kind: 'table',
  caption: t.title,
  header: ['', ...t.columns.map((c) => c.label), 'Total'],
  rows: [
    ...t.rows.map((r) => [r.label, ...r.cells.map((c) => c.display), r.total.display]),
    ['Total', ...t.columnTotals.map((c) => c.display), t.grandTotal.display],
  ],
});

function returnsBlocks(c: CollationView | undefined): PackBlock[] {
  if (!c)
    return [
      {
        kind: 'note',
        text: 'No quarterly return cycle ended before this meeting, so there are no partner returns to report.',
      },
    ];
  const k = c.completion;
  return [
    { kind: 'heading', text: `Partner returns: ${c.cycle.label}` },
    {
      kind: 'paragraph',
      text: `${k.submitted} of ${k.expected} returns submitted (${k.submittedPercent}%), ${k.approved} approved (${k.approvedPercent}%); ${k.late} late and ${k.missing} missing. ${c.basis}`,
    },
    countTable(c.trainingByStaffGroup),
    countTable(c.trainingBySector),
    countTable(c.referralsBySector),
    {
      kind: 'table',
      caption: 'Training completion, by staff group',
      header: ['Staff group', 'Staff in scope', 'Trained to date', 'Per cent'],
      rows: c.completionRates.map((r) => [
        r.label,
        r.staffInScope.display,
        r.trainedToDate.display,
        r.percent.display,
      ]),
    },
    ...(c.changeOnPreviousQuarter.length
      ? [
          {
            kind: 'table' as const,
            caption: `Change on the previous quarter${c.previousCycle ? ` (${c.previousCycle.label})` : ''}`,
            header: ['Figure', 'This quarter', 'Previous quarter', 'Change'],
            rows: c.changeOnPreviousQuarter.map((r) => [
              r.label,
              r.current.display,
              r.previous.display,
              r.change.display,
            ]),
          },
        ]
      : []),
    ...(c.lateAndMissing.length
      ? [
          {
            kind: 'table' as const,
            caption: 'Late and missing returns',
            header: ['Agency', 'Return', 'Due', 'Days late', ''],
            rows: c.lateAndMissing.map((r) => [
              r.partnerName,
              r.reference,
              r.dueOn,
              String(r.daysLate),
              r.kind === 'late' ? 'Submitted late' : 'Not submitted',
            ]),
          },
        ]
      : []),
    { kind: 'note', text: c.suppressionNote },
  ];
}

function ragBlocks(c: CollationView | undefined): PackBlock[] {
  if (!c)
    return [
      { kind: 'note', text: 'No return cycle ended before this meeting: no delivery-plan RAG to report.' },
    ];
  return [
    {
      kind: 'table',
      caption: `Delivery plan: RAG ratings by section from the partners' returns, ${c.cycle.label}`,
      header: ['Section', 'Red', 'Amber', 'Green', 'Not reported'],
      rows: c.rag.map((r) => [
        r.label,
        String(r.red),
        String(r.amber),
        String(r.green),
        String(r.notReported),
      ]),
    },
    {
      kind: 'paragraph',
      text: 'Each figure counts agencies (one return each), not people, so none is suppressed.',
    },
  ];
}

const DIMENSION_HEADERS: Record<ConcernStatistics['tables'][number]['dimension'], string> = {
  month: 'Month received',
  'referring-sector': 'Referring sector',
  'age-band': 'Age',
  ideology: 'Ideology category',
  outcome: 'Outcome',
};

function statisticsBlocks(s: ConcernStatistics): PackBlock[] {
  return [
    { kind: 'heading', text: `Concerns raised: ${s.period.label}` },
    { kind: 'paragraph', text: s.basis },
    ...s.tables.map((t): PackBlock => ({
      kind: 'table',
      caption: t.title,
      header: [DIMENSION_HEADERS[t.dimension], 'Concerns'],
      rows: [...t.rows.map((r) => [r.label, r.count.display]), ['Total', t.total.display]],
    })),
    { kind: 'note', text: s.suppressionNote },
  ];
}

function minutesBlocks(g: GatheredPack, copy: PackCopy): PackBlock[] {
  const prev = g.minutes.previous;
  if (!prev)
    return [{ kind: 'note', text: 'There are no circulated minutes of a previous meeting to approve.' }];
  const items = prev.items
    .filter((i) => copy === 'restricted' || !i.restricted)
    .sort((a, b) => a.order - b.order);
  return [
    {
      kind: 'paragraph',
      text: `Minutes of ${prev.meetingTitle}, ${dateLabel(prev.meetingDate)} (version ${prev.version}, ${prev.status}), for approval.`,
    },
    ...items.flatMap((i, n): PackBlock[] => [
      { kind: 'heading', text: `${n + 1}. ${i.title}${i.restricted ? ' (restricted)' : ''}` },
      ...(i.discussion ? [{ kind: 'paragraph' as const, text: i.discussion }] : []),
      ...(i.decisions.length
        ? [{ kind: 'list' as const, items: i.decisions.map((d) => `Decided: ${d}`) }]
        : []),
    ]),
  ];
}

function actionBlocks(g: GatheredPack, copy: PackCopy): PackBlock[] {
  const keep = <T extends { restricted: boolean }>(xs: T[]) =>
    xs.filter((a) => copy === 'restricted' || !a.restricted);
  const open = keep(g.minutes.actionLog.open);
  const closed = keep(g.minutes.actionLog.closedSince);
  const row = (a: (typeof open)[number]) => [
    a.id,
    a.text,
    a.owner.displayName,
    a.dueOn,
    a.overdue ? `${a.statusLabel} (overdue)` : a.statusLabel,
  ];
  const header = ['Action', 'What', 'Owner', 'Due', 'Status'];
  return [
    open.length
      ? { kind: 'table', caption: 'Open actions (overdue first)', header, rows: open.map(row) }
      : { kind: 'paragraph', text: 'No actions are open.' },
    ...(closed.length
      ? [
          {
            kind: 'table' as const,
            caption: 'Done or dropped since the last meeting',
            header,
            rows: closed.map(row),
          },
        ]
      : []),
  ];
}

function paperOf(p: MeetingForPackItem['papers'][number]): PackPaper {
  return {
    title: p.fileName,
    document: { library: p.library, name: p.name, version: p.version },
    kind: p.contentType === PDF ? 'pdf' : 'word',
  };
}

function agendaSection(m: MeetingForPack, items: MeetingForPackItem[], about: PackBlock[]): PackSection {
  return {
    id: 'agenda',
    title: 'Agenda',
    blocks: [
      ...about,
      {
        kind: 'paragraph',
        text: `${m.meeting.title}: ${dateLabel(m.date)}, ${m.meeting.start.slice(11)} to ${m.meeting.end.slice(11)}${m.meeting.location.venue ? `, ${m.meeting.location.venue}` : ''}${m.meeting.location.online ? ' (online too)' : ''}.`,
      },
      {
        kind: 'table',
        caption: 'Agenda',
        header: ['Item', 'Title', 'Presenter', 'Papers'],
        rows: items.map((i, n) => [
          String(n + 1),
          i.restricted ? `${i.title} (restricted)` : i.title,
          i.presenter?.displayName ?? '',
          i.papers.length ? i.papers.map((p) => p.fileName + (p.late ? ' (late)' : '')).join('; ') : 'None',
        ]),
      },
    ],
    papers: [],
  };
}

function itemSection(g: GatheredPack, item: MeetingForPackItem, n: number, copy: PackCopy): PackSection {
  const blocks: PackBlock[] = [];
  if (item.restricted)
    blocks.push({
      kind: 'note',
      text: 'Restricted item (exempt information): for those cleared for it only. Do not share this part of the pack.',
    });
  if (item.presenter) blocks.push({ kind: 'paragraph', text: `Presented by ${item.presenter.displayName}.` });
  if (item.description) blocks.push({ kind: 'paragraph', text: item.description });
  switch (item.standing) {
    case 'previous-minutes':
      blocks.push(...minutesBlocks(g, copy));
      break;
    case 'action-log':
      blocks.push(...actionBlocks(g, copy));
      break;
    case 'partner-returns':
      blocks.push(...returnsBlocks(g.collation), ...statisticsBlocks(g.statistics));
      break;
    case 'delivery-plan':
      blocks.push(...ragBlocks(g.collation));
      break;
    default:
      break;
  }
  const late = item.papers.filter((p) => p.late);
  if (late.length)
    blocks.push({
      kind: 'note',
      text: `Late paper${late.length > 1 ? 's' : ''}: ${late.map((p) => p.fileName).join('; ')} (received after the papers deadline).`,
    });
  if (blocks.length === 0 && item.papers.length === 0)
    blocks.push({ kind: 'paragraph', text: 'No papers for this item.' });
  return { id: `item-${item.id}`, title: `${n}. ${item.title}`, blocks, papers: item.papers.map(paperOf) };
}

/** Sections the agenda has no standing item for still go in, at the end, so every pack carries its figures. */
function appendices(g: GatheredPack, items: MeetingForPackItem[]): PackSection[] {
  const has = (k: string) => items.some((i) => i.standing === k);
  const out: PackSection[] = [];
  if (!has('partner-returns'))
    out.push({
      id: 'appendix-returns',
      title: 'Appendix: partner returns and concern statistics',
      blocks: [...returnsBlocks(g.collation), ...statisticsBlocks(g.statistics)],
      papers: [],
    });
  if (!has('delivery-plan'))
    out.push({
      id: 'appendix-rag',
      title: 'Appendix: delivery plan RAG',
      blocks: ragBlocks(g.collation),
      papers: [],
    });
  return out;
}

/** One copy of the pack, ready for the compiler. */
export function packInput(g: GatheredPack, o: CopyOptions): PackDocumentInput {
  const m = g.meeting;
  const items = itemsFor(m, o.copy);
  // What this copy is, at the top of the agenda (a page of its own would hold three lines).
  const about: PackBlock[] = [
    {
      kind: 'paragraph',
      text: `Version ${o.version}${o.kind === 'supplement' ? ', a supplement' : ''}, built ${o.builtAt.slice(0, 16).replace('T', ' ')} UTC.`,
    },
    ...(o.reason ? [{ kind: 'paragraph' as const, text: `Why this supplement: ${o.reason}` }] : []),
    {
      kind: 'paragraph',
      text:
        o.copy === 'public'
          ? 'This copy leaves out restricted items (exempt information), their papers and their minutes.'
          : 'Restricted copy: it holds restricted items (exempt information) and is only for those cleared for them.',
    },
  ];
  return {
    cover: {
      title: `${MEETING_KIND_LABELS[m.meeting.kind]} pack`,
      subtitle: `${m.meeting.title}, ${dateLabel(m.date)}${o.kind === 'supplement' ? ' (supplement)' : ''}`,
      meetingDate: m.date,
      status: 'draft',
      version: o.version,
      copy: o.copy,
    },
    sections: [
      agendaSection(m, items, about),
      ...items.map((i, n) => itemSection(g, i, n + 1, o.copy)),
      ...appendices(g, items),
    ],
    lang: 'en-GB',
  };
}

/** The parts compilePack reports on, counted the way it counts them (cover, contents, each section and paper). */
export const partsOf = (input: PackDocumentInput) =>
  2 + input.sections.length + input.sections.reduce((n, s) => n + s.papers.length, 0);

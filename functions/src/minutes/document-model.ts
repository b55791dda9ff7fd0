/**
 * The minutes of one version as a document, whatever it is rendered to: headings, paragraphs, lists and
 * tables. The public copy leaves restricted items out entirely (not even their titles); the restricted copy
 * has every item, each restricted one marked as such.
 */
import {
  ACTION_STATUS_LABELS,
  MINUTES_STATUS_LABELS,
  type MeetingForPack,
  type MinutesCopy,
  type MinutesStatus,
} from '@pph/contract';
import type { ActionRecord } from './repository';
import type { StoredMinutesItem } from './state';

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; header: string[]; rows: string[][] };

export interface DocumentModel {
  title: string;
  /** BCP 47, for the document's language metadata. */
  lang: string;
  subject: string;
  blocks: Block[];
  /** Said on every page of a copy not for publication. */
  marking?: string;
}

export interface VersionFacts {
  meeting: MeetingForPack;
  items: readonly StoredMinutesItem[];
  actions: ReadonlyMap<string, ActionRecord>;
  status: MinutesStatus;
  version: number;
  approvedOn?: string;
}

const DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
export const longDate = (isoDate: string) => DATE.format(new Date(`${isoDate}T00:00:00Z`));

/** What the copy's reader is told about its status and version. */
function statusLine(f: VersionFacts): string {
  const base = `${MINUTES_STATUS_LABELS[f.status]}, version ${f.version}`;
  if (f.status === 'approved' && f.approvedOn)
    return `${base}: approved at the meeting on ${longDate(f.approvedOn)}`;
  if (f.status === 'draft') return `${base}: not yet agreed`;
  return base;
}

export function minutesDocument(f: VersionFacts, copy: MinutesCopy): DocumentModel {
  const { meeting } = f;
  const title = `Minutes of the ${meeting.meeting.title}, ${longDate(meeting.date)}`;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title },
    { kind: 'paragraph', text: statusLine(f) },
  ];
  const present = meeting.attendance.filter((a) => a.status === 'present' || a.status === 'deputy');
  const apologies = meeting.attendance.filter((a) => a.status === 'apologies');
  if (present.length) {
    blocks.push({ kind: 'heading', level: 2, text: 'Present' });
    blocks.push({
      kind: 'list',
      items: present.map((a) =>
        a.status === 'deputy' && a.deputy
          ? `${a.deputy.displayName} (${a.partnerName}, deputising for ${a.displayName})`
          : `${a.displayName} (${a.partnerName})`,
      ),
    });
  }
  if (apologies.length) {
    blocks.push({ kind: 'heading', level: 2, text: 'Apologies' });
    blocks.push({ kind: 'list', items: apologies.map((a) => `${a.displayName} (${a.partnerName})`) });
  }
  const byId = new Map(f.items.map((i) => [i.agendaItemId, i]));
  const agenda = [...meeting.items].sort((a, b) => a.position - b.position);
  const withheld = agenda.filter((i) => i.restricted && copy === 'public').length;
  for (const item of agenda) {
    if (item.restricted && copy === 'public') continue;
    const minutes = byId.get(item.id);
    blocks.push({
      kind: 'heading',
      level: 2,
      text: `${item.position}. ${item.title}${item.restricted ? ' (restricted: exempt information)' : ''}`,
    });
    if (!minutes) {
      blocks.push({ kind: 'paragraph', text: 'No minutes recorded for this item.' });
      continue;
    }
    if (minutes.discussion)
      for (const para of minutes.discussion.split(/\n\s*\n/))
        blocks.push({ kind: 'paragraph', text: para.trim() });
    if (minutes.decisions.length) {
      blocks.push({ kind: 'heading', level: 3, text: 'Decisions' });
      blocks.push({ kind: 'list', items: [...minutes.decisions] });
    }
    const actions = minutes.actions.flatMap((d) => {
      const a = f.actions.get(d.key);
      return a ? [a] : [];
    });
    if (actions.length) {
      blocks.push({ kind: 'heading', level: 3, text: 'Actions' });
      blocks.push({
        kind: 'table',
        caption: `Actions agreed under item ${item.position}`,
        header: ['Action', 'What', 'Owner', 'Due', 'Status'],
        rows: actions.map((a) => [
          a.actionId,
          a.state.text,
          a.state.owner.displayName,
          longDate(a.state.dueOn),
          ACTION_STATUS_LABELS[a.state.status],
        ]),
      });
    }
  }
  if (withheld)
    blocks.push({
      kind: 'paragraph',
      text: `${withheld} restricted item${withheld === 1 ? ' is' : 's are'} not included in this copy.`,
    });
  return {
    title,
    lang: 'en-GB',
    subject: `${meeting.meeting.kindLabel} minutes`,
    blocks,
    ...(copy === 'restricted'
      ? { marking: 'Restricted: includes exempt information, not for publication' }
      : {}),
  };
}

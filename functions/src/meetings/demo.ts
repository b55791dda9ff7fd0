/**
 * The demo Board for local runs: a quarterly series on the second Tuesday, the meeting of last quarter held
 * (with attendance and quorum) and the next one scheduled with its agenda: the standing items and two more, one
 * of them restricted. Made once (a counter marks it), with the meetings' own builders and rules.
 */
import type { ScheduleMeetingRequest } from '@pph/contract';
import { addMonths, londonDate } from '../kernel/calendar/working-days';
import type { Directory } from '../kernel/directory/directory';
import type { Counters } from '../kernel/store/counters';
import { insertItem, itemId } from './agenda';
import { newMeetingState, resolveInvitees } from './build';
import { occurrences } from './recurrence';
import type { MeetingRepository } from './repository';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { DocumentStore } from '../ports/documents';
import { PAPERS_LIBRARY } from './service';
import type { MeetingState, StoredPaper } from './state';

export class MeetingDemo {
  constructor(
    private readonly d: {
      repo: MeetingRepository;
      directory: Directory;
      counters: Counters;
      documents: DocumentStore;
    },
  ) {}

  /** True when this call made the demo meetings. */
  async seed(now: Date): Promise<boolean> {
    return this.d.counters.once('demo-seed-meetings', () => this.make(now));
  }

  private async make(now: Date) {
    const people = await this.d.directory.people();
    const partners = await this.d.directory.partners();
    const secretariat = people.find((p) => p.roles.includes('secretariat'));
    if (!secretariat) return;
    const today = londonDate(now);
    const from = `${addMonths(today, -4).slice(0, 7)}-01`;
    const req: ScheduleMeetingRequest = {
      idempotencyKey: 'demo-seed-board-series',
      kind: 'prevent-board',
      title: 'Prevent Partnership Board',
      start: `${from}T10:00`,
      end: `${from}T12:00`,
      location: { venue: 'Civic Centre, Committee Room 2 (demo)', online: true },
      invitees: {
        byRole: [
          ...[...partners.keys()]
            .filter((id) => people.some((p) => p.partnerId === id && p.roles.includes('board-member')))
            .map((partnerId) => ({ partnerId, role: 'board-member' as const })),
          ...(people.some((p) => p.partnerId === 'police' && p.roles.includes('police-prevent'))
            ? [{ partnerId: 'police', role: 'police-prevent' as const }]
            : []),
        ],
        people: [],
      },
      papersDueWorkingDays: 5,
      recurrence: { every: 'quarter', weekday: 'TU', nth: 2, count: 3 },
    };
    const invitees = resolveInvitees(req.kind, req.invitees, people, partners);
    const dates = occurrences(req.recurrence!, from);
    const past = dates.filter((o) => o.date < today).at(-1);
    const next = dates.find((o) => o.date > today);
    const by = { id: secretariat.id, displayName: secretariat.displayName };
    const seriesId = `SER-${from.slice(0, 4)}-${String(await this.d.counters.next(`meeting-series:${from.slice(0, 4)}`)).padStart(4, '0')}`;
    const at = now.toISOString();
    const make = async (date: string, n: number, shape: (s: MeetingState) => Promise<MeetingState>) => {
      const id = `MTG-${date.slice(0, 4)}-${String(await this.d.counters.next(`meeting:${date.slice(0, 4)}`)).padStart(4, '0')}`;
      const base = newMeetingState({
        id,
        seriesId,
        req,
        planned: { start: `${date}T10:00`, end: `${date}T12:00` },
        invitees,
        at,
        by,
      });
      // The demo sends no invitations or notices: nobody is waiting for them.
      await this.d.repo.create(
        `${req.idempotencyKey}#${n}`,
        await shape({ ...base, pending: [], invitation: { wanted: 1, sent: 1 } }),
      );
    };
    if (past)
      await make(past.date, 0, async (s) => ({
        ...s,
        status: 'held',
        notices: { papersDue: true, soon: true },
        attendance: Object.fromEntries(
          invitees.map((i, k) => [
            i.personId,
            { status: k === invitees.length - 1 ? ('apologies' as const) : ('present' as const) },
          ]),
        ),
        history: [...s.history, { at, by, action: 'held', summary: 'Held' }],
      }));
    if (next) {
      const coordinator = people.find((p) => p.roles.includes('prevent-coordinator'));
      const police = people.find((p) => p.roles.includes('police-prevent'));
      await make(next.date, 1, async (s) => {
        let agenda = insertItem(s.agenda, {
          id: itemId(8),
          title: 'Channel panel annual report (demo)',
          ...(coordinator
            ? { presenter: { personId: coordinator.id, displayName: coordinator.displayName } }
            : {}),
          restricted: false,
          clearedFor: [],
          papers: [await this.paper(s, itemId(8), 'Channel panel annual report', by, at)],
        });
        agenda = insertItem(agenda, {
          id: itemId(9),
          title: 'Case review: lessons learned (exempt information, demo)',
          ...(police ? { presenter: { personId: police.id, displayName: police.displayName } } : {}),
          restricted: true,
          clearedFor: police ? [police.id] : [],
          papers: [await this.paper(s, itemId(9), 'Case review lessons learned', by, at)],
        });
        return { ...s, agenda, nextItem: 10, nextPaper: 10 };
      });
    }
  }

  /** A one-page demo paper (PDF), stored as the secretariat would upload it. */
  private async paper(
    s: MeetingState,
    item: string,
    title: string,
    by: { id: string; displayName: string },
    at: string,
  ): Promise<StoredPaper> {
    const pdf = await PDFDocument.create();
    pdf.setTitle(`${title} (demo paper)`);
    pdf.setLanguage('en-GB');
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage();
    page.drawText(`${title} (demo paper)`, { x: 56, y: 760, size: 18, font });
    page.drawText(`For ${s.title}, ${s.start.slice(0, 10)}. Fictional content for the local demo.`, {
      x: 56,
      y: 730,
      size: 11,
      font,
    });
    const doc = await this.d.documents.put(
      PAPERS_LIBRARY,
      `${s.id}--${item}--${title}.pdf`,
      await pdf.save(),
      {
        contentType: 'application/pdf',
        metadata: { meetingId: s.id, itemId: item, late: false },
      },
    );
    return {
      id: `PAP-${item.slice(4)}`,
      itemId: item,
      fileName: `${title}.pdf`,
      library: doc.library,
      name: doc.name,
      version: doc.version,
      contentType: doc.contentType,
      size: doc.size,
      late: false,
      uploadedAt: at,
      uploadedBy: by,
    };
  }
}

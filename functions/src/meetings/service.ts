/**
 * The meetings service: scheduling (one meeting or a series, safe to retry), changes with reasons, the agenda
 * and its papers, attendance and quorum, invitations and notices. Every change is one ETag-guarded write of the
 * whole meeting, made only once every check has passed; notices go to the outbox after it, by de-duplication
 * key, so a retry sends none twice.
 */
import { randomUUID } from 'node:crypto';
import {
  MAX_PAPER_BYTES,
  type AddAgendaItemRequest,
  type AgendaResponse,
  type AttendanceResponse,
  type CancelMeetingRequest,
  type MeetingForPack,
  type MeetingListResponse,
  type MeetingView,
  type PaperView,
  type QuorumRule,
  type RecordAttendanceRequest,
  type RescheduleMeetingRequest,
  type ScheduleMeetingRequest,
  type ScheduleMeetingResponse,
  type UpdateAgendaItemRequest,
  type UpdateMeetingRequest,
  type UploadPaperRequest,
} from '@pph/contract';
import type { Actor } from '../kernel/auth/actor';
import type { AuthorisationRegistry } from '../kernel/auth/registry';
import type { AuditLog } from '../kernel/audit/audit-log';
import { digestOf } from '../kernel/audit/chain';
import { londonDate } from '../kernel/calendar/working-days';
import type { Directory } from '../kernel/directory/directory';
import { enqueueNotification } from '../kernel/events/enqueue';
import { DomainError, conflict, forbidden, notFound } from '../kernel/errors';
import type { Counters } from '../kernel/store/counters';
import type { HubPorts } from '../ports/hub-ports';
import type { MeetingInvite, MeetingInvites } from '../ports/meeting-invites';
import { isStoreError } from '../ports/store';
import { checkPaper } from '../kernel/documents/paper-checks';
import { buildIcs, type Organiser } from '../adapters/calendar/ics';
import { insertItem, itemId, moveItem } from './agenda';
import { checkTimes, invalid, newMeetingState, papersDueOn, plan, resolveInvitees } from './build';
import { describeLocal, londonInstant } from './london-time';
import { MeetingLists } from './lists';
import { clearedFor, seesMeeting } from './policy';
import { invitationDue } from './reminders';
import { meetingEtag, type MeetingRecord, type MeetingRepository } from './repository';
import type { MeetingHistoryEntry } from '@pph/contract';
import type { MeetingState, PendingNotice, StoredItem } from './state';
import { attendanceOf, toItemView, toPack, toPaperView, toSummary, toView } from './view';

export const PAPERS_LIBRARY = 'meeting-papers';

export interface MeetingServiceDeps {
  ports: HubPorts;
  repo: MeetingRepository;
  directory: Directory;
  audit: AuditLog;
  authorisation: AuthorisationRegistry;
  counters: Counters;
  invites: MeetingInvites;
  organiser: Organiser;
  quorum: QuorumRule;
}

export interface MeetingFile {
  contentType: string;
  fileName: string;
  data: Uint8Array;
}

type Mutation = (s: MeetingState) => { state: MeetingState; entry: Omit<MeetingHistoryEntry, 'at' | 'by'> };

const upcoming = (s: MeetingState) => s.status === 'scheduled' || s.status === 'rescheduled';
const pad = (n: number) => String(n).padStart(4, '0');
const safeName = (fileName: string) =>
  fileName
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9 _-]+/g, '-')
    .replace(/^[ -]+|[ -]+$/g, '')
    .slice(0, 120) || 'paper';

export class MeetingService {
  constructor(private readonly d: MeetingServiceDeps) {}

  private now = () => this.d.ports.clock.now();

  // Reading

  async list(actor: Actor): Promise<MeetingListResponse> {
    this.d.authorisation.require(actor, 'meetings.read');
    const today = londonDate(this.now());
    const mine = (await this.d.repo.all()).map((r) => r.state).filter((s) => seesMeeting(actor, s));
    const ahead = mine.filter((s) => s.start.slice(0, 10) >= today && s.status !== 'held');
    const past = mine.filter((s) => !ahead.includes(s)).reverse();
    return { items: [...ahead, ...past].map(toSummary) };
  }

  async read(actor: Actor, meetingId: string): Promise<MeetingView> {
    this.d.authorisation.require(actor, 'meeting.read');
    return toView(actor, (await this.load(actor, meetingId)).state, this.d.quorum);
  }

  async agenda(actor: Actor, meetingId: string): Promise<AgendaResponse> {
    this.d.authorisation.require(actor, 'meeting.read');
    const { state } = await this.load(actor, meetingId);
    return { items: state.agenda.map((item, i) => toItemView(actor, state, item, i + 1)) };
  }

  async papers(actor: Actor, meetingId: string): Promise<{ items: PaperView[] }> {
    this.d.authorisation.require(actor, 'meeting.read');
    const { state } = await this.load(actor, meetingId);
    return {
      items: state.agenda
        .filter((i) => clearedFor(actor, state, i))
        .flatMap((i) => i.papers.map(toPaperView)),
    };
  }

  async downloadPaper(actor: Actor, meetingId: string, paperId: string): Promise<MeetingFile> {
    this.d.authorisation.require(actor, 'meeting.read');
    const { state } = await this.load(actor, meetingId);
    const item = state.agenda.find((i) => i.papers.some((p) => p.id === paperId));
    const paper = item?.papers.find((p) => p.id === paperId);
    if (!item || !paper) throw notFound(`${meetingId} has no paper ${paperId}.`);
    if (!clearedFor(actor, state, item)) {
      await this.auditRefusal(actor, `${meetingId}/${paperId}`, 'meeting-paper.read');
      throw forbidden(
        `"${item.title}" is a restricted item: its papers are only for those cleared for it. Ask the secretariat if you should be.`,
      );
    }
    const got = await this.d.ports.documents.get(paper.library, paper.name, paper.version);
    if (!got) throw notFound(`The file of ${paper.fileName} is missing from the document library.`);
    return { contentType: paper.contentType, fileName: paper.fileName, data: got.bytes };
  }

  async invitation(actor: Actor, meetingId: string): Promise<MeetingFile> {
    this.d.authorisation.require(actor, 'meeting.read');
    const { state } = await this.load(actor, meetingId);
    const ics = buildIcs(
      this.inviteOf(state),
      this.d.organiser,
      state.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
    );
    return {
      contentType: 'text/calendar; charset=utf-8',
      fileName: `${state.id}.ics`,
      data: new TextEncoder().encode(ics),
    };
  }

  /** The whole meeting for the pack job: every item, restricted ones with who is cleared. */
  async forPack(meetingId: string): Promise<MeetingForPack> {
    const found = await this.get(meetingId);
    if (!found) throw notFound(`There is no meeting ${meetingId}.`);
    return found;
  }

  /** The same for the minutes; undefined when there is no such meeting. */
  async get(meetingId: string): Promise<MeetingForPack | undefined> {
    const record = await this.d.repo.byMeetingId(meetingId);
    if (!record) return undefined;
    const s = record.state;
    const secretariat = (await this.d.directory.people())
      .filter((p) => p.roles.includes('secretariat'))
      .map((p) => p.id);
    const previous = (await this.d.repo.all())
      .map((r) => r.state)
      .filter((o) => o.kind === s.kind && o.status === 'held' && o.start < s.start)
      .at(-1);
    return toPack(s, this.d.quorum, secretariat, previous?.id);
  }

  // Scheduling

  /** Schedules the meeting or series; `created` false when the idempotency key had been used (a replay). */
  async schedule(
    actor: Actor,
    req: ScheduleMeetingRequest,
  ): Promise<{ response: ScheduleMeetingResponse; created: boolean }> {
    this.d.authorisation.require(actor, 'meeting.schedule');
    const now = this.now();
    const planned = plan(req);
    const first = await this.d.repo.byCreateKey(`${req.idempotencyKey}#0`);
    if (!first) for (const p of planned) checkTimes(p.start, p.end, now);
    const invitees = resolveInvitees(
      req.kind,
      req.invitees,
      await this.d.directory.people(),
      await this.d.directory.partners(),
    );
    const year = req.start.slice(0, 4);
    const seriesId =
      first?.state.seriesId ??
      (req.recurrence
        ? `SER-${year}-${pad(await this.d.counters.next(`meeting-series:${year}`))}`
        : undefined);
    const by = { id: actor.id, displayName: actor.displayName };
    const records: MeetingRecord[] = [];
    let created = false;
    for (const [n, p] of planned.entries()) {
      const key = `${req.idempotencyKey}#${n}`;
      let record = await this.d.repo.byCreateKey(key);
      if (!record) {
        const id = `MTG-${p.start.slice(0, 4)}-${pad(await this.d.counters.next(`meeting:${p.start.slice(0, 4)}`))}`;
        const state = newMeetingState({ id, seriesId, req, planned: p, invitees, at: now.toISOString(), by });
        // A request retried at the same moment creates it first: take theirs.
        record = (await this.d.repo.create(key, state)) ?? (await this.d.repo.byCreateKey(key));
        if (!record)
          throw conflict('The meeting was being scheduled by another request: look for it in the list.');
        if (record.state.id === id) {
          created = true;
          await this.audit(actor, record.state, 'meeting.schedule');
        }
      }
      records.push(record);
    }
    await this.refreshEmails();
    for (const r of records) await this.afterWrite(r);
    return {
      created,
      response: {
        meeting: toView(actor, records[0]!.state, this.d.quorum),
        scheduled: records.map((r) => toSummary(r.state)),
        moved: planned
          .filter((p) => p.movedFrom)
          .map((p) => `${p.movedFrom} is a bank holiday: that meeting is on ${p.start.slice(0, 10)}.`),
      },
    };
  }

  async update(actor: Actor, meetingId: string, req: UpdateMeetingRequest, ifMatch?: string) {
    this.d.authorisation.require(actor, 'meeting.edit');
    const people = req.invitees ? await this.d.directory.people() : [];
    const partners = req.invitees ? await this.d.directory.partners() : new Map();
    return this.change(actor, meetingId, req.etag ?? ifMatch, 'meeting.update', (s) => {
      this.requireOpen(s, 'changed');
      const invitees = req.invitees ? resolveInvitees(s.kind, req.invitees, people, partners) : s.invitees;
      const days = req.papersDueWorkingDays ?? s.papersDueWorkingDays;
      const added = invitees.filter((i) => !s.invitees.some((o) => o.personId === i.personId));
      const state: MeetingState = {
        ...s,
        ...(req.title ? { title: req.title } : {}),
        ...(req.location
          ? {
              location: {
                ...(req.location.venue ? { venue: req.location.venue } : {}),
                online: req.location.online,
              },
            }
          : {}),
        ...(req.invitees ? { inviteeSpec: req.invitees, invitees } : {}),
        papersDueWorkingDays: days,
        papersDueOn: papersDueOn(s.start.slice(0, 10), days),
        invitation: { ...s.invitation, wanted: s.revision + 1 },
        pending: [
          ...s.pending,
          ...added.map((i) =>
            this.notice(
              s,
              i.personId,
              'meeting-invited',
              `You are invited to ${s.title}`,
              `${s.title} meets on ${describeLocal(s.start)}.`,
            ),
          ),
        ],
      };
      return { state, entry: { action: 'updated', summary: 'Details changed' } };
    });
  }

  async reschedule(actor: Actor, meetingId: string, req: RescheduleMeetingRequest, ifMatch?: string) {
    this.d.authorisation.require(actor, 'meeting.edit');
    checkTimes(req.start, req.end, this.now());
    return this.change(actor, meetingId, req.etag ?? ifMatch, 'meeting.reschedule', (s) => {
      this.requireOpen(s, 'rescheduled');
      const state: MeetingState = {
        ...s,
        start: req.start,
        end: req.end,
        status: 'rescheduled',
        statusReason: req.reason,
        papersDueOn: papersDueOn(req.start.slice(0, 10), s.papersDueWorkingDays),
        notices: { papersDue: false, soon: false },
        invitation: { ...s.invitation, wanted: s.revision + 1 },
        pending: [
          ...s.pending,
          ...s.invitees.map((i) =>
            this.notice(
              s,
              i.personId,
              'meeting-changed',
              `${s.title} has moved to ${describeLocal(req.start)}`,
              `${s.title} was on ${describeLocal(s.start)}; it is now on ${describeLocal(req.start)}. Reason: ${req.reason}`,
              req.start,
            ),
          ),
        ],
      };
      return {
        state,
        entry: { action: 'rescheduled', summary: `Moved to ${describeLocal(req.start)}`, reason: req.reason },
      };
    });
  }

  async cancel(actor: Actor, meetingId: string, req: CancelMeetingRequest, ifMatch?: string) {
    this.d.authorisation.require(actor, 'meeting.edit');
    return this.change(actor, meetingId, req.etag ?? ifMatch, 'meeting.cancel', (s) => {
      this.requireOpen(s, 'cancelled');
      const state: MeetingState = {
        ...s,
        status: 'cancelled',
        statusReason: req.reason,
        invitation: { ...s.invitation, wanted: s.revision + 1 },
        pending: [
          ...s.pending,
          ...s.invitees.map((i) =>
            this.notice(
              s,
              i.personId,
              'meeting-cancelled',
              `${s.title} on ${describeLocal(s.start)} is cancelled`,
              `Reason: ${req.reason}`,
            ),
          ),
        ],
      };
      return { state, entry: { action: 'cancelled', summary: 'Cancelled', reason: req.reason } };
    });
  }

  async markHeld(actor: Actor, meetingId: string, etag?: string) {
    this.d.authorisation.require(actor, 'meeting.edit');
    const now = this.now();
    return this.change(actor, meetingId, etag, 'meeting.held', (s) => {
      this.requireOpen(s, 'marked held');
      if (londonInstant(s.start).getTime() > now.getTime())
        throw conflict(
          `${s.title} starts on ${describeLocal(s.start)}: it can be marked held once it has met.`,
        );
      return { state: { ...s, status: 'held' }, entry: { action: 'held', summary: 'Held' } };
    });
  }

  // The agenda

  async addItem(actor: Actor, meetingId: string, req: AddAgendaItemRequest, ifMatch?: string) {
    this.d.authorisation.require(actor, 'meeting.edit');
    const presenter = await this.presenter(req.presenterId, req.presenterName);
    const cleared = await this.checkCleared(req.clearedFor);
    return this.agendaChange(actor, meetingId, ifMatch, 'meeting.agenda.add', (s) => {
      this.requireOpen(s, 'given new agenda items');
      const item: StoredItem = {
        id: itemId(s.nextItem),
        title: req.title,
        ...(req.description ? { description: req.description } : {}),
        ...(presenter ? { presenter } : {}),
        ...(req.minutes !== undefined ? { minutes: req.minutes } : {}),
        restricted: req.restricted,
        clearedFor: cleared,
        papers: [],
      };
      return {
        state: { ...s, agenda: insertItem(s.agenda, item, req.position), nextItem: s.nextItem + 1 },
        entry: { action: 'agenda-changed', summary: `Item added: ${req.title}` },
      };
    });
  }

  async updateItem(
    actor: Actor,
    meetingId: string,
    id: string,
    req: UpdateAgendaItemRequest,
    ifMatch?: string,
  ) {
    this.d.authorisation.require(actor, 'meeting.edit');
    const presenter =
      req.presenterId === null ? null : await this.presenter(req.presenterId ?? undefined, req.presenterName);
    const cleared = req.clearedFor ? await this.checkCleared(req.clearedFor) : undefined;
    return this.agendaChange(actor, meetingId, ifMatch, 'meeting.agenda.edit', (s) => {
      this.requireOpen(s, 'changed');
      const item = this.item(s, id);
      const next: StoredItem = {
        ...item,
        ...(req.title ? { title: req.title } : {}),
        ...(req.description !== undefined ? { description: req.description } : {}),
        ...(req.restricted !== undefined ? { restricted: req.restricted } : {}),
        ...(cleared ? { clearedFor: cleared } : {}),
      };
      if (presenter === null) delete next.presenter;
      else if (presenter) next.presenter = presenter;
      if (req.minutes === null) delete next.minutes;
      else if (req.minutes !== undefined) next.minutes = req.minutes;
      return {
        state: { ...s, agenda: s.agenda.map((i) => (i.id === id ? next : i)) },
        entry: { action: 'agenda-changed', summary: `Item changed: ${next.title}` },
      };
    });
  }

  async moveItem(actor: Actor, meetingId: string, id: string, position: number, ifMatch?: string) {
    this.d.authorisation.require(actor, 'meeting.edit');
    return this.agendaChange(actor, meetingId, ifMatch, 'meeting.agenda.move', (s) => {
      this.requireOpen(s, 'reordered');
      const item = this.item(s, id);
      return {
        state: { ...s, agenda: moveItem(s.agenda, id, position) },
        entry: {
          action: 'agenda-changed',
          summary: `Item moved to ${Math.min(position, s.agenda.length)}: ${item.title}`,
        },
      };
    });
  }

  async removeItem(actor: Actor, meetingId: string, id: string, ifMatch?: string) {
    this.d.authorisation.require(actor, 'meeting.edit');
    return this.agendaChange(actor, meetingId, ifMatch, 'meeting.agenda.remove', (s) => {
      this.requireOpen(s, 'changed');
      const item = this.item(s, id);
      return {
        state: { ...s, agenda: s.agenda.filter((i) => i.id !== id) },
        entry: { action: 'agenda-changed', summary: `Item removed: ${item.title}` },
      };
    });
  }

  // Papers

  async uploadPaper(
    actor: Actor,
    meetingId: string,
    id: string,
    req: UploadPaperRequest,
  ): Promise<PaperView> {
    this.d.authorisation.require(actor, 'meeting.edit');
    // Size first, from the base64's length, so a huge paper is refused before it is decoded.
    const size =
      Math.floor((req.contentBase64.length * 3) / 4) - (req.contentBase64.match(/=+$/)?.[0].length ?? 0);
    if (size > MAX_PAPER_BYTES)
      throw new DomainError(
        'payload_too_large',
        `${req.fileName} is ${Math.ceil(size / 1024 / 1024)} MB; a paper can be at most 50 MB. Save the PDF at a reduced size (compress its images) or split it into parts, and upload it again.`,
      );
    const bytes = new Uint8Array(Buffer.from(req.contentBase64, 'base64'));
    // The one set of paper checks (PDF or .docx by content, corrupt or encrypted PDFs refused), as the pack uses.
    const checked = await checkPaper(bytes, req.fileName);
    const extension = checked.kind === 'pdf' ? 'pdf' : 'docx';
    const { state } = await this.load(actor, meetingId);
    this.requireOpen(state, 'given papers');
    const item = this.item(state, id);
    const name = `${meetingId}--${id}--${safeName(req.fileName)}.${extension}`;
    const now = this.now();
    const doc = await this.d.ports.documents.put(PAPERS_LIBRARY, name, bytes, {
      contentType: checked.contentType,
      metadata: { meetingId, itemId: id, late: londonDate(now) > state.papersDueOn },
    });
    let paperId = '';
    await this.change(actor, meetingId, undefined, 'meeting.paper.upload', (s) => {
      this.requireOpen(s, 'given papers');
      const current = this.item(s, item.id);
      const same = current.papers.find((p) => p.name === doc.name);
      paperId = same?.id ?? `PAP-${pad(s.nextPaper)}`;
      const paper = {
        id: paperId,
        itemId: id,
        fileName: req.fileName,
        library: doc.library,
        name: doc.name,
        version: doc.version,
        contentType: doc.contentType,
        size: doc.size,
        late: londonDate(now) > s.papersDueOn,
        uploadedAt: now.toISOString(),
        uploadedBy: { id: actor.id, displayName: actor.displayName },
      };
      const papers = same
        ? current.papers.map((p) => (p.id === paperId ? paper : p))
        : [...current.papers, paper];
      return {
        state: {
          ...s,
          agenda: s.agenda.map((i) => (i.id === id ? { ...current, papers } : i)),
          nextPaper: same ? s.nextPaper : s.nextPaper + 1,
        },
        entry: {
          action: 'paper-uploaded',
          summary: `Paper ${same ? 'replaced' : 'added'} to ${current.title}${paper.late ? ' (late)' : ''}`,
        },
      };
    });
    const saved = await this.d.repo.byMeetingId(meetingId);
    return toPaperView(saved!.state.agenda.flatMap((i) => i.papers).find((p) => p.id === paperId)!);
  }

  // Attendance

  async recordAttendance(
    actor: Actor,
    meetingId: string,
    req: RecordAttendanceRequest,
    ifMatch?: string,
  ): Promise<AttendanceResponse> {
    this.d.authorisation.require(actor, 'meeting.attendance');
    const view = await this.change(actor, meetingId, req.etag ?? ifMatch, 'meeting.attendance', (s) => {
      if (s.status === 'cancelled')
        throw conflict(`${s.title} was cancelled: there is no attendance to record.`);
      const attendance = { ...s.attendance };
      req.entries.forEach((e, i) => {
        if (!s.invitees.some((inv) => inv.personId === e.personId))
          throw invalid(
            `entries.${i}.personId`,
            'That person is not invited to this meeting: invite them first.',
          );
        attendance[e.personId] = {
          status: e.status,
          ...(e.status === 'deputy'
            ? {
                deputy: {
                  displayName: e.deputyName ?? e.deputyPersonId!,
                  ...(e.deputyPersonId ? { personId: e.deputyPersonId } : {}),
                },
              }
            : {}),
        };
      });
      return {
        state: { ...s, attendance },
        entry: { action: 'attendance-recorded', summary: 'Attendance recorded' },
      };
    });
    return view.attendance;
  }

  // Timers

  /** Sends what is still to go for one meeting: its notices to the outbox, its invitation to the calendar. */
  async afterWrite(record: MeetingRecord): Promise<MeetingRecord> {
    let r = record;
    try {
      if (r.state.pending.length > 0) r = await this.flush(r);
      if (invitationDue(r.state)) r = await this.sendInvitation(r);
    } catch (e) {
      // The timer tries again: the change itself is saved. Names only in logs.
      this.d.ports.logger.warn('meeting follow-up deferred to timer', {
        meetingId: r.state.id,
        error: e instanceof Error ? e.name : 'unknown',
      });
    }
    return r;
  }

  private async flush(r: MeetingRecord): Promise<MeetingRecord> {
    const now = this.now().toISOString();
    for (const n of r.state.pending)
      await enqueueNotification(this.d.ports.store, {
        dedupeKey: n.dedupeKey,
        type: n.type,
        recipientId: n.recipientId,
        reference: r.state.id,
        title: n.title,
        body: n.body,
        status: 'pending',
        now,
      });
    return this.d.repo.commit(r, { ...r.state, pending: [] });
  }

  private async sendInvitation(r: MeetingRecord): Promise<MeetingRecord> {
    const s = r.state;
    const invite = this.inviteOf(s);
    const sent =
      s.status === 'cancelled'
        ? await this.d.invites.cancel(invite, s.statusReason ?? 'Cancelled')
        : await this.d.invites.send(invite);
    return this.d.repo.commit(r, {
      ...s,
      invitation: {
        wanted: s.invitation.wanted,
        sent: s.invitation.wanted,
        ...(sent.eventId ? { eventId: sent.eventId } : {}),
        ...((sent.joinUrl ?? s.invitation.joinUrl) ? { joinUrl: sent.joinUrl ?? s.invitation.joinUrl } : {}),
        ...((sent.document ?? s.invitation.document)
          ? { document: sent.document ?? s.invitation.document }
          : {}),
      },
    });
  }

  private inviteOf(s: MeetingState): MeetingInvite {
    return {
      meetingId: s.id,
      sequence: s.invitation.wanted,
      title: s.title,
      description: [
        `${s.title}: ${describeLocal(s.start)} to ${s.end.slice(11)} (London time).`,
        `Papers are due by ${s.papersDueOn}.`,
        ...(s.statusReason ? [s.statusReason] : []),
        ...(s.invitation.joinUrl ? [`Join online: ${s.invitation.joinUrl}`] : []),
      ].join('\n'),
      start: s.start,
      end: s.end,
      startsAt: londonInstant(s.start).toISOString(),
      endsAt: londonInstant(s.end).toISOString(),
      ...(s.location.venue ? { venue: s.location.venue } : {}),
      online: s.location.online,
      attendees: s.invitees.flatMap((i) => {
        const email = this.emails.get(i.personId);
        return email ? [{ name: i.displayName, email }] : [];
      }),
      ...(s.invitation.eventId ? { eventId: s.invitation.eventId } : {}),
    };
  }

  /** Invitees' addresses, read from the directory when an invitation is made (not kept in the meeting). */
  private emails = new Map<string, string>();

  async refreshEmails(): Promise<void> {
    for (const p of await this.d.directory.people()) this.emails.set(p.id, p.email);
  }

  // Helpers

  private async load(actor: Actor, meetingId: string): Promise<MeetingRecord> {
    const record = await this.d.repo.byMeetingId(meetingId);
    if (!record || !seesMeeting(actor, record.state))
      throw notFound(`There is no meeting ${meetingId} that you are invited to.`);
    return record;
  }

  private requireOpen(s: MeetingState, what: string) {
    if (upcoming(s)) return;
    throw conflict(
      s.status === 'held'
        ? `${s.title} was held on ${s.start.slice(0, 10)}: it can no longer be ${what}. Add it to the next meeting instead.`
        : `${s.title} was cancelled: it can no longer be ${what}.`,
    );
  }

  private item(s: MeetingState, id: string): StoredItem {
    const item = s.agenda.find((i) => i.id === id);
    if (!item) throw notFound(`${s.title} has no agenda item ${id}.`);
    return item;
  }

  private async presenter(personId?: string, name?: string) {
    if (personId) {
      const p = await this.d.directory.person(personId);
      if (!p)
        throw invalid('presenterId', 'That presenter is not in the hub directory: give their name instead.');
      return { personId: p.id, displayName: p.displayName };
    }
    return name ? { displayName: name } : undefined;
  }

  private async checkCleared(ids: readonly string[]): Promise<string[]> {
    const known = new Set((await this.d.directory.people()).map((p) => p.id));
    ids.forEach((id, i) => {
      if (!known.has(id)) throw invalid(`clearedFor.${i}`, 'That person is not in the hub directory.');
    });
    return [...new Set(ids)];
  }

  private notice(
    s: MeetingState,
    personId: string,
    type: string,
    title: string,
    body: string,
    key = '',
  ): PendingNotice {
    return {
      dedupeKey: `${type}:${s.id}:${s.revision + 1}${key ? `:${key}` : ''}:${personId}`,
      type,
      recipientId: personId,
      title,
      body,
    };
  }

  private async agendaChange(
    actor: Actor,
    meetingId: string,
    ifMatch: string | undefined,
    action: string,
    m: Mutation,
  ) {
    const view = await this.change(actor, meetingId, ifMatch, action, m);
    return { items: view.agenda };
  }

  /**
   * One change: read, check the caller's ETag, apply (every check inside throws before anything is written),
   * write once guarded by the item's ETag. A write that lost a race is a 409 saying to reload.
   */
  private async change(
    actor: Actor,
    meetingId: string,
    etag: string | undefined,
    action: string,
    mutate: Mutation,
  ): Promise<MeetingView> {
    const record = await this.load(actor, meetingId);
    if (etag && etag.replace(/^W\//, '') !== meetingEtag(record.state)) throw this.stale(record.state);
    const { state, entry } = mutate(record.state);
    const next: MeetingState = {
      ...state,
      revision: record.state.revision + 1,
      history: [
        ...state.history,
        { ...entry, at: this.now().toISOString(), by: { id: actor.id, displayName: actor.displayName } },
      ],
    };
    let saved: MeetingRecord;
    try {
      saved = await this.d.repo.commit(record, next);
    } catch (e) {
      if (isStoreError(e, 'conflict')) throw this.stale(record.state);
      throw e;
    }
    await this.audit(actor, next, action);
    if (next.invitation.wanted > next.invitation.sent) await this.refreshEmails();
    saved = await this.afterWrite(saved);
    return toView(actor, saved.state, this.d.quorum);
  }

  private stale(s: MeetingState): DomainError {
    const last = s.history.at(-1);
    return conflict(
      `${s.title} was changed since you opened it${last ? ` (${last.summary.toLowerCase()}${last.by ? ` by ${last.by.displayName}` : ''})` : ''}. Reload it and make your change again.`,
    );
  }

  private async audit(actor: Actor, s: MeetingState, action: string) {
    await this.d.audit.append({
      eventKey: `${s.id}:${s.revision}:${action}`,
      at: this.now().toISOString(),
      actorId: actor.id,
      action,
      target: `${MeetingLists.meetings}/${s.id}`,
      digest: digestOf({ id: s.id, revision: s.revision }),
    });
  }

  private async auditRefusal(actor: Actor, target: string, action: string) {
    await this.d.audit.append({
      eventKey: randomUUID(),
      at: this.now().toISOString(),
      actorId: actor.id,
      action: `${action}.refused`,
      target: `${MeetingLists.meetings}/${target}`,
      digest: digestOf({ target }),
    });
  }

  /** Quorum of a meeting as it stands (for the tabs and the timer). */
  attendanceOf(s: MeetingState): AttendanceResponse {
    return attendanceOf(s, this.d.quorum);
  }
}

/**
 * The minutes' use cases: read (restricted items only for those cleared), save a draft, circulate, record the
 * approval at the next meeting, download a version. Each change is one ETag-guarded write of the minutes item
 * adding a version; what follows from it (the actions minuted, the version's Word and PDF files, the audit
 * entry, the notices) is completed from that stored version by `complete`, which is safe to repeat, so a
 * change cut short half-way is finished by the next read or change and nothing is done twice.
 */
import {
  MINUTES_STATUS_LABELS,
  type ApproveMinutesRequest,
  type MeetingForPack,
  type MinutesFormat,
  type MinutesItemViewSchema,
  type MinutesStatus,
  type MinutesVersion,
  type MinutesView,
  type SaveMinutesDraftRequestSchema,
} from '@pph/contract';
import type { z } from 'zod';
import type { Actor } from '../kernel/auth/actor';
import type { AuthorisationRegistry } from '../kernel/auth/registry';
import type { AuditLog } from '../kernel/audit/audit-log';
import { digestOf } from '../kernel/audit/chain';
import type { Directory } from '../kernel/directory/directory';
import { DomainError, forbidden } from '../kernel/errors';
import { enqueueNotification } from '../kernel/events/enqueue';
import type { HubPorts } from '../ports/hub-ports';
import { isStoreError } from '../ports/store';
import { digestOf as keyDigest } from '../kernel/audit/chain';
import type { ActionLog } from './action-log';
import { longDate } from './document-model';
import { MINUTES_CONTENT_TYPES } from '@pph/contract';
import type { MinutesDocuments } from './documents';
import { MinutesLists, MinutesNotes } from './lists';
import { chunkCapacity } from '../ports/chunked-note';
import { meetingOrRefuse, type MeetingsForMinutes } from './meetings';
import { clearedForItem, isSecretariat, seesMinutes } from './policy';
import {
  minutesEtag,
  revisionOf,
  type ActionRecord,
  type ActionRepository,
  type MinutesRecord,
  type MinutesRepository,
} from './repository';
import type { MinutesState, StoredMinutesItem } from './state';

export interface MinutesServiceDeps {
  ports: HubPorts;
  repo: MinutesRepository;
  actions: ActionRepository;
  actionLog: ActionLog;
  documents: MinutesDocuments;
  meetings: MeetingsForMinutes;
  directory: Directory;
  audit: AuditLog;
  authorisation: AuthorisationRegistry;
}

type SaveBody = z.output<typeof SaveMinutesDraftRequestSchema>;
type ItemView = z.infer<typeof MinutesItemViewSchema>;

/** The demo seed makes its minutes without telling anyone. */
export interface ChangeOptions {
  notify?: boolean;
}

export interface MinutesFile {
  contentType: string;
  fileName: string;
  data: Uint8Array;
}

const person = (a: Actor) => ({ id: a.id, displayName: a.displayName });
const problems = (fieldErrors: { path: string; message: string }[], message: string) =>
  new DomainError('validation_failed', message, { fieldErrors });

export class MinutesService {
  constructor(private readonly d: MinutesServiceDeps) {}

  private now = () => this.d.ports.clock.now();

  private async loaded(actor: Actor, meetingId: string) {
    const meeting = await meetingOrRefuse(this.d.meetings, meetingId);
    const record = await this.d.repo.byMeeting(meeting.meeting.id);
    const status: MinutesStatus | 'none' = record?.state.status ?? 'none';
    if (!seesMinutes(actor, meeting, status))
      throw forbidden(
        status === 'none' || status === 'draft'
          ? `The minutes of ${meeting.meeting.title} on ${longDate(meeting.date)} have not been circulated yet.`
          : `The minutes of ${meeting.meeting.title} are for its invitees and the secretariat.`,
      );
    return { meeting, record };
  }

  async read(actor: Actor, meetingId: string): Promise<MinutesView> {
    this.d.authorisation.require(actor, 'minutes.read');
    const { meeting, record } = await this.loaded(actor, meetingId);
    const completed = record ? await this.complete(meeting, record) : undefined;
    return this.view(actor, meeting, completed?.record, completed?.actions ?? new Map());
  }

  view(
    actor: Actor,
    meeting: MeetingForPack,
    record: MinutesRecord | undefined,
    actions: ReadonlyMap<string, ActionRecord>,
  ): MinutesView {
    const s = record?.state;
    const status = s?.status ?? 'none';
    const today = this.d.actionLog.today();
    const stored = new Map((s?.items ?? []).map((i) => [i.agendaItemId, i]));
    const items: ItemView[] = [];
    let restrictedWithheld = 0;
    for (const a of [...meeting.items].sort((x, y) => x.position - y.position)) {
      if (!clearedForItem(actor, a)) {
        restrictedWithheld++;
        continue;
      }
      const m = stored.get(a.id);
      items.push({
        agendaItemId: a.id,
        title: a.title,
        order: a.position,
        restricted: a.restricted,
        ...(m?.discussion ? { discussion: m.discussion } : {}),
        decisions: m?.decisions ?? [],
        actions: (m?.actions ?? []).flatMap((def) => {
          const r = actions.get(def.key);
          return r ? [this.d.actionLog.summary(actor, r, today)] : [];
        }),
      });
    }
    const secretariat = isSecretariat(actor);
    // Invitees see the circulated and approved versions; drafts are the secretariat's.
    const versions = (s?.versions ?? []).filter((v) => secretariat || v.status !== 'draft');
    return {
      meetingId: meeting.meeting.id,
      meetingTitle: meeting.meeting.title,
      meetingDate: meeting.date,
      status,
      statusLabel: status === 'none' ? 'No minutes yet' : MINUTES_STATUS_LABELS[status],
      version: s?.versions.at(-1)?.version ?? 0,
      etag: minutesEtag(meeting.meeting.id, s),
      items,
      restrictedWithheld,
      versions,
      ...(s?.circulatedAt ? { circulatedAt: s.circulatedAt } : {}),
      ...(s?.approved ? { approved: s.approved } : {}),
      can: {
        edit: secretariat && status !== 'approved' && this.started(meeting),
        circulate: secretariat && status === 'draft',
        approve: secretariat && status === 'circulated',
      },
    };
  }

  private started(m: MeetingForPack) {
    return (
      m.meeting.status !== 'cancelled' &&
      (m.meeting.status === 'held' || Date.parse(m.meeting.startsAt) <= this.now().getTime())
    );
  }

  /** The ETag check: a first draft needs none; every later change names the version it was made on. */
  private checkEtag(meetingId: string, record: MinutesRecord | undefined, etag: string | undefined) {
    if (!record) return;
    if (!etag)
      throw problems(
        [{ path: 'etag', message: 'Send the ETag of the minutes as you last saw them (etag, or If-Match).' }],
        'Say which version of the minutes you are changing, so that nobody’s changes are overwritten.',
      );
    const seen = revisionOf(meetingId, etag);
    if (seen !== record.state.revision) {
      const latest = record.state.versions.at(-1);
      throw new DomainError(
        'conflict',
        `The minutes have changed since you opened them: they are now version ${latest?.version ?? 0} (${MINUTES_STATUS_LABELS[record.state.status].toLowerCase()}, by ${latest?.by.displayName ?? 'someone'}). Nothing you sent was saved: reload them and make your changes again.`,
      );
    }
  }

  private newVersion(state: MinutesState | undefined, status: MinutesStatus, actor: Actor): MinutesVersion {
    return {
      version: (state?.versions.at(-1)?.version ?? 0) + 1,
      status,
      at: this.now().toISOString(),
      by: person(actor),
      documents: [],
    };
  }

  /** One write of the new state: the first creates the item (a second first draft loses on MeetingId). */
  private async write(meetingId: string, record: MinutesRecord | undefined, state: MinutesState) {
    try {
      return record ? await this.d.repo.commit(record, state) : await this.d.repo.create(meetingId, state);
    } catch (e) {
      if (isStoreError(e, 'conflict') || isStoreError(e, 'unique'))
        throw new DomainError(
          'conflict',
          'Someone else changed these minutes at the same moment. Nothing you sent was saved: reload them and try again.',
        );
      throw e;
    }
  }

  /** Checks the items against the agenda and the directory; builds what is stored, keeping actions minuted before. */
  private async items(meeting: MeetingForPack, body: SaveBody, before: readonly StoredMinutesItem[]) {
    const errors: { path: string; message: string }[] = [];
    const agenda = new Map(meeting.items.map((i) => [i.id, i]));
    const seen = new Set<string>();
    const out: StoredMinutesItem[] = [];
    for (const [n, item] of body.items.entries()) {
      const at = `items.${n}`;
      if (!agenda.has(item.agendaItemId)) {
        errors.push({
          path: `${at}.agendaItemId`,
          message: `${item.agendaItemId} is not an item of this meeting's agenda.`,
        });
        continue;
      }
      if (seen.has(item.agendaItemId))
        errors.push({
          path: `${at}.agendaItemId`,
          message: `${item.agendaItemId} is minuted twice: once is enough.`,
        });
      seen.add(item.agendaItemId);
      const kept = before.find((b) => b.agendaItemId === item.agendaItemId)?.actions ?? [];
      const actions = [...kept];
      for (const [k, a] of item.actions.entries()) {
        const owner = await this.d.directory.person(a.ownerId);
        if (!owner)
          errors.push({
            path: `${at}.actions.${k}.ownerId`,
            message: `Nobody in the directory has the id ${a.ownerId}.`,
          });
        if (a.dueOn < meeting.date)
          errors.push({
            path: `${at}.actions.${k}.dueOn`,
            message: `The due date is before the meeting (${meeting.date}): give a date on or after it.`,
          });
        if (!owner) continue;
        const key = `${meeting.meeting.id}|${item.agendaItemId}|${keyDigest({ owner: a.ownerId, text: a.text }).slice(0, 40)}`;
        if (actions.some((x) => x.key === key)) continue;
        actions.push({
          key,
          owner: { id: owner.id, displayName: owner.displayName },
          dueOn: a.dueOn,
          text: a.text,
        });
      }
      out.push({
        agendaItemId: item.agendaItemId,
        ...(item.discussion ? { discussion: item.discussion } : {}),
        decisions: item.decisions,
        actions,
      });
    }
    // Items not in this save keep the actions already minuted under them (the action log holds them).
    for (const b of before)
      if (!seen.has(b.agendaItemId) && b.actions.length)
        out.push({ agendaItemId: b.agendaItemId, decisions: [], actions: b.actions });
    if (errors.length)
      throw problems(
        errors,
        'Some of the minutes need correcting. Nothing was saved: what you typed is still in your form.',
      );
    return out;
  }

  async saveDraft(
    actor: Actor,
    meetingId: string,
    body: SaveBody,
    ifMatch?: string,
    opts: ChangeOptions = {},
  ): Promise<MinutesView> {
    this.d.authorisation.require(actor, 'minutes.write');
    const meeting = await meetingOrRefuse(this.d.meetings, meetingId);
    if (meeting.meeting.status === 'cancelled')
      throw new DomainError(
        'conflict',
        `${meeting.meeting.title} on ${longDate(meeting.date)} was cancelled: it has no minutes.`,
      );
    if (!this.started(meeting))
      throw new DomainError(
        'conflict',
        `${meeting.meeting.title} is on ${longDate(meeting.date)}: its minutes can be written once it has started.`,
      );
    const record = await this.d.repo.byMeeting(meeting.meeting.id);
    this.checkEtag(meeting.meeting.id, record, body.etag ?? ifMatch);
    if (record?.state.status === 'approved')
      throw new DomainError('conflict', this.approvedAlready(record.state));
    const items = await this.items(meeting, body, record?.state.items ?? []);
    // Saving what is already saved (a retry) makes no new version.
    if (
      record &&
      record.state.status === 'draft' &&
      JSON.stringify(items) === JSON.stringify(record.state.items)
    )
      return this.read(actor, meeting.meeting.id);
    const state: MinutesState = {
      revision: (record?.state.revision ?? 0) + 1,
      status: 'draft',
      items,
      versions: [...(record?.state.versions ?? []), this.newVersion(record?.state, 'draft', actor)],
    };
    // Room is kept for the versions still to come (circulation, approval, their files).
    if (JSON.stringify(state).length > chunkCapacity(MinutesNotes.state) - 20_000)
      throw problems(
        [{ path: 'items', message: 'Shorten the discussion of the longest items.' }],
        'These minutes are too long to keep as one record. Nothing was saved: shorten them, or put the detail in a paper to the meeting.',
      );
    const saved = await this.write(meeting.meeting.id, record, state);
    const done = await this.complete(meeting, saved, opts);
    return this.view(actor, meeting, done.record, done.actions);
  }

  async circulate(
    actor: Actor,
    meetingId: string,
    body: { etag?: string },
    ifMatch?: string,
    opts: ChangeOptions = {},
  ): Promise<MinutesView> {
    this.d.authorisation.require(actor, 'minutes.write');
    const meeting = await meetingOrRefuse(this.d.meetings, meetingId);
    const record = await this.d.repo.byMeeting(meeting.meeting.id);
    if (!record)
      throw new DomainError('conflict', 'There are no minutes to circulate yet: save a draft first.');
    this.checkEtag(meeting.meeting.id, record, body.etag ?? ifMatch);
    if (record.state.status === 'approved')
      throw new DomainError('conflict', this.approvedAlready(record.state));
    if (record.state.status === 'circulated')
      throw new DomainError(
        'conflict',
        `These minutes were circulated already, on ${longDate(record.state.circulatedAt!.slice(0, 10))} (version ${record.state.versions.at(-1)!.version}). Save a new draft to circulate a correction.`,
      );
    const version = this.newVersion(record.state, 'circulated', actor);
    const state: MinutesState = {
      ...record.state,
      revision: record.state.revision + 1,
      status: 'circulated',
      circulatedAt: version.at,
      versions: [...record.state.versions, version],
    };
    const done = await this.complete(meeting, await this.write(meeting.meeting.id, record, state), opts);
    return this.view(actor, meeting, done.record, done.actions);
  }

  private approvedAlready(s: MinutesState): string {
    const a = s.approved!;
    return `These minutes were approved already, on ${longDate(a.at.slice(0, 10))} at the meeting of ${longDate(a.atMeetingDate)} (${a.atMeetingId}), recorded by ${a.by.displayName}. Minutes are approved once; nothing was changed.`;
  }

  async approve(
    actor: Actor,
    meetingId: string,
    body: ApproveMinutesRequest,
    ifMatch?: string,
  ): Promise<MinutesView> {
    this.d.authorisation.require(actor, 'minutes.write');
    const meeting = await meetingOrRefuse(this.d.meetings, meetingId);
    const record = await this.d.repo.byMeeting(meeting.meeting.id);
    if (!record)
      throw new DomainError(
        'conflict',
        'There are no minutes to approve yet: save a draft and circulate it first.',
      );
    // Approved twice is refused whatever ETag came with it: the first approval stands.
    if (record.state.status === 'approved')
      throw new DomainError('conflict', this.approvedAlready(record.state));
    this.checkEtag(meeting.meeting.id, record, body.etag ?? ifMatch);
    if (record.state.status === 'draft')
      throw new DomainError(
        'conflict',
        'These minutes are a draft: circulate them to the attendees before the Board approves them.',
      );
    const at = await this.d.meetings.find(body.atMeetingId);
    if (!at)
      throw problems(
        [{ path: 'atMeetingId', message: `There is no meeting ${body.atMeetingId}.` }],
        'Say which meeting approved the minutes: the next meeting of the same kind.',
      );
    if (meeting.meeting.status !== 'held')
      throw new DomainError(
        'conflict',
        `${meeting.meeting.title} on ${longDate(meeting.date)} is not marked held: mark it held, then record the approval of its minutes.`,
      );
    if (at.meeting.kind !== meeting.meeting.kind || at.previousMeetingId !== meeting.meeting.id)
      throw new DomainError(
        'conflict',
        `Minutes are approved at the next ${meeting.meeting.kindLabel} after the meeting they record; ${at.meeting.title} on ${longDate(at.date)} is not that meeting.`,
      );
    if (!this.started(at))
      throw new DomainError(
        'conflict',
        `${at.meeting.title} is on ${longDate(at.date)}: the minutes are approved there, once it has started.`,
      );
    if (!at.items.some((i) => i.standing === 'previous-minutes'))
      throw new DomainError(
        'conflict',
        `The agenda of ${at.meeting.title} on ${longDate(at.date)} has no item for the minutes of the last meeting: add it, then record the approval.`,
      );
    const version = this.newVersion(record.state, 'approved', actor);
    const state: MinutesState = {
      ...record.state,
      revision: record.state.revision + 1,
      status: 'approved',
      approved: { at: version.at, by: person(actor), atMeetingId: at.meeting.id, atMeetingDate: at.date },
      versions: [...record.state.versions, version],
    };
    const done = await this.complete(meeting, await this.write(meeting.meeting.id, record, state));
    return this.view(actor, meeting, done.record, done.actions);
  }

  /**
   * Finishes what the latest change began, from what is stored: the actions minuted, the files of versions that
   * have none yet, and the change's audit entry and notices (each keyed, so a repeat does nothing twice).
   */
  private async complete(meeting: MeetingForPack, record: MinutesRecord, opts: ChangeOptions = {}) {
    const notify = opts.notify ?? true;
    const latest = record.state.versions.at(-1)!;
    const actions = await this.d.actionLog.ensure(meeting, record.state.items, latest.by, notify);
    if (latest.documents.length > 0) return { record, actions };
    const key = `minutes:${meeting.meeting.id}:v${latest.version}`;
    await this.d.audit.append({
      eventKey: key,
      at: latest.at,
      actorId: latest.by.id,
      action: `minutes.${latest.status === 'draft' ? 'save' : latest.status === 'circulated' ? 'circulate' : 'approve'}`,
      target: `${MinutesLists.minutes}/${meeting.meeting.id}`,
      digest: digestOf({ meetingId: meeting.meeting.id, version: latest.version, items: record.state.items }),
    });
    if (notify && latest.status !== 'draft') await this.notifyInvitees(meeting, latest);
    const documents = await this.d.documents.render({
      meeting,
      items: record.state.items,
      actions,
      status: latest.status,
      version: latest.version,
      ...(record.state.approved ? { approvedOn: record.state.approved.atMeetingDate } : {}),
    });
    const versions = record.state.versions.map((v) =>
      v.version === latest.version ? { ...v, documents } : v,
    );
    let saved = record;
    try {
      saved = await this.d.repo.commit(record, { ...record.state, versions });
    } catch (e) {
      // Another read completed it first: its files are the ones kept.
      if (!isStoreError(e, 'conflict')) throw e;
      saved = (await this.d.repo.byMeeting(meeting.meeting.id)) ?? record;
    }
    return { record: saved, actions };
  }

  private async notifyInvitees(meeting: MeetingForPack, v: MinutesVersion) {
    const circulated = v.status === 'circulated';
    for (const i of meeting.invitees) {
      if (i.personId === v.by.id) continue;
      await enqueueNotification(this.d.ports.store, {
        dedupeKey: `minutes-${v.status}:${meeting.meeting.id}:v${v.version}:${i.personId}`,
        type: circulated ? 'minutes-circulated' : 'minutes-approved',
        recipientId: i.personId,
        reference: meeting.meeting.id,
        title: circulated
          ? `Draft minutes of the ${meeting.meeting.title} (${longDate(meeting.date)}) for your comments`
          : `The minutes of the ${meeting.meeting.title} (${longDate(meeting.date)}) are approved`,
        body: circulated
          ? 'The secretariat has circulated the draft minutes. They are approved as an item of the next meeting; send any corrections to the secretariat before then.'
          : 'The Board approved the minutes at its next meeting. The approved copy is kept with every earlier version.',
        status: 'pending',
        now: v.at,
      });
    }
  }

  async download(
    actor: Actor,
    meetingId: string,
    version: number,
    format: MinutesFormat,
  ): Promise<MinutesFile> {
    this.d.authorisation.require(actor, 'minutes.read');
    const { meeting, record } = await this.loaded(actor, meetingId);
    const v = record?.state.versions.find((x) => x.version === version);
    if (!record || !v || (v.status === 'draft' && !isSecretariat(actor)))
      throw new DomainError(
        'not_found',
        `There is no version ${version} of these minutes that you can see. The versions are listed with the minutes.`,
      );
    const done = v.documents.length ? { record } : await this.complete(meeting, record);
    const docs = done.record.state.versions.find((x) => x.version === version)!.documents;
    // The restricted copy only for someone cleared for every restricted item; the public copy otherwise.
    const restricted = meeting.items.filter((i) => i.restricted);
    const copy =
      restricted.length && restricted.every((i) => clearedForItem(actor, i)) ? 'restricted' : 'public';
    const doc = docs.find((x) => x.format === format && x.copy === copy);
    const data = doc && (await this.d.documents.read(doc));
    if (!doc || !data)
      throw new Error(`The ${format} file of version ${version} of ${meetingId}'s minutes is missing.`);
    return {
      contentType: MINUTES_CONTENT_TYPES[format],
      fileName: `Minutes ${meeting.meeting.id} v${version}${copy === 'restricted' ? ' restricted' : ''}.${format}`,
      data,
    };
  }
}

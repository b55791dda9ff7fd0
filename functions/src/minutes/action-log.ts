/**
 * The action log: actions created from the minutes (once per key, however often a draft is saved), listed
 * open, overdue or all, and their status changed by their owner or the secretariat. Each change is one
 * ETag-guarded write of the action that also carries its audit entry (and, for a new action, the owner's notice)
 * for the relay to land, so a crash after the write loses neither.
 */
import { randomUUID } from 'node:crypto';
import {
  ACTION_STATUS_LABELS,
  isActionOutstanding,
  type ActionLogResponse,
  type ActionLogView,
  type ActionSummary,
  type ActionView,
  type MeetingForPack,
  type PersonRef,
  type UpdateActionRequest,
} from '@pph/contract';
import type { Actor } from '../kernel/auth/actor';
import type { AuthorisationRegistry } from '../kernel/auth/registry';
import type { AuditLog } from '../kernel/audit/audit-log';
import { digestOf } from '../kernel/audit/chain';
import { appendAuditEvent } from '../kernel/events/audit-event';
import { londonDate } from '../kernel/calendar/working-days';
import type { Counters } from '../kernel/store/counters';
import { DomainError, forbidden } from '../kernel/errors';
import type { HubPorts } from '../ports/hub-ports';
import { isStoreError } from '../ports/store';
import { MinutesLists } from './lists';
import { mayUpdateAction, overseesActions, seesAction } from './policy';
import { actionEtag, revisionOf, type ActionRecord, type ActionRepository } from './repository';
import type { ActionPendingEvent, ActionState, StoredMinutesItem } from './state';

export interface ActionLogDeps {
  ports: HubPorts;
  actions: ActionRepository;
  counters: Counters;
  audit: AuditLog;
  authorisation: AuthorisationRegistry;
  /**
   * Lands what the write raised and brings the action's task on the work queue up to its state before the change
   * is answered, so My work read next shows it; if that fails, the relay's timer does it (the write marked the
   * action pending).
   */
  relayNow: (itemId: number) => Promise<void>;
}

const NOT_SEEN = (id: string) =>
  forbidden(`There is no action ${id} that you can see. Your own actions are in My work and the action log.`);

/** Overdue first, then by due date, then by id. */
export const actionOrder = (a: ActionSummary, b: ActionSummary) =>
  Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id);

export class ActionLog {
  constructor(private readonly d: ActionLogDeps) {}

  today = () => londonDate(this.d.ports.clock.now());

  summary(actor: Actor | undefined, r: ActionRecord, today = this.today()): ActionSummary {
    const s = r.state;
    return {
      id: r.actionId,
      text: s.text,
      owner: s.owner,
      dueOn: s.dueOn,
      status: s.status,
      statusLabel: ACTION_STATUS_LABELS[s.status],
      overdue: isActionOutstanding(s.status) && s.dueOn < today,
      meetingId: s.meetingId,
      meetingDate: s.meetingDate,
      agendaItemId: s.agendaItemId,
      restricted: s.restricted,
      ...(s.note ? { note: s.note } : {}),
      etag: actionEtag(r),
      can: { update: actor !== undefined && mayUpdateAction(actor, s) },
    };
  }

  view(actor: Actor, r: ActionRecord): ActionView {
    return { ...this.summary(actor, r), history: r.state.history };
  }

  private auditEvent(actorId: string, action: string, content: unknown, key: string = randomUUID()) {
    return {
      kind: 'audit' as const,
      key,
      at: this.d.ports.clock.now().toISOString(),
      actorId,
      action,
      digest: digestOf(content),
    };
  }

  /**
   * Creates, once each, the actions minuted for a meeting's items, and tells each owner once. Safe to repeat
   * (the unique key; the audit key and the outbox's de-duplication key the relay lands them with); returns every
   * action of the meeting.
   */
  async ensure(
    meeting: MeetingForPack,
    items: readonly StoredMinutesItem[],
    by: PersonRef,
    notify = true,
  ): Promise<Map<string, ActionRecord>> {
    const out = new Map((await this.d.actions.ofMeeting(meeting.meeting.id)).map((r) => [r.key, r]));
    const year = meeting.date.slice(0, 4);
    for (const item of items) {
      const agenda = meeting.items.find((i) => i.id === item.agendaItemId);
      for (const def of item.actions) {
        if (out.has(def.key)) continue;
        const at = this.d.ports.clock.now().toISOString();
        const state: ActionState = {
          revision: 0,
          text: def.text,
          owner: def.owner,
          dueOn: def.dueOn,
          status: 'open',
          meetingId: meeting.meeting.id,
          meetingDate: meeting.date,
          agendaItemId: item.agendaItemId,
          restricted: agenda?.restricted ?? false,
          clearedFor: agenda?.clearedFor ?? [],
          history: [{ at, by, status: 'open', note: `Agreed at the meeting on ${meeting.date}` }],
        };
        const nextId = async () =>
          `ACT-${year}-${String(await this.d.counters.next(`minute-action-${year}`)).padStart(4, '0')}`;
        const raised = (actionId: string): ActionPendingEvent[] => [
          this.auditEvent(by.id, 'action.create', { key: def.key }, `action.create:${def.key}`),
          ...(notify
            ? [
                {
                  kind: 'notify' as const,
                  dedupeKey: `action-assigned:${actionId}:${def.owner.id}`,
                  type: 'action-assigned' as const,
                  recipientId: def.owner.id,
                  title: `New action for you from the ${meeting.meeting.title}: due ${def.dueOn}`,
                  body: `${actionId}${state.restricted ? ' (restricted item)' : `: ${def.text}`}. It is in your My work until it is done.`,
                  at,
                },
              ]
            : []),
        ];
        const r = await this.d.actions.ensure(nextId, def.key, state, raised);
        out.set(def.key, r);
        await this.d.relayNow(r.id);
      }
    }
    return out;
  }

  private async records(actor: Actor, ownerId: string | undefined): Promise<ActionRecord[]> {
    if (ownerId !== undefined && ownerId !== actor.id && !overseesActions(actor))
      throw forbidden('You see your own actions; the secretariat and the Board see everyone’s.');
    if (ownerId !== undefined) return this.d.actions.ofOwner(ownerId);
    return overseesActions(actor) ? this.d.actions.all() : this.d.actions.ofOwner(actor.id);
  }

  async list(actor: Actor, view: ActionLogView, ownerId?: string): Promise<ActionLogResponse> {
    this.d.authorisation.require(actor, 'action-log.read');
    const today = this.today();
    const seen = (await this.records(actor, ownerId))
      .filter((r) => seesAction(actor, r.state))
      .map((r) => this.summary(actor, r, today));
    const outstanding = seen.filter((a) => isActionOutstanding(a.status));
    const items =
      view === 'all' ? seen : view === 'open' ? outstanding : outstanding.filter((a) => a.overdue);
    return {
      view,
      items: items.sort(actionOrder),
      counts: {
        open: outstanding.length,
        overdue: outstanding.filter((a) => a.overdue).length,
        done: seen.filter((a) => a.status === 'done').length,
      },
    };
  }

  private async load(actor: Actor, actionId: string): Promise<ActionRecord> {
    const r = await this.d.actions.byId(actionId);
    if (!r || !seesAction(actor, r.state)) throw NOT_SEEN(actionId);
    return r;
  }

  async get(actor: Actor, actionId: string): Promise<ActionView> {
    this.d.authorisation.require(actor, 'action-log.read');
    return this.view(actor, await this.load(actor, actionId));
  }

  async update(
    actor: Actor,
    actionId: string,
    body: UpdateActionRequest,
    ifMatch?: string,
  ): Promise<ActionView> {
    this.d.authorisation.require(actor, 'action.update');
    const etag = body.etag ?? ifMatch;
    for (let attempt = 0; ; attempt++) {
      const r = await this.load(actor, actionId);
      if (!mayUpdateAction(actor, r.state)) {
        // A refusal writes no action, so its entry goes straight to the trail.
        const refused = this.auditEvent(actor.id, 'action.update.refused', { actionId });
        await appendAuditEvent(this.d.audit, refused, `${MinutesLists.actions}/${actionId}`);
        throw forbidden(
          `Only ${r.state.owner.displayName}, who owns ${actionId}, or the secretariat can change it.`,
        );
      }
      if (etag !== undefined && revisionOf(actionId, etag) !== r.state.revision)
        throw new DomainError(
          'conflict',
          `${actionId} has changed since you opened it: it is now ${ACTION_STATUS_LABELS[r.state.status].toLowerCase()}${r.state.note ? ` (“${r.state.note}”)` : ''}. Nothing was saved: reload it and make your change again.`,
        );
      const note = body.note?.trim() || undefined;
      // The same status again with nothing to add is a retry: nothing to write.
      if (body.status === r.state.status && (note === undefined || note === r.state.note))
        return this.view(actor, r);
      const at = this.d.ports.clock.now().toISOString();
      const closing = !isActionOutstanding(body.status);
      const state: ActionState = {
        ...r.state,
        revision: r.state.revision + 1,
        status: body.status,
        ...(note !== undefined ? { note } : {}),
        history: [
          ...r.state.history,
          {
            at,
            by: { id: actor.id, displayName: actor.displayName },
            status: body.status,
            ...(note ? { note } : {}),
          },
        ],
      };
      if (closing) state.closedAt = at;
      else delete state.closedAt;
      try {
        const saved = await this.d.actions.commit(r, state, [
          this.auditEvent(actor.id, 'action.update', { actionId, status: body.status, note }),
        ]);
        await this.d.relayNow(saved.id);
        return this.view(actor, saved);
      } catch (e) {
        if (isStoreError(e, 'conflict') && attempt < 3 && etag === undefined) continue;
        if (isStoreError(e, 'conflict'))
          throw new DomainError(
            'conflict',
            `${actionId} was changed at the same moment. Reload it and try again.`,
          );
        throw e;
      }
    }
  }
}

/**
 * The returns' part of the one work queue: a return to write is a task for its agency's return authors until it
 * is submitted; a submitted return is a task for the board members who may approve it. Kept by the relay from
 * the return's state; "My work" reads them with one range query per audience and checks, on the stored facts,
 * what the policy says about the person (their agency, whether they approved already).
 */
import {
  RETURN_STATUS_LABELS,
  TAB_ENTITY_RETURNS,
  returnSubEntityId,
  shiftDate,
  type ApprovalRule,
  type CycleStatus,
  type QueueTask,
} from '@pph/contract';
import { hasRole, type Actor } from '../kernel/auth/actor';
import { londonDate } from '../kernel/calendar/working-days';
import { personAudience, roleAudience, type Audience } from '../kernel/queue/audience';
import type { Task, TaskInput, WorkQueue } from '../kernel/queue/work-queue';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { isOutstanding } from './schedule';
import type { ReturnState } from './state';

/** The capability's name on the work queue. */
export const RETURNS = 'returns';

export const ReturnTaskKinds = { write: 'return-write', approve: 'return-approve' } as const;

interface TaskFacts {
  reference: string;
  partnerId: string;
  partnerName: string;
  cycleLabel: string;
  cycleStatus: CycleStatus;
  dueOn: string;
  state: ReturnState;
}

/** Approvals are wanted within a week of submission, and not before the due date. */
const approvalDueOn = (facts: TaskFacts) => {
  const week = shiftDate((facts.state.submittedAt ?? facts.dueOn).slice(0, 10), 7);
  return week > facts.dueOn ? week : facts.dueOn;
};

/** The tasks a return opens in its current state. */
export function returnTasks(facts: TaskFacts, rule: ApprovalRule): TaskInput[] {
  if (facts.cycleStatus !== 'open') return [];
  const { state } = facts;
  const base = { partnerId: facts.partnerId, partnerName: facts.partnerName, cycleLabel: facts.cycleLabel };
  if (isOutstanding(state.status))
    return [
      {
        kind: ReturnTaskKinds.write,
        subject: 'write',
        audience: roleAudience('return-author', { partnerId: facts.partnerId }),
        dueOn: facts.dueOn,
        // A return sent back comes before one not yet written.
        priority: state.status === 'sent-back' ? 0 : 1,
        tieBreak: facts.reference,
        summary: { ...base, status: state.status },
      },
    ];
  if (state.status !== 'submitted') return [];
  return rule.approverRoles.map((role) => ({
    kind: ReturnTaskKinds.approve,
    subject: 'approve',
    audience: roleAudience(role),
    dueOn: approvalDueOn(facts),
    priority: 1,
    tieBreak: facts.reference,
    summary: {
      ...base,
      status: state.status,
      approvedBy: state.approvals.map((a) => a.by.id),
      approvedByAgencies: state.approvals.map((a) => a.partnerId),
      distinctAgencies: rule.distinctAgencies,
    },
  }));
}

const texts = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** My work's returns: a few indexed range queries on the queue, reading no return. */
export class ReturnWork {
  constructor(private readonly d: { queue: WorkQueue; clock: Clock; logger: Logger; rule: ApprovalRule }) {}

  private audiences(actor: Actor): Audience[] {
    const out = [personAudience(actor.id)];
    if (actor.roles.includes('return-author'))
      out.push(roleAudience('return-author', { partnerId: actor.partnerId }));
    for (const role of this.d.rule.approverRoles)
      if (actor.roles.includes(role)) out.push(roleAudience(role));
    return out;
  }

  /** Whether the person may act on the task, by the facts stored with it (the service checks again on acting). */
  private accepts(actor: Actor, t: Task): boolean {
    if (t.capability !== RETURNS) return false;
    const s = t.summary;
    if (t.kind === ReturnTaskKinds.write)
      return actor.roles.includes('return-author') && s.partnerId === actor.partnerId;
    if (t.kind !== ReturnTaskKinds.approve) return false;
    if (!hasRole(actor, ...this.d.rule.approverRoles) || s.partnerId === actor.partnerId) return false;
    if (!texts(s.approvedBy) || !texts(s.approvedByAgencies)) return false;
    if (s.approvedBy.includes(actor.id)) return false;
    return !(s.distinctAgencies === true && s.approvedByAgencies.includes(actor.partnerId));
  }

  async tasks(actor: Actor): Promise<QueueTask[]> {
    const today = londonDate(this.d.clock.now());
    const page = await this.d.queue.openFor(this.audiences(actor), {
      limit: 100,
      accept: (t) => this.accepts(actor, t),
    });
    const out: QueueTask[] = [];
    for (const t of page.tasks) {
      const s = t.summary;
      if (
        typeof s.partnerName !== 'string' ||
        typeof s.cycleLabel !== 'string' ||
        typeof s.status !== 'string'
      ) {
        this.d.logger.warn('work-queue task skipped', { kind: t.kind, subject: t.subject });
        continue;
      }
      const status = s.status as keyof typeof RETURN_STATUS_LABELS;
      out.push({
        capability: RETURNS,
        kind: t.kind,
        itemRef: t.itemRef,
        title:
          t.kind === ReturnTaskKinds.write
            ? `Write the quarterly return for ${s.cycleLabel}`
            : `Approve ${s.partnerName}'s return for ${s.cycleLabel}`,
        detail: `${s.partnerName}: ${RETURN_STATUS_LABELS[status] ?? s.status}`,
        dueOn: t.dueOn,
        overdue: today > t.dueOn,
        open: { entityId: TAB_ENTITY_RETURNS, subEntityId: returnSubEntityId(t.itemRef) },
      });
    }
    return out.sort(
      (a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0),
    );
  }
}

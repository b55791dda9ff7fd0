/**
 * The action log's part of the one work queue: an open or in-progress action is a task for its owner, kept by
 * the relay from the action's state (relay-source.ts); "My work" reads it with the person's own range query on
 * the queue, the one the returns read too, so it reads no action.
 */
import {
  ACTION_STATUS_LABELS,
  ActionStatusSchema,
  TAB_ENTITY_ACTIONS,
  actionSubEntityId,
  isActionOutstanding,
  type QueueTask,
} from '@pph/contract';
import type { Actor } from '../kernel/auth/actor';
import { londonDate } from '../kernel/calendar/working-days';
import { personAudience } from '../kernel/queue/audience';
import type { Task, TaskInput, WorkQueue } from '../kernel/queue/work-queue';
import type { MyWorkSource } from '../kernel/operations/kernel-handlers';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { longDate } from './document-model';
import type { ActionRecord } from './repository';

/** The capability's name on the work queue. */
export const MINUTES = 'minutes';
export const ACTION_TASK = 'minute-action';

/** As many characters of the action as My work shows (and the queue keeps). */
const TITLE_CHARS = 120;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The task an action opens in its current state: none once it is done or dropped. */
export function actionTasks(r: ActionRecord): TaskInput[] {
  const s = r.state;
  if (!isActionOutstanding(s.status)) return [];
  return [
    {
      kind: ACTION_TASK,
      subject: 'action',
      audience: personAudience(s.owner.id),
      dueOn: s.dueOn,
      priority: 1,
      tieBreak: r.actionId,
      // The owner's own action, as My work has always shown it to them (nobody else reads this audience).
      summary: { text: clip(s.text, TITLE_CHARS), status: s.status, meetingDate: s.meetingDate },
    },
  ];
}

const STATUSES: ReadonlySet<string> = new Set(ActionStatusSchema.options);

/** My work's actions: the owner's tasks of this capability on the queue, overdue first. */
export class ActionWork implements MyWorkSource {
  constructor(private readonly d: { queue: WorkQueue; clock: Clock; logger: Logger }) {}

  async tasks(actor: Actor): Promise<QueueTask[]> {
    const today = londonDate(this.d.clock.now());
    // The same read as the returns' person range (limit and all), so the two share it (see RecentReads).
    const page = await this.d.queue.openFor([personAudience(actor.id)], {
      limit: 100,
      accept: (t: Task) => t.capability === MINUTES && t.kind === ACTION_TASK,
    });
    const out: QueueTask[] = [];
    for (const t of page.tasks) {
      const { text, status, meetingDate } = t.summary;
      if (
        typeof text !== 'string' ||
        typeof status !== 'string' ||
        !STATUSES.has(status) ||
        typeof meetingDate !== 'string'
      ) {
        this.d.logger.warn('work-queue task skipped', { kind: t.kind, subject: t.subject });
        continue;
      }
      out.push({
        capability: MINUTES,
        kind: ACTION_TASK,
        itemRef: t.itemRef,
        title: `${t.itemRef}: ${text}`,
        detail: `${ACTION_STATUS_LABELS[status as keyof typeof ACTION_STATUS_LABELS]}; agreed at the meeting on ${longDate(meetingDate)}`,
        dueOn: t.dueOn,
        overdue: today > t.dueOn,
        open: { entityId: TAB_ENTITY_ACTIONS, subEntityId: actionSubEntityId(t.itemRef) },
      });
    }
    // The queue's order already: due date, then id (an overdue task is due before any other).
    return out;
  }
}

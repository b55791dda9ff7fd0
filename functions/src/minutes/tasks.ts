/**
 * The action log's part of My work: each open or in-progress action, for its owner, overdue first. Read from
 * the action log itself (one indexed query on the owner), so it is never behind the log.
 */
import {
  ACTION_STATUS_LABELS,
  TAB_ENTITY_ACTIONS,
  actionSubEntityId,
  isActionOutstanding,
  type QueueTask,
} from '@pph/contract';
import type { Actor } from '../kernel/auth/actor';
import type { MyWorkSource } from '../kernel/operations/kernel-handlers';
import { actionOrder, type ActionLog } from './action-log';
import { longDate } from './document-model';
import type { ActionRepository } from './repository';

export const MINUTES = 'minutes';
export const ACTION_TASK = 'minute-action';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export class ActionWork implements MyWorkSource {
  constructor(private readonly d: { actions: ActionRepository; actionLog: ActionLog }) {}

  async tasks(actor: Actor): Promise<QueueTask[]> {
    const today = this.d.actionLog.today();
    const mine = (await this.d.actions.ofOwner(actor.id))
      .filter((r) => isActionOutstanding(r.state.status))
      .map((r) => this.d.actionLog.summary(actor, r, today))
      .sort(actionOrder);
    return mine.map((a) => ({
      capability: MINUTES,
      kind: ACTION_TASK,
      itemRef: a.id,
      title: `${a.id}: ${clip(a.text, 120)}`,
      detail: `${ACTION_STATUS_LABELS[a.status]}; agreed at the meeting on ${longDate(a.meetingDate)}`,
      dueOn: a.dueOn,
      overdue: a.overdue,
      open: { entityId: TAB_ENTITY_ACTIONS, subEntityId: actionSubEntityId(a.id) },
    }));
  }
}

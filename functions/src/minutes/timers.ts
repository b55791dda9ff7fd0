/**
 * The action log's timer: each action still open past its due date is chased once, through the outbox, to its
 * owner (again only if its due date is moved and passes). Azure timers can fire twice, or twice at once: the
 * action's ChasedFor (an ETag-guarded write) and the outbox's unique de-duplication key make a repeat send
 * nothing twice.
 */
import { isActionOutstanding } from '@pph/contract';
import { londonDate } from '../kernel/calendar/working-days';
import { enqueueNotification } from '../kernel/events/enqueue';
import type { NamedTimer, TimerResult } from '../kernel/timers/scheduler';
import type { HubPorts } from '../ports/hub-ports';
import { isStoreError } from '../ports/store';
import { longDate } from './document-model';
import type { ActionRepository } from './repository';

export class ActionChaseTimer implements NamedTimer {
  readonly name = 'minute-action-chasers';

  constructor(private readonly d: { ports: HubPorts; actions: ActionRepository }) {}

  async run(): Promise<TimerResult> {
    const now = this.d.ports.clock.now();
    const today = londonDate(now);
    let checked = 0;
    let changed = 0;
    for (const r of await this.d.actions.withStatus(['open', 'in-progress'])) {
      checked++;
      const s = r.state;
      if (!isActionOutstanding(s.status) || s.dueOn >= today || r.chasedFor === s.dueOn) continue;
      await enqueueNotification(this.d.ports.store, {
        dedupeKey: `action-overdue:${r.actionId}:${s.dueOn}:${s.owner.id}`,
        type: 'action-overdue',
        recipientId: s.owner.id,
        reference: r.actionId,
        title: `Overdue: action ${r.actionId} was due on ${longDate(s.dueOn)}`,
        body: `${s.restricted ? 'An action from a restricted item' : s.text} is still ${s.status === 'open' ? 'open' : 'in progress'}. Mark it done in My work, or tell the secretariat when it will be.`,
        status: 'pending',
        now: now.toISOString(),
      });
      try {
        await this.d.actions.markChased(r, s.dueOn);
        changed++;
      } catch (e) {
        // Another run (or the owner) wrote first: the outbox key already keeps the chaser single.
        if (!isStoreError(e, 'conflict')) throw e;
      }
    }
    return { checked, changed };
  }
}

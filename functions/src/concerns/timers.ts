/**
 * The concerns' timer (registered with the kernel's scheduler): time limits, reminders, escalations and review
 * dates. Runs over concerns whose NextCheckOn has come; the engine's flags make a repeated run a no-op and a
 * concurrent one loses on the ETag and changes nothing. What it changes leaves events, so the relay brings the
 * work queue along (an escalation puts the step in its escalation target's My work).
 */
import { ConcernLists } from './lists';
import { isStoreError, type Item } from '../ports/store';
import { londonDate } from '../kernel/calendar/working-days';
import { digestOf } from '../kernel/audit/chain';
import * as engine from './workflow/engine';
import type { PendingEvent } from './workflow/state';
import { toRecord, type ConcernRepository } from './repository';
import { allItems } from '../kernel/store/paging';
import type { HubPorts } from '../ports/hub-ports';
import type { NamedTimer, TimerResult } from '../kernel/timers/scheduler';
import type { RouteRepository } from './routes/route-repository';

/** Who the audit trail names for what the timers do. */
export const TIMER_ACTOR = 'system:timers';

export class ConcernTimer implements NamedTimer {
  readonly name = 'concern-time-limits';

  constructor(
    private readonly d: {
      ports: HubPorts;
      repo: ConcernRepository;
      routes: RouteRepository;
      kickRelay: (id: number) => void;
    },
  ) {}

  async run(): Promise<TimerResult> {
    const now = this.d.ports.clock.now();
    const today = londonDate(now);
    let checked = 0;
    let changed = 0;
    const items: Item[] = [];
    for await (const item of allItems(this.d.ports.store, ConcernLists.concerns, {
      where: [{ column: 'NextCheckOn', op: 'le', value: today }],
      top: 500,
    }))
      items.push(item);
    for (const item of items) {
      checked++;
      try {
        if (await this.tickOne(item, now)) changed++;
      } catch (e) {
        // One concern that cannot be read or ticked must not hold up every other concern's time limits.
        // Ids and error names only: messages from deep inside may carry data we must not log.
        this.d.ports.logger.error('time limits failed for concern', {
          concernId: item.id,
          error: e instanceof Error ? e.name : 'unknown',
        });
      }
    }
    return { checked, changed };
  }

  private async tickOne(item: Item, now: Date): Promise<boolean> {
    const record = toRecord(item);
    const route = await this.d.routes.get(record.routeId, record.routeVersion);
    const { state, events } = engine.tick(route, record, record.state, now);
    if (events.length === 0 && JSON.stringify(state) === JSON.stringify(record.state)) return false;
    // A change people see (an escalation: who may decide has changed) is audited like any other change;
    // reminder flags are bookkeeping. The key is fixed by the revision, so a repeated tick adds no second entry.
    const audit: PendingEvent[] =
      state.revision !== record.state.revision
        ? [
            {
              kind: 'audit',
              key: `${record.reference}:timers:r${state.revision}`,
              at: now.toISOString(),
              actorId: TIMER_ACTOR,
              action: 'concern.escalate',
              digest: digestOf({ reference: record.reference, revision: state.revision }),
            },
          ]
        : [];
    try {
      const saved = await this.d.repo.commit(record, state, [...record.pending, ...audit, ...events]);
      this.d.kickRelay(saved.id);
      return true;
    } catch (e) {
      if (!isStoreError(e, 'conflict')) throw e; // changed meanwhile: the next run sees the fresh state
      return false;
    }
  }
}

/**
 * The returns' timer (registered with the kernel's scheduler): opens cycles when their date comes, sends
 * reminders before the due date, chasers after it and escalates missing returns to the board chair, all through
 * the outbox; and clears a closed cycle's tasks from the work queue. Azure timers can fire twice: flags in each
 * return's state, ETag-guarded writes, fixed event keys and the outbox's unique de-duplication key make a
 * repeated or overlapping run do nothing twice.
 */
import { cycleStatusOn, type ReturnCycleConfig } from '@pph/contract';
import { londonDate } from '../kernel/calendar/working-days';
import type { Counters } from '../kernel/store/counters';
import type { NamedTimer, TimerResult } from '../kernel/timers/scheduler';
import type { Directory } from '../kernel/directory/directory';
import type { HubPorts } from '../ports/hub-ports';
import { isStoreError, type Item } from '../ports/store';
import type { CycleOpener } from './cycles';
import type { ReturnRelaySource } from './relay-source';
import { toReturnRecord, type ReturnRepository } from './repository';
import { dueNotices } from './schedule';
import { tick } from './workflow';

export class ReturnTimer implements NamedTimer {
  readonly name = 'return-cycles';

  constructor(
    private readonly d: {
      ports: HubPorts;
      repo: ReturnRepository;
      opener: CycleOpener;
      counters: Counters;
      directory: Directory;
      relaySource: ReturnRelaySource;
      config: ReturnCycleConfig;
      kickRelay: (id: number) => void;
    },
  ) {}

  async run(): Promise<TimerResult> {
    const now = this.d.ports.clock.now();
    const today = londonDate(now);
    let changed = await this.d.opener.run(today, now);
    let checked = 0;
    for (const item of await this.d.repo.dueForCheck(today)) {
      checked++;
      try {
        if (await this.tickOne(item, today, now)) changed++;
      } catch (e) {
        // One return that cannot be read must not hold up every other return's notices. Ids only.
        this.d.ports.logger.error('return timer failed for return', {
          returnId: item.id,
          error: e instanceof Error ? e.name : 'unknown',
        });
      }
    }
    await this.closeFinished(today);
    return { checked, changed };
  }

  private async tickOne(item: Item, today: string, now: Date): Promise<boolean> {
    const record = toReturnRecord(item);
    const partner = (await this.d.directory.partners()).get(record.partnerId);
    const cycle = await this.d.repo.cycle(record.cycleId);
    if (!cycle) return false;
    // A closed cycle chases nobody: its notices are marked done, unsent, so the timer stops looking at it.
    if (cycleStatusOn(cycle.dates, today) === 'closed') return this.retire(record);
    const t = tick(
      record.state,
      {
        reference: record.reference,
        partnerId: record.partnerId,
        partnerName: partner?.name ?? record.partnerId,
        cycleLabel: cycle.dates.label,
        dueOn: record.dueOn,
        now,
      },
      dueNotices(record.state, record.dueOn, today, this.d.config),
    );
    if (!t) return false;
    try {
      const saved = await this.d.repo.commit(record, t.state, [...record.pending, ...t.events]);
      this.d.kickRelay(saved.id);
      return true;
    } catch (e) {
      // Another run (or a person) wrote first: the next run looks again at what it left.
      if (isStoreError(e, 'conflict')) return false;
      throw e;
    }
  }

  private async retire(record: ReturnType<typeof toReturnRecord>): Promise<boolean> {
    const { config } = this.d;
    const notices = {
      ...record.state.notices,
      reminded: config.remindDaysBeforeDue,
      chased: config.chaseDaysAfterDue,
      escalated: true,
    };
    try {
      await this.d.repo.commit(record, { ...record.state, notices }, record.pending);
    } catch (e) {
      if (!isStoreError(e, 'conflict')) throw e;
    }
    return false;
  }

  /** A cycle that has closed takes its returns' tasks out of the work queue, once. */
  private async closeFinished(today: string) {
    for (const cycle of await this.d.repo.cycles()) {
      if (cycleStatusOn(cycle.dates, today) !== 'closed') continue;
      await this.d.counters.once(`return-cycle-closed:${cycle.dates.id}`, async () => {
        for (const r of await this.d.repo.ofCycle(cycle.dates.id, () => undefined))
          await this.d.relaySource.reconcile(r);
      });
    }
  }
}

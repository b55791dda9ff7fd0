/**
 * Opens return cycles: for each quarter whose opening date has come (and that has not closed), the cycle item and
 * one return per partner that owes returns (from the partner register), each carrying the notice to its
 * authors. Unique keys (CycleId, ReturnKey) make a timer that fires twice, or two at once, open each once; a
 * partner added to the register while a cycle is open gets its return on the next run.
 */
import {
  QUARTERLY_RETURN_V1,
  cycleDates,
  cycleId,
  cycleStatusOn,
  emptyReturnContent,
  nextCycleId,
  previousCycleId,
  quarterOf,
  type CycleDates,
  type ReturnCycleConfig,
  type ReturnTemplateRef,
} from '@pph/contract';
import type { Counters } from '../kernel/store/counters';
import type { Directory } from '../kernel/directory/directory';
import { isStoreError } from '../ports/store';
import type { ReturnRecord, ReturnRepository } from './repository';
import { newReturnState, opened } from './workflow';

/** The template new cycles start on. */
export const CURRENT_TEMPLATE: ReturnTemplateRef = {
  id: QUARTERLY_RETURN_V1.id,
  version: QUARTERLY_RETURN_V1.version,
};

export class CycleOpener {
  constructor(
    private readonly d: {
      repo: ReturnRepository;
      counters: Counters;
      directory: Directory;
      config: ReturnCycleConfig;
      /** Moves a new return's events on at once. */
      kickRelay: (id: number) => void;
    },
  ) {}

  /** The cycles that should be open on this date: the quarter's own, the last one until it closes, the next. */
  dueToOpen(today: string): CycleDates[] {
    const { startYear, quarter } = quarterOf(today);
    const current = cycleId(startYear, quarter);
    return [previousCycleId(current), current, nextCycleId(current)]
      .map((id) => cycleDates(id, this.d.config))
      .filter((dates) => cycleStatusOn(dates, today) === 'open');
  }

  /** Opens what is due; returns how many returns it created. */
  async run(today: string, now: Date): Promise<number> {
    let created = 0;
    for (const dates of this.dueToOpen(today)) created += await this.open(dates, now);
    return created;
  }

  /** Opens one cycle (idempotent): the cycle item, then any missing returns. */
  async open(dates: CycleDates, now: Date, opts: { notify?: boolean } = {}): Promise<number> {
    await this.d.repo.createCycle(dates, CURRENT_TEMPLATE);
    const cycle = (await this.d.repo.cycle(dates.id))!;
    const partners = [...(await this.d.directory.partners()).values()].filter((p) => p.owesQuarterlyReturns);
    const existing = new Set((await this.d.repo.ofCycle(dates.id, () => undefined)).map((r) => r.partnerId));
    let created = 0;
    for (const partner of partners) {
      if (existing.has(partner.id)) continue;
      const record = await this.createReturn(cycle.dates, cycle.template, partner, now, opts.notify ?? true);
      if (record) {
        created++;
        this.d.kickRelay(record.id);
      }
    }
    return created;
  }

  private async createReturn(
    dates: CycleDates,
    template: ReturnTemplateRef,
    partner: { id: string; name: string },
    now: Date,
    notify: boolean,
  ): Promise<ReturnRecord | undefined> {
    const n = await this.d.counters.next(`return-reference:${dates.id}`);
    const reference = `RTN-${dates.id}-${String(n).padStart(4, '0')}`;
    const ctx = {
      reference,
      partnerId: partner.id,
      partnerName: partner.name,
      cycleLabel: dates.label,
      dueOn: dates.dueOn,
      now,
    };
    const state = newReturnState(template, emptyReturnContent());
    const events = opened(ctx);
    try {
      return await this.d.repo.create({
        reference,
        cycleId: dates.id,
        partnerId: partner.id,
        dueOn: dates.dueOn,
        state: { ...state, notices: { ...state.notices, opened: true } },
        // The audit entry always; the notice only when the cycle opens as it should (not for old demo cycles).
        pending: notify ? events : events.filter((e) => e.kind === 'audit'),
      });
    } catch (e) {
      // Opened at the same moment by another run: its return stands (this number is a gap, never a repeat).
      if (isStoreError(e, 'unique')) return undefined;
      throw e;
    }
  }
}

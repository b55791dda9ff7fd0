/**
 * Anonymised concern statistics for a period (the board pack's table of concerns): counts by month received,
 * referring sector, age band, ideology category and outcome. The referral form is read here, in memory, only
 * to count: nothing leaves but counts, and every count goes through the kernel's one suppression module.
 *
 * The five tables count the same concerns five ways, so they share one total: they are suppressed as one
 * system (each table's rows add up to the shared total), so a count hidden in one cannot be worked out from
 * another table or from the total.
 */
import {
  CONCERN_AGE_BANDS,
  IDEOLOGY_LABELS,
  IdeologyCategorySchema,
  SECTOR_LABELS,
  SUPPRESSION_NOTE,
  SectorSchema,
  ageOn,
  type ConcernCountTable,
  type ConcernStatistics,
  type ConcernStatisticsDimension,
  type IdeologyCategory,
  type Partner,
  type Sector,
  type StatisticsPeriod,
} from '@pph/contract';
import type { Actor } from '../kernel/auth/actor';
import type { ActionTable, AuthorisationRegistry } from '../kernel/auth/registry';
import { addDays, londonDate } from '../kernel/calendar/working-days';
import { shown, suppressSystem, type SumEquation } from '../kernel/statistics/suppression';
import { allItems } from '../kernel/store/paging';
import type { Clock } from '../ports/clock';
import type { Store } from '../ports/store';
import { ConcernLists } from './lists';
import { toRecord } from './repository';

export const CONCERN_STATISTICS_ACTIONS: ActionTable = {
  'concern-statistics.read': {
    roles: ['board-member', 'board-chair', 'secretariat', 'prevent-coordinator', 'administrator'],
    refused: 'Only the Board, the secretariat and the Prevent co-ordinator see concern statistics.',
  },
};

/** What one concern contributes to the counts: no reference, no name, no free text. */
export interface ConcernCountFacts {
  /** The London date it was received (YYYY-MM-DD). */
  receivedOn: string;
  referringSector: Sector | undefined;
  /** Whole years on the day it was received; undefined when the form gave neither age nor date of birth. */
  ageOnReceipt: number | undefined;
  ideology: IdeologyCategory;
  /** The outcome it closed with; undefined while open. */
  outcome: { key: string; label: string } | undefined;
  closed: boolean;
}

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthLabel = (month: string) => MONTH.format(new Date(`${month}-01T12:00:00Z`));
const dayLabel = (day: string) => DAY.format(new Date(`${day}T12:00:00Z`));

/** Every month (YYYY-MM) the period touches, in order, so a month with no concerns shows a true zero. */
function monthsOf(period: StatisticsPeriod): string[] {
  const out: string[] = [];
  let [y, m] = period.from.split('-').map(Number) as [number, number];
  const last = period.to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= last) return out;
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

interface Breakdown {
  dimension: ConcernStatisticsDimension;
  title: string;
  rows: { key: string; label: string }[];
  keyOf: (f: ConcernCountFacts) => string;
}

const NOT_KNOWN = { key: 'not-known', label: 'Not known' };
const OPEN = { key: 'open', label: 'Still open' };
const CLOSED_WITHOUT_OUTCOME = { key: 'closed', label: 'Closed (no outcome recorded)' };

function breakdowns(period: StatisticsPeriod, facts: readonly ConcernCountFacts[]): Breakdown[] {
  const sectors = SectorSchema.options.filter((s) => facts.some((f) => f.referringSector === s));
  const outcomes = new Map<string, string>();
  for (const f of facts)
    if (f.outcome && !outcomes.has(f.outcome.key)) outcomes.set(f.outcome.key, f.outcome.label);
  const band = (age: number | undefined) =>
    age === undefined
      ? NOT_KNOWN.key
      : (CONCERN_AGE_BANDS.find((b) => age >= b.min && age <= b.max)?.key ?? NOT_KNOWN.key);
  return [
    {
      dimension: 'month',
      title: 'Concerns received, by month',
      rows: monthsOf(period).map((m) => ({ key: m, label: monthLabel(m) })),
      keyOf: (f) => f.receivedOn.slice(0, 7),
    },
    {
      dimension: 'referring-sector',
      title: 'Concerns received, by referring sector',
      rows: [
        ...sectors.map((s) => ({ key: s, label: SECTOR_LABELS[s] })),
        ...(facts.some((f) => !f.referringSector) ? [NOT_KNOWN] : []),
      ],
      keyOf: (f) => f.referringSector ?? NOT_KNOWN.key,
    },
    {
      dimension: 'age-band',
      title: 'Concerns received, by age of the person on the day it was raised',
      rows: [
        ...CONCERN_AGE_BANDS.map((b) => ({ key: b.key, label: b.label })),
        { key: NOT_KNOWN.key, label: 'Age not known' },
      ],
      keyOf: (f) => band(f.ageOnReceipt),
    },
    {
      dimension: 'ideology',
      title: 'Concerns received, by ideology category (type of concern)',
      rows: IdeologyCategorySchema.options.map((k) => ({ key: k, label: IDEOLOGY_LABELS[k] })),
      keyOf: (f) => f.ideology,
    },
    {
      dimension: 'outcome',
      title: 'Concerns received, by outcome so far',
      rows: [
        OPEN,
        ...[...outcomes].map(([key, label]) => ({ key: `outcome:${key}`, label })),
        ...(facts.some((f) => f.closed && !f.outcome) ? [CLOSED_WITHOUT_OUTCOME] : []),
      ],
      keyOf: (f) =>
        !f.closed ? OPEN.key : f.outcome ? `outcome:${f.outcome.key}` : CLOSED_WITHOUT_OUTCOME.key,
    },
  ];
}

/** The period's label, as the pack prints it: "1 September 2026 to 30 November 2026". */
export const periodLabel = (p: StatisticsPeriod) => `${dayLabel(p.from)} to ${dayLabel(p.to)}`;

/**
 * Counts and suppresses. Cell 0 of the system is the shared total; then each table's rows, each table one sum
 * (total = its rows). Pure: the same facts give the same tables.
 */
export function concernStatistics(
  period: StatisticsPeriod,
  facts: readonly ConcernCountFacts[],
  generatedAt: string,
): ConcernStatistics {
  const inPeriod = facts.filter((f) => f.receivedOn >= period.from && f.receivedOn <= period.to);
  const tables = breakdowns(period, inPeriod);
  const values: number[] = [inPeriod.length];
  const equations: SumEquation[] = [];
  const layout = tables.map((t) => {
    const ids = t.rows.map((r) => {
      values.push(inPeriod.filter((f) => t.keyOf(f) === r.key).length);
      return values.length - 1;
    });
    equations.push({ total: 0, parts: ids });
    return ids;
  });
  const hidden = suppressSystem({ values, equations, totals: new Set([0]) });
  const cell = (id: number) => shown({ value: values[id]!, suppressed: hidden.has(id) });
  const out: ConcernCountTable[] = tables.map((t, i) => ({
    dimension: t.dimension,
    title: t.title,
    rows: t.rows.map((r, j) => ({ key: r.key, label: r.label, count: cell(layout[i]![j]!) })),
    total: cell(0),
  }));
  return {
    period: { ...period, label: periodLabel(period) },
    generatedAt,
    basis:
      'Concerns raised in the hub with the day they were received inside the period, whatever has happened to them since; each concern is counted once in every table.',
    suppressionNote: SUPPRESSION_NOTE,
    tables: out,
  };
}

/** Age on the day received, from the date of birth when given (it does not go stale), else the age given. */
function ageOnReceipt(subject: { dateOfBirth?: string | undefined; age?: number | undefined }, day: string) {
  if (subject.dateOfBirth) return ageOn(subject.dateOfBirth, day);
  return subject.age;
}

export interface ConcernStatisticsDeps {
  store: Store;
  directory: { partners(): Promise<Map<string, Partner>> };
  clock: Clock;
  authorisation: AuthorisationRegistry;
}

export class ConcernStatisticsService {
  constructor(private readonly d: ConcernStatisticsDeps) {}

  /** The statistics for someone who asked (the Board, the secretariat, the co-ordinator). */
  async forPeriod(actor: Actor, period: StatisticsPeriod): Promise<ConcernStatistics> {
    this.d.authorisation.require(actor, 'concern-statistics.read');
    return this.compile(period);
  }

  /** The statistics for the hub's own jobs (the board pack): the same figures, already anonymised. */
  async compile(period: StatisticsPeriod): Promise<ConcernStatistics> {
    return concernStatistics(period, await this.facts(period), this.d.clock.now().toISOString());
  }

  /**
   * One indexed range query on SubmittedAt, a day wider than the period on each side (London's offset), then
   * the exact London dates.
   */
  private async facts(period: StatisticsPeriod): Promise<ConcernCountFacts[]> {
    const partners = await this.d.directory.partners();
    const out: ConcernCountFacts[] = [];
    const items = allItems(this.d.store, ConcernLists.concerns, {
      where: [
        { column: 'SubmittedAt', op: 'ge', value: `${addDays(period.from, -1)}T00:00:00.000Z` },
        { column: 'SubmittedAt', op: 'lt', value: `${addDays(period.to, 2)}T00:00:00.000Z` },
      ],
      top: 1000,
    });
    for await (const item of items) {
      const r = toRecord(item);
      const receivedOn = londonDate(new Date(r.submittedAt));
      if (receivedOn < period.from || receivedOn > period.to) continue;
      const intake = r.intake;
      out.push({
        receivedOn,
        referringSector: partners.get(r.referrerPartnerId)?.sector,
        ageOnReceipt: ageOnReceipt(intake.subject, receivedOn),
        ideology: intake.ideologyCategory,
        outcome: r.state.outcome ? { key: r.state.outcome.key, label: r.state.outcome.label } : undefined,
        closed: r.state.status === 'closed',
      });
    }
    return out;
  }
}

/**
 * Concern statistics for the board pack: counts by month, referring sector, age band, ideology and outcome,
 * through the one suppression module. Property tests: no shown count is 1 to 4, and no withheld count can be
 * worked out from the shown ones and the total the five tables share; then the service over a real hub.
 */
import fc from 'fast-check';
import {
  IdeologyCategorySchema,
  SectorSchema,
  SUPPRESSED_DISPLAY,
  StatisticsPeriodSchema,
  SubmitConcernRequestSchema,
  type ConcernStatistics,
} from '@pph/contract';
import { concernStatistics, type ConcernCountFacts } from '@pph/functions/concerns/statistics';
import { startTestHub, PERSONA_IDS, type TestHub } from '../support/hub';
import { submission as raw } from '../support/concerns';

const submission = (...args: Parameters<typeof raw>) => SubmitConcernRequestSchema.parse(raw(...args));

const PERIOD = { from: '2026-09-01', to: '2026-11-30' };

const factArb: fc.Arbitrary<ConcernCountFacts> = fc.record({
  receivedOn: fc.constantFrom('2026-09-03', '2026-10-14', '2026-11-30', '2026-11-02'),
  referringSector: fc.option(fc.constantFrom(...SectorSchema.options.slice(0, 5)), { nil: undefined }),
  ageOnReceipt: fc.option(fc.integer({ min: 5, max: 70 }), { nil: undefined }),
  ideology: fc.constantFrom(...IdeologyCategorySchema.options),
  outcome: fc.option(
    fc.constantFrom(
      { key: 'adopt', label: 'Adopt' },
      { key: 'no-further-action', label: 'No further action' },
    ),
    { nil: undefined },
  ),
  closed: fc.boolean(),
});

/**
 * What someone could work out from the published tables alone. The tables are sums sharing one total T: T is
 * known if shown or if some table shows every row; a table with exactly one withheld row then gives it away
 * (T less the rows shown). Without T, a lone withheld row is T less a known sum, still unknown.
 */
function derivable(s: ConcernStatistics): string[] {
  const total = s.tables[0]!.total;
  const known = !total.suppressed || s.tables.some((t) => t.rows.every((r) => !r.count.suppressed));
  if (!known) return [];
  return s.tables.flatMap((t) => {
    const hidden = t.rows.filter((r) => r.count.suppressed);
    return hidden.length === 1 ? [`${t.dimension}:${hidden[0]!.key}`] : [];
  });
}

describe('concern statistics, suppressed', () => {
  it('shows no count of 1 to 4, and every withheld count has no number and reads [c]', () => {
    fc.assert(
      fc.property(fc.array(factArb, { maxLength: 60 }), (facts) => {
        const s = concernStatistics(PERIOD, facts, '2026-12-01T00:00:00.000Z');
        for (const t of s.tables)
          for (const c of [...t.rows.map((r) => r.count), t.total]) {
            if (c.suppressed) {
              expect(c.value).toBeUndefined();
              expect(c.display).toBe(SUPPRESSED_DISPLAY);
            } else {
              expect(c.value === 0 || c.value! >= 5).toBe(true);
              expect(c.display).toBe(String(c.value));
            }
          }
      }),
      { numRuns: 300 },
    );
  });

  it('withholds enough that no withheld count can be worked out from the totals', () => {
    fc.assert(
      fc.property(fc.array(factArb, { maxLength: 60 }), (facts) => {
        const s = concernStatistics(PERIOD, facts, '2026-12-01T00:00:00.000Z');
        expect(derivable(s)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('counts each concern once in every table, and the shown counts are the true ones', () => {
    fc.assert(
      fc.property(fc.array(factArb, { maxLength: 60 }), (facts) => {
        const s = concernStatistics(PERIOD, facts, '2026-12-01T00:00:00.000Z');
        const ideology = s.tables.find((t) => t.dimension === 'ideology')!;
        for (const r of ideology.rows)
          if (!r.count.suppressed)
            expect(r.count.value).toBe(facts.filter((f) => f.ideology === r.key).length);
        if (!ideology.total.suppressed) expect(ideology.total.value).toBe(facts.length);
        for (const t of s.tables) expect(t.total).toEqual(ideology.total);
      }),
    );
  });

  it('leaves out concerns received outside the period and shows a month with none as a true zero', () => {
    const many = (n: number, f: Partial<ConcernCountFacts>): ConcernCountFacts[] =>
      Array.from({ length: n }, () => ({
        receivedOn: '2026-09-10',
        referringSector: 'schools',
        ageOnReceipt: 15,
        ideology: 'extreme-right-wing',
        outcome: undefined,
        closed: false,
        ...f,
      }));
    const s = concernStatistics(
      PERIOD,
      [...many(6, {}), ...many(7, { receivedOn: '2026-11-30' }), ...many(3, { receivedOn: '2026-12-01' })],
      '2026-12-01T00:00:00.000Z',
    );
    const months = s.tables.find((t) => t.dimension === 'month')!;
    expect(months.rows.map((r) => [r.label, r.count.display])).toEqual([
      ['September 2026', '6'],
      ['October 2026', '0'],
      ['November 2026', '7'],
    ]);
    expect(months.total.display).toBe('13');
    expect(s.period.label).toBe('1 September 2026 to 30 November 2026');
  });

  it('a period ending before it starts is refused with what to correct', () => {
    const r = StatisticsPeriodSchema.safeParse({ from: '2026-11-30', to: '2026-09-01' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('The period must end on or after the day it starts.');
  });
});

describe('concern statistics over the hub', () => {
  let t: TestHub;
  beforeAll(async () => {
    // The demo seed raises its concerns in September; the test's own are raised in October.
    t = await startTestHub({ seed: true, start: new Date('2026-09-15T10:00:00Z') });
    t.clock.current = new Date('2026-10-05T10:00:00Z');
  });
  afterAll(() => t.close());
  const as = (id: string) => t.hub.directory.resolve({ userId: id, via: 'dev-persona' });

  it("counts the period's concerns from the store, suppressed, with no personal data in what it returns", async () => {
    const referrer = await as(PERSONA_IDS.referrer);
    for (let i = 0; i < 6; i++)
      await t.hub.concerns.submit(
        referrer,
        submission({
          subject: { name: `Person Number${i}`, age: 15, gender: 'female' },
          ideologyCategory: 'extreme-right-wing',
        }),
      );
    for (let i = 0; i < 5; i++)
      await t.hub.concerns.submit(
        referrer,
        submission({
          subject: { name: `Other Person${i}`, age: 20, gender: 'male' },
          ideologyCategory: 'mixed-unclear-unstable',
        }),
      );
    await t.hub.concerns.submit(
      referrer,
      submission({ subject: { name: 'Lone Case', age: 44, gender: 'male' }, ideologyCategory: 'islamist' }),
    );
    const board = await as(PERSONA_IDS.boardMember);
    const s = await t.hub.concernStatistics.forPeriod(board, { from: '2026-10-01', to: '2026-10-31' });
    const text = JSON.stringify(s);
    expect(text).not.toMatch(/Person Number|Other Person|Lone Case|CON-|Test Subject/);
    const ideology = s.tables.find((x) => x.dimension === 'ideology')!;
    const row = (k: string) => ideology.rows.find((r) => r.key === k)!.count;
    expect(row('extreme-right-wing').display).toBe('6');
    // The one Islamist concern is withheld, and so is the next smallest count, or the total would give it away.
    expect(row('islamist').display).toBe(SUPPRESSED_DISPLAY);
    expect(row('mixed-unclear-unstable').display).toBe(SUPPRESSED_DISPLAY);
    expect(ideology.total.display).toBe('12');
    expect(derivable(s)).toEqual([]);
  });

  it('is refused to a role with no part in the Board', async () => {
    const referrer = await as(PERSONA_IDS.referrer);
    await expect(
      t.hub.concernStatistics.forPeriod(referrer, { from: '2026-10-01', to: '2026-10-31' }),
    ).rejects.toThrow('Only the Board, the secretariat and the Prevent co-ordinator see concern statistics.');
  });
});

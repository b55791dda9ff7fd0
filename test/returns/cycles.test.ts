/** Return cycles: one per financial quarter, dates from configuration, and who owes a return. */
import {
  DEFAULT_CYCLE_CONFIG,
  cycleDates,
  cycleId,
  cycleStatusOn,
  nextCycleId,
  previousCycleId,
  quarterOf,
  type ReturnCycleConfig,
} from '@pph/contract';

describe('financial quarters', () => {
  it.each([
    ['2026-04-01', 2026, 1],
    ['2026-06-30', 2026, 1],
    ['2026-07-01', 2026, 2],
    ['2026-12-01', 2026, 3],
    ['2027-01-01', 2026, 4],
    ['2027-03-31', 2026, 4],
  ])('%s is in financial year %i/… quarter %i', (date, startYear, quarter) => {
    expect(quarterOf(date)).toEqual({ startYear, quarter });
  });

  it('names each quarter by its months, Q1 April to June through Q4 January to March', () => {
    const labels = [1, 2, 3, 4].map((q) =>
      cycleDates(cycleId(2026, q as 1 | 2 | 3 | 4), DEFAULT_CYCLE_CONFIG),
    );
    expect(labels.map((c) => [c.id, c.periodStart, c.periodEnd, c.label])).toEqual([
      ['2026-27-Q1', '2026-04-01', '2026-06-30', 'Q1 2026/27 (April to June 2026)'],
      ['2026-27-Q2', '2026-07-01', '2026-09-30', 'Q2 2026/27 (July to September 2026)'],
      ['2026-27-Q3', '2026-10-01', '2026-12-31', 'Q3 2026/27 (October to December 2026)'],
      ['2026-27-Q4', '2027-01-01', '2027-03-31', 'Q4 2026/27 (January to March 2027)'],
    ]);
  });

  it('steps to the quarter before and after across the financial year', () => {
    expect(previousCycleId('2026-27-Q1')).toBe('2025-26-Q4');
    expect(nextCycleId('2026-27-Q4')).toBe('2027-28-Q1');
    expect(previousCycleId('2099-00-Q1')).toBe('2098-99-Q4');
  });
});

describe('opening, due and closing dates are configuration', () => {
  it('by default Q3 opens on 1 December, is due on 14 January and closes on 1 March', () => {
    const q3 = cycleDates('2026-27-Q3', DEFAULT_CYCLE_CONFIG);
    expect([q3.opensOn, q3.dueOn, q3.closesOn]).toEqual(['2026-12-01', '2027-01-14', '2027-03-01']);
    expect(cycleStatusOn(q3, '2026-11-30')).toBe('scheduled');
    expect(cycleStatusOn(q3, '2026-12-01')).toBe('open');
    expect(cycleStatusOn(q3, '2027-02-28')).toBe('open');
    expect(cycleStatusOn(q3, '2027-03-01')).toBe('closed');
  });

  it('another configuration moves every date', () => {
    const config: ReturnCycleConfig = {
      ...DEFAULT_CYCLE_CONFIG,
      opensDaysBeforeQuarterEnd: 0,
      dueDaysAfterQuarterEnd: 21,
    };
    const q4 = cycleDates('2026-27-Q4', config);
    expect([q4.opensOn, q4.dueOn]).toEqual(['2027-03-31', '2027-04-21']);
  });
});

/**
 * A series' dates: the rule (`rrule`) gives the nth weekday of each month, quarter, half-year or year; one that
 * falls on a bank holiday moves to the next working day. The rule runs on dates only ("floating", in UTC), so the
 * clocks changing cannot shift a meeting's date or time: the time of day is added afterwards as London
 * wall-clock time.
 */
import { RRule, type Weekday as RRuleWeekday } from 'rrule';
import type { Recurrence, Weekday } from '@pph/contract';
import { addWorkingDays, isWorkingDay } from '../kernel/calendar/working-days';

const WEEKDAY: Record<Weekday, RRuleWeekday> = {
  MO: RRule.MO,
  TU: RRule.TU,
  WE: RRule.WE,
  TH: RRule.TH,
  FR: RRule.FR,
};
const INTERVAL: Record<Recurrence['every'], number> = { month: 1, quarter: 3, 'half-year': 6, year: 12 };

export interface Occurrence {
  /** YYYY-MM-DD, after any move off a bank holiday. */
  date: string;
  /** The date the rule gave, when it was moved. */
  movedFrom?: string;
}

/** The dates of a series, starting on or after `from` (YYYY-MM-DD). */
export function occurrences(rule: Recurrence, from: string): Occurrence[] {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const rrule = new RRule({
    freq: RRule.MONTHLY,
    interval: INTERVAL[rule.every],
    byweekday: [WEEKDAY[rule.weekday].nth(rule.nth)],
    count: rule.count,
    dtstart: new Date(Date.UTC(y, m - 1, d)),
    tzid: 'UTC',
  });
  return rrule.all().map((dt) => {
    const date = dt.toISOString().slice(0, 10);
    return isWorkingDay(date) ? { date } : { date: addWorkingDays(date, 0), movedFrom: date };
  });
}

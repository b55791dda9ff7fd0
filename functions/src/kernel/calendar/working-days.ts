import Holidays from 'date-holidays';

/**
 * Working days for England and Wales: Monday to Friday, less bank holidays (date-holidays' GB/ENG public
 * holidays, which include substitute days). Time limits count whole working days in UK local time.
 */
const england = new Holidays('GB', 'ENG');
const cache = new Map<number, Set<string>>();

function bankHolidays(year: number): Set<string> {
  let set = cache.get(year);
  if (!set) {
    set = new Set(
      england
        .getHolidays(year)
        .filter((h) => h.type === 'public' || h.type === 'bank')
        .map((h) => h.date.slice(0, 10)),
    );
    cache.set(year, set);
  }
  return set;
}

/** Made once: building an Intl formatter costs far more than formatting with it. */
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The last answer, by minute: the London date changes only on a minute (UK offsets are whole hours). */
let lastLondonDate: { minute: number; date: string } | undefined;

/** The calendar date (YYYY-MM-DD) of an instant in Europe/London. */
export function londonDate(instant: Date): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (lastLondonDate?.minute !== minute) lastLondonDate = { minute, date: LONDON_DATE.format(instant) };
  return lastLondonDate.date;
}

const parse = (date: string) => new Date(`${date}T12:00:00Z`);
const format = (d: Date) => d.toISOString().slice(0, 10);

export function isWorkingDay(date: string): boolean {
  const d = parse(date);
  const dow = d.getUTCDay();
  return dow !== 0 && dow !== 6 && !bankHolidays(d.getUTCFullYear()).has(date);
}

/**
 * Answers already worked out, by direction, date and count: a burst of decisions on one day asks for the same few
 * due dates, and each walks the calendar a day at a time. Pure (bank holidays are fixed per year), so never stale.
 */
const counted = new Map<string, string>();
const COUNTED_MAX = 2_000;

function stepWorkingDays(date: string, n: number, by: 1 | -1): string {
  const key = `${by}|${date}|${n}`;
  let answer = counted.get(key);
  if (answer === undefined) {
    const d = parse(date);
    let left = n;
    while (!isWorkingDay(format(d))) d.setUTCDate(d.getUTCDate() + by);
    while (left > 0) {
      d.setUTCDate(d.getUTCDate() + by);
      if (isWorkingDay(format(d))) left--;
    }
    answer = format(d);
    if (counted.size >= COUNTED_MAX) counted.clear();
    counted.set(key, answer);
  }
  return answer;
}

/** Adds n working days (n ≥ 0) to a date; 0 gives the date itself if it is a working day, else the next one. */
export const addWorkingDays = (date: string, n: number): string => stepWorkingDays(date, n, 1);

/** Subtracts n working days, landing on a working day. */
export const subtractWorkingDays = (date: string, n: number): string => stepWorkingDays(date, n, -1);

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1, 12));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0, 12)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return format(target);
}

export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return format(d);
}

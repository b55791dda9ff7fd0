/**
 * The one way the bot writes dates, on every card: British, month in words, the London day ("14 March 2014";
 * "23 November 2026 at 10:00"). Never "2014-03-14", "14/03/2014" or "March 14, 2014".
 */
const LONDON = 'Europe/London';

/** A calendar date (YYYY-MM-DD) or a timestamp, as the London day it falls on: "14 March 2014". */
export function britishDate(dateOrTimestamp: string): string {
  // A date alone is read at midday UTC, which is the same day in London whatever the season.
  const at = /^\d{4}-\d{2}-\d{2}$/.test(dateOrTimestamp) ? `${dateOrTimestamp}T12:00:00Z` : dateOrTimestamp;
  return new Date(at).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: LONDON,
  });
}

/** A timestamp as London date and time: "23 November 2026 at 10:00". */
export function britishDateTime(timestamp: string): string {
  const time = new Date(timestamp).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: LONDON,
  });
  return `${britishDate(timestamp)} at ${time}`;
}

/** Today's date in London (YYYY-MM-DD), the day the hub checks dates against. */
export function londonToday(now = new Date()): string {
  return now.toLocaleDateString('en-CA', { timeZone: LONDON });
}

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

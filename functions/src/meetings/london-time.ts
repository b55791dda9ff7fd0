/**
 * Europe/London wall-clock times and the instants they stand for. A meeting at 10:00 is at 10:00 whatever the
 * clocks do: 10:00Z in January, 09:00Z in June. A time the clocks skip (01:30 on the last Sunday of March) is
 * refused; one they repeat (01:30 on the last Sunday of October) is taken as the first (BST).
 */
import { DomainError } from '../kernel/errors';

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The London wall-clock time (YYYY-MM-DDTHH:mm) of an instant. */
export function londonLocal(instant: Date): string {
  const p = Object.fromEntries(LONDON.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The instant a London wall-clock time stands for. */
export function londonInstant(local: string): Date {
  const asUtc = Date.parse(`${local}:00Z`);
  // London is UTC+1 (BST) or UTC+0 (GMT): try BST first, so a repeated hour is read as the first one.
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    if (londonLocal(candidate) === local) return candidate;
  }
  throw new DomainError(
    'validation_failed',
    `${local.replace('T', ' at ')} does not exist in London: the clocks go forward that night. Choose another time.`,
  );
}

/** 2027-01-12T10:00 → "Tuesday 12 January 2027 at 10:00". */
export function describeLocal(local: string): string {
  const d = new Date(`${local.slice(0, 10)}T12:00:00Z`);
  const part = (o: Intl.DateTimeFormatOptions) => d.toLocaleDateString('en-GB', { ...o, timeZone: 'UTC' });
  const day = `${part({ weekday: 'long' })} ${part({ day: 'numeric', month: 'long', year: 'numeric' })}`;
  return `${day} at ${local.slice(11)}`;
}

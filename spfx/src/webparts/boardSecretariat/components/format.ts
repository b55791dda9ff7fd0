/** Dates and times as a person in the UK reads them (the hub's times are London wall-clock already). */
const DATE = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** 2027-01-12 → "Tue 12 Jan 2027". */
export const formatDate = (isoDate: string): string =>
  DATE.format(new Date(`${isoDate.slice(0, 10)}T12:00:00Z`));

/** 2027-01-12T10:00 and 2027-01-12T12:00 → "Tue 12 Jan 2027, 10:00 to 12:00". */
export const formatDateTime = (start: string, end?: string): string =>
  `${formatDate(start)}, ${start.slice(11, 16)}${end ? ` to ${end.slice(11, 16)}` : ''}`;

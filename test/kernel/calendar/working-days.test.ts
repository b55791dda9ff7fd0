import {
  addMonths,
  addWorkingDays,
  isWorkingDay,
  londonDate,
  subtractWorkingDays,
} from '@pph/functions/kernel/calendar/working-days';

describe('working days in England and Wales', () => {
  it('skips weekends', () => {
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23'); // Friday + 1 → Monday
    expect(addWorkingDays('2026-11-21', 0)).toBe('2026-11-23'); // Saturday rolls to Monday
  });

  it('skips bank holidays, including substitute days', () => {
    expect(isWorkingDay('2026-12-25')).toBe(false);
    expect(isWorkingDay('2026-12-28')).toBe(false); // Boxing Day substitute
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07'); // Good Friday and Easter Monday
  });

  it('subtracts working days for reminders', () => {
    expect(subtractWorkingDays('2026-12-29', 1)).toBe('2026-12-24');
    expect(subtractWorkingDays('2026-11-23', 1)).toBe('2026-11-20');
  });

  it('gives the same answers asked again, in either direction (they are remembered)', () => {
    for (let round = 0; round < 2; round++) {
      expect(addWorkingDays('2026-12-23', 2)).toBe('2026-12-29');
      expect(subtractWorkingDays('2026-12-23', 2)).toBe('2026-12-21');
      expect(addWorkingDays('2026-12-23', 0)).toBe('2026-12-23');
      expect(subtractWorkingDays('2026-12-26', 0)).toBe('2026-12-24');
    }
  });

  it('uses the London calendar date, not UTC', () => {
    expect(londonDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01'); // BST
    expect(londonDate(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31'); // GMT
  });

  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-05-15', 6)).toBe('2026-11-15');
    expect(addMonths('2026-11-24', 12)).toBe('2027-11-24');
  });
});

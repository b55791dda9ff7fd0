/**
 * Return cycles: one per financial quarter (Q1 April–June, Q2 July–September, Q3 October–December, Q4
 * January–March), with its opening, due and closing dates worked out from configuration. Pure date arithmetic on
 * YYYY-MM-DD strings, so the tabs and the hub agree on every date.
 */
import { z } from 'zod';
import { DateOnlySchema } from '../kernel/common';
import { ReturnTemplateRefSchema } from './template';

/** e.g. 2026-27-Q3: the financial year 2026/27, third quarter (October–December 2026). */
export const CycleIdSchema = z
  .string()
  .max(16, 'A return cycle looks like 2026-27-Q3.')
  .regex(/^\d{4}-\d{2}-Q[1-4]$/, 'A return cycle looks like 2026-27-Q3 (financial year, then quarter).');

export const QuarterSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Quarter = z.infer<typeof QuarterSchema>;

/** When cycles open, fall due and close, counted in calendar days from the last day of their quarter. */
export const ReturnCycleConfigSchema = z.strictObject({
  /** Opens this many days before the quarter ends (30: Q3 opens on 1 December). */
  opensDaysBeforeQuarterEnd: z.number().int().min(0).max(90),
  /** Due this many days after the quarter ends (14: Q3 is due on 14 January). */
  dueDaysAfterQuarterEnd: z.number().int().min(0).max(90),
  /** No more returns are filed or approved this many days after the quarter ends (after the Board has met). */
  closesDaysAfterQuarterEnd: z.number().int().min(1).max(180),
  /** Reminders to authors who have not submitted, this many days before the due date. */
  remindDaysBeforeDue: z.array(z.number().int().min(1).max(60)).max(5),
  /** Chasers to authors whose return is missing, this many days after the due date. */
  chaseDaysAfterDue: z.array(z.number().int().min(1).max(90)).max(5),
  /** Returns still missing this many days after the due date are escalated to the board chair. */
  escalateDaysAfterDue: z.number().int().min(1).max(120),
});
export type ReturnCycleConfig = z.infer<typeof ReturnCycleConfigSchema>;

export const DEFAULT_CYCLE_CONFIG: ReturnCycleConfig = {
  opensDaysBeforeQuarterEnd: 30,
  dueDaysAfterQuarterEnd: 14,
  closesDaysAfterQuarterEnd: 60,
  remindDaysBeforeDue: [7, 1],
  chaseDaysAfterDue: [1, 7],
  escalateDaysAfterDue: 14,
};

/**
 * Who approves a return, as configuration: this many approvals by people holding one of these roles, none of
 * them from the partner's own agency (always: nobody approves their own agency's return), and, when
 * `distinctAgencies`, each from a different agency.
 */
export const ApprovalRuleSchema = z.strictObject({
  approverRoles: z.array(z.enum(['board-member', 'board-chair'])).min(1),
  approvalsRequired: z.number().int().min(1).max(3),
  distinctAgencies: z.boolean(),
});
export type ApprovalRule = z.infer<typeof ApprovalRuleSchema>;

export const DEFAULT_APPROVAL_RULE: ApprovalRule = {
  approverRoles: ['board-member', 'board-chair'],
  approvalsRequired: 1,
  distinctAgencies: true,
};

/** The rule in words, for the tabs. */
export function describeApprovalRule(rule: ApprovalRule): string {
  const who = rule.approvalsRequired === 1 ? 'one board member' : `${rule.approvalsRequired} board members`;
  const where =
    rule.approvalsRequired > 1 && rule.distinctAgencies
      ? 'each of a different other agency'
      : 'of another agency';
  return `Approved by ${who} ${where}: nobody approves their own agency's return.`;
}

export const CycleStatusSchema = z.enum(['scheduled', 'open', 'closed']);
export type CycleStatus = z.infer<typeof CycleStatusSchema>;

export const CycleDatesSchema = z.object({
  id: CycleIdSchema,
  /** e.g. 2026/27. */
  financialYear: z.string(),
  quarter: QuarterSchema,
  /** e.g. "Q3 2026/27 (October to December 2026)". */
  label: z.string(),
  periodStart: DateOnlySchema,
  periodEnd: DateOnlySchema,
  opensOn: DateOnlySchema,
  dueOn: DateOnlySchema,
  closesOn: DateOnlySchema,
});
export type CycleDates = z.infer<typeof CycleDatesSchema>;

export const ReturnCycleSchema = CycleDatesSchema.extend({
  status: CycleStatusSchema,
  /** The template every return of this cycle starts on. */
  template: ReturnTemplateRefSchema,
});
export type ReturnCycle = z.infer<typeof ReturnCycleSchema>;

const MONTHS = [
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
];

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));
/** A YYYY-MM-DD date moved by whole days. */
export const shiftDate = (date: string, days: number) =>
  iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));

/** The financial year (its starting calendar year) and quarter a date falls in. */
export function quarterOf(date: string): { startYear: number; quarter: Quarter } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const fq = Math.floor(((m - 4 + 12) % 12) / 3) + 1;
  return { startYear: m >= 4 ? y : y - 1, quarter: fq as Quarter };
}

export const cycleId = (startYear: number, quarter: Quarter) =>
  `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}-Q${quarter}`;

export function parseCycleId(id: string): { startYear: number; quarter: Quarter } {
  const m = /^(\d{4})-\d{2}-Q([1-4])$/.exec(id);
  if (!m) throw new Error(`Not a cycle id: ${id}`);
  return { startYear: Number(m[1]), quarter: Number(m[2]) as Quarter };
}

/** The cycle before (for "change on the previous quarter"). */
export function previousCycleId(id: string): string {
  const { startYear, quarter } = parseCycleId(id);
  return quarter === 1 ? cycleId(startYear - 1, 4) : cycleId(startYear, (quarter - 1) as Quarter);
}

export function nextCycleId(id: string): string {
  const { startYear, quarter } = parseCycleId(id);
  return quarter === 4 ? cycleId(startYear + 1, 1) : cycleId(startYear, (quarter + 1) as Quarter);
}

/** The dates of one cycle under this configuration. */
export function cycleDates(id: string, config: ReturnCycleConfig): CycleDates {
  const { startYear, quarter } = parseCycleId(id);
  // Q1 starts in April of the start year; Q4 in January of the next.
  const firstMonth = (3 + (quarter - 1) * 3) % 12;
  const year = quarter === 4 ? startYear + 1 : startYear;
  const periodStart = iso(utc(year, firstMonth, 1));
  const periodEnd = iso(utc(year, firstMonth + 3, 0));
  const fy = `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
  return {
    id,
    financialYear: fy,
    quarter,
    label: `Q${quarter} ${fy} (${MONTHS[firstMonth]} to ${MONTHS[firstMonth + 2]} ${year})`,
    periodStart,
    periodEnd,
    opensOn: shiftDate(periodEnd, -config.opensDaysBeforeQuarterEnd),
    dueOn: shiftDate(periodEnd, config.dueDaysAfterQuarterEnd),
    closesOn: shiftDate(periodEnd, config.closesDaysAfterQuarterEnd),
  };
}

/** Where a cycle is on this date: not yet open, open (filing and approving), or closed. */
export function cycleStatusOn(dates: Pick<CycleDates, 'opensOn' | 'closesOn'>, today: string): CycleStatus {
  if (today < dates.opensOn) return 'scheduled';
  return today < dates.closesOn ? 'open' : 'closed';
}

/**
 * When a return next needs the timer: a reminder before its due date, a chaser after it, an escalation to the
 * board chair. Only an outstanding return (not started, draft, sent back) has any; each notice is sent once.
 */
import { shiftDate, type ReturnCycleConfig, type ReturnStatus } from '@pph/contract';
import type { ReturnState } from './state';

export const OUTSTANDING: ReadonlySet<ReturnStatus> = new Set(['not-started', 'draft', 'sent-back']);

export const isOutstanding = (status: ReturnStatus) => OUTSTANDING.has(status);

export interface DueNotices {
  /** Reminder offsets (days before due) whose date has come, not yet sent. */
  reminders: number[];
  chasers: number[];
  escalate: boolean;
}

/** The notices due by `today` that the return has not had. */
export function dueNotices(
  state: ReturnState,
  dueOn: string,
  today: string,
  config: ReturnCycleConfig,
): DueNotices {
  if (!isOutstanding(state.status)) return { reminders: [], chasers: [], escalate: false };
  return {
    reminders: config.remindDaysBeforeDue.filter(
      (d) => !state.notices.reminded.includes(d) && shiftDate(dueOn, -d) <= today,
    ),
    chasers: config.chaseDaysAfterDue.filter(
      (d) => !state.notices.chased.includes(d) && shiftDate(dueOn, d) <= today,
    ),
    escalate: !state.notices.escalated && shiftDate(dueOn, config.escalateDaysAfterDue) <= today,
  };
}

/** The earliest date the timer has something to do for this return, or null. */
export function nextCheckOn(state: ReturnState, dueOn: string, config: ReturnCycleConfig): string | null {
  if (!isOutstanding(state.status)) return null;
  const dates: string[] = [];
  for (const d of config.remindDaysBeforeDue)
    if (!state.notices.reminded.includes(d)) dates.push(shiftDate(dueOn, -d));
  for (const d of config.chaseDaysAfterDue)
    if (!state.notices.chased.includes(d)) dates.push(shiftDate(dueOn, d));
  if (!state.notices.escalated) dates.push(shiftDate(dueOn, config.escalateDaysAfterDue));
  return dates.sort()[0] ?? null;
}

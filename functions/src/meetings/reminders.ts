/**
 * When a meeting's reminders fall due: the papers reminder two working days before the papers deadline (to
 * presenters whose items have no paper yet), and "meeting soon" two working days before the meeting (to every
 * invitee). Flags in the meeting's state say which have gone, so a timer that fires twice sends nothing twice.
 */
import { subtractWorkingDays } from '../kernel/calendar/working-days';
import type { MeetingState, PendingNotice } from './state';

export const REMIND_WORKING_DAYS = 2;

const upcoming = (s: Pick<MeetingState, 'status'>) => s.status === 'scheduled' || s.status === 'rescheduled';

/** An invitation (or its cancellation) still to go to the calendar. */
export const invitationDue = (s: MeetingState) => s.invitation.wanted > s.invitation.sent;

export const papersReminderOn = (s: Pick<MeetingState, 'papersDueOn'>) =>
  subtractWorkingDays(s.papersDueOn, REMIND_WORKING_DAYS);
export const soonReminderOn = (s: Pick<MeetingState, 'start'>) =>
  subtractWorkingDays(s.start.slice(0, 10), REMIND_WORKING_DAYS);

/** The earliest date the timer has something to do for this meeting; null when it has nothing more. */
export function nextCheckOn(s: MeetingState): string | null {
  if (invitationDue(s)) return '1970-01-01';
  if (!upcoming(s)) return null;
  const dates = [
    ...(s.notices.papersDue ? [] : [papersReminderOn(s)]),
    ...(s.notices.soon ? [] : [soonReminderOn(s)]),
  ].sort();
  return dates[0] ?? null;
}

/** The reminders due by `today` and not yet sent: the notices, and the flags to set. */
export function dueReminders(
  s: MeetingState,
  today: string,
): { notices: PendingNotice[]; flags: MeetingState['notices'] } | undefined {
  if (!upcoming(s)) return undefined;
  const notices: PendingNotice[] = [];
  const flags = { ...s.notices };
  const when = `${s.start.slice(0, 10)} at ${s.start.slice(11)}`;
  if (!s.notices.papersDue && today >= papersReminderOn(s)) {
    flags.papersDue = true;
    const waiting = new Set(
      s.agenda
        .filter((i) => i.papers.length === 0 && i.presenter?.personId)
        .map((i) => i.presenter!.personId!),
    );
    for (const personId of waiting)
      notices.push({
        dedupeKey: `meeting-papers-due:${s.id}:${personId}`,
        type: 'meeting-papers-due',
        recipientId: personId,
        title: `Papers for ${s.title} are due by ${s.papersDueOn}`,
        body: `You are presenting an item at ${s.title} on ${when} that has no paper yet. Papers uploaded after ${s.papersDueOn} are marked late.`,
      });
  }
  if (!s.notices.soon && today >= soonReminderOn(s)) {
    flags.soon = true;
    for (const inv of s.invitees)
      notices.push({
        dedupeKey: `meeting-soon:${s.id}:${s.start}:${inv.personId}`,
        type: 'meeting-soon',
        recipientId: inv.personId,
        title: `${s.title} is on ${when}`,
        body: `${s.title} meets on ${when}${s.location.venue ? ` at ${s.location.venue}` : ''}${s.location.online ? ' (online: join from the invitation)' : ''}. Send apologies to the secretariat if you cannot come.`,
      });
  }
  if (flags.papersDue === s.notices.papersDue && flags.soon === s.notices.soon) return undefined;
  return { notices, flags };
}

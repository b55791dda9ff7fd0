/**
 * Building a meeting's state from a request: who the invitees are (resolved from the directory by partner and
 * role), the dates of a series, the papers deadline. Everything is checked here, before anything is written.
 */
import {
  describeRecurrence,
  type Invitee,
  type InviteesRequest,
  type MeetingKind,
  type Person,
  type Partner,
  type ScheduleMeetingRequest,
} from '@pph/contract';
import { subtractWorkingDays } from '../kernel/calendar/working-days';
import { DomainError } from '../kernel/errors';
import { standingAgenda } from './agenda';
import { describeLocal, londonInstant } from './london-time';
import { CHAIR_ROLE } from './policy';
import { occurrences } from './recurrence';
import type { MeetingState } from './state';

export const invalid = (path: string, message: string) =>
  new DomainError('validation_failed', message, { fieldErrors: [{ path, message }] });

export function resolveInvitees(
  kind: MeetingKind,
  spec: InviteesRequest,
  people: readonly Person[],
  partners: ReadonlyMap<string, Partner>,
): Invitee[] {
  const chosen = new Map<string, Person>();
  spec.byRole.forEach((r, i) => {
    const partner = partners.get(r.partnerId);
    if (!partner)
      throw invalid(`invitees.byRole.${i}.partnerId`, `There is no partner agency "${r.partnerId}".`);
    const holders = people.filter((p) => p.partnerId === r.partnerId && p.roles.includes(r.role));
    if (holders.length === 0)
      throw invalid(
        `invitees.byRole.${i}.role`,
        `Nobody at ${partner.name} holds the role ${r.role}. Choose another role, or invite a person by name.`,
      );
    for (const p of holders) chosen.set(p.id, p);
  });
  spec.people.forEach((id, i) => {
    const p = people.find((x) => x.id === id);
    if (!p) throw invalid(`invitees.people.${i}`, 'That person is not in the hub directory.');
    chosen.set(p.id, p);
  });
  if (chosen.size === 0)
    throw invalid('invitees', 'Invite at least one person: by partner and role, or by name.');
  return [...chosen.values()].map((p) => {
    const partner = partners.get(p.partnerId);
    return {
      personId: p.id,
      displayName: p.displayName,
      partnerId: p.partnerId,
      partnerName: partner?.name ?? p.partnerId,
      sector: partner?.sector ?? 'voluntary',
      roles: p.roles,
      chair: p.roles.includes(CHAIR_ROLE[kind]),
    };
  });
}

/** The papers deadline for a meeting on `date`: this many working days before. */
export const papersDueOn = (date: string, workingDays: number) => subtractWorkingDays(date, workingDays);

/** A start and end that are real London times and not in the past. */
export function checkTimes(start: string, end: string, now: Date): void {
  const startsAt = londonInstant(start);
  londonInstant(end);
  if (end <= start) throw invalid('end', 'The meeting must end after it starts.');
  if (startsAt.getTime() <= now.getTime())
    throw invalid(
      'start',
      `${describeLocal(start)} is in the past: a meeting is scheduled for a time to come. Choose a later date.`,
    );
}

export interface PlannedMeeting {
  start: string;
  end: string;
  movedFrom?: string;
}

/** The meeting or meetings a request asks for, in date order. */
export function plan(req: Pick<ScheduleMeetingRequest, 'start' | 'end' | 'recurrence'>): PlannedMeeting[] {
  if (!req.recurrence) return [{ start: req.start, end: req.end }];
  const startTime = req.start.slice(11);
  const endTime = req.end.slice(11);
  return occurrences(req.recurrence, req.start.slice(0, 10)).map((o) => ({
    start: `${o.date}T${startTime}`,
    end: `${o.date}T${endTime}`,
    ...(o.movedFrom ? { movedFrom: o.movedFrom } : {}),
  }));
}

export function newMeetingState(d: {
  id: string;
  seriesId?: string;
  req: ScheduleMeetingRequest;
  planned: PlannedMeeting;
  invitees: Invitee[];
  at: string;
  by: { id: string; displayName: string };
}): MeetingState {
  const { req, planned } = d;
  const moved = planned.movedFrom
    ? `Moved from ${planned.movedFrom} (a bank holiday) to the next working day.`
    : undefined;
  return {
    id: d.id,
    ...(d.seriesId ? { seriesId: d.seriesId } : {}),
    ...(req.recurrence ? { recurrence: describeRecurrence(req.recurrence) } : {}),
    kind: req.kind,
    title: req.title,
    start: planned.start,
    end: planned.end,
    location: { ...(req.location.venue ? { venue: req.location.venue } : {}), online: req.location.online },
    inviteeSpec: req.invitees,
    invitees: d.invitees,
    papersDueWorkingDays: req.papersDueWorkingDays,
    papersDueOn: papersDueOn(planned.start.slice(0, 10), req.papersDueWorkingDays),
    status: 'scheduled',
    ...(moved ? { statusReason: moved } : {}),
    agenda: standingAgenda(req.kind),
    nextItem: req.kind === 'prevent-board' ? 8 : 1,
    nextPaper: 1,
    attendance: {},
    history: [
      {
        at: d.at,
        by: d.by,
        action: 'scheduled',
        summary: `Scheduled for ${describeLocal(planned.start)}${moved ? ` (${moved})` : ''}`,
      },
    ],
    revision: 1,
    notices: { papersDue: false, soon: false },
    invitation: { wanted: 1, sent: 0 },
    pending: d.invitees.map((i) => ({
      dedupeKey: `meeting-invited:${d.id}:${i.personId}`,
      type: 'meeting-invited',
      recipientId: i.personId,
      title: `You are invited to ${req.title}`,
      body: `${req.title} meets on ${describeLocal(planned.start)}${req.location.venue ? ` at ${req.location.venue}` : ''}${req.location.online ? ' (online)' : ''}. Papers are due by ${papersDueOn(planned.start.slice(0, 10), req.papersDueWorkingDays)}.`,
    })),
  };
}

/**
 * An invitation as an iCalendar file (`ics`): REQUEST for a new or changed meeting, CANCEL for a cancelled one.
 * Times are written in UTC (the instants of the London wall-clock times), which every calendar reads the same.
 * The UID is the meeting id, so a changed meeting replaces the event a calendar holds (SEQUENCE orders them).
 */
import { createEvent, type EventAttributes } from 'ics';
import type { MeetingInvite } from '../../ports/meeting-invites';

export interface Organiser {
  name: string;
  email: string;
}

export const icsUid = (meetingId: string) => `${meetingId.toLowerCase()}@prevent-hub`;

export function buildIcs(invite: MeetingInvite, organiser: Organiser, method: 'REQUEST' | 'CANCEL'): string {
  const event: EventAttributes = {
    uid: icsUid(invite.meetingId),
    sequence: invite.sequence,
    method,
    productId: 'prevent-partnership-hub/meetings',
    title: invite.title,
    description: invite.description,
    start: Date.parse(invite.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(invite.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    organizer: { name: organiser.name, email: organiser.email },
    attendees: invite.attendees.map((a) => ({
      name: a.name,
      email: a.email,
      rsvp: true,
      role: 'REQ-PARTICIPANT',
      partstat: 'NEEDS-ACTION',
    })),
    ...(invite.venue || invite.online
      ? { location: [invite.venue, invite.online ? 'Online' : undefined].filter(Boolean).join(' / ') }
      : {}),
  };
  const { error, value } = createEvent(event);
  if (error || !value) throw error ?? new Error('The invitation could not be written.');
  return value;
}

/**
 * Calendar invitations for meetings. The embedded default writes an iCalendar (.ics) file to the document
 * library (and the API serves it); production creates an Outlook event with a Teams meeting on the organiser's
 * mailbox through Microsoft Graph. Sending again for the same meeting updates its event; cancelling cancels it.
 */
export interface InviteAttendee {
  name: string;
  email: string;
}

export interface MeetingInvite {
  meetingId: string;
  /** Bumped on every change, so calendars replace the event they hold. */
  sequence: number;
  title: string;
  description: string;
  /** Europe/London wall-clock, e.g. 2027-01-12T10:00. */
  start: string;
  end: string;
  /** The same as instants (ISO 8601, UTC). */
  startsAt: string;
  endsAt: string;
  venue?: string;
  online: boolean;
  attendees: InviteAttendee[];
  /** What an earlier send returned, to update or cancel that event. */
  eventId?: string;
}

export interface SentInvite {
  /** The calendar's id for the event (Graph's event id; the .ics UID locally). */
  eventId: string;
  /** The Teams meeting's join address, when the calendar made one. */
  joinUrl?: string;
  /** Where the .ics was stored, for the file adapter. */
  document?: { library: string; name: string; version: number };
}

export interface MeetingInvites {
  readonly kind: 'ics' | 'graph';
  send(invite: MeetingInvite): Promise<SentInvite>;
  cancel(invite: MeetingInvite, reason: string): Promise<SentInvite>;
}

/**
 * Invitations in production: an Outlook event with a Teams meeting on the organiser's mailbox (the secretariat's
 * shared mailbox), through Microsoft Graph. Create: POST /users/{organiser}/events with isOnlineMeeting and
 * onlineMeetingProvider teamsForBusiness, and a transactionId (the meeting id and revision) so that Graph makes
 * no second event when a create is retried. Update: PATCH the event. Cancel: POST …/cancel with the reason,
 * which Exchange sends to the attendees. Needs the application permission Calendars.ReadWrite, limited to the
 * organiser's mailbox by an application access policy (README).
 */
import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import type { MeetingInvite, MeetingInvites, SentInvite } from '../../ports/meeting-invites';

/** The parts of Graph's event resource the hub reads back. */
interface GraphEvent {
  id: string;
  webLink?: string;
  onlineMeeting?: { joinUrl?: string } | null;
}

export class GraphInviteError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'GraphInviteError';
  }
}

/** A Graph client that signs each request with a token from `getToken` (client credentials in production). */
export const graphClient = (getToken: () => Promise<string>) =>
  Client.initWithMiddleware({ authProvider: { getAccessToken: getToken } });

/**
 * The Graph adapter for a tenant: app-only tokens for Graph from the same token provider (the app registration's
 * certificate) that SharePoint's come from, events on `organiserMailbox` (the secretariat's shared mailbox).
 */
export const graphInvitesFor = (
  tokens: { getToken(scope: string): Promise<string> },
  organiserMailbox: string,
): GraphInvites =>
  new GraphInvites(
    graphClient(() => tokens.getToken('https://graph.microsoft.com/.default')),
    organiserMailbox,
  );

const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');

export class GraphInvites implements MeetingInvites {
  readonly kind = 'graph' as const;

  constructor(
    private readonly client: Client,
    /** The organiser's mailbox: its user id or user principal name. */
    private readonly organiser: string,
  ) {}

  private get events() {
    return `/users/${encodeURIComponent(this.organiser)}/events`;
  }

  private body(invite: MeetingInvite) {
    return {
      subject: invite.title,
      body: { contentType: 'HTML', content: html(invite.description) },
      // Graph takes wall-clock time with a zone: London time as the meeting was set, whatever the clocks do.
      start: { dateTime: `${invite.start}:00`, timeZone: 'Europe/London' },
      end: { dateTime: `${invite.end}:00`, timeZone: 'Europe/London' },
      ...(invite.venue ? { location: { displayName: invite.venue } } : {}),
      attendees: invite.attendees.map((a) => ({
        emailAddress: { address: a.email, name: a.name },
        type: 'required',
      })),
      allowNewTimeProposals: false,
      isOnlineMeeting: invite.online,
      ...(invite.online ? { onlineMeetingProvider: 'teamsForBusiness' } : {}),
    };
  }

  async send(invite: MeetingInvite): Promise<SentInvite> {
    const event = await this.call<GraphEvent>(() =>
      invite.eventId
        ? this.client.api(`${this.events}/${encodeURIComponent(invite.eventId)}`).patch(this.body(invite))
        : this.client
            .api(this.events)
            .post({ ...this.body(invite), transactionId: `${invite.meetingId}-${invite.sequence}` }),
    );
    const joinUrl = event.onlineMeeting?.joinUrl;
    return { eventId: event.id, ...(joinUrl ? { joinUrl } : {}) };
  }

  async cancel(invite: MeetingInvite, reason: string): Promise<SentInvite> {
    if (!invite.eventId) return { eventId: '' };
    await this.call(() =>
      this.client
        .api(`${this.events}/${encodeURIComponent(invite.eventId!)}/cancel`)
        .post({ comment: reason }),
    );
    return { eventId: invite.eventId };
  }

  /** Graph's failures as one error the timer can log by name and retry; never the response body (it may hold names). */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (e) {
      if (e instanceof GraphError) {
        const retry = Number(e.headers?.get('retry-after'));
        const what =
          e.statusCode === 403
            ? 'Graph refused the calendar write (403): check the Calendars.ReadWrite permission and that the application access policy includes the organiser mailbox.'
            : e.statusCode === 404
              ? 'Graph does not know the organiser mailbox or the event (404).'
              : e.statusCode === 429
                ? 'Graph is throttling calendar writes (429): the invitation is sent on a later run.'
                : `Graph answered ${e.statusCode} (${e.code ?? 'no code'}) to a calendar write.`;
        throw new GraphInviteError(
          what,
          e.statusCode,
          Number.isFinite(retry) && retry > 0 ? retry : undefined,
        );
      }
      throw e;
    }
  }
}

/**
 * The Graph invitations adapter against recorded Graph responses (graph-recordings/, written from Graph's
 * documented shapes): what it asks Graph for (an Outlook event with a Teams meeting on the organiser's mailbox,
 * in London time, with a transactionId so a retry makes no second event), what it reads back, and how it
 * reports throttling and a mailbox outside the application access policy.
 */
import { Client } from '@microsoft/microsoft-graph-client';
import { GraphInviteError, GraphInvites } from '@pph/functions/adapters/calendar/graph-invites';
import type { MeetingInvite } from '@pph/functions/ports/meeting-invites';
import { Recorded, recording } from './support/recorded-graph';

const invite: MeetingInvite = {
  meetingId: 'MTG-2027-0001',
  sequence: 1,
  title: 'Prevent Partnership Board',
  description:
    'Prevent Partnership Board: Tuesday 9 March 2027 at 10:00 to 12:00 (London time).\nPapers are due by 2027-03-02.',
  start: '2027-03-09T10:00',
  end: '2027-03-09T12:00',
  startsAt: '2027-03-09T10:00:00.000Z',
  endsAt: '2027-03-09T12:00:00.000Z',
  venue: 'Committee Room 2',
  online: true,
  attendees: [{ name: 'Demo Board Member', email: 'board.member@probation.example' }],
};

const adapter = (...names: string[]) => {
  const graph = new Recorded(names.map(recording));
  return {
    graph,
    invites: new GraphInvites(
      Client.initWithMiddleware({ middleware: graph }),
      'prevent-secretariat@partnership.example',
    ),
  };
};

describe('Graph invitations', () => {
  it('creates an Outlook event with a Teams meeting on the organiser mailbox, and keeps its id and join link', async () => {
    const { graph, invites } = adapter('create-online-event');
    const sent = await invites.send(invite);
    expect(sent).toEqual({
      eventId: 'AAMkAGI1AAAt8AHjAAA=',
      joinUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//),
    });
    expect(graph.sent[0]!.body).toEqual({
      subject: 'Prevent Partnership Board',
      body: {
        contentType: 'HTML',
        content:
          'Prevent Partnership Board: Tuesday 9 March 2027 at 10:00 to 12:00 (London time).<br>Papers are due by 2027-03-02.',
      },
      start: { dateTime: '2027-03-09T10:00:00', timeZone: 'Europe/London' },
      end: { dateTime: '2027-03-09T12:00:00', timeZone: 'Europe/London' },
      location: { displayName: 'Committee Room 2' },
      attendees: [
        {
          emailAddress: { address: 'board.member@probation.example', name: 'Demo Board Member' },
          type: 'required',
        },
      ],
      allowNewTimeProposals: false,
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      transactionId: 'MTG-2027-0001-1',
    });
  });

  it('updates the event it made when the meeting changes, and cancels it with the reason', async () => {
    const { graph, invites } = adapter('update-event', 'cancel-event');
    const moved = {
      ...invite,
      sequence: 2,
      start: '2027-03-16T14:00',
      end: '2027-03-16T16:00',
      eventId: 'AAMkAGI1AAAt8AHjAAA=',
    };
    expect((await invites.send(moved)).eventId).toBe('AAMkAGI1AAAt8AHjAAA=');
    expect(graph.sent[0]!.body).toMatchObject({
      start: { dateTime: '2027-03-16T14:00:00', timeZone: 'Europe/London' },
    });
    expect(graph.sent[0]!.body).not.toHaveProperty('transactionId');
    await invites.cancel(moved, 'The venue is closed.');
    expect(graph.sent[1]).toEqual({
      method: 'POST',
      path: '/v1.0/users/prevent-secretariat%40partnership.example/events/AAMkAGI1AAAt8AHjAAA%3D/cancel',
      body: { comment: 'The venue is closed.' },
    });
  });

  it('says when Graph throttles, with how long to wait, and when the access policy leaves the mailbox out', async () => {
    const throttled = await adapter('throttled')
      .invites.send(invite)
      .catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(GraphInviteError);
    expect(throttled).toMatchObject({ status: 429, retryAfterSeconds: 10 });
    const denied = await adapter('access-denied')
      .invites.send(invite)
      .catch((e: unknown) => e);
    expect((denied as GraphInviteError).message).toMatch(/Calendars\.ReadWrite .* application access policy/);
    // What Graph said (it can name people) is not carried into the error the hub logs.
    expect((denied as GraphInviteError).message).not.toMatch(/OData/);
  });
});

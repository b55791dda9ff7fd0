/**
 * The meetings capability with the Graph adapter behind its MeetingInvites port (as in production), over SQLite
 * and recorded Graph responses: scheduling creates the Outlook event with its Teams meeting and the view gives
 * the join link; rescheduling updates that event; cancelling cancels it; a throttled create leaves the meeting
 * scheduled and the timer sends the invitation on its next run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@microsoft/microsoft-graph-client';
import { GraphInvites } from '@pph/functions/adapters/calendar/graph-invites';
import { MemoryDocumentStore } from '@pph/functions/adapters/documents/memory-documents';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
import type { Actor } from '@pph/functions/kernel/auth/actor';
import { createKernel, type Kernel } from '@pph/functions/kernel/kernel';
import { KERNEL_LISTS } from '@pph/functions/kernel/lists';
import { DEFAULT_ORGANISER, meetingsCapability } from '@pph/functions/meetings/capability';
import type { MeetingService } from '@pph/functions/meetings/service';
import type { Store } from '@pph/functions/ports/store';
import { Recorded, recording } from './support/recorded-graph';

let dir: string;
let store: Store;
let kernel: Kernel;
let meetings: MeetingService;
let graph: Recorded;
const now = new Date('2027-02-01T09:00:00Z');

const secretariat: Actor = {
  id: 'sec-1',
  displayName: 'Demo Secretariat',
  partnerId: 'council',
  partnerSector: 'local-authority',
  roles: ['secretariat'],
};

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-meetings-graph-'));
  store = await openSqliteStore({ file: path.join(dir, 'hub.sqlite') });
  graph = new Recorded([]);
  // As the Azure host wires it: the Graph adapter on the hub's ports, the capability as it is by default.
  const capability = meetingsCapability();
  await store.provision([...KERNEL_LISTS, ...capability.lists]);
  kernel = createKernel({
    store,
    clock: { now: () => now },
    logger: silentLogger,
    notifier: { deliver: async () => ({ status: 'delivered' as const }) },
    auditKey: 'x'.repeat(40),
    documents: new MemoryDocumentStore(),
    invites: new GraphInvites(Client.initWithMiddleware({ middleware: graph }), DEFAULT_ORGANISER.email),
  });
  kernel.authorisation.register(capability.actions);
  await kernel.directory.upsertPartner({
    id: 'council',
    name: 'Demo Council',
    sector: 'local-authority',
    owesQuarterlyReturns: true,
  });
  await kernel.directory.upsertPerson({
    id: 'sec-1',
    displayName: 'Demo Secretariat',
    email: 'secretariat@council.example',
    partnerId: 'council',
    roles: ['secretariat'],
  });
  await kernel.directory.upsertPerson({
    id: 'member-1',
    displayName: 'Demo Board Member',
    email: 'board.member@probation.example',
    partnerId: 'council',
    roles: ['board-member'],
  });
  meetings = (await capability.start(kernel)).services.meetings;
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const schedule = () =>
  meetings.schedule(secretariat, {
    idempotencyKey: 'graph-wired-meeting-0001',
    kind: 'prevent-board',
    title: 'Prevent Partnership Board',
    start: '2027-03-09T10:00',
    end: '2027-03-09T12:00',
    location: { venue: 'Committee Room 2', online: true },
    invitees: { byRole: [{ partnerId: 'council', role: 'board-member' }], people: [] },
    papersDueWorkingDays: 5,
  });

it('creates, updates and cancels the Outlook event with its Teams meeting', async () => {
  graph.queue.push(recording('create-online-event'), recording('update-event'), recording('cancel-event'));
  const { response } = await schedule();
  const id = response.meeting.id;
  const view = await meetings.read(secretariat, id);
  expect(view.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
  expect(graph.sent[0]!.body).toMatchObject({
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    attendees: [{ emailAddress: { address: 'board.member@probation.example', name: 'Demo Board Member' } }],
  });
  await meetings.reschedule(secretariat, id, {
    start: '2027-03-16T14:00',
    end: '2027-03-16T16:00',
    reason: 'The room is needed for an inquest.',
  });
  expect(graph.sent[1]).toMatchObject({ method: 'PATCH' });
  await meetings.cancel(secretariat, id, { reason: 'The Board meets with the CSP instead.' });
  expect(graph.sent[2]).toMatchObject({ body: { comment: 'The Board meets with the CSP instead.' } });
  expect(graph.queue).toEqual([]);
});

it('a throttled create leaves the meeting scheduled, and the timer sends the invitation once', async () => {
  graph.queue.push(recording('throttled'));
  const { response, created } = await schedule();
  expect(created).toBe(true);
  expect(response.meeting.status).toBe('scheduled');
  expect((await meetings.read(secretariat, response.meeting.id)).joinUrl).toBeUndefined();
  graph.queue.push(recording('create-online-event'));
  await kernel.timers.tickAll();
  await kernel.timers.tickAll();
  expect((await meetings.read(secretariat, response.meeting.id)).joinUrl).toMatch(/^https:\/\/teams/);
  expect(graph.sent.filter((s) => s.method === 'POST')).toHaveLength(2);
});

/**
 * The action log through the real HTTP host: the demo's two open actions (one overdue) carried from the last
 * Board; the overdue one chased once however often the timer fires, or fires at once; open actions in their
 * owner's My work, opening the action; status changed by the owner or the secretariat only, a drop needs a
 * note, a stale ETag is refused; what the pack job reads (minutes.forPack).
 */
import { pathOf, KernelOperations as K, MeetingOperations as M, MinutesOperations as N } from '@pph/contract';
import { PERSONA_IDS, sentTwice, startTestHub, type TestHub } from '../support/hub';

let hub: TestHub;
let past: string;
let next: string;

beforeAll(async () => {
  hub = await startTestHub({ seed: true, start: new Date('2026-11-23T10:00:00Z') });
  const list = (await hub.as(PERSONA_IDS.secretariat).get(pathOf(M.listMeetings))).body.items as {
    id: string;
    status: string;
    date: string;
  }[];
  past = list.find((m) => m.status === 'held')!.id;
  next = list.find((m) => m.status === 'scheduled' && m.date > '2026-11-23')!.id;
});
afterAll(() => hub.close());

const log = async (persona: string, view: string) =>
  (await hub.as(persona).get(pathOf(N.listActions, { view }))).body;
const tick = async () => {
  await hub.hub.timers.tickAll();
  await hub.hub.settle();
  await hub.hub.pumpOnce();
};
const chasers = () => hub.calls.filter((n) => n.type === 'action-overdue');

it('lists the open actions carried from the last Board, the overdue one first and highlighted', async () => {
  const all = await log(PERSONA_IDS.secretariat, 'open');
  expect(all.counts).toEqual({ open: 2, overdue: 1, done: 0 });
  expect(all.items.map((a: { overdue: boolean; meetingId: string }) => [a.overdue, a.meetingId])).toEqual([
    [true, past],
    [false, past],
  ]);
  const overdue = await log(PERSONA_IDS.secretariat, 'overdue');
  expect(overdue.items).toHaveLength(1);
  expect(overdue.items[0].owner.id).toBe(PERSONA_IDS.boardChair);
  // Someone who owns none and oversees nothing sees an empty log, and nobody else's.
  expect((await log(PERSONA_IDS.referrer, 'all')).items).toEqual([]);
  const theirs = await hub
    .as(PERSONA_IDS.referrer)
    .get(pathOf(N.listActionsOfOwner, { view: 'all', ownerId: PERSONA_IDS.boardChair }));
  expect(theirs.status).toBe(403);
  const mine = await hub
    .as(PERSONA_IDS.boardMember)
    .get(pathOf(N.listActionsOfOwner, { view: 'open', ownerId: PERSONA_IDS.boardMember }));
  expect(mine.body.items.map((a: { owner: { id: string } }) => a.owner.id)).toEqual([
    PERSONA_IDS.boardMember,
  ]);
  expect((await hub.as(PERSONA_IDS.secretariat).get('/api/action-log/late')).status).toBe(400);
});

it('chases an overdue action once, to its owner, however often the timer fires', async () => {
  await tick();
  await Promise.all([hub.hub.timers.tickAll(), hub.hub.timers.tickAll()]);
  await tick();
  expect(chasers().map((n) => n.recipientId)).toEqual([PERSONA_IDS.boardChair]);
  expect(chasers()[0]!.title).toMatch(/^Overdue: action ACT-\d{4}-\d{4} was due on /);
  expect(sentTwice(hub.calls)).toEqual([]);
  // The one not yet due is chased the day after its due date, once.
  const later = (await log(PERSONA_IDS.secretariat, 'open')).items[1];
  hub.clock.current = new Date(`${later.dueOn}T12:00:00Z`);
  await tick();
  expect(chasers()).toHaveLength(1);
  hub.clock.advanceDays(1);
  await tick();
  await tick();
  expect(chasers().map((n) => n.recipientId)).toEqual([PERSONA_IDS.boardChair, PERSONA_IDS.boardMember]);
  hub.clock.current = new Date('2026-11-23T10:00:00Z');
});

it("puts open actions in their owner's My work, opening the action", async () => {
  const work = (await hub.as(PERSONA_IDS.boardChair).get(pathOf(K.myQueue))).body;
  const tasks = (work.tasks ?? []).filter((t: { capability: string }) => t.capability === 'minutes');
  expect(tasks).toHaveLength(1);
  expect(tasks[0]).toMatchObject({
    kind: 'minute-action',
    overdue: true,
    open: { entityId: 'my-work', subEntityId: `action:${tasks[0].itemRef}` },
  });
  const secretariat = (await hub.as(PERSONA_IDS.secretariat).get(pathOf(K.myQueue))).body;
  expect((secretariat.tasks ?? []).filter((t: { capability: string }) => t.capability === 'minutes')).toEqual(
    [],
  );
});

it('lets the owner or the secretariat change the status, and nobody else', async () => {
  const action = (await log(PERSONA_IDS.secretariat, 'overdue')).items[0];
  const update = (persona: string, body: unknown) =>
    hub.as(persona).post(pathOf(N.updateAction, { actionId: action.id }), body);
  const other = await update(PERSONA_IDS.boardMember, { status: 'done' });
  expect(other.status).toBe(403);
  expect(other.body.error.message).toMatch(/Only Kit Abernethy, who owns ACT-/);
  const started = await update(PERSONA_IDS.boardChair, { status: 'in-progress', etag: action.etag });
  expect(started.status).toBe(200);
  expect(started.body).toMatchObject({ status: 'in-progress', overdue: true });
  const stale = await update(PERSONA_IDS.boardChair, { status: 'done', etag: action.etag });
  expect(stale.status).toBe(409);
  expect(stale.body.error.message).toMatch(/now in progress/);
  const noNote = await update(PERSONA_IDS.secretariat, { status: 'dropped' });
  expect(noNote.status).toBe(400);
  const done = await update(PERSONA_IDS.secretariat, { status: 'done', note: 'Circulated on 20 November.' });
  expect(done.body).toMatchObject({ status: 'done', overdue: false, note: 'Circulated on 20 November.' });
  expect(done.body.history.map((h: { status: string }) => h.status)).toEqual(['open', 'in-progress', 'done']);
  // Minuted by the secretariat, started by its owner, closed by the secretariat.
  expect(done.body.history.map((h: { by: { id: string } }) => h.by.id)).toEqual([
    PERSONA_IDS.secretariat,
    PERSONA_IDS.boardChair,
    PERSONA_IDS.secretariat,
  ]);
  // Done: out of My work and the open log, still in the whole log.
  const work = (await hub.as(PERSONA_IDS.boardChair).get(pathOf(K.myQueue))).body;
  expect((work.tasks ?? []).filter((t: { capability: string }) => t.capability === 'minutes')).toEqual([]);
  expect((await log(PERSONA_IDS.secretariat, 'open')).counts).toEqual({ open: 1, overdue: 0, done: 1 });
  const unknown = await hub
    .as(PERSONA_IDS.secretariat)
    .get(pathOf(N.getAction, { actionId: 'ACT-2026-9999' }));
  expect(unknown.status).toBe(403);
});

it('gives the pack the previous minutes per item and the action log as it stands', async () => {
  const pack = await hub.hub.minutes.forPack(next);
  expect(pack.previous).toMatchObject({ meetingId: past, status: 'circulated', version: 2 });
  const items = pack.previous!.items;
  expect(items.map((i) => i.order)).toEqual([...items.map((i) => i.order)].sort((a, b) => a - b));
  expect(items.every((i) => i.restricted === false)).toBe(true);
  expect(items.flatMap((i) => i.actionIds)).toHaveLength(2);
  expect(pack.actionLog.open.map((a) => a.status)).toEqual(['open']);
  expect(pack.actionLog.closedSince.map((a) => a.status)).toEqual(['done']);
});

/**
 * The returns' timer: reminders before the due date, chasers after it, escalation to the board chair for a
 * return still missing, a cycle opened on its date with a return for each agency that owes one; and a timer
 * that fires twice, or twice at once, doing nothing twice.
 */
import { pathOf, ReturnOperations as R } from '@pph/contract';
import { RETURN_AUTHOR_IDS } from '@pph/functions/hosts/local/personas';
import { PERSONA_IDS, sentTwice, startTestHub, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  // A week before Q3's returns are due (14 January).
  hub = await startTestHub({ seed: true, start: new Date('2027-01-07T08:00:00Z') });
  await hub.hub.settle();
  await hub.hub.pumpOnce();
});
afterAll(() => hub.close());

const at = async (iso: string) => {
  hub.clock.current = new Date(iso);
  await hub.hub.timers.tickAll();
  await hub.hub.settle();
  await hub.hub.pumpOnce();
};
const sent = (type: string, recipientId?: string) =>
  hub.calls.filter((n) => n.type === type && (!recipientId || n.recipientId === recipientId));

it('reminds the authors of outstanding returns a week before, once however often the timer fires', async () => {
  await at('2027-01-07T09:00:00Z');
  await Promise.all([hub.hub.timers.tickAll(), hub.hub.timers.tickAll()]);
  await hub.hub.timers.tickAll();
  await hub.hub.settle();
  await hub.hub.pumpOnce();
  const reminders = sent('return-reminder');
  // The college's draft, the schools' return sent back, the youth justice service's not started.
  expect(reminders.map((n) => n.recipientId).sort()).toEqual(
    [PERSONA_IDS.returnAuthor, RETURN_AUTHOR_IDS.schools, RETURN_AUTHOR_IDS.yos].sort(),
  );
  expect(reminders[0]!.title).toMatch(/is due on 2027-01-14$/);
  expect(sentTwice(hub.calls)).toEqual([]);
});

it('reminds again the day before, and not an author whose return is in', async () => {
  const elliot = hub.as(PERSONA_IDS.returnAuthor);
  const mine = (await elliot.get(pathOf(R.myReturns))).body.toWrite[0];
  const view = (await elliot.get(pathOf(R.getReturn, { ref: mine.reference }))).body;
  expect(view.history.at(-1)).toMatchObject({ action: 'reminded', summary: 'Reminder sent: due in 7 days' });
  await at('2027-01-13T09:00:00Z');
  expect(sent('return-reminder', RETURN_AUTHOR_IDS.yos)).toHaveLength(2);
  expect(sent('return-reminder', RETURN_AUTHOR_IDS.council)).toHaveLength(0);
});

it('chases the day after the due date and a week after, then escalates to the board chair, each once', async () => {
  await at('2027-01-15T09:00:00Z');
  await at('2027-01-15T10:00:00Z');
  expect(sent('return-chaser', RETURN_AUTHOR_IDS.yos)).toHaveLength(1);
  await at('2027-01-21T09:00:00Z');
  expect(sent('return-chaser', RETURN_AUTHOR_IDS.yos)).toHaveLength(2);
  expect(sent('return-escalated')).toHaveLength(0);
  await at('2027-01-28T09:00:00Z');
  await at('2027-01-29T09:00:00Z');
  const escalations = sent('return-escalated');
  expect(escalations.every((n) => n.recipientId === PERSONA_IDS.boardChair)).toBe(true);
  expect(escalations.map((n) => n.title).sort()).toEqual([
    "Harbourside College's return for Q3 2026/27 (October to December 2026) is still missing",
    "Harbourside Schools Partnership's return for Q3 2026/27 (October to December 2026) is still missing",
    "Harbourside Youth Justice Service's return for Q3 2026/27 (October to December 2026) is still missing",
  ]);
  expect(sentTwice(hub.calls)).toEqual([]);
  // The missing returns are listed as such for the Board.
  const collation = (
    await hub.as(PERSONA_IDS.secretariat).get(pathOf(R.getCollation, { cycleId: '2026-27-Q3' }))
  ).body;
  expect(collation.completion.missing).toBe(3);
});

it('opens the next cycle on its date with a return for each agency that owes one, once; the last closes', async () => {
  // An agency that owes no return gets none.
  await hub.hub.directory.upsertPartner({
    id: 'faith',
    name: 'Harbourside Faith Forum',
    sector: 'voluntary',
    owesQuarterlyReturns: false,
  });
  await at('2027-03-01T07:00:00Z');
  await Promise.all([hub.hub.timers.tickAll(), hub.hub.timers.tickAll()]);
  await hub.hub.settle();
  await hub.hub.pumpOnce();
  const cycles = (await hub.as(PERSONA_IDS.secretariat).get(pathOf(R.listReturnCycles))).body.items;
  expect(
    cycles.map((c: { id: string; status: string; expected: number }) => [c.id, c.status, c.expected]),
  ).toEqual([
    ['2026-27-Q4', 'open', 7],
    ['2026-27-Q3', 'closed', 7],
    ['2026-27-Q2', 'closed', 7],
  ]);
  const opened = sent('return-cycle-opened').filter((n) => n.title.includes('Q4'));
  expect(opened).toHaveLength(7);
  expect(sentTwice(hub.calls)).toEqual([]);
  // The closed quarter's tasks have left My work; the new quarter's are there.
  const tasks = (await hub.as(PERSONA_IDS.returnAuthor).get('/api/me/queue')).body.tasks;
  expect(tasks.map((t: { title: string }) => t.title)).toEqual([
    'Write the quarterly return for Q4 2026/27 (January to March 2027)',
  ]);
});

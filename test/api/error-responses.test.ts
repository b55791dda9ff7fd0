/**
 * Only a bad request body is the caller's fault (400 with field errors). A record the hub stored but cannot
 * read is a fault on our side: 500, logged as a data fault without personal data, and the message claims
 * nothing it cannot know (a write may have been saved before the failure).
 */
import { ApiPaths } from '@pph/contract';
import { ConcernLists } from '@pph/functions/concerns/lists';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { capturingLogger } from '../support/logs';

let hub: TestHub;
let logs: ReturnType<typeof capturingLogger>;
beforeAll(async () => {
  logs = capturingLogger();
  hub = await startTestHub({ logger: logs });
  await hub.hub.settle();
  // A stored concern whose workflow no longer matches the schema (hand-edited, or written by a buggy build).
  const item = (
    await hub.hub.ports.store.query(ConcernLists.concerns, {
      where: [{ column: 'Reference', op: 'eq', value: 'PRV-2026-0001' }],
      top: 1,
    })
  ).items[0]!;
  const workflow = JSON.parse(String(item.fields.Workflow));
  workflow.steps[0].status = 'Robin Ashdown decided';
  await hub.hub.ports.store.update(ConcernLists.concerns, item.id, item.etag, {
    Workflow: JSON.stringify(workflow),
  });
});
afterAll(async () => hub.close());

const lead = () => hub.as(PERSONA_IDS.safeguardingLead);

it('a stored record that does not parse is a 500 data fault, not "some answers need correcting"', async () => {
  logs.entries.length = 0;
  const res = await lead().get(ApiPaths.concern('PRV-2026-0001'));
  expect(res.status).toBe(500);
  expect(res.body.error.code).toBe('internal');
  expect(res.body.error.fieldErrors).toBeUndefined();
  expect(res.body.error.message).not.toMatch(/answers need correcting|half-saved|nothing was/i);
  expect(res.body.error.message).toMatch(/administrator/);

  const fault = logs.entries.find((e) => e.msg === 'data fault');
  expect(fault).toMatchObject({ level: 'error', ctx: { route: 'getConcern', error: 'ZodError' } });
  expect(String(fault!.ctx.issues)).toMatch(/steps\.0\.status/);
  expect(JSON.stringify(logs.entries)).not.toContain('Robin Ashdown');
});

it('a write that fails on our side does not claim that nothing was saved', async () => {
  const res = await lead().post(ApiPaths.decide('PRV-2026-0001', 's1'), { decision: 'forward' });
  expect(res.status).toBe(500);
  expect(res.body.error.code).toBe('internal');
  expect(res.body.error.fieldErrors).toBeUndefined();
  expect(res.body.error.message).not.toMatch(/half-saved|nothing was/i);
  expect(res.body.error.message).toMatch(/may have been saved: check the current state/);
});

it('a bad request body is still a 400 with field errors', async () => {
  const res = await lead().post(ApiPaths.decide('PRV-2026-0002', 's1'), { decision: 'maybe' });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  expect(res.body.error.fieldErrors).toEqual(
    expect.arrayContaining([expect.objectContaining({ path: 'decision' })]),
  );
});

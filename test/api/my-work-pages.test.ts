/** My work a page at a time over HTTP: the page token goes back as `?pageToken=`, through the typed client too. */
import { ApiPaths, Operations, createApiClient, type WorkItemsResponse } from '@pph/contract';
import { MY_WORK_PAGE } from '@pph/functions/concerns/my-work';
import { submission } from '../support/concerns';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';

jest.setTimeout(120_000);

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  for (let i = 0; i < MY_WORK_PAGE + 5; i++)
    expect((await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).status).toBe(201);
  await hub.hub.settle();
});
afterAll(async () => hub.close());

const lead = () => hub.as(PERSONA_IDS.safeguardingLead);

it('the next page comes back for its token: every step once, across both pages', async () => {
  const first = (await lead().get(ApiPaths.myQueue)).body as WorkItemsResponse;
  expect(first.items).toHaveLength(MY_WORK_PAGE);
  expect(first.nextPageToken).toEqual(expect.any(String));
  const res = await lead().get(`${ApiPaths.myQueue}?pageToken=${encodeURIComponent(first.nextPageToken!)}`);
  expect(res.status).toBe(200);
  const second = res.body as WorkItemsResponse;
  expect(second.items.length).toBeGreaterThanOrEqual(5);
  expect(second.nextPageToken).toBeUndefined();
  const key = (i: WorkItemsResponse['items'][number]) => `${i.reference}/${i.stepId}`;
  const all = [...first.items, ...second.items].map(key);
  expect(new Set(all).size).toBe(all.length);
  expect(all.length).toBe(MY_WORK_PAGE + second.items.length);
  // The other capabilities' tasks come whole with the first page and are not asked for again.
  expect(first.tasks).toEqual(expect.any(Array));
  expect(second.tasks).toBeUndefined();
});

it('the typed client passes the token as the query string', async () => {
  const seen: string[] = [];
  const api = createApiClient(Operations, {
    baseUrl: hub.url,
    headers: () => ({ 'x-dev-persona': PERSONA_IDS.safeguardingLead }),
    fetch: (url, init) => (seen.push(String(url)), fetch(url, init)),
  });
  const first = await api.myQueue();
  const second = await api.myQueue({ query: { pageToken: first.nextPageToken } });
  expect(seen[1]).toBe(`${hub.url}/api/me/queue?pageToken=${encodeURIComponent(first.nextPageToken!)}`);
  expect(second.items.map((i) => i.reference)).not.toContain(first.items[0]!.reference);
});

it('a token the hub did not give out is refused with what to do, not a server error', async () => {
  const res = await lead().get(`${ApiPaths.myQueue}?pageToken=not-a-token`);
  expect(res.status).toBe(400);
  expect(res.body.error.message).toBe(
    'That page token is not one this list gave out. Ask for the first page again.',
  );
  const long = await lead().get(`${ApiPaths.myQueue}?pageToken=${'x'.repeat(4001)}`);
  expect(long.status).toBe(400);
  expect(long.body.error.message).toBe(
    'The page token is not one this hub gave out. Load My work from the start.',
  );
});

it('the OpenAPI document lists the query parameter', async () => {
  const doc = (await lead().get(ApiPaths.openapi)).body;
  expect(doc.paths['/api/me/queue'].get.parameters).toEqual([
    { name: 'pageToken', in: 'query', required: false, schema: expect.objectContaining({ type: 'string' }) },
  ]);
});

it('an item of My work is what the list shows: the step and how pressing it is, nothing more of the concern', async () => {
  const { body } = await lead().get(ApiPaths.myQueue);
  // What may be decided and when the concern was raised are read from the concern when it is opened.
  for (const item of (body as WorkItemsResponse).items)
    expect(Object.keys(item).sort()).toEqual([
      'dueOn',
      'escalated',
      'immediateRisk',
      'overdue',
      'reference',
      'stageTitle',
      'status',
      'stepId',
      'stepTitle',
    ]);
});

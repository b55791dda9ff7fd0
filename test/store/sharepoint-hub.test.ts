/**
 * The hub on the SharePoint adapter over the REST double (PPH_STORE=sharepoint-double): how many SharePoint round
 * trips each user action costs, from the double's request log, and that every query the hub makes is accepted
 * on lists past SharePoint's list view threshold (5,000 items).
 */
import { randomUUID } from 'node:crypto';
import { ApiPaths } from '@pph/contract';
import type { StoreOverDouble } from '@pph/functions/adapters/sharepoint/double/store-over-double';
import { ConcernLists } from '@pph/functions/concerns/lists';
import { KernelLists } from '@pph/functions/kernel/lists';
import { submission } from '../support/concerns';
import { PERSONA_IDS, startTestHub, type ApiResult, type TestHub } from '../support/hub';

jest.setTimeout(240_000);

let hub: TestHub;
let double: StoreOverDouble['double'];
beforeAll(async () => {
  hub = await startTestHub({ env: { ...process.env, PPH_STORE: 'sharepoint-double' } });
  double = (hub.hub.ports.store as StoreOverDouble).double;
}, 180_000);
afterAll(async () => hub.close());

/** Round trips of one action: before its answer, and in all once the relay it started has finished. */
async function roundTrips(action: () => Promise<ApiResult>) {
  await hub.hub.settle();
  const from = double.log.length;
  const res = await action();
  const answered = double.log.length - from;
  await hub.hub.settle();
  return {
    status: res.status,
    body: res.body,
    answered,
    total: double.log.length - from,
    log: double.log.slice(from),
  };
}

const referrer = () => hub.as(PERSONA_IDS.referrer);
const lead = () => hub.as(PERSONA_IDS.safeguardingLead);

describe('SharePoint round trips per user action (the designed number, from the double)', () => {
  /*
   * The caller comes from the directory's last read of the People and Partners lists (read again every 30 s, so
   * not per request: see DIRECTORY_TTL_MS). Writes go one item at a time (an update is one $batch of MERGE and read-back), and the
   * relay after a change lands its audit entries, outbox entries and work-queue tasks item by item. Reads issued
   * together go as one $batch; an audit entry is one write once this hub knows the trail's tail and checkpoint
   * (it wrote them), and the checkpoint follows it after the answer.
   */
  let reference: string;
  it('submit a concern: 4 before the answer (the key and the route read together), 11 with the relay it starts', async () => {
    const r = await roundTrips(() => referrer().post(ApiPaths.concerns, submission()));
    expect(r.status).toBe(201);
    reference = r.body.reference;
    expect({ answered: r.answered, total: r.total }).toEqual({ answered: 4, total: 11 });
  });

  it('load My work: 1 (one $batch: an indexed range of the work queue per audience, actions among them)', async () => {
    const r = await roundTrips(() => lead().get('/api/me/queue'));
    expect(r.status).toBe(200);
    expect({ answered: r.answered, total: r.total }).toEqual({ answered: 1, total: 1 });
    const [batch] = r.log;
    expect({ method: batch!.method, path: batch!.path }).toEqual({ method: 'POST', path: '$batch' });
    const parts = batch!.parts ?? [];
    expect(parts.every((p) => p.method === 'GET' && p.status === 200)).toBe(true);
    expect(parts.filter((p) => p.path.includes(`'${KernelLists.workQueue}'`))).toHaveLength(4);
    expect(parts).toHaveLength(4);
  });

  it('read a concern: 2 before the answer (the read, and its audit entry), 3 with the checkpoint after it', async () => {
    const r = await roundTrips(() => lead().get(`/api/concerns/${reference}`));
    expect(r.status).toBe(200);
    expect({ answered: r.answered, total: r.total }).toEqual({ answered: 2, total: 3 });
    expect(r.log.slice(0, 2).map((e) => [e.method, e.path])).toEqual([
      ['GET', `web/lists/getByTitle('${ConcernLists.concerns}')/items`],
      ['POST', `web/lists/getByTitle('${KernelLists.audit}')/items`],
    ]);
  });

  it('decide a step: 2 before the answer (the decision is one item write), 9 with the relay', async () => {
    const r = await roundTrips(() =>
      lead().post(`/api/concerns/${reference}/steps/s1/decision`, { decision: 'forward' }),
    );
    expect(r.status).toBe(200);
    expect({ answered: r.answered, total: r.total }).toEqual({ answered: 2, total: 9 });
  });
});

/** Items of a list written straight into the double, shaped as the hub's own but matching none of its queries. */
function filler(n: number, audit = n) {
  const site = double.site;
  const at = '2019-04-01T09:00:00Z';
  site.seed(
    site.list(ConcernLists.concerns),
    Array.from({ length: n }, (_, i) => ({
      Reference: `PRV-2019-${String(i + 1).padStart(5, '0')}`,
      IdempotencyKey: randomUUID(),
      ReferrerId: randomUUID(),
      ReferrerPartnerId: 'filler-partner',
      Status: 'closed',
      SubmittedAt: at,
      RouteId: 'default',
      RouteVersion: 1,
      ImmediateRisk: false,
      Intake: '{}',
      Workflow: '{}',
      Pending: '[]',
      HasPending: false,
      NextCheckOn: null,
      HasScheduledReviews: false,
    })),
  );
  site.seed(
    site.list(KernelLists.audit),
    Array.from({ length: audit }, (_, i) => ({
      Seq: -(i + 1),
      EventKey: `filler:${i}`,
      At: at,
      ActorId: randomUUID(),
      Action: 'concern.read',
      Target: `PRV-2019-${String(i + 1).padStart(5, '0')}`,
      Digest: 'd',
      PrevHash: 'p',
      Hash: 'h',
    })),
  );
  site.seed(
    site.list(KernelLists.workQueue),
    Array.from({ length: n }, (_, i) => ({
      TaskKey: `filler:item-${i}:task:role:filler`,
      Capability: 'filler',
      Kind: 'filler-task',
      ItemRef: `item-${i}`,
      Subject: 'task',
      Audience: 'role:filler',
      Status: 'open',
      DueOn: '2019-04-01',
      Priority: 1,
      QueueKey: `role:filler|open|1|2019-04-01|${String(i).padStart(6, '0')}|filler:item-${i}:task`,
      Summary: '{}',
    })),
  );
  site.seed(
    site.list(KernelLists.outbox),
    Array.from({ length: n }, (_, i) => ({
      DedupeKey: `filler:${i}`,
      EventType: 'filler',
      RecipientId: randomUUID(),
      Reference: `PRV-2019-${String(i + 1).padStart(5, '0')}`,
      Payload: '{}',
      Status: 'delivered',
      Attempts: 1,
      NextAttemptAt: at,
      CreatedAt: at,
      DeliveredAt: at,
    })),
  );
}

describe('past the list view threshold', () => {
  // SP_THRESHOLD_FILLER=50000 SP_THRESHOLD_AUDIT=500000 for the full figures (slow: the double scans
  // its lists in memory for every query).
  const n = Number(process.env.SP_THRESHOLD_FILLER ?? 5_001);
  const audit = Number(process.env.SP_THRESHOLD_AUDIT ?? n);

  it(`every query the hub makes is accepted with ${n.toLocaleString('en-GB')} more items in Concerns, WorkQueue and Outbox and ${audit.toLocaleString('en-GB')} in AuditLog`, async () => {
    filler(n, audit);
    for (const list of [ConcernLists.concerns, KernelLists.audit, KernelLists.workQueue, KernelLists.outbox])
      expect(double.site.list(list).items.size).toBeGreaterThan(double.site.threshold);
    const from = double.log.length;
    const sub = await referrer().post(ApiPaths.concerns, submission());
    expect(sub.status).toBe(201);
    const ref = sub.body.reference as string;
    await hub.hub.settle();
    expect((await lead().get('/api/me/queue')).status).toBe(200);
    expect((await lead().get(`/api/concerns/${ref}`)).status).toBe(200);
    expect(
      (await lead().post(`/api/concerns/${ref}/steps/s1/decision`, { decision: 'forward' })).status,
    ).toBe(200);
    expect((await hub.as(PERSONA_IDS.coordinator).get('/api/me/queue')).status).toBe(200);
    expect((await referrer().get('/api/me/concerns')).status).toBe(200);
    expect((await hub.as(PERSONA_IDS.coordinator).get('/api/notifications/undeliverable')).status).toBe(200);
    await hub.runTimersOnce();
    hub.clock.advanceDays(10);
    await hub.runTimersOnce();
    const refused = double.log
      .slice(from)
      .flatMap((r) => [r, ...(r.parts ?? [])])
      .filter((r) => r.status >= 500);
    expect(refused).toEqual([]);
  });
});

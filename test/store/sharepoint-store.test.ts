/**
 * The store contract, unchanged, on the SharePoint adapter: over the SharePoint REST double, and over a real
 * tenant when one is configured (SP_SITE_URL and the app's credentials). Then what only the SharePoint adapter
 * does: its behaviours (user agent, token, If-Match, throttling, timeouts, logging) and SharePoint's refusals.
 */
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import { certificateTokenProvider } from '@pph/functions/adapters/sharepoint/certificate-tokens';
import { startSharePointDouble } from '@pph/functions/adapters/sharepoint/double/server';
import { SharePointStore } from '@pph/functions/adapters/sharepoint/sharepoint-store';
import { staticTokenProvider, type TokenProvider } from '@pph/functions/adapters/sharepoint/token-provider';
import { loadSharePointConfig } from '@pph/functions/config';
import { isStoreError, type StoreErrorCode } from '@pph/functions/ports/store';
import {
  storeOverDouble,
  throttleRequests,
  TEST_USER_AGENT,
  type DoubleBackedStore,
} from '../support/sharepoint-double';
import { describeStoreContract, WIDGETS } from './store-contract';

const L = WIDGETS.name;

describeStoreContract('SharePoint adapter over the REST double', async () => {
  const double = await startSharePointDouble();
  const store = new SharePointStore({
    siteUrl: double.siteUrl,
    tokens: staticTokenProvider('test-token'),
    logger: silentLogger,
    userAgent: TEST_USER_AGENT,
    provisioning: 'apply',
  });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await double.close();
    },
  };
});

/**
 * A real tenant: SP_SITE_URL (a site for tests only: the suite creates and deletes the list ContractWidgets),
 * SP_TENANT_ID, SP_CLIENT_ID and SP_CERT_PATH (PEM with the private key) of an app with Sites.Selected
 * fullcontrol on that site.
 */
const LIVE = ['SP_SITE_URL', 'SP_TENANT_ID', 'SP_CLIENT_ID', 'SP_CERT_PATH'] as const;
const missingLive = LIVE.filter((v) => !process.env[v]);
if (missingLive.length === 0) {
  const sharepoint = loadSharePointConfig({
    PPH_SP_SITE_URL: process.env.SP_SITE_URL,
    PPH_SP_TENANT_ID: process.env.SP_TENANT_ID,
    PPH_SP_CLIENT_ID: process.env.SP_CLIENT_ID,
    PPH_SP_CERT_PATH: process.env.SP_CERT_PATH,
  });
  const tokens: TokenProvider = certificateTokenProvider(sharepoint);
  const dropList = async () => {
    const token = await tokens.getToken(`${new URL(sharepoint.siteUrl).origin}/.default`);
    await fetch(`${sharepoint.siteUrl}/_api/web/lists/getbytitle('${L}')`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'X-HTTP-Method': 'DELETE',
        'IF-MATCH': '*',
        'User-Agent': TEST_USER_AGENT,
      },
    });
  };
  jest.setTimeout(120_000);
  describeStoreContract(`SharePoint Online (${sharepoint.siteUrl})`, async () => {
    await dropList();
    const store = new SharePointStore({
      siteUrl: sharepoint.siteUrl,
      tokens,
      logger: silentLogger,
      userAgent: TEST_USER_AGENT,
      provisioning: 'apply',
      appPrincipal: sharepoint.clientId,
    });
    return { store, cleanup: dropList };
  });
} else {
  describe('Store contract: SharePoint Online (a real tenant)', () => {
    it.skip(`skipped: no real tenant configured (set ${missingLive.join(', ')}; see test/store/sharepoint-store.test.ts)`, () =>
      undefined);
  });
}

async function failure(p: Promise<unknown>): Promise<StoreErrorCode | string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return isStoreError(e) ? e.code : (e as Error).message;
  }
}

describe('SharePoint adapter specifics (over the double)', () => {
  let t: DoubleBackedStore;
  beforeEach(async () => {
    t = await storeOverDouble();
    await t.store.provision([WIDGETS]);
  });
  afterEach(async () => t.close());
  const widget = (Code: string) => ({ Code, Colour: 'red', Size: 1, Active: true });

  it("sends the app's user agent and token on every request, and the item's ETag (never *) on every update and delete", async () => {
    const a = await t.store.create(L, widget('A'));
    const b = await t.store.update(L, a.id, a.etag, { Size: 2 });
    await t.store.batch([{ op: 'update', list: L, id: b.id, etag: b.etag, fields: { Size: 3 } }]);
    const c = await t.store.get(L, a.id);
    await t.store.delete(L, a.id, c!.etag);
    expect(t.double.log.length).toBeGreaterThan(5);
    for (const r of t.double.log) {
      expect(r.userAgent).toBe(TEST_USER_AGENT);
      expect(r.authorised).toBe(true);
    }
    const writes = t.double.log
      .flatMap((r) => (r.parts ? r.parts : [r]))
      .filter(
        (r) =>
          r.method === 'MERGE' ||
          r.method === 'DELETE' ||
          (r.method === 'POST' && /items\(\d+\)/.test(r.path)),
      );
    const itemWrites = writes.filter((r) => /items\(\d+\)$/.test(r.path));
    expect(itemWrites.map((r) => r.ifMatch)).toEqual([a.etag, b.etag, c!.etag]);
    // And the port refuses a blind write before anything is sent.
    const sent = t.double.log.length;
    expect(await failure(t.store.update(L, a.id, '*', { Size: 9 }))).toBe('conflict');
    expect(t.double.log.length).toBe(sent);
  });

  it('makes one round trip per create, get, delete, query page and update (a $batch of the MERGE and its read), and one $batch for up to 50 updates', async () => {
    const rt = async (fn: () => Promise<unknown>) => {
      const before = t.double.log.length;
      await fn();
      return t.double.log.length - before;
    };
    let a = await t.store.create(L, widget('A'));
    expect(await rt(() => t.store.create(L, widget('B')))).toBe(1);
    expect(await rt(() => t.store.get(L, a.id))).toBe(1);
    expect(await rt(async () => (a = await t.store.update(L, a.id, a.etag, { Size: 5 })))).toBe(1);
    expect(t.double.log.at(-1)!.parts!.map((p) => p.method)).toEqual(['MERGE', 'GET']);
    expect(await rt(() => t.store.query(L, { where: [{ column: 'Colour', op: 'eq', value: 'red' }] }))).toBe(
      1,
    );
    const made = [];
    for (let i = 0; i < 60; i++) made.push(await t.store.create(L, widget(`M${i}`)));
    const updates = made.map((m) => ({
      op: 'update' as const,
      list: L,
      id: m.id,
      etag: m.etag,
      fields: { Size: 7 },
    }));
    let results: Awaited<ReturnType<typeof t.store.batch>> = [];
    expect(await rt(async () => (results = await t.store.batch(updates.slice(0, 50))))).toBe(1);
    expect(await rt(async () => (results = [...results, ...(await t.store.batch(updates.slice(50)))]))).toBe(
      1,
    );
    expect(results.every((r) => r.ok && r.item?.fields.Size === 7)).toBe(true);
    expect(await rt(() => t.store.delete(L, a.id, a.etag))).toBe(1);
  });

  it('waits what Retry-After says on 429 and 503, then writes once', async () => {
    throttleRequests(t.double, [1, 2]);
    t.double.faults.retryAfterSeconds = 3;
    const a = await t.store.create(L, widget('A'));
    expect(t.waits).toEqual([3000, 3000]);
    t.double.faults.throttleStatus = 503;
    throttleRequests(t.double, [1]);
    t.double.faults.retryAfterSeconds = 1;
    await t.store.update(L, a.id, a.etag, { Size: 2 });
    expect(t.waits).toEqual([3000, 3000, 1000]);
    const all = await t.store.query(L, {});
    expect(all.items.map((i) => [i.fields.Code, i.fields.Size])).toEqual([['A', 2]]);
    expect(t.logger.entries.filter((e) => e.msg === 'sharepoint throttling: waiting to retry')).toHaveLength(
      3,
    );
  });

  it('gives up after a bounded number of attempts with "throttled" and the time to wait, having written nothing', async () => {
    t.double.faults.throttleRate = 1;
    t.double.faults.retryAfterSeconds = 2;
    let err: unknown;
    try {
      await t.store.create(L, widget('A'));
    } catch (e) {
      err = e;
    }
    expect(isStoreError(err, 'throttled') && err.detail?.retryAfterSeconds).toBe(2);
    expect(t.waits).toEqual([2000, 2000, 2000, 2000, 2000]);
    t.double.faults.throttleRate = 0;
    expect((await t.store.query(L, {})).items).toEqual([]);
  });

  it('stops waiting when Retry-After would pass the bound on total waiting', async () => {
    t.double.faults.throttleRate = 1;
    t.double.faults.retryAfterSeconds = 120;
    expect(await failure(t.store.get(L, 1))).toBe('throttled');
    expect(t.waits).toEqual([]);
  });

  it('times out a request SharePoint does not answer, saying so', async () => {
    const slow = await storeOverDouble({ double: { faults: { latencyMs: 300 } }, store: { timeoutMs: 100 } });
    try {
      slow.double.faults.latencyMs = 0;
      await slow.store.provision([WIDGETS]);
      slow.double.faults.latencyMs = 300;
      expect(await failure(slow.store.create(L, widget('A')))).toMatch(
        /did not answer a create in "ContractWidgets" within 0.1 s; a write may or may not have been applied/,
      );
      expect(slow.logger.entries.map((e) => e.msg)).toContain('sharepoint request did not complete');
    } finally {
      await slow.close();
    }
  });

  it('says what to do when an administrator deleted the list or one of its columns, logging no values', async () => {
    t.double.site.field(t.double.site.list(L), 'Colour');
    t.double.site.list(L).fields.delete('colour');
    expect(await failure(t.store.create(L, { ...widget('A'), Colour: 'secret-colour' }))).toMatch(
      /lacks a column the hub uses .*npm run provision -- --site/,
    );
    t.double.site.deleteList(t.double.site.list(L));
    expect(
      await failure(t.store.query(L, { where: [{ column: 'Code', op: 'eq', value: 'secret-code' }] })),
    ).toMatch(new RegExp(`"${L}" does not exist on .*npm run provision -- --site`));
    const logged = JSON.stringify(t.logger.entries);
    expect(logged).not.toContain('secret-');
    expect(t.logger.entries.some((e) => e.msg === 'sharepoint request failed')).toBe(true);
  });

  it('keeps working when an administrator renames a column (its internal name stays)', async () => {
    const a = await t.store.create(L, widget('A'));
    t.double.site.field(t.double.site.list(L), 'Colour').Title = 'Colour of the widget';
    expect((await t.store.update(L, a.id, a.etag, { Colour: 'blue' })).fields.Colour).toBe('blue');
    expect(
      (await t.store.query(L, { where: [{ column: 'Colour', op: 'eq', value: 'BLUE' }] })).items,
    ).toHaveLength(1);
  });

  it("reports SharePoint's list view threshold refusal as 'unindexed' (an index removed by hand, a list past the threshold)", async () => {
    t.double.site.threshold = 10;
    for (let i = 0; i < 11; i++) await t.store.create(L, widget(`T${i}`));
    // Indexed as the definition says: accepted past the threshold.
    expect(
      (await t.store.query(L, { where: [{ column: 'Code', op: 'eq', value: 'T3' }] })).items,
    ).toHaveLength(1);
    // Every item matches the first clause: more than the threshold, refused as SharePoint refuses.
    expect(await failure(t.store.query(L, { where: [{ column: 'Colour', op: 'eq', value: 'red' }] }))).toBe(
      'unindexed',
    );
    // An administrator removed the index.
    t.double.site.field(t.double.site.list(L), 'Size').Indexed = false;
    expect(await failure(t.store.query(L, { orderBy: { column: 'Size' } }))).toBe('unindexed');
    expect(t.double.log.filter((r) => r.status === 500)).toHaveLength(2);
  });
});

/**
 * The API as Azure runs it: Entra tokens only (the dev sign-in is refused, whatever header is sent), the bot
 * acting for a user, and SharePoint throttling passed through as 429 with Retry-After.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRemoteJWKSet, exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { ApiPaths } from '@pph/contract';
import { createEntraAuthenticator } from '@pph/functions/adapters/identity';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import { LogNotifier } from '@pph/functions/adapters/notifier/log-notifier';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
import { loadConfig } from '@pph/functions/config';
import { createHub, type Hub } from '@pph/functions/hub';
import { createRoutes } from '@pph/functions/hosts/http/route-table';
import { startHttpServer, type RunningServer } from '@pph/functions/hosts/local/http-server';
import { seedDemoData } from '@pph/functions/hosts/local/seed';
import { PERSONA_IDS } from '@pph/functions/hosts/local/personas';
import { StoreError, type Store } from '@pph/functions/ports/store';
import { systemClock } from '@pph/functions/ports/clock';
import { MemoryDocumentStore } from '@pph/functions/adapters/documents/memory-documents';

const TENANT = '11111111-2222-4333-8444-555555555555';
const API_APP = '66666666-7777-4888-8999-000000000000';
const BOT_APP = '12121212-3434-4565-8787-909090909090';

let dir: string;
let jwks: http.Server;
let api: RunningServer;
let hub: Hub;
let privateKey: KeyLike;
let throttle = false;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-azure-'));
  const keys = await generateKeyPair('RS256');
  privateKey = keys.privateKey;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = http.createServer((_q, r) => r.end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
  const inner = await openSqliteStore({ file: path.join(dir, 'hub.sqlite') });
  // A SharePoint-like throttle on reads, switched on by the test.
  const store: Store = {
    ...inner,
    kind: inner.kind,
    provision: (l) => inner.provision(l),
    create: (l, f) => inner.create(l, f),
    get: (l, i) => inner.get(l, i),
    update: (l, i, e, f) => inner.update(l, i, e, f),
    delete: (l, i, e) => inner.delete(l, i, e),
    batch: (o) => inner.batch(o),
    close: () => inner.close(),
    query: (l, q) =>
      throttle
        ? Promise.reject(new StoreError('throttled', 'Too many requests', { retryAfterSeconds: 7 }))
        : inner.query(l, q),
  };
  hub = await createHub({
    store,
    clock: systemClock,
    logger: silentLogger,
    notifier: new LogNotifier(silentLogger),
    auditKey: 'azure-test-audit-key-0123456789abcdef',
    documents: new MemoryDocumentStore(),
  });
  await seedDemoData(hub);
  const port = (jwks.address() as { port: number }).port;
  const authenticator = createEntraAuthenticator({
    tenantId: TENANT,
    clientId: API_APP,
    botAppId: BOT_APP,
    jwks: createRemoteJWKSet(new URL(`http://127.0.0.1:${port}/keys`)),
  });
  api = await startHttpServer({
    routes: createRoutes({
      hub,
      authenticator,
      logger: silentLogger,
      info: { version: '0.1.0', store: 'sqlite', mode: 'azure' },
    }),
    port: 0,
  });
});

afterAll(async () => {
  await api.close();
  await hub.settle();
  await hub.ports.store.close();
  jwks.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const token = (claims: Record<string, unknown>) =>
  new SignJWT({ tid: TENANT, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
    .setAudience(`api://${API_APP}`)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(privateKey);

const call = (p: string, headers: Record<string, string>) => fetch(`${api.url}${p}`, { headers });

it('refuses the dev sign-in outside local mode: no dev personas route, and the header alone is 401', async () => {
  expect((await call(ApiPaths.personas, {})).status).toBe(404);
  const res = await call(ApiPaths.myQueue, { 'x-dev-persona': PERSONA_IDS.coordinator });
  expect(res.status).toBe(401);
});

it('refuses to configure local mode in production or in Azure', () => {
  expect(() => loadConfig({ NODE_ENV: 'production', PPH_MODE: 'local' })).toThrow(
    /refused when NODE_ENV=production/,
  );
  expect(() => loadConfig({ WEBSITE_INSTANCE_ID: 'abc', PPH_MODE: 'local' })).toThrow(
    /refused when running in Azure/,
  );
  expect(() => loadConfig({ WEBSITE_INSTANCE_ID: 'abc' })).toThrow(
    /azure mode needs PPH_TENANT_ID, PPH_CLIENT_ID, PPH_AUDIT_KEY/,
  );
});

it('sends Board invitations through Graph only beside SharePoint, from a mailbox that is one', () => {
  expect(() => loadConfig({ PPH_MEETINGS_ORGANISER: 'prevent@council.example' })).toThrow(
    /PPH_MEETINGS_ORGANISER .* needs PPH_STORE=sharepoint/,
  );
  expect(() => loadConfig({ PPH_MEETINGS_ORGANISER: 'the secretariat' })).toThrow(
    /PPH_MEETINGS_ORGANISER must be the mailbox invitations come from/,
  );
  expect(loadConfig({}).meetingsOrganiser).toBeUndefined();
});

it('accepts a user token from the tenant and resolves the person by object id', async () => {
  const res = await call(ApiPaths.me, {
    authorization: `Bearer ${await token({ oid: PERSONA_IDS.coordinator, scp: 'access_as_user' })}`,
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { person: { displayName: string } }).person.displayName).toBe(
    'Casey Marchetti',
  );
});

it('lets only the bot act for a user', async () => {
  const bot = await token({ azp: BOT_APP, idtyp: 'app', oid: '99999999-9999-4999-8999-999999999999' });
  const asUser = await call(ApiPaths.me, {
    authorization: `Bearer ${bot}`,
    'x-acting-user-oid': PERSONA_IDS.referrer,
  });
  expect(asUser.status).toBe(200);
  expect(((await asUser.json()) as { person: { id: string } }).person.id).toBe(PERSONA_IDS.referrer);
  const user = await token({ oid: PERSONA_IDS.referrer, scp: 'access_as_user' });
  expect(
    (
      await call(ApiPaths.me, {
        authorization: `Bearer ${user}`,
        'x-acting-user-oid': PERSONA_IDS.coordinator,
      })
    ).status,
  ).toBe(401);
});

it('a signed-in person who is not registered is told what to do', async () => {
  const res = await call(ApiPaths.me, {
    authorization: `Bearer ${await token({ oid: 'abcdefab-cdef-4abc-8def-abcdefabcdef', scp: 'x' })}`,
  });
  expect(res.status).toBe(403);
  expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
    /not registered .* administrator/,
  );
});

it('passes SharePoint throttling through as 429 with Retry-After', async () => {
  throttle = true;
  try {
    const res = await call(ApiPaths.myQueue, {
      authorization: `Bearer ${await token({ oid: PERSONA_IDS.coordinator, scp: 'x' })}`,
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('throttled');
  } finally {
    throttle = false;
  }
});

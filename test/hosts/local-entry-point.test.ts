/**
 * The API's own entry point (functions/dist/hosts/local/main.js) honours PPH_MODE=azure: someone running it
 * outside App Service (a VM, a container) gets Entra sign-in only, with no impersonation header, no demo
 * personas route and no demo people. And production is production however NODE_ENV is written.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { createDevAuthenticator } from '@pph/functions/adapters/identity';
import { loadConfig } from '@pph/functions/config';
import { startApiHost } from '@pph/functions/hosts/local/api-host';
import type { LocalHub } from '@pph/functions/hosts/local/hub';
import { PERSONA_IDS } from '@pph/functions/hosts/local/personas';

const TENANT = '11111111-2222-4333-8444-555555555555';
const API_APP = '66666666-7777-4888-8999-000000000000';
const PERSON = 'abcdefab-cdef-4abc-8def-abcdefabcdef';

describe('started with PPH_MODE=azure', () => {
  let dir: string;
  let jwks: http.Server;
  let privateKey: KeyLike;
  let host: { hub: LocalHub; banner: string[] };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-entry-'));
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = http.createServer((_q, r) => r.end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
    host = await startApiHost({
      NODE_ENV: 'test',
      PPH_MODE: 'azure',
      PPH_TENANT_ID: TENANT,
      PPH_CLIENT_ID: API_APP,
      PPH_AUDIT_KEY: 'entry-point-test-audit-key-0123456789',
      PPH_JWKS_URI: `http://127.0.0.1:${(jwks.address() as { port: number }).port}/keys`,
      PPH_DATA_DIR: dir,
      PPH_API_PORT: '0',
      PPH_LOG_LEVEL: 'error',
    });
  });

  afterAll(async () => {
    await host.hub.close();
    jwks.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const call = (p: string, headers: Record<string, string> = {}) => fetch(`${host.hub.url}${p}`, { headers });
  const token = () =>
    new SignJWT({ tid: TENANT, oid: PERSON, scp: 'access_as_user' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
      .setAudience(API_APP)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);

  it('reports azure mode', async () => {
    const health = (await (await call('/api/health')).json()) as { mode: string };
    expect(health.mode).toBe('azure');
  });

  it('has no dev personas route and does not honour x-dev-persona', async () => {
    expect((await call('/api/dev/personas')).status).toBe(404);
    const res = await call('/api/me/queue', { 'x-dev-persona': PERSONA_IDS.coordinator });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Bearer/);
  });

  it('signs people in with Entra tokens', async () => {
    await host.hub.hub.directory.upsertPartner({
      id: 'council',
      name: 'Example Council',
      sector: 'local-authority',
      owesQuarterlyReturns: true,
    });
    await host.hub.hub.directory.upsertPerson({
      id: PERSON,
      displayName: 'Pat Example',
      email: 'pat.example@council.example',
      partnerId: 'council',
      roles: ['referrer'],
    });
    const res = await call('/api/me', { authorization: `Bearer ${await token()}` });
    expect(res.status).toBe(200);
  });

  it('seeds no demo people and prints no way to sign in as one', async () => {
    expect(host.hub.seeded).toBe(false);
    expect((await host.hub.hub.directory.people()).map((p) => p.id)).not.toContain(PERSONA_IDS.coordinator);
    const banner = host.banner.join('\n');
    expect(banner).toMatch(/azure mode/);
    expect(banner).not.toMatch(/x-dev-persona/);
    expect(banner).not.toContain(PERSONA_IDS.referrer);
  });
});

describe('NODE_ENV=production, however it is written', () => {
  it.each(['production', 'Production', ' production', 'PRODUCTION\n'])('%j refuses local mode', (value) => {
    expect(() => loadConfig({ NODE_ENV: value, PPH_MODE: 'local' })).toThrow(
      /refused when NODE_ENV=production/,
    );
    expect(() => createDevAuthenticator({ isKnownPersona: () => false, env: { NODE_ENV: value } })).toThrow(
      /refused/,
    );
  });

  it('an environment that asks for azure mode cannot build the dev sign-in either', () => {
    expect(() => createDevAuthenticator({ isKnownPersona: () => false, env: { PPH_MODE: 'azure' } })).toThrow(
      /refused when PPH_MODE=azure/,
    );
  });
});

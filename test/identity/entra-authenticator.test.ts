/** Entra token validation against a JWKS served on loopback, as the tenant's keys would be. */
import http from 'node:http';
import { createRemoteJWKSet, exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { createDevAuthenticator, createEntraAuthenticator } from '@pph/functions/adapters/identity';
import { loadConfig } from '@pph/functions/config';
import { AuthError, type Authenticator } from '@pph/functions/ports/identity';

const TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const CLIENT = 'ffffffff-1111-4222-8333-444444444444';
const OID = '12345678-1234-4234-8234-123456789012';
/** The hub's own tab host (PPH_API_HOST): Teams SSO tokens for its tabs carry api://<host>/<clientId>. */
const HUB_HOST = 'hub.harbourside.example';

let server: http.Server;
let auth: Authenticator;
let key: KeyLike;
let otherKey: KeyLike;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'main', alg: 'RS256' };
  server = http.createServer((_q, r) => r.end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  auth = createEntraAuthenticator({
    tenantId: TENANT,
    clientId: CLIENT,
    apiHosts: [HUB_HOST],
    jwks: createRemoteJWKSet(new URL(`http://127.0.0.1:${port}/`)),
  });
});
afterAll(() => server.close());

interface Opts {
  claims?: Record<string, unknown>;
  iss?: string;
  aud?: string;
  /** null: no expiry at all. */
  exp?: number | null;
  nbf?: number;
  signer?: KeyLike;
}

const now = () => Math.floor(Date.now() / 1000);
function sign({
  claims = {},
  iss = `https://login.microsoftonline.com/${TENANT}/v2.0`,
  aud = CLIENT,
  exp = now() + 600,
  nbf,
  signer,
}: Opts = {}) {
  let jwt = new SignJWT({ tid: TENANT, oid: OID, scp: 'access_as_user', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'main' })
    .setIssuer(iss)
    .setAudience(aud)
    .setIssuedAt();
  if (exp !== null) jwt = jwt.setExpirationTime(exp);
  if (nbf) jwt = jwt.setNotBefore(nbf);
  return jwt.sign(signer ?? key);
}

const withToken = (t: string | null) => ({ header: (name: string) => (name === 'authorization' ? t : null) });

describe('accepted', () => {
  it.each([
    ['v2 issuer, client id audience', {}],
    ['v1 issuer', { iss: `https://sts.windows.net/${TENANT}/` }],
    ['api:// audience', { aud: `api://${CLIENT}` }],
    ['bot id audience', { aud: `api://botid-${CLIENT}` }],
    ["Teams SSO tab audience of the hub's own host", { aud: `api://${HUB_HOST}/${CLIENT}` }],
    ['the same, host in another case', { aud: `api://Hub.Harbourside.Example/${CLIENT}` }],
    ['expired within the clock tolerance', { exp: now() - 120 }],
    ['tenant id in upper case in the token', { claims: { tid: TENANT.toUpperCase() } }],
  ])('%s', async (_name, opts: Opts) => {
    await expect(auth.authenticate(withToken(`Bearer ${await sign(opts)}`))).resolves.toEqual({
      userId: OID,
      tenantId: TENANT,
      via: 'entra-user',
    });
  });
});

it('takes the tenant id in configuration in any case', async () => {
  const port = (server.address() as { port: number }).port;
  const upper = createEntraAuthenticator({
    tenantId: TENANT.toUpperCase(),
    clientId: CLIENT,
    jwks: createRemoteJWKSet(new URL(`http://127.0.0.1:${port}/`)),
  });
  await expect(upper.authenticate(withToken(`Bearer ${await sign()}`))).resolves.toMatchObject({
    userId: OID,
    tenantId: TENANT,
  });
});

describe('refused', () => {
  const hs256 = async () =>
    new SignJWT({ tid: TENANT, oid: OID })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
      .setAudience(CLIENT)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-shared-secret-that-is-long-enough-000'));
  it.each<[string, () => Promise<string | null>, RegExp]>([
    ['no header', async () => null, /Sign in/],
    ['not a bearer token', async () => 'Basic dXNlcjpwYXNz', /Sign in/],
    [
      'wrong tenant',
      async () => `Bearer ${await sign({ claims: { tid: '00000000-0000-4000-8000-000000000000' } })}`,
      /different organisation/,
    ],
    [
      'wrong issuer',
      async () => `Bearer ${await sign({ iss: 'https://login.microsoftonline.com/common/v2.0' })}`,
      /not accepted/,
    ],
    [
      'wrong audience',
      async () => `Bearer ${await sign({ aud: 'api://someone-else' })}`,
      /different application/,
    ],
    [
      "an api://<host>/<client> audience for a host that is not the hub's",
      async () => `Bearer ${await sign({ aud: `api://elsewhere.example/${CLIENT}` })}`,
      /different application/,
    ],
    [
      'an api://<tenant>/<client> audience',
      async () => `Bearer ${await sign({ aud: `api://${TENANT}/${CLIENT}` })}`,
      /different application/,
    ],
    ['expired beyond tolerance', async () => `Bearer ${await sign({ exp: now() - 3600 })}`, /expired/],
    ['no expiry at all', async () => `Bearer ${await sign({ exp: null })}`, /not accepted/],
    ['not yet valid', async () => `Bearer ${await sign({ nbf: now() + 3600 })}`, /not accepted/],
    ['HS256 signed', async () => `Bearer ${await hs256()}`, /not accepted/],
    ['signed by another key', async () => `Bearer ${await sign({ signer: otherKey })}`, /not accepted/],
    ['no object id', async () => `Bearer ${await sign({ claims: { oid: undefined } })}`, /no user object id/],
    ['acting-user header from a user token', async () => `Bearer ${await sign()}`, /Only the bot/],
    [
      "another application's app-only token",
      async () =>
        `Bearer ${await sign({ claims: { scp: undefined, idtyp: 'app', azp: '99999999-9999-4999-8999-999999999999' } })}`,
      /signed-in person/,
    ],
  ])('%s', async (name, header, message) => {
    const value = await header();
    const req = {
      header: (n: string) =>
        n === 'authorization' ? value : n === 'x-acting-user-oid' && name.startsWith('acting') ? OID : null,
    };
    const err = await auth.authenticate(req).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as Error).message).toMatch(message);
    if (value) expect((err as Error).message).not.toContain(value.slice(7, 40));
  });
});

describe('PPH_API_HOST', () => {
  const azure = {
    PPH_MODE: 'azure',
    PPH_TENANT_ID: TENANT,
    PPH_CLIENT_ID: CLIENT,
    PPH_AUDIT_KEY: 'an-audit-key-of-at-least-32-characters',
  };
  it('names the hosts whose api://<host>/<client> audiences are accepted (none unless set)', () => {
    expect(loadConfig(azure).entra?.apiHosts).toEqual([]);
    expect(
      loadConfig({ ...azure, PPH_API_HOST: ' Hub.Harbourside.Example, tabs.harbourside.example:8443 ' }).entra
        ?.apiHosts,
    ).toEqual(['hub.harbourside.example', 'tabs.harbourside.example:8443']);
  });
  it('refuses a URL or a path with a message naming the variable', () => {
    for (const bad of ['https://hub.harbourside.example', 'hub.harbourside.example/tab'])
      expect(() => loadConfig({ ...azure, PPH_API_HOST: bad })).toThrow(/PPH_API_HOST must be host names/);
  });
});

describe('dev sign-in', () => {
  const ids = (id: string) => id === 'persona-1';
  it('works in local mode for a known persona only', async () => {
    const dev = createDevAuthenticator({ isKnownPersona: ids, env: {} });
    await expect(dev.authenticate({ header: () => 'persona-1' })).resolves.toEqual({
      userId: 'persona-1',
      via: 'dev-persona',
    });
    await expect(dev.authenticate({ header: () => 'someone' })).rejects.toThrow(/no demo persona/);
  });

  it('cannot be built in production or in Azure', () => {
    expect(() => createDevAuthenticator({ isKnownPersona: ids, env: { NODE_ENV: 'production' } })).toThrow(
      /refused/,
    );
    expect(() => createDevAuthenticator({ isKnownPersona: ids, env: { WEBSITE_INSTANCE_ID: 'x' } })).toThrow(
      /refused/,
    );
    expect(() =>
      createDevAuthenticator({ isKnownPersona: ids, env: { FUNCTIONS_WORKER_RUNTIME: 'node' } }),
    ).toThrow(/refused/);
  });

  it('stops working if the environment turns to production after it was built', async () => {
    const env: NodeJS.ProcessEnv = {};
    const dev = createDevAuthenticator({ isKnownPersona: ids, env });
    env.NODE_ENV = 'production';
    await expect(dev.authenticate({ header: () => 'persona-1' })).rejects.toThrow(/refused/);
  });
});

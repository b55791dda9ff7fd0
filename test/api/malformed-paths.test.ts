/** A malformed address is the caller's mistake: a 400 that says so, never a 500. */
import http from 'node:http';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub.close());

const lead = () => hub.as(PERSONA_IDS.safeguardingLead);

it.each([
  ['GET', '/api/concerns/%E0%A4%A', undefined],
  ['GET', '/api/concerns/PRV-2026-0001%', undefined],
  ['POST', '/api/concerns/PRV-2026-0001/steps/%ZZ/decision', { decision: 'forward' }],
  [
    'POST',
    '/api/concerns/PRV-2026-0006/information-requests/%E0%A4/response',
    { response: 'It was the youth club group chat, last Tuesday.' },
  ],
])('%s %s: malformed percent-encoding is a 400', async (method, path, body) => {
  const res = await lead().call(method, path, body);
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('bad_request');
  expect(res.body.error.message).toMatch(/not valid/);
});

/** Sends a request target exactly as given (fetch would normalise it). */
function rawRequest(target: string): Promise<{ status: number; body: { error: { code: string } } }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: hub.port,
        method: 'GET',
        path: target,
        headers: { 'x-dev-persona': PERSONA_IDS.safeguardingLead },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

it('the local host answers a request target that is not a URL with 400, not 500', async () => {
  const res = await rawRequest('http://127.0.0.1:99999/api/health');
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('bad_request');
});

it('the local host takes "//…" as a path, not as a host name', async () => {
  expect((await rawRequest('/api/health')).status).toBe(200);
  expect((await rawRequest('//127.0.0.1/api/health')).status).toBe(404); // path '//127.0.0.1/api/health'
  expect((await rawRequest('http://127.0.0.1/api/health')).status).toBe(200); // absolute form is allowed
});

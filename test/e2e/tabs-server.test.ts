/**
 * The tab server over real HTTP on loopback: every page path answers with the SPA, assets are served gzipped and
 * cached for good, nothing outside the build can be read, /api/* reaches the API unchanged, and an API that does
 * not answer (or a missing build) is said plainly.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startTabServer, type TabServer } from '@pph/bot/host/tab-server';

let dist: string;
let api: http.Server;
let apiUrl: string;
let tabs: TabServer;

beforeAll(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-tabs-'));
  dist = path.join(root, 'dist');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>tabs</title>');
  fs.writeFileSync(path.join(dist, 'assets', 'main-abc123.js'), 'console.log("tabs");'.repeat(50));
  fs.writeFileSync(path.join(root, 'secret.txt'), 'not for the browser');
  api = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json', etag: '"7"' });
      res.end(
        JSON.stringify({ method: req.method, url: req.url, persona: req.headers['x-dev-persona'], body }),
      );
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
  apiUrl = `http://127.0.0.1:${(api.address() as { port: number }).port}`;
  tabs = await startTabServer({ distDir: dist, apiUrl, port: 0 });
});

afterAll(async () => {
  await tabs?.close();
  await new Promise((r) => api?.close(r));
  fs.rmSync(path.dirname(dist), { recursive: true, force: true });
});

const raw = (p: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(`${tabs.url}${p}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });

test('every page path answers with the SPA, never cached, framed only by Teams', async () => {
  for (const page of ['/my-work', '/concern', '/returns', '/dashboard', '/config', '/channel', '/']) {
    const res = await raw(`${page}?ref=PRV-2026-0001`);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain('<title>tabs</title>');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain('frame-ancestors');
    expect(res.headers['content-security-policy']).toContain('https://teams.microsoft.com');
  }
});

test('assets are gzipped when asked and cached for good; a missing one is a 404, not the page', async () => {
  const res = await raw('/assets/main-abc123.js', { 'accept-encoding': 'gzip, br' });
  expect(res.status).toBe(200);
  expect(res.headers['content-encoding']).toBe('gzip');
  expect(res.headers['content-type']).toContain('text/javascript');
  expect(res.headers['cache-control']).toContain('immutable');
  expect(zlib.gunzipSync(res.body).toString()).toContain('console.log("tabs")');
  expect((await raw('/assets/main-abc123.js')).headers['content-encoding']).toBeUndefined();
  expect((await raw('/assets/missing.js')).status).toBe(404);
});

test('nothing outside the build can be read, however the path is written', async () => {
  for (const p of [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
  ])
    expect((await raw(p)).body.toString()).not.toContain('not for the browser');
});

test('/api/* reaches the API with its method, path, headers and body, and its answer comes back as it was', async () => {
  const res = await fetch(`${tabs.url}/api/returns/RTN-2026-27-Q3-0001/draft?x=1`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-dev-persona': 'p1' },
    body: JSON.stringify({ content: {} }),
  });
  expect(res.status).toBe(201);
  expect(res.headers.get('etag')).toBe('"7"');
  expect(await res.json()).toEqual({
    method: 'PUT',
    url: '/api/returns/RTN-2026-27-Q3-0001/draft?x=1',
    persona: 'p1',
    body: '{"content":{}}',
  });
});

test('an API that does not answer is a 502 in the API’s own error shape; a missing build says to build it', async () => {
  const closed = await startTabServer({
    distDir: path.join(dist, 'nowhere'),
    apiUrl: 'http://127.0.0.1:9',
    port: 0,
  });
  try {
    const down = await fetch(`${closed.url}/api/health`);
    expect(down.status).toBe(502);
    expect(((await down.json()) as { error: { message: string } }).error.message).toMatch(/does not answer/);
    const unbuilt = await fetch(`${closed.url}/my-work`);
    expect(unbuilt.status).toBe(503);
    expect(await unbuilt.text()).toMatch(/npm run build/);
  } finally {
    await closed.close();
  }
});

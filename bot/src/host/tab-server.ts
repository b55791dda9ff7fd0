/**
 * The Teams tabs on this machine: a small node:http server for the built SPA (teams-app/dist) that passes
 * /api/* through to the hub's API, so the tab and the API share one origin (no CORS, and Teams SSO's audience is
 * the tab's host). Every page path answers with index.html; hashed assets are cached for good, gzipped once.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

export const TABS_PORT = 53000;

export interface TabServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface TabServerOptions {
  /** The built tabs (teams-app/dist). */
  distDir: string;
  /** The hub's API origin, e.g. http://127.0.0.1:7071. */
  apiUrl: string;
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  /** What a page answers while the build is missing (the Teams tabs' words by default). */
  notBuilt?: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.map', '.svg']);

/** Framed by Teams (web, desktop, mobile hosts) and by nothing else. */
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.teams.microsoft.us',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
  'https://*.skype.com',
].join(' ');
const SECURITY_HEADERS = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    // Fluent UI (Griffel) inserts its style rules at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `frame-ancestors ${FRAME_ANCESTORS}`,
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

interface Asset {
  body: Buffer;
  gzipped?: Buffer;
  mtimeMs: number;
}

function errorJson(res: http.ServerResponse, status: number, message: string) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: { code: 'internal', message } }));
}

function proxy(apiUrl: URL, req: http.IncomingMessage, res: http.ServerResponse) {
  const upstream = http.request(
    {
      hostname: apiUrl.hostname,
      port: apiUrl.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: apiUrl.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent)
      errorJson(res, 502, 'The hub’s API does not answer. Check that it is running, then try again.');
    else res.destroy();
  });
  req.pipe(upstream);
}

export async function startTabServer(opts: TabServerOptions): Promise<TabServer> {
  const root = path.resolve(opts.distDir);
  const apiUrl = new URL(opts.apiUrl);
  const cache = new Map<string, Asset>();

  /** A file under the build, or undefined (never a path outside it). */
  const fileFor = (pathname: string): string | undefined => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return undefined;
    }
    const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
    if (file !== root && !file.startsWith(`${root}${path.sep}`)) return undefined;
    try {
      return fs.statSync(file).isFile() ? file : undefined;
    } catch {
      return undefined;
    }
  };
  const read = (file: string): Asset => {
    const mtimeMs = fs.statSync(file).mtimeMs;
    const known = cache.get(file);
    if (known && known.mtimeMs === mtimeMs) return known;
    const asset: Asset = { body: fs.readFileSync(file), mtimeMs };
    cache.set(file, asset);
    return asset;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://tabs.invalid');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return proxy(apiUrl, req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      return res.end();
    }
    // A page of the SPA is any path without a file extension; a missing asset is a 404, not the page.
    const isPage = path.posix.extname(url.pathname) === '';
    const file = isPage ? fileFor('/index.html') : fileFor(url.pathname);
    if (!file) {
      if (isPage) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end(
          opts.notBuilt ??
            'The Teams tabs are not built yet: run `npm run build` (or `npm start`), then reload.',
        );
      }
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('Not found.');
    }
    const ext = path.extname(file);
    const asset = read(file);
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      // Built assets are named by their content; the page itself must always be asked for again.
      'cache-control': url.pathname.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      vary: 'accept-encoding',
    };
    let body = asset.body;
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      asset.gzipped ??= zlib.gzipSync(asset.body, { level: 9 });
      body = asset.gzipped;
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The banner's lines for the tabs: the address of each, and how to pick a persona there. */
export function tabLines(url: string): string[] {
  return [
    `  Tabs        ${url}/my-work   ${url}/returns   ${url}/dashboard`,
    `              ${url}/config (channel tab set-up)   a concern: ${url}/concern?ref=PRV-2026-0001`,
    '              Outside Teams the tab offers the demo personas: pick one there (it is remembered in that',
    '              browser; "Sign in as someone else" changes it), or add ?persona=<id> to the address.',
  ];
}

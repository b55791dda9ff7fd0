/**
 * A loopback HTTP host for the same handler table Azure registers, so `npm start` and the tests run the very
 * handlers production runs (Azure Functions Core Tools cannot be installed here). Oversized bodies are refused
 * without being buffered, and read to the end first so that the client receives the refusal.
 */
import http from 'node:http';
import type { HttpResponseInit } from '@azure/functions';
import type { ErrorBody } from '@pph/contract';
import type { Logger } from '../../ports/logger';
import { MAX_BODY_BYTES, type HubRequest, type RouteHandler } from '../http/types';

export interface RunningServer {
  server: http.Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

interface Match {
  route: RouteHandler;
  params: Record<string, string>;
}

const compiled = new WeakMap<RouteHandler, RegExp>();
function pattern(route: RouteHandler): RegExp {
  let re = compiled.get(route);
  if (!re) {
    const source = route.route
      .split('/')
      .map((seg) =>
        /^\{\w+\}$/.test(seg) ? `(?<${seg.slice(1, -1)}>[^/]+)` : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    re = new RegExp(`^/api/${source}/?$`);
    compiled.set(route, re);
  }
  return re;
}

export function matchRoute(
  routes: RouteHandler[],
  method: string,
  pathname: string,
): Match | { allow: string[] } | undefined {
  const allow: string[] = [];
  for (const route of routes) {
    const m = pattern(route).exec(pathname);
    if (!m) continue;
    if ((route.methods as string[]).includes(method)) return { route, params: { ...(m.groups ?? {}) } };
    allow.push(...route.methods);
  }
  return allow.length ? { allow } : undefined;
}

const errorBody = (code: ErrorBody['error']['code'], message: string): ErrorBody => ({
  error: { code, message },
});

/** The request as the handlers read it, from what Node has already parsed (header names come lower-cased). */
function hubRequest(
  method: string,
  req: http.IncomingMessage,
  url: URL,
  params: Record<string, string>,
  body: Buffer,
): HubRequest {
  return {
    method,
    headers: {
      get: (name) => {
        const v = req.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
    },
    params,
    query: url.searchParams,
    text: async () => body.toString('utf8'),
  };
}

function send(res: http.ServerResponse, r: HttpResponseInit) {
  const given = r.headers ?? {};
  const headers: Record<string, string> = {};
  // Names lower-cased, so that a later one replaces an earlier one as in Headers.
  for (const [k, v] of given instanceof Headers || Array.isArray(given)
    ? new Headers(given).entries()
    : Object.entries(given))
    headers[k.toLowerCase()] = v;
  let body: string | Buffer | undefined;
  if (r.jsonBody !== undefined) {
    body = JSON.stringify(r.jsonBody);
    headers['content-type'] = 'application/json; charset=utf-8';
  } else if (typeof r.body === 'string' || Buffer.isBuffer(r.body)) {
    body = r.body;
  }
  // The whole body is known, so its length goes ahead of it rather than chunked framing.
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(r.status ?? 200, headers);
  res.end(body);
}

/**
 * How much of an oversized body the host reads and throws away before answering 413. A client still sending
 * (Node's fetch, for one) reads an answer only once its upload is done: closing the connection under it would
 * show "fetch failed" instead of the 413. Past this much, the connection is closed anyway.
 */
export const DISCARD_LIMIT_BYTES = 16 * 1024 * 1024;

type ReadResult = { body: Buffer } | { tooLarge: true; drained: boolean };

/** The body, up to `max`; past that the rest is read and discarded (bounded), and it is too large. */
function readLimited(req: http.IncomingMessage, max: number): Promise<ReadResult> {
  const discard = Math.max(DISCARD_LIMIT_BYTES, max);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > discard) return;
      size += chunk.length;
      if (size > discard) {
        req.pause();
        resolve({ tooLarge: true, drained: false });
      } else if (size <= max) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > max ? { tooLarge: true, drained: true } : { body: Buffer.concat(chunks) }),
    );
    req.on('error', reject);
  });
}

function sendTooLarge(res: http.ServerResponse, drained: boolean, message?: string) {
  // A body left unread makes the connection unusable for another request.
  if (!drained) res.setHeader('connection', 'close');
  send(res, {
    status: 413,
    jsonBody: errorBody(
      'payload_too_large',
      message ??
        `The request body is larger than ${MAX_BODY_BYTES / 1024} KB. Shorten the text or send attachments separately.`,
    ),
  });
}

/**
 * The request target as a URL, or undefined when it is not one (e.g. an absolute-form target with a bad port,
 * or "*"): that is the caller's error, answered 400, never a 500. An origin-form target ("/api/…", even
 * "//x") is taken as a path on this host, never as a host name.
 */
function requestUrl(target: string, host: string): URL | undefined {
  const origin = host.includes(':') ? `http://[${host}]` : `http://${host}`;
  try {
    return target.startsWith('/') ? new URL(`${origin}${target}`) : new URL(target);
  } catch {
    return undefined;
  }
}

export async function startHttpServer(opts: {
  routes: RouteHandler[];
  port: number;
  host?: string;
  logger?: Logger;
}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const server = http.createServer(async (req, res) => {
    try {
      const url = requestUrl(req.url ?? '/', host);
      if (!url)
        return send(res, {
          status: 400,
          jsonBody: errorBody('bad_request', 'The request address is not a valid URL.'),
        });
      const method = (req.method ?? 'GET').toUpperCase();
      const found = matchRoute(opts.routes, method, url.pathname);
      if (!found)
        return send(res, {
          status: 404,
          jsonBody: errorBody('not_found', `There is no API at ${url.pathname}.`),
        });
      if ('allow' in found) {
        return send(res, {
          status: 405,
          headers: { allow: found.allow.join(', ') },
          jsonBody: errorBody(
            'bad_request',
            `${method} is not allowed here; use ${found.allow.join(' or ')}.`,
          ),
        });
      }
      const limit = found.route.body;
      const max = limit?.maxBytes ?? MAX_BODY_BYTES;
      if (Number(req.headers['content-length'] ?? 0) > Math.max(DISCARD_LIMIT_BYTES, max))
        return sendTooLarge(res, false, limit?.tooLarge);
      const read =
        method === 'GET' || method === 'HEAD' ? { body: Buffer.alloc(0) } : await readLimited(req, max);
      if ('tooLarge' in read) return sendTooLarge(res, read.drained, limit?.tooLarge);
      const { body } = read;
      send(res, await found.route.handler(hubRequest(method, req, url, found.params, body)));
    } catch (e) {
      opts.logger?.error('local host failure', { error: e instanceof Error ? e.name : 'unknown' });
      // The handler may have run (and saved) before this failed: say nothing we cannot know.
      if (!res.headersSent)
        send(res, {
          status: 500,
          jsonBody: errorBody(
            'internal',
            'Something went wrong on our side. If you were changing something, check its current state before trying again.',
          ),
        });
      else res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    server,
    port,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

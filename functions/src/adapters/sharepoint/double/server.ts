/**
 * A SharePoint Online REST test double on loopback (node:http): the endpoints the hub's SharePoint adapter and its
 * provisioning use, answered from an in-memory site (site.ts), with a request log, injectable throttling
 * (429/503 with Retry-After) and added latency per round trip. It is a double, not SharePoint: what it implements
 * and what it does not is in test/support/sharepoint-double/README.md. Local runs and tests only; the Azure entry
 * point never reaches it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DoubleLibraries } from './files';
import { formatBatchResponse, parseBatch, type EmbeddedRequest, type EmbeddedResponse } from './multipart';
import {
  DoubleSite,
  SpError,
  etagOf,
  type DoubleField,
  type DoubleItem,
  type DoubleList,
  type Position,
} from './site';

export interface Faults {
  /** Share of requests answered 429/503 before anything is done, 0 to 1 (default 0). */
  throttleRate: number;
  throttleStatus: 429 | 503;
  retryAfterSeconds: number;
  /** Added to every round trip, as SharePoint's distance from the Functions app (default 0). */
  latencyMs: number;
  /** Decides which requests are throttled: seeded in tests so a storm is the same every run (default Math.random). */
  random: () => number;
}

export interface LoggedRequest {
  method: string;
  /** The REST path after `_api/`, decoded, without the query. */
  path: string;
  query: Record<string, string>;
  status: number;
  userAgent?: string;
  /** Whether the request carried a bearer token. */
  authorised: boolean;
  ifMatch?: string;
  /** For a $batch: its parts, in order. */
  parts?: Omit<LoggedRequest, 'parts' | 'userAgent' | 'authorised'>[];
}

export interface SharePointDoubleOptions {
  /** Site path on the double's origin (default /sites/hub). */
  sitePath?: string;
  port?: number;
  faults?: Partial<Faults>;
  now?: () => Date;
}

export interface SharePointDouble {
  /** The site URL to give the adapter, e.g. http://127.0.0.1:40123/sites/hub */
  siteUrl: string;
  site: DoubleSite;
  /** Document libraries' files (files.ts). */
  libraries: DoubleLibraries;
  faults: Faults;
  /** Every HTTP request, in order (a $batch is one entry with its parts). */
  log: LoggedRequest[];
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const JSON_TYPE = 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8';

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function startSharePointDouble(opts: SharePointDoubleOptions = {}): Promise<SharePointDouble> {
  const sitePath = (opts.sitePath ?? '/sites/hub').replace(/\/+$/, '');
  const faults: Faults = {
    throttleRate: 0,
    throttleStatus: 429,
    retryAfterSeconds: 1,
    latencyMs: 0,
    random: Math.random,
    ...opts.faults,
  };
  const log: LoggedRequest[] = [];
  // Its URL is known once the server listens.
  const site = new DoubleSite('', opts.now);
  const libraries = new DoubleLibraries(site, sitePath, opts.now);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://double');
        const entry: LoggedRequest = {
          method: req.method ?? 'GET',
          path: apiPath(url, sitePath),
          query: Object.fromEntries(url.searchParams),
          status: 0,
          authorised: /^Bearer \S+/.test(req.headers.authorization ?? ''),
          ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
          ...(typeof req.headers['if-match'] === 'string' ? { ifMatch: req.headers['if-match'] } : {}),
        };
        log.push(entry);
        if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
        const send = (status: number, headers: Record<string, string>, body: string) => {
          entry.status = status;
          res.writeHead(status, headers);
          res.end(body);
        };
        if (!entry.authorised)
          return send(
            401,
            { 'content-type': JSON_TYPE },
            errorBody('-2147024891, System.UnauthorizedAccessException', 'Access denied.'),
          );
        if (faults.throttleRate > 0 && faults.random() < faults.throttleRate)
          return send(
            faults.throttleStatus,
            { 'content-type': JSON_TYPE, 'retry-after': String(faults.retryAfterSeconds) },
            errorBody(
              '-2147024860, Microsoft.SharePoint.SPQueryThrottledException',
              'The request has been throttled.',
            ),
          );
        const raw = Buffer.concat(chunks);
        const fileHeaders = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
        );
        const file = libraries.route(
          effectiveMethod(entry.method, fileHeaders),
          entry.path,
          fileHeaders,
          raw,
        );
        if (file) {
          entry.status = file.status;
          res.writeHead(file.status, {
            ...(file.bytes
              ? { 'content-type': 'application/octet-stream' }
              : file.json
                ? { 'content-type': JSON_TYPE }
                : {}),
            ...file.headers,
          });
          return void res.end(file.bytes ?? (file.json === undefined ? '' : JSON.stringify(file.json)));
        }
        const body = raw.toString('utf8');
        if (/^\$batch$/i.test(entry.path) && req.method === 'POST') {
          let requests: EmbeddedRequest[];
          try {
            requests = parseBatch(body, req.headers['content-type']);
          } catch (e) {
            return send(
              400,
              { 'content-type': JSON_TYPE },
              errorBody('-1, System.ArgumentException', (e as Error).message),
            );
          }
          entry.parts = [];
          const answers: EmbeddedResponse[] = [];
          for (const r of requests) {
            const u = new URL(r.url, 'http://double');
            const answer = handle(site, sitePath, r.method, u, r.headers, r.body);
            entry.parts.push({
              method: effectiveMethod(r.method, r.headers),
              path: apiPath(u, sitePath),
              query: Object.fromEntries(u.searchParams),
              status: answer.status,
              ...(r.headers['if-match'] ? { ifMatch: r.headers['if-match'] } : {}),
            });
            answers.push({
              status: answer.status,
              statusText: STATUS_TEXT[answer.status] ?? 'Unknown',
              headers: { 'content-type': JSON_TYPE, ...answer.headers },
              body: answer.body === undefined ? '' : JSON.stringify(answer.body),
            });
          }
          const out = formatBatchResponse(answers);
          return send(200, { 'content-type': out.contentType }, out.body);
        }
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
        );
        const answer = handle(site, sitePath, req.method ?? 'GET', url, headers, body);
        send(
          answer.status,
          { ...(answer.body !== undefined ? { 'content-type': JSON_TYPE } : {}), ...answer.headers },
          answer.body === undefined ? '' : JSON.stringify(answer.body),
        );
      })().catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': JSON_TYPE });
        res.end(errorBody('double.internal', e instanceof Error ? e.message : 'double failure'));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const siteUrl = `http://127.0.0.1:${port}${sitePath}`;
  site.siteUrl = siteUrl;
  return {
    siteUrl,
    site,
    libraries,
    faults,
    log,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

const errorBody = (code: string, message: string) =>
  JSON.stringify({ 'odata.error': { code, message: { lang: 'en-US', value: message } } });

function apiPath(url: URL, sitePath: string): string {
  const path = decodeURIComponent(url.pathname);
  const prefix = `${sitePath}/_api/`;
  return path.toLowerCase().startsWith(prefix.toLowerCase()) ? path.slice(prefix.length) : path;
}

const effectiveMethod = (method: string, headers: Record<string, string>) =>
  (headers['x-http-method'] ?? method).toUpperCase();

/** One REST request (top level or a $batch part) against the site. */
function handle(
  site: DoubleSite,
  sitePath: string,
  method: string,
  url: URL,
  headers: Record<string, string>,
  body: string,
): Answer {
  try {
    return route(
      site,
      effectiveMethod(method, headers),
      apiPath(url, sitePath),
      url.searchParams,
      headers,
      body,
    );
  } catch (e) {
    if (e instanceof SpError)
      return {
        status: e.status,
        body: { 'odata.error': { code: e.code, message: { lang: 'en-US', value: e.message } } },
      };
    throw e;
  }
}

const parseJson = (body: string): Record<string, unknown> => {
  if (!body.trim()) return {};
  try {
    const v: unknown = JSON.parse(body);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* below */
  }
  throw new SpError(
    400,
    '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
    'Invalid JSON. The request body is not a JSON object.',
  );
};

const LIST_PATH = /^web\/lists\/getbytitle\('((?:[^']|'')*)'\)(\/.*)?$/i;

function route(
  site: DoubleSite,
  method: string,
  path: string,
  query: URLSearchParams,
  headers: Record<string, string>,
  body: string,
): Answer {
  if (/^contextinfo$/i.test(path) && method === 'POST')
    return { status: 200, body: { FormDigestValue: 'double-digest', FormDigestTimeoutSeconds: 1800 } };
  if (/^web\/lists$/i.test(path)) {
    if (method === 'GET')
      return {
        status: 200,
        body: { value: [...site.lists.values()].map((l) => select(listJson(site, l), query)) },
      };
    if (method === 'POST') return { status: 201, body: listJson(site, site.createList(parseJson(body))) };
  }
  const m = LIST_PATH.exec(path);
  if (!m)
    throw new SpError(
      404,
      '-1, System.ArgumentException',
      `The double does not implement "${method} ${path}".`,
    );
  const list = site.list(m[1]!.replace(/''/g, "'"));
  const rest = m[2] ?? '';
  const ifMatch = headers['if-match'];

  if (rest === '') {
    if (method === 'GET') return { status: 200, body: select(listJson(site, list), query) };
    if (method === 'MERGE' || method === 'PATCH') {
      site.updateList(list, parseJson(body));
      return { status: 204 };
    }
    if (method === 'DELETE') {
      site.deleteList(list);
      return { status: 200 };
    }
  }
  if (/^\/items$/i.test(rest)) {
    if (method === 'GET') return itemsPage(site, list, query);
    if (method === 'POST') {
      const item = site.createItem(list, parseJson(body));
      return { status: 201, body: itemJson(site, list, item), headers: { etag: etagOf(item) } };
    }
  }
  const itemMatch = /^\/items\((\d+)\)$/i.exec(rest);
  if (itemMatch) {
    const id = Number(itemMatch[1]);
    if (method === 'GET')
      return { status: 200, body: select(itemJson(site, list, site.item(list, id)), query) };
    if (method === 'MERGE' || method === 'PATCH') {
      const item = site.updateItem(list, id, ifMatch, parseJson(body));
      return { status: 204, headers: { etag: etagOf(item) } };
    }
    if (method === 'DELETE') {
      site.deleteItem(list, id, ifMatch);
      return { status: 200 };
    }
  }
  if (/^\/fields$/i.test(rest) && method === 'GET')
    return {
      status: 200,
      body: { value: [...list.fields.values()].map((f) => select(fieldJson(f), query)) },
    };
  if (/^\/fields\/createfieldasxml$/i.test(rest) && method === 'POST') {
    const params = parseJson(body).parameters as { SchemaXml?: unknown } | undefined;
    if (typeof params?.SchemaXml !== 'string')
      throw new SpError(400, '-1, System.ArgumentException', 'createfieldasxml needs parameters.SchemaXml.');
    return { status: 201, body: fieldJson(site.addField(list, fieldFromSchemaXml(params.SchemaXml))) };
  }
  const fieldMatch = /^\/fields\/getbyinternalnameortitle\('((?:[^']|'')*)'\)$/i.exec(rest);
  if (fieldMatch) {
    const field = site.field(list, fieldMatch[1]!.replace(/''/g, "'"));
    if (method === 'GET') return { status: 200, body: select(fieldJson(field), query) };
    if (method === 'MERGE' || method === 'PATCH') {
      site.updateField(list, field, parseJson(body));
      return { status: 204 };
    }
  }
  const breakMatch =
    /^\/breakroleinheritance\(copyroleassignments=(true|false),\s*clearsubscopes=(true|false)\)$/i.exec(rest);
  if (breakMatch && method === 'POST') {
    site.breakInheritance(list, breakMatch[1]!.toLowerCase() === 'true');
    return { status: 200 };
  }
  if (/^\/roleassignments$/i.test(rest) && method === 'GET')
    return {
      status: 200,
      body: {
        value: site
          .roleAssignments(list)
          .map((r) => ({ PrincipalId: r.PrincipalId, Member: { LoginName: r.LoginName } })),
      },
    };
  const raMatch = /^\/roleassignments\((\d+)\)$/i.exec(rest);
  if (raMatch && method === 'DELETE') {
    site.removeRoleAssignment(list, Number(raMatch[1]));
    return { status: 200 };
  }
  throw new SpError(
    404,
    '-1, System.ArgumentException',
    `The double does not implement "${method} ${path}".`,
  );
}

function listJson(site: DoubleSite, l: DoubleList) {
  return {
    'odata.type': 'SP.List',
    'odata.id': `${site.siteUrl}/_api/Web/Lists(guid'${l.id}')`,
    Id: l.id,
    Title: l.title,
    BaseTemplate: l.BaseTemplate,
    ItemCount: l.items.size,
    EnableVersioning: l.EnableVersioning,
    NoCrawl: l.NoCrawl,
    HasUniqueRoleAssignments: l.HasUniqueRoleAssignments,
  };
}

function fieldJson(f: DoubleField) {
  return {
    'odata.type': `SP.Field${f.TypeAsString === 'Note' ? 'MultiLineText' : f.TypeAsString === 'DateTime' ? 'DateTime' : f.TypeAsString}`,
    InternalName: f.InternalName,
    StaticName: f.InternalName,
    Title: f.Title,
    TypeAsString: f.TypeAsString,
    Indexed: f.Indexed,
    EnforceUniqueValues: f.EnforceUniqueValues,
    Required: f.Required,
    ReadOnlyField: f.ReadOnlyField,
    ...(f.MaxLength !== undefined ? { MaxLength: f.MaxLength } : {}),
    ...(f.RichText !== undefined ? { RichText: f.RichText } : {}),
  };
}

function itemJson(site: DoubleSite, l: DoubleList, item: DoubleItem): Record<string, unknown> {
  const out: Record<string, unknown> = {
    'odata.type': `SP.Data.${l.title}ListItem`,
    'odata.id': `${site.siteUrl}/_api/Web/Lists(guid'${l.id}')/Items(${item.id})`,
    'odata.etag': etagOf(item),
    'odata.editLink': `Web/Lists(guid'${l.id}')/Items(${item.id})`,
    Id: item.id,
    ID: item.id,
    Created: item.created,
    Modified: item.modified,
  };
  for (const f of l.fields.values()) {
    if (f.ReadOnlyField) continue;
    out[f.InternalName] = item.values.get(f.InternalName.toLowerCase()) ?? null;
  }
  return out;
}

/** `$select` as SharePoint applies it: the named properties (a/b for expanded ones), and odata.* always. */
function select(obj: Record<string, unknown>, query: URLSearchParams): Record<string, unknown> {
  const sel = query.get('$select');
  if (!sel) return obj;
  const wanted = sel.split(',').map((s) => s.trim().split('/')[0]!.toLowerCase());
  return Object.fromEntries(
    Object.entries(obj).filter(([k]) => k.startsWith('odata.') || wanted.includes(k.toLowerCase())),
  );
}

function itemsPage(site: DoubleSite, list: DoubleList, query: URLSearchParams): Answer {
  const top = query.has('$top') ? Number(query.get('$top')) : 100;
  if (!Number.isInteger(top) || top < 1 || top > 5000)
    throw new SpError(400, '-1, System.ArgumentException', '$top must be 1 to 5000.');
  const orderBy = (query.get('$orderby') ?? 'ID')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [field, dir] = s.split(/\s+/);
      return { field: field!, ascending: (dir ?? 'asc').toLowerCase() !== 'desc' };
    });
  if (!orderBy.some((o) => o.field.toLowerCase() === 'id')) orderBy.push({ field: 'ID', ascending: true });
  const skip = query.get('$skiptoken');
  const after = skip ? positionFrom(list, skip) : undefined;
  const rows = site.query(list, {
    ...(query.get('$filter') ? { filter: query.get('$filter')! } : {}),
    orderBy,
    top,
    ...(after ? { after } : {}),
  });
  const page = rows.slice(0, top);
  const out: Record<string, unknown> = {
    'odata.metadata': `${site.siteUrl}/_api/$metadata#SP.ListData.${list.title}ListItems`,
    value: page.map((i) => select(itemJson(site, list, i), query)),
  };
  if (rows.length > top) {
    const last = page[page.length - 1]!;
    const token = new URLSearchParams();
    token.set('Paged', 'TRUE');
    for (const o of orderBy) {
      const f = site.field(list, o.field);
      const v =
        f.InternalName.toLowerCase() === 'id'
          ? last.id
          : (last.values.get(f.InternalName.toLowerCase()) ?? null);
      token.set(
        `p_${f.InternalName}`,
        v === null ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v),
      );
    }
    const next = new URLSearchParams(query);
    next.set('$skiptoken', token.toString());
    out['odata.nextLink'] =
      `${site.siteUrl}/_api/web/lists/getbytitle('${list.title}')/items?${next.toString()}`;
  }
  return { status: 200, body: out };
}

/** A skiptoken (`Paged=TRUE&p_Size=3&p_ID=40`) as the position it names; anything else is refused. */
function positionFrom(list: DoubleList, token: string): Position {
  const params = new URLSearchParams(token);
  if (params.get('Paged')?.toUpperCase() !== 'TRUE')
    throw new SpError(400, '-1, System.ArgumentException', 'The $skiptoken is not valid.');
  const values = new Map<string, unknown>();
  for (const [k, raw] of params) {
    if (!k.startsWith('p_')) continue;
    const f = list.fields.get(k.slice(2).toLowerCase());
    if (!f) throw new SpError(400, '-1, System.ArgumentException', 'The $skiptoken is not valid.');
    let v: unknown = raw === '' ? null : raw;
    if (v !== null && (f.TypeAsString === 'Number' || f.TypeAsString === 'Counter')) v = Number(v);
    if (v !== null && f.TypeAsString === 'Boolean') v = v === '1' || v === 'true';
    values.set(f.InternalName.toLowerCase(), v);
  }
  if (!values.has('id'))
    throw new SpError(400, '-1, System.ArgumentException', 'The $skiptoken is not valid.');
  return { values };
}

/** The attributes of a `<Field …/>` schema as the double's field (types the adapter uses only). */
function fieldFromSchemaXml(xml: string): Omit<DoubleField, 'ReadOnlyField'> {
  const attrs = new Map<string, string>();
  for (const m of xml.matchAll(/(\w+)="([^"]*)"/g))
    attrs.set(
      m[1]!,
      m[2]!
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&amp;/g, '&'),
    );
  const type = attrs.get('Type');
  const name = attrs.get('Name') ?? attrs.get('StaticName');
  if (!type || !['Text', 'Note', 'Number', 'Boolean', 'DateTime'].includes(type) || !name)
    throw new SpError(
      400,
      '-1, System.ArgumentException',
      `The double does not implement the field schema ${xml}`,
    );
  const yes = (k: string) => attrs.get(k)?.toUpperCase() === 'TRUE';
  return {
    InternalName: name,
    Title: attrs.get('DisplayName') ?? name,
    TypeAsString: type as DoubleField['TypeAsString'],
    Indexed: yes('Indexed'),
    EnforceUniqueValues: yes('EnforceUniqueValues'),
    Required: yes('Required'),
    ...(type === 'Text' ? { MaxLength: Number(attrs.get('MaxLength') ?? 255) } : {}),
    ...(type === 'Note' ? { RichText: yes('RichText') } : {}),
  };
}

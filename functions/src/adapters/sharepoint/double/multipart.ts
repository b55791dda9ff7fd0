/**
 * The `$batch` wire format as PnPjs writes it and SharePoint answers it: a multipart/mixed body of
 * application/http parts, writes grouped in changesets (nested multipart/mixed). The double takes the parts in
 * order and answers each in one flat multipart/mixed response, as SharePoint Online does.
 */
import { randomUUID } from 'node:crypto';

export interface EmbeddedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface EmbeddedResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

const boundaryOf = (contentType: string | undefined) => /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];

/** Splits a multipart body on its boundary into the parts between, without the closing delimiter. */
function parts(body: string, boundary: string): string[] {
  const lines = body.split(/\r?\n/);
  const out: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (line === `--${boundary}` || line === `--${boundary}--`) {
      if (current) out.push(current.join('\n'));
      current = line.endsWith('--') && line !== `--${boundary}` ? undefined : [];
      continue;
    }
    current?.push(line);
  }
  return out;
}

/** A part: its headers, a blank line, its content. */
function splitHeaders(part: string): [Record<string, string>, string] {
  const end = part.indexOf('\n\n');
  const head = end < 0 ? part : part.slice(0, end);
  const rest = end < 0 ? '' : part.slice(end + 2);
  const headers: Record<string, string> = {};
  for (const line of head.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return [headers, rest];
}

export function parseBatch(body: string, contentType: string | undefined): EmbeddedRequest[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new Error('A $batch request needs a multipart/mixed content type with a boundary.');
  const out: EmbeddedRequest[] = [];
  for (const part of parts(body, boundary)) {
    const [headers, content] = splitHeaders(part.replace(/^\n+/, ''));
    const inner = boundaryOf(headers['content-type']);
    if (inner && /multipart\/mixed/i.test(headers['content-type'] ?? '')) {
      out.push(...parseBatch(content, `multipart/mixed; boundary=${inner}`));
      continue;
    }
    const [requestLine, ...rest] = content.replace(/^\n+/, '').split('\n');
    const m = /^([A-Z]+) (\S+) HTTP\/1\.1$/.exec(requestLine ?? '');
    if (!m) throw new Error(`A $batch part does not start with a request line: "${requestLine ?? ''}".`);
    const [reqHeaders, reqBody] = splitHeaders(rest.join('\n'));
    out.push({ method: m[1]!, url: m[2]!, headers: reqHeaders, body: reqBody.replace(/\n+$/, '') });
  }
  return out;
}

export function formatBatchResponse(responses: EmbeddedResponse[]): { contentType: string; body: string } {
  const boundary = `batchresponse_${randomUUID()}`;
  const lines: string[] = [];
  for (const r of responses) {
    lines.push(`--${boundary}`, 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', '');
    lines.push(`HTTP/1.1 ${r.status} ${r.statusText}`);
    for (const [k, v] of Object.entries(r.headers)) lines.push(`${k.toUpperCase()}: ${v}`);
    lines.push('', r.body);
  }
  lines.push(`--${boundary}--`, '');
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: lines.join('\r\n') };
}

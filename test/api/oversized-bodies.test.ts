/**
 * A body over the limit is answered 413, and the client still sending it receives that answer: the host reads
 * (and throws away) the rest of the body before answering, instead of closing the connection under the upload
 * (which Node's fetch reports as "fetch failed" or EPIPE, not as a 413).
 */
import net from 'node:net';
import { ApiPaths } from '@pph/contract';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';

const DRAFT = '/api/me/draft';
const CONVERSATION_REFERENCE = '/api/me/conversation-reference';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub.close());

const ref = 'PRV-2026-0001';
const BODY_TAKING: [string, string][] = [
  ['POST', ApiPaths.concerns],
  ['POST', ApiPaths.decide(ref, 's1')],
  ['POST', ApiPaths.assign(ref, 's1')],
  ['POST', ApiPaths.supplyInformation(ref, 'r1')],
  ['POST', ApiPaths.notes(ref)],
  ['POST', ApiPaths.review(ref, 'v1')],
  ['PUT', DRAFT],
  ['PUT', CONVERSATION_REFERENCE],
];

const oneMegabyte = () => JSON.stringify({ text: 'x'.repeat(1024 * 1024) });

async function send(method: string, path: string, body: RequestInit['body'], init: RequestInit = {}) {
  const res = await fetch(`${hub.url}${path}`, {
    method,
    headers: { 'x-dev-persona': PERSONA_IDS.safeguardingLead, 'content-type': 'application/json' },
    body,
    ...init,
  });
  return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
}

it.each(BODY_TAKING)(
  '%s %s: 1 MB with a Content-Length is answered 413, every time',
  async (method, path) => {
    for (let i = 0; i < 3; i++) {
      const res = await send(method, path, oneMegabyte());
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('payload_too_large');
      expect(res.body.error.message).toMatch(/larger than 256 KB/);
    }
  },
);

it.each(BODY_TAKING)(
  '%s %s: 1 MB sent in chunks (no Content-Length) is answered 413',
  async (method, path) => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 16) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const res = await send(method, path, stream, { duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  },
);

interface Upload {
  /** Status codes of the answers on this connection, in order. */
  statuses: number[];
  /** How much of the body had been sent when the first answer arrived. */
  sentWhenAnswered: number;
  writeError?: string;
}

/**
 * Sends a body of `total` bytes over a raw connection, 64 KB at a time with a pause between, as a slow link
 * would; notes when the answer comes; then asks for /api/health on the same connection.
 */
function slowUpload(path: string, total: number, chunked: boolean): Promise<Upload> {
  return new Promise((resolve) => {
    const socket = net.connect(hub.port, '127.0.0.1');
    const result: Upload = { statuses: [], sentWhenAnswered: -1 };
    let sent = 0;
    let text = '';
    const finish = () => {
      socket.destroy();
      resolve(result);
    };
    socket.on('data', (d: Buffer) => {
      if (result.sentWhenAnswered < 0) result.sentWhenAnswered = sent;
      text += d.toString('latin1');
      result.statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
      if (result.statuses.length === 2) finish();
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      result.writeError ??= e.code ?? e.message;
      finish();
    });
    socket.on('close', finish);
    const write = (data: string | Buffer) => new Promise<void>((r) => socket.write(data, () => r()));
    void (async () => {
      await write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nx-dev-persona: ${PERSONA_IDS.safeguardingLead}\r\n` +
          `content-type: application/json\r\n${chunked ? 'transfer-encoding: chunked' : `content-length: ${total}`}\r\n\r\n`,
      );
      const chunk = Buffer.alloc(64 * 1024, 'x');
      while (sent < total && !socket.destroyed) {
        await write(
          chunked
            ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])
            : chunk,
        );
        sent += chunk.length;
        await new Promise((r) => setTimeout(r, 5));
      }
      if (chunked && !socket.destroyed) await write('0\r\n\r\n');
      if (!socket.destroyed) await write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    })();
  });
}

it.each([
  ['with a Content-Length', false],
  ['in chunks', true],
])(
  'a slow 1 MB upload %s is read to the end, answered 413, and the connection still serves the next request',
  async (_how, chunked) => {
    const total = 16 * 64 * 1024;
    const upload = await slowUpload(ApiPaths.notes(ref), total, chunked);
    expect(upload.writeError).toBeUndefined();
    expect(upload.sentWhenAnswered).toBe(total);
    expect(upload.statuses).toEqual([413, 200]);
  },
);

it('a body declared larger than the host will read is answered 413 at once, and the connection closed', async () => {
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(hub.port, '127.0.0.1');
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.write(
      `POST ${ApiPaths.notes(ref)} HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
        `content-length: ${64 * 1024 * 1024}\r\n\r\n`,
    );
  });
  expect(answer).toMatch(/^HTTP\/1\.1 413/);
  expect(answer).toMatch(/connection: close/i);
});

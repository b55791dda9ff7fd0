/**
 * The local host frames each answer with its length: the whole body is known before it is sent, so it goes as
 * Content-Length (in bytes, not characters), never chunked, and the next answer on the connection starts right
 * after it.
 */
import net from 'node:net';
import { ApiPaths } from '@pph/contract';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub.close());

interface RawAnswer {
  head: string;
  body: Buffer;
}

/** Sends the requests on one connection at once and splits what comes back by each answer's Content-Length. */
function pipelined(requests: string[], count: number): Promise<RawAnswer[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(hub.port, '127.0.0.1');
    let data = Buffer.alloc(0);
    const answers: RawAnswer[] = [];
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      for (;;) {
        const end = data.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = data.subarray(0, end).toString('latin1');
        const length = /\r\ncontent-length: (\d+)/i.exec(head);
        if (!length) return reject(new Error(`An answer came without Content-Length:\n${head}`));
        const bodyEnd = end + 4 + Number(length[1]);
        if (data.length < bodyEnd) return;
        answers.push({ head, body: data.subarray(end + 4, bodyEnd) });
        data = data.subarray(bodyEnd);
        if (answers.length === count) {
          socket.destroy();
          return resolve(answers);
        }
      }
    });
    socket.on('error', reject);
    socket.write(requests.join(''));
  });
}

const persona = `x-dev-persona: ${PERSONA_IDS.referrer}`;

it('answers with Content-Length in bytes, not chunked, one answer after another on a connection', async () => {
  // Answers a person typed, with letters outside ASCII: more bytes than characters.
  const draft = JSON.stringify({
    draft: {
      idempotencyKey: '6f1c0f0e-6d5b-4c1e-9a55-3f0b8f4b1a10',
      step: 'about-you',
      formVersion: 1,
      answers: { name: 'Zoë Ní Bhriain — “Año”' },
    },
  });
  const put = await hub.as(PERSONA_IDS.referrer).call('PUT', '/api/me/draft', JSON.parse(draft));
  expect(put.status).toBeLessThan(300);
  const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${persona}\r\n\r\n`;
  const [draftAnswer, health, missing] = await pipelined(
    [get('/api/me/draft'), get(ApiPaths.health), get('/api/no-such-thing')],
    3,
  );
  for (const answer of [draftAnswer!, health!, missing!])
    expect(answer.head).not.toMatch(/transfer-encoding/i);
  // Each body is exactly its JSON: the length counted the bytes of "ë", "—" and the quotes.
  expect(JSON.parse(draftAnswer!.body.toString('utf8'))).toMatchObject({
    draft: { answers: { name: 'Zoë Ní Bhriain — “Año”' } },
  });
  expect(draftAnswer!.body.length).toBeGreaterThan(draftAnswer!.body.toString('utf8').length);
  expect(JSON.parse(health!.body.toString('utf8'))).toMatchObject({ status: 'ok' });
  expect(missing!.head).toMatch(/^HTTP\/1\.1 404/);
  expect(JSON.parse(missing!.body.toString('utf8'))).toMatchObject({ error: { code: 'not_found' } });
});

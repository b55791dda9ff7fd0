/**
 * A Bot Connector test double on loopback: the REST calls a bot makes to send into a conversation
 * (POST /v3/conversations/{id}/activities), recorded, with failures on demand.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  conversationId: string;
  activity: { type: string; text?: string; attachments?: { contentType: string; content: unknown }[] };
}

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Status codes to answer with next, one per call, before answering normally. */
  readonly failNext: number[] = [];
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const m = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        const fail = this.failNext.shift();
        if (!m || fail) {
          res.statusCode = fail ?? 404;
          res.setHeader('content-type', 'application/json');
          return res.end(JSON.stringify({ error: { code: 'Failed', message: 'test double refusal' } }));
        }
        this.calls.push({
          conversationId: decodeURIComponent(m[1]!),
          activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ConnectorCall['activity'],
        });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `activity-${this.calls.length}` }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  to(conversationId: string) {
    return this.calls.filter((c) => c.conversationId === conversationId);
  }

  close() {
    return new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

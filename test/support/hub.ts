/** Starts the real local hub (SQLite in a temp folder, HTTP on a free loopback port) and calls it as personas. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalHub, type LocalHub, type LocalHubOptions } from '@pph/functions/hosts/local/hub';
import { DEMO_PEOPLE, PERSONA_IDS } from '@pph/functions/hosts/local/personas';
import { LogNotifier } from '@pph/functions/adapters/notifier/log-notifier';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import type { Clock } from '@pph/functions/ports/clock';
import type { Notification, Notifier } from '@pph/functions/ports/notifier';

export { PERSONA_IDS, DEMO_PEOPLE };

export class TestClock implements Clock {
  constructor(public current: Date) {}
  now() {
    return new Date(this.current);
  }
  advanceDays(days: number) {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

export interface TestHub extends LocalHub {
  dataDir: string;
  notifier: LogNotifier;
  /**
   * Every call the hub made to its notifier, repeats included. LogNotifier de-duplicates on the key (as a
   * recipient must), so only these raw calls show whether the hub itself sent something twice.
   */
  calls: Notification[];
  clock: TestClock;
  as(personaId: string): ApiClient;
}

/** Keys the hub handed to its notifier more than once. */
export const sentTwice = (calls: Notification[]): string[] => {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const n of calls) (seen.has(n.dedupeKey) ? twice : seen).add(n.dedupeKey);
  return [...twice];
};

export async function startTestHub(opts: Partial<LocalHubOptions> & { start?: Date } = {}): Promise<TestHub> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pph-test-'));
  const notifier = new LogNotifier(silentLogger);
  const clock = new TestClock(opts.start ?? new Date('2026-11-23T10:00:00Z'));
  const calls: Notification[] = [];
  const counting = (inner: Notifier): Notifier => ({
    deliver: (n) => {
      calls.push(n);
      return inner.deliver(n);
    },
  });
  const { notifierFactory } = opts;
  const hub = await startLocalHub({
    port: 0,
    seed: true,
    timers: false,
    clock,
    logger: silentLogger,
    ...opts,
    notifier: counting(opts.notifier ?? notifier),
    ...(notifierFactory ? { notifierFactory: (h) => counting(notifierFactory(h)) } : {}),
    dataDir,
  });
  return {
    ...hub,
    dataDir,
    notifier,
    calls,
    clock,
    as: (personaId: string) => new ApiClient(hub.url, { 'x-dev-persona': personaId }),
    close: async () => {
      await hub.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON response shapes
export interface ApiResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<ApiResult> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...this.headers,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...extraHeaders,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get = (path: string) => this.call('GET', path);
  post = (path: string, body: unknown) => this.call('POST', path, body);
}

/**
 * Part of `npm run bench`: bot turn latency through the real CloudAdapter on loopback — an Action.Execute posted
 * to /api/messages until the replacement card comes back — for a form card (next step) and for a submit, with
 * the hub API on loopback over the embedded store. Sequential turns, so the figures are per-turn latency.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import { startLocalHub } from '@pph/functions/hosts/local/hub';
import { PERSONA_IDS } from '@pph/functions/hosts/local/personas';
import { demoIntake } from '@pph/functions/hosts/local/seed';
import { CARD_VERSION } from '../cards/render';
import { loadBotConfig } from '../host/config';
import { startBotServer } from '../host/server';

const REFERRERS = [PERSONA_IDS.referrer, PERSONA_IDS.schoolReferrer, PERSONA_IDS.returnAuthor];

export async function run({ seconds }: { seconds: number }): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-bench-bot-'));
  const hub = await startLocalHub({ dataDir, port: 0, seed: true, timers: false, logger: silentLogger });
  const bot = await startBotServer(
    { ...loadBotConfig({ PPH_MODE: 'local' }), port: 0, apiUrl: hub.url },
    { logger: silentLogger },
  );
  const api = (persona: string, method: string, p: string, body?: unknown) =>
    fetch(`${hub.url}${p}`, {
      method,
      headers: { 'x-dev-persona': persona, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const invoke = async (persona: string, verb: string, data: Record<string, unknown>, expect: string) => {
    const started = process.hrtime.bigint();
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: randomUUID(),
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        from: { id: `29:${persona}`, name: 'Bench', aadObjectId: persona },
        recipient: { id: '28:bot', name: 'Prevent Hub' },
        conversation: { id: `a:bench-${persona}`, conversationType: 'personal' },
        value: {
          action: { type: 'Action.Execute', verb, data: { v: CARD_VERSION, ...data } },
          trigger: 'manual',
        },
      }),
    });
    const text = await res.text();
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    // A turn only counts if it produced the card a person would see next.
    if (res.status !== 200 || !text.includes(expect))
      throw new Error(`Unexpected bot answer ${res.status}: ${text.slice(0, 300)}`);
    return elapsed;
  };

  const draft = (step: string, answers: unknown) => ({
    draft: { idempotencyKey: randomUUID(), step, formVersion: 1, answers },
  });
  const intake = demoIntake({ subject: { name: 'Bench Subject', age: 15, gender: 'female' } });
  const referrerInputs = {
    'referrer.name': 'Bench Referrer',
    'referrer.role': 'Teacher',
    'referrer.organisation': 'Harbourside College',
    'referrer.email': 'bench@harbourside.example',
  };

  const measure = async (
    label: string,
    prepare: (persona: string) => Promise<Record<string, unknown>>,
    verb: string,
    expect: string,
  ) => {
    const times: number[] = [];
    const until = Date.now() + seconds * 1000;
    let i = 0;
    while (Date.now() < until) {
      const persona = REFERRERS[i++ % REFERRERS.length]!;
      const data = await prepare(persona);
      times.push(await invoke(persona, verb, data, expect));
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
    return { name: label, turns: times.length, 'p50 ms': +pct(50).toFixed(2), 'p95 ms': +pct(95).toFixed(2) };
  };

  try {
    const rows = [
      await measure(
        'bot turn: form card (About you → next card)',
        async (persona) => {
          const d = draft('referrer', { immediateRisk: false });
          await api(persona, 'PUT', '/api/me/draft', d);
          return { step: 'referrer', draft: d.draft.idempotencyKey, ...referrerInputs };
        },
        'intake.next',
        'Step 3 of 7',
      ),
      await measure(
        'bot turn: submit (review → concern with reference)',
        async (persona) => {
          const d = draft('review', intake);
          await api(persona, 'PUT', '/api/me/draft', d);
          return { step: 'review', draft: d.draft.idempotencyKey };
        },
        'intake.submit',
        'Concern sent: PRV-',
      ),
    ];
    console.log('\nBot turn latency (Action.Execute in → card out through CloudAdapter; API on loopback)');
    console.table(rows);
  } finally {
    await bot.close();
    await hub.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

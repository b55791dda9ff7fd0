/**
 * Part of `npm run bench`: bot turn latency through the real CloudAdapter on loopback — an Action.Execute posted
 * to /api/messages until the replacement card comes back — for a form card (next step) and for a submit, with
 * the hub API on loopback over the embedded store. Sequential turns, so the figures are per-turn latency. Runs
 * on the built packages (`npm run build`), like the other benches; it lives here rather than in bot/src, whose
 * code imports the bot's own modules and the contract only.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { percentile } = require('./load');
const ROOT = path.join(__dirname, '../..');
const load = (rel) => require(path.join(ROOT, rel));
const { silentLogger } = load('functions/dist/adapters/logging/pino-logger');
const { startLocalHub } = load('functions/dist/hosts/local/hub');
const { PERSONA_IDS } = load('functions/dist/hosts/local/personas');
const { demoIntake } = load('functions/dist/hosts/local/seed');
const { CARD_VERSION } = load('bot/dist/cards/render');
const { loadBotConfig } = load('bot/dist/host/config');
const { startBotServer } = load('bot/dist/host/server');

const REFERRERS = [PERSONA_IDS.referrer, PERSONA_IDS.schoolReferrer, PERSONA_IDS.returnAuthor];

async function run({ seconds }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-bench-bot-'));
  const hub = await startLocalHub({ dataDir, port: 0, seed: true, timers: false, logger: silentLogger });
  const bot = await startBotServer(
    { ...loadBotConfig({ PPH_MODE: 'local' }), port: 0, apiUrl: hub.url },
    { logger: silentLogger },
  );
  const api = (persona, method, p, body) =>
    fetch(`${hub.url}${p}`, {
      method,
      headers: { 'x-dev-persona': persona, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const invoke = async (persona, verb, data, expect) => {
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

  const draft = (step, answers) => ({
    draft: { idempotencyKey: randomUUID(), step, formVersion: 1, answers },
  });
  const intake = demoIntake({ subject: { name: 'Bench Subject', age: 15, gender: 'female' } });
  const referrerInputs = {
    'referrer.name': 'Bench Referrer',
    'referrer.role': 'Teacher',
    'referrer.organisation': 'Harbourside College',
    'referrer.email': 'bench@harbourside.example',
  };

  const measure = async (label, prepare, verb, expect) => {
    const times = [];
    const until = Date.now() + seconds * 1000;
    let i = 0;
    while (Date.now() < until) {
      const persona = REFERRERS[i++ % REFERRERS.length];
      const data = await prepare(persona);
      times.push(await invoke(persona, verb, data, expect));
    }
    times.sort((a, b) => a - b);
    return {
      name: label,
      turns: times.length,
      'p50 ms': +percentile(times, 50).toFixed(2),
      'p95 ms': +percentile(times, 95).toFixed(2),
    };
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

module.exports = { run };

if (require.main === module)
  run({ seconds: Number(process.env.BENCH_SECONDS ?? 8) }).catch((e) => {
    console.error(e);
    process.exit(1);
  });

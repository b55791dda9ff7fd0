/**
 * Bench, SharePoint (issue 15): SharePoint round trips per user action and time per action over the SharePoint
 * REST double with a fixed added latency per round trip (80 ms by default, SharePoint-like; BENCH_SP_LATENCY_MS),
 * side by side with the embedded SQLite store in the same run. Each hub runs in this process (the actions are
 * sequential, one person at a time: what a person waits for). Called from run.js; `node test/bench/sharepoint.js`
 * runs it alone (after `npm run build`).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomUUID } = require('node:crypto');

const ROOT = path.resolve(process.env.BENCH_ROOT ?? path.join(__dirname, '../..'));
const dist = (p) => require(path.join(ROOT, 'functions/dist', p));

const LATENCY_MS = Number(process.env.BENCH_SP_LATENCY_MS ?? 80);
const TIMES = Number(process.env.BENCH_SP_TIMES ?? 5);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

async function startHub(store) {
  const { startLocalHub } = dist('hosts/local/hub');
  const { silentLogger } = dist('adapters/logging/pino-logger');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `pph-bench-${store}-`));
  const hub = await startLocalHub({
    port: 0,
    dataDir,
    seed: true,
    timers: false,
    logger: silentLogger,
    env: { ...process.env, PPH_MODE: 'local', PPH_STORE: store, PPH_LOG_LEVEL: 'error' },
  });
  // The double is seeded without latency; the actions are measured with it.
  const double = hub.hub.ports.store.double;
  if (double) double.faults.latencyMs = LATENCY_MS;
  return {
    hub,
    double,
    close: async () => {
      await hub.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function call(url, method, personaId, body) {
  const res = await fetch(url, {
    method,
    headers: { 'x-dev-persona': personaId, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Each action TIMES times: time to the answer, and round trips before the answer and with the relay after it. */
async function measure(store) {
  const { PERSONA_IDS } = dist('hosts/local/personas');
  const { demoIntake } = dist('hosts/local/seed');
  const { hub, double, close } = await startHub(store);
  const base = hub.url;
  const rows = {};
  const record = async (name, fn) => {
    const times = [];
    const answered = [];
    const total = [];
    for (let i = 0; i < TIMES; i++) {
      await hub.hub.settle();
      const from = double?.log.length ?? 0;
      const t = process.hrtime.bigint();
      await fn(i);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      answered.push((double?.log.length ?? 0) - from);
      await hub.hub.settle();
      total.push((double?.log.length ?? 0) - from);
    }
    rows[name] = { ms: median(times), answered: median(answered), total: median(total) };
  };
  const refs = [];
  try {
    await record('submit a concern', async () => {
      const body = {
        idempotencyKey: randomUUID(),
        concern: demoIntake({ subject: { name: 'Bench Subject', age: 15, gender: 'female' } }),
      };
      refs.push((await call(`${base}/api/concerns`, 'POST', PERSONA_IDS.referrer, body)).reference);
    });
    await record('load My work', () => call(`${base}/api/me/queue`, 'GET', PERSONA_IDS.safeguardingLead));
    await record('read a concern', (i) =>
      call(`${base}/api/concerns/${refs[i]}`, 'GET', PERSONA_IDS.safeguardingLead),
    );
    await record('decide a step', (i) =>
      call(`${base}/api/concerns/${refs[i]}/steps/s1/decision`, 'POST', PERSONA_IDS.safeguardingLead, {
        decision: 'forward',
      }),
    );
  } finally {
    await close();
  }
  return rows;
}

async function run() {
  console.log(
    `\nSharePoint bench: each action ${TIMES} times, one after another; the SharePoint adapter over the REST double with ${LATENCY_MS} ms added per round trip, beside SQLite.`,
  );
  const sqlite = await measure('sqlite');
  const sharepoint = await measure('sharepoint-double');
  const table = Object.keys(sqlite).map((action) => ({
    action,
    'SQLite ms': Number(sqlite[action].ms.toFixed(1)),
    [`SharePoint ms (${LATENCY_MS} ms/RT)`]: Math.round(sharepoint[action].ms),
    'round trips to answer': sharepoint[action].answered,
    'round trips with relay': sharepoint[action].total,
    [`floor: RT × ${LATENCY_MS} ms`]: sharepoint[action].answered * LATENCY_MS,
  }));
  console.table(table);
  return { sqlite, sharepoint };
}

module.exports = { run };

if (require.main === module)
  run().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );

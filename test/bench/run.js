/**
 * `npm run bench` (not a test): API throughput and p50/p95 latency for "my work queue" and "decide a step" on
 * the embedded store, side by side with a bare node:http server returning a fixed JSON body, in one run.
 * Loopback only; every run is bounded in time. Needs `npm run build` first (the npm script does it).
 */
const http = require('node:http');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const autocannon = require('autocannon');
const { startLocalHub } = require('../../functions/dist/hosts/local/hub');
const { PERSONA_IDS } = require('../../functions/dist/hosts/local/personas');
const { demoIntake } = require('../../functions/dist/hosts/local/seed');
const { silentLogger } = require('../../functions/dist/adapters/logging/pino-logger');

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

/** Runs autocannon and keeps every response time, so p50 and p95 are exact (autocannon's summary has no p95). */
function cannon(opts) {
  return new Promise((resolve, reject) => {
    const times = [];
    const instance = autocannon({ duration: DURATION, connections: CONNECTIONS, ...opts }, (err, res) => {
      if (err) return reject(err);
      times.sort((a, b) => a - b);
      const pct = (p) =>
        times.length ? times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] : NaN;
      resolve({ ...res, p50: pct(50), p95: pct(95) });
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

const row = (name, r) => ({
  name,
  'req/s': Math.round(r.requests.average),
  'p50 ms': Number(r.p50.toFixed(2)),
  'p95 ms': Number(r.p95.toFixed(2)),
  '2xx': r['2xx'],
  'non-2xx': r.non2xx,
  errors: r.errors,
});

async function startBare() {
  const body = JSON.stringify({ status: 'ok', items: [] });
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

async function hubWithConcerns(openConcerns) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-bench-'));
  const hub = await startLocalHub({
    port: 0,
    dataDir,
    seed: true,
    timers: false,
    logger: silentLogger,
    notifier: { deliver: async () => ({ status: 'delivered' }) },
  });
  const referrer = await hub.hub.directory.resolve({ userId: PERSONA_IDS.referrer, via: 'dev-persona' });
  const steps = [];
  for (let i = 0; i < openConcerns; i++) {
    const r = await hub.hub.concerns.submit(referrer, {
      idempotencyKey: randomUUID(),
      concern: demoIntake(),
    });
    steps.push({ reference: r.reference, stepId: r.concern.steps[0]?.id ?? 's1' });
  }
  await hub.hub.settle();
  return {
    hub,
    steps,
    close: async () => {
      await hub.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
  console.log(`Bench on ${machine}; ${DURATION}s per run, ${CONNECTIONS} connections, loopback only.`);
  const rows = [];

  const bare = await startBare();
  const bareResult = await cannon({ url: `${bare.url}/api/fixed` });
  rows.push(row('bare node:http, fixed JSON', bareResult));
  await bare.close();

  // A realistic partnership backlog: 200 open concerns besides the demo data.
  const q = await hubWithConcerns(200);
  const queueResult = await cannon({
    url: `${q.hub.url}/api/me/queue`,
    headers: { 'x-dev-persona': PERSONA_IDS.safeguardingLead },
  });
  rows.push(row('GET /api/me/queue (200 open concerns)', queueResult));
  await q.close();

  // Each request decides a different concern's open step, as the council's safeguarding lead.
  const d = await hubWithConcerns(Number(process.env.BENCH_DECIDE_CONCERNS ?? 3000));
  let next = 0;
  const decideResult = await cannon({
    url: d.hub.url,
    requests: [
      {
        method: 'POST',
        headers: { 'x-dev-persona': PERSONA_IDS.safeguardingLead, 'content-type': 'application/json' },
        setupRequest: (req) => {
          const s = d.steps[next++ % d.steps.length];
          return {
            ...req,
            path: `/api/concerns/${s.reference}/steps/${s.stepId}/decision`,
            body: JSON.stringify({ decision: 'forward' }),
          };
        },
      },
    ],
  });
  rows.push(row(`POST decide a step (${Math.min(next, d.steps.length)} distinct concerns)`, decideResult));
  await d.close();

  console.table(rows);
  const base = rows[0]['req/s'];
  for (const r of rows.slice(1))
    console.log(
      `${r.name}: ${(base / r['req/s']).toFixed(1)}× slower than the bare server (${r['req/s']} vs ${base} req/s)`,
    );
  if (next > d.steps.length)
    console.log('note: the decide run wrapped around its concerns; repeats answer 409 (counted as non-2xx).');
  const botBench = path.join(__dirname, '../../bot/dist/bench/bot-turns.js');
  if (fs.existsSync(botBench)) await require(botBench).run({ seconds: DURATION });
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

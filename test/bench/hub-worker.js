/**
 * One server under test for `npm run bench`, in its own process (so it has its own event loop and the load
 * generator does not share it): `bare` is a node:http server answering fixed JSON; `hub` is the local hub on the
 * embedded store with the demo data. Driven over IPC by run.js; loopback only.
 *
 *   { cmd: 'grow', to }    hub: adds open concerns (in-process, straight through the repository and the work
 *                          queue, as the relay would leave them) until the bench has `to` of its own
 *   { cmd: 'steps' }       hub: the open step of every bench concern, to decide
 *   { cmd: 'memory' }      RSS now and its high-water mark, and the V8 heap
 *   { cmd: 'settle' }      hub: waits for the relay to land everything pending; how long that took
 *   { cmd: 'cpu' }         CPU time used so far (user + system, µs)
 *   { cmd: 'stop' }
 */
const http = require('node:http');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomUUID } = require('node:crypto');

const MiB = 2 ** 20;
/**
 * The hub's code: this tree's build, or BENCH_ROOT's (another checkout, built, to measure a version before a
 * change with this very harness).
 */
const ROOT = path.resolve(process.env.BENCH_ROOT ?? path.join(__dirname, '../..'));
const load = (rel) => require(path.join(ROOT, rel));

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

async function startHub() {
  const { startLocalHub } = load('functions/dist/hosts/local/hub');
  const { silentLogger } = load('functions/dist/adapters/logging/pino-logger');
  // BENCH_DATA_DIR puts the store elsewhere (e.g. /dev/shm, to take the disk out of the figures).
  const dataDir = fs.mkdtempSync(path.join(process.env.BENCH_DATA_DIR ?? os.tmpdir(), 'pph-bench-'));
  const local = await startLocalHub({
    port: 0,
    dataDir,
    seed: true,
    timers: false,
    logger: silentLogger,
    notifier: { deliver: async () => ({ status: 'delivered' }) },
  });
  return {
    url: local.url,
    local,
    close: async () => {
      await local.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Writes open concerns as a submission leaves them once relayed: the item, and its tasks on the work queue. */
function grower(hub) {
  // A build from before the work queue, or BENCH_SEED=submit: concerns go in as people raise them (submit,
  // then its relay, leaving audit entries and notifications too).
  if (!hub.workQueue || process.env.BENCH_SEED === 'submit') return submittingGrower(hub);
  const { ConcernIntakeSchema } = load('contract/dist');
  const { ConcernRepository } = load('functions/dist/concerns/repository');
  const { allocateReference } = load('functions/dist/concerns/references');
  const { CONCERNS, concernTasks } = load('functions/dist/concerns/my-work');
  const { startWorkflow } = load('functions/dist/concerns/workflow/engine');
  const { PERSONA_IDS } = load('functions/dist/hosts/local/personas');
  const { demoIntake } = load('functions/dist/hosts/local/seed');
  const repo = new ConcernRepository(hub.ports.store);
  const steps = [];
  const intake = ConcernIntakeSchema.parse(demoIntake());
  return {
    steps,
    async to(n) {
      const route = await hub.routes.latest('prevent-default');
      const referrer = await hub.directory.resolve({ userId: PERSONA_IDS.referrer, via: 'dev-persona' });
      while (steps.length < n) {
        const now = hub.ports.clock.now();
        const reference = await allocateReference(hub.ports.store, Number(now.toISOString().slice(0, 4)));
        const ctx = { reference, referrerId: referrer.id };
        const { state } = startWorkflow(route, ctx, now, { id: referrer.id, name: referrer.displayName });
        // One in ten at immediate risk, so My work has something to put first.
        const immediateRisk = steps.length % 10 === 0;
        const record = await repo.create({
          reference,
          idempotencyKey: randomUUID(),
          referrerId: referrer.id,
          referrerPartnerId: referrer.partnerId,
          submittedAt: now.toISOString(),
          routeId: route.id,
          routeVersion: route.version,
          immediateRisk,
          intake: { ...intake, immediateRisk },
          state,
          pending: [],
        });
        const facts = { ...ctx, referrerPartnerId: referrer.partnerId, route, state };
        await hub.workQueue.reconcile(CONCERNS, reference, concernTasks(facts, record));
        steps.push({ reference, stepId: state.steps[0].id });
      }
    },
  };
}

function submittingGrower(hub) {
  const { ConcernIntakeSchema } = load('contract/dist');
  const { PERSONA_IDS } = load('functions/dist/hosts/local/personas');
  const { demoIntake } = load('functions/dist/hosts/local/seed');
  const steps = [];
  return {
    steps,
    async to(n) {
      const referrer = await hub.directory.resolve({ userId: PERSONA_IDS.referrer, via: 'dev-persona' });
      while (steps.length < n) {
        const immediateRisk = steps.length % 10 === 0;
        const intake = ConcernIntakeSchema.parse(demoIntake({ immediateRisk }));
        const r = await hub.concerns.submit(referrer, { idempotencyKey: randomUUID(), concern: intake });
        await hub.settle();
        steps.push({ reference: r.reference, stepId: 's1' });
      }
    },
  };
}

async function main() {
  const kind = process.argv[2];
  const server = kind === 'bare' ? await startBare() : await startHub();
  const grow = kind === 'hub' ? grower(server.local.hub) : undefined;
  process.on('message', async (m) => {
    try {
      if (m.cmd === 'grow') {
        const started = Date.now();
        await grow.to(m.to);
        process.send({ ok: true, count: grow.steps.length, ms: Date.now() - started });
      } else if (m.cmd === 'steps') {
        process.send({ ok: true, steps: grow.steps });
      } else if (m.cmd === 'memory') {
        await server.local?.hub.settle();
        global.gc?.();
        process.send({
          ok: true,
          rssMiB: Math.round(process.memoryUsage().rss / MiB),
          // ru_maxrss is in KiB on Linux.
          maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
          heapUsedMiB: Math.round(process.memoryUsage().heapUsed / MiB),
        });
      } else if (m.cmd === 'settle') {
        // How long the relay takes to land what the requests left it (audit entries, notifications, My work).
        const started = Date.now();
        await server.local.hub.settle();
        process.send({ ok: true, ms: Date.now() - started });
      } else if (m.cmd === 'cpu') {
        // User + system CPU time so far, in microseconds: the cost of a run, steadier than its rate when the
        // machine is shared.
        const { user, system } = process.cpuUsage();
        process.send({ ok: true, micros: user + system });
      } else if (m.cmd === 'stop') {
        await server.local?.hub.settle();
        await server.close();
        process.send({ ok: true });
        process.exit(0);
      }
    } catch (e) {
      process.send({ ok: false, error: e instanceof Error ? e.stack : String(e) });
    }
  });
  process.send({ ok: true, url: server.url });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

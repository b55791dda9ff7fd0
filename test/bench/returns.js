/**
 * Bench, quarterly returns (issue 14): collation time for 12 partners × 8 quarters (in-process and
 * GET …/collation over loopback, plus the Excel export), and My work for someone with both concern steps and
 * returns to approve in the one queue, beside someone with concern steps only at the same caseload. Called
 * from run.js; `node test/bench/returns.js` runs it alone (after `npm run build`).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { cannon, percentile } = require('./load');

const ROOT = path.resolve(process.env.BENCH_ROOT ?? path.join(__dirname, '../..'));
const dist = (p) => require(path.join(ROOT, 'functions/dist', p));
const contract = require(path.join(ROOT, 'contract/dist'));

const PARTNERS = 12;
const QUARTERS = 8;
const CONCERNS = Number(process.env.BENCH_RETURNS_CONCERNS ?? 200);

async function timed(n, fn) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const SECTORS = [
  'local-authority',
  'police',
  'probation',
  'health',
  'schools',
  'further-education',
  'youth-offending',
  'voluntary',
  'prisons',
  'childcare',
  'higher-education',
  'health',
];
const pid = (n) => `00000000-0000-4000-8000-${String(900 + n).padStart(12, '0')}`;

/** A complete return for this sector, with figures that vary by partner and quarter (some under 5). */
function content(sector, p, q) {
  const counts = {
    awareness: 20 + ((p * 37 + q * 11) % 180),
    workshop: (p + q) % 7,
    specialist: (p * q) % 4,
  };
  const total = counts.awareness + counts.workshop + counts.specialist;
  const bands = { '14-17': (p + q) % 6, '18-24': (p * 3 + q) % 5, '25-39': 2 + (q % 3) };
  return contract.ReturnContentSchema.parse({
    training: [
      {
        staffGroup: contract.QUARTERLY_RETURN_V1.staffGroups[p % 10].key,
        counts,
        total,
        staffInScope: total + 40,
        trainedToDate: total,
      },
    ],
    trainingTotal: total,
    referrals: { byAgeBand: bands, total: Object.values(bands).reduce((a, b) => a + b, 0) },
    sections: contract.sectionsFor(contract.QUARTERLY_RETURN_V1, sector).map((s, i) => ({
      section: s.key,
      rag: ['green', 'amber', 'red'][(p + q + i) % 3],
      narrative: 'Bench narrative.',
    })),
  });
}

async function run({
  seconds = Number(process.env.BENCH_SECONDS ?? 8),
  connections = Number(process.env.BENCH_CONNECTIONS ?? 10),
} = {}) {
  const { startLocalHub } = dist('hosts/local/hub');
  const { silentLogger } = dist('adapters/logging/pino-logger');
  const { LogNotifier } = dist('adapters/notifier/log-notifier');
  const dataDir = fs.mkdtempSync(path.join(process.env.BENCH_DATA_DIR ?? os.tmpdir(), 'pph-bench-returns-'));
  const clock = {
    current: new Date('2025-05-01T09:00:00Z'),
    now() {
      return new Date(this.current);
    },
  };
  const local = await startLocalHub({
    port: 0,
    dataDir,
    seed: false,
    timers: false,
    clock,
    logger: silentLogger,
    notifier: new LogNotifier(silentLogger),
  });
  const hub = local.hub;
  try {
    const t0 = Date.now();
    for (let p = 0; p < PARTNERS; p++) {
      await hub.directory.upsertPartner({
        id: `p${p}`,
        name: `Bench agency ${p + 1}`,
        sector: SECTORS[p],
        owesQuarterlyReturns: true,
      });
      await hub.directory.upsertPerson({
        id: pid(p),
        displayName: `Bench author ${p + 1}`,
        email: `a${p}@bench.example`,
        partnerId: `p${p}`,
        roles: ['return-author'],
      });
    }
    // Two board members of different agencies (each approves the other's), and a council safeguarding lead who
    // is also on the Board: concern steps and returns in one queue.
    await hub.directory.upsertPerson({
      id: pid(50),
      displayName: 'Bench board A',
      email: 'ba@bench.example',
      partnerId: 'p1',
      roles: ['board-member'],
    });
    await hub.directory.upsertPerson({
      id: pid(51),
      displayName: 'Bench board B',
      email: 'bb@bench.example',
      partnerId: 'p2',
      roles: ['board-member'],
    });
    await hub.directory.upsertPerson({
      id: pid(52),
      displayName: 'Bench lead and board',
      email: 'lb@bench.example',
      partnerId: 'p0',
      roles: ['safeguarding-lead', 'board-member'],
    });
    await hub.directory.upsertPerson({
      id: pid(53),
      displayName: 'Bench lead only',
      email: 'lo@bench.example',
      partnerId: 'p0',
      roles: ['safeguarding-lead'],
    });
    await hub.directory.upsertPerson({
      id: pid(54),
      displayName: 'Bench referrer',
      email: 'r@bench.example',
      partnerId: 'p0',
      roles: ['referrer'],
    });
    const as = (id) => hub.directory.resolve({ userId: id, via: 'dev-persona' });
    const [boardA, boardB] = [await as(pid(50)), await as(pid(51))];

    // Eight quarters, 2025/26 Q1 to 2026/27 Q4, each filed and approved inside its own window.
    const ids = [];
    for (let q = 0; q < QUARTERS; q++) ids.push(contract.cycleId(2025 + Math.floor(q / 4), (q % 4) + 1));
    for (const [q, id] of ids.entries()) {
      const dates = contract.cycleDates(id, contract.DEFAULT_CYCLE_CONFIG);
      clock.current = new Date(`${dates.opensOn}T09:00:00Z`);
      await hub.returnCycles.open(dates, clock.now(), { notify: false });
      await hub.settle();
      const last = q === QUARTERS - 1;
      for (let p = 0; p < PARTNERS; p++) {
        const author = await as(pid(p));
        const mine = (await hub.returns.myReturns(author)).toWrite.find((r) => r.cycleId === id);
        const view = await hub.returns.submit(author, mine.reference, {
          content: content(SECTORS[p], p, q),
          etag: mine.etag,
        });
        // The last quarter's returns stay submitted: there is something to approve in My work.
        if (!last) await hub.returns.approve(p === 1 ? boardB : boardA, mine.reference, { etag: view.etag });
      }
      await hub.settle();
    }
    const filedMs = Date.now() - t0;
    const cycle = ids[ids.length - 1];
    const secretariat = boardA;
    const inProcess = await timed(30, () => hub.returns.collation(secretariat, cycle));
    const workbook = await timed(10, () => hub.returns.exportWorkbook(secretariat, cycle));
    const headers = { 'x-dev-persona': pid(50) };
    const http = await cannon({
      url: `${local.url}/api/return-cycles/${cycle}/collation`,
      headers,
      duration: seconds,
      connections,
    });

    // Concerns waiting for the council's safeguarding leads.
    const referrer = await as(pid(54));
    const intake = dist('hosts/local/seed').demoIntake;
    for (let i = 0; i < CONCERNS; i++)
      await hub.concerns.submit(referrer, {
        idempotencyKey: `bench-returns-${i}`,
        concern: contract.ConcernIntakeSchema.parse(intake()),
      });
    await hub.settle();
    const both = await (
      await fetch(`${local.url}/api/me/queue`, { headers: { 'x-dev-persona': pid(52) } })
    ).json();
    const mixed = await cannon({
      url: `${local.url}/api/me/queue`,
      headers: { 'x-dev-persona': pid(52) },
      duration: seconds,
      connections,
    });
    const concernsOnly = await cannon({
      url: `${local.url}/api/me/queue`,
      headers: { 'x-dev-persona': pid(53) },
      duration: seconds,
      connections,
    });

    console.log(
      `Returns: ${PARTNERS} partners × ${QUARTERS} quarters filed and approved through the service in ${(filedMs / 1000).toFixed(1)} s.`,
    );
    console.table([
      {
        name: `collation of ${cycle} (in-process, with the quarter before)`,
        'req/s': '',
        'p50 ms': inProcess.p50.toFixed(1),
        'p95 ms': inProcess.p95.toFixed(1),
      },
      {
        name: 'Excel workbook of the collation (in-process)',
        'req/s': '',
        'p50 ms': workbook.p50.toFixed(1),
        'p95 ms': workbook.p95.toFixed(1),
      },
      {
        name: 'GET …/collation over loopback',
        'req/s': Math.round(http.rate),
        'p50 ms': http.p50.toFixed(1),
        'p95 ms': http.p95.toFixed(1),
      },
      {
        name: `GET /api/me/queue, ${both.items.length} steps + ${both.tasks.length} returns shown (${CONCERNS} open concerns)`,
        'req/s': Math.round(mixed.rate),
        'p50 ms': mixed.p50.toFixed(1),
        'p95 ms': mixed.p95.toFixed(1),
      },
      {
        name: `GET /api/me/queue, concern steps only (same caseload)`,
        'req/s': Math.round(concernsOnly.rate),
        'p50 ms': concernsOnly.p50.toFixed(1),
        'p95 ms': concernsOnly.p95.toFixed(1),
      },
    ]);
    for (const r of [http, mixed, concernsOnly])
      if (r.non2xx) console.log(`note: ${r.non2xx} non-2xx responses`);
    return { filedMs, inProcess, workbook, http, mixed, concernsOnly };
  } finally {
    await local.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
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

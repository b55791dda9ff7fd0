/**
 * Bench, board pack (issue 16): the time to build a meeting's pack as the job does it (gather, compile the
 * public and the restricted copy, store), and the process's peak memory (RSS) while it builds, for a Board
 * meeting with 12 partners' returns in the quarter before it and 40 pages of PDF papers (made with pdf-lib), one
 * of them under a restricted item, and the longest the event loop was held while it built (what an API request
 * waits behind a build). The hub runs in a child process of its own, so its RSS is the build's alone.
 * Called from run.js; `node test/bench/pack-build.js` runs it alone (after `npm run build`).
 */
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { monitorEventLoopDelay } = require('node:perf_hooks');

const ROOT = path.resolve(process.env.BENCH_ROOT ?? path.join(__dirname, '../..'));
const dist = (p) => require(path.join(ROOT, 'functions/dist', p));
const RUNS = Number(process.env.BENCH_PACK_RUNS ?? 3);
const PARTNERS = 12;
const PAPER_PAGES = [10, 10, 8, 6, 6]; // 40 pages in all; the last paper goes under the restricted item

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
const pid = (n) => `00000000-0000-4000-8000-${String(700 + n).padStart(12, '0')}`;
const mib = (bytes) => Math.round(bytes / 2 ** 20);

async function paper(title, pages) {
  const { PDFDocument, StandardFonts } = require(path.join(ROOT, 'node_modules/pdf-lib'));
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`${title}: page ${i} of ${pages}`, { x: 60, y: 770, size: 16, font });
    for (let l = 0; l < 40; l++)
      page.drawText(`Bench paper text, line ${l + 1}: the partnership's progress against its plan.`, {
        x: 60,
        y: 730 - l * 16,
        size: 10,
        font,
      });
  }
  return Buffer.from(await doc.save()).toString('base64');
}

/** The child: a hub with the meeting, its returns and papers; then builds, each timed and its RSS sampled. */
async function child() {
  const contract = require(path.join(ROOT, 'contract/dist'));
  const { startLocalHub } = dist('hosts/local/hub');
  const { silentLogger } = dist('adapters/logging/pino-logger');
  const { LogNotifier } = dist('adapters/notifier/log-notifier');
  const dataDir = fs.mkdtempSync(path.join(process.env.BENCH_DATA_DIR ?? os.tmpdir(), 'pph-bench-pack-'));
  const cycle = contract.cycleId(2026, 2);
  const dates = contract.cycleDates(cycle, contract.DEFAULT_CYCLE_CONFIG);
  const clock = {
    current: new Date(`${dates.opensOn}T09:00:00Z`),
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
        roles: ['return-author', ...(p < 4 ? ['board-member'] : [])],
      });
    }
    await hub.directory.upsertPerson({
      id: pid(50),
      displayName: 'Bench secretariat',
      email: 's@bench.example',
      partnerId: 'p0',
      roles: ['secretariat'],
    });
    await hub.directory.upsertPerson({
      id: pid(51),
      displayName: 'Bench chair',
      email: 'c@bench.example',
      partnerId: 'p0',
      roles: ['board-chair', 'board-member'],
    });
    const as = (id) => hub.directory.resolve({ userId: id, via: 'dev-persona' });
    const secretariat = await as(pid(50));

    // The quarter before the meeting: 12 returns filed (figures vary by partner, some under 5).
    await hub.returnCycles.open(dates, clock.now(), { notify: false });
    await hub.settle();
    for (let p = 0; p < PARTNERS; p++) {
      const author = await as(pid(p));
      const mine = (await hub.returns.myReturns(author)).toWrite.find((r) => r.cycleId === cycle);
      const counts = { awareness: 20 + ((p * 37) % 180), workshop: p % 7, specialist: p % 4 };
      const total = counts.awareness + counts.workshop + counts.specialist;
      const bands = { '14-17': p % 6, '18-24': (p * 3) % 5, '25-39': 2 + (p % 3) };
      await hub.returns.submit(author, mine.reference, {
        etag: mine.etag,
        content: contract.ReturnContentSchema.parse({
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
          sections: contract.sectionsFor(contract.QUARTERLY_RETURN_V1, SECTORS[p]).map((s, i) => ({
            section: s.key,
            rag: ['green', 'amber', 'red'][(p + i) % 3],
            narrative: 'Bench narrative.',
          })),
        }),
      });
    }
    await hub.settle();

    // A Board meeting a few weeks on, its standing items, one restricted item, and 40 pages of papers.
    clock.current = new Date('2026-10-20T09:00:00Z');
    const meetingDate = '2026-11-10'; // the second Tuesday of November, after the quarter's returns are due
    const { response } = await hub.meetings.schedule(
      secretariat,
      contract.ScheduleMeetingRequestSchema.parse({
        idempotencyKey: 'bench-pack-meeting-0001',
        kind: 'prevent-board',
        title: 'Prevent Partnership Board (bench)',
        start: `${meetingDate}T10:00`,
        end: `${meetingDate}T12:00`,
        location: { venue: 'Bench room', online: true },
        invitees: {
          byRole: [0, 1, 2, 3].map((p) => ({ partnerId: `p${p}`, role: 'board-member' })),
          people: [],
        },
      }),
    );
    const meetingId = response.meeting.id;
    await hub.meetings.addItem(
      secretariat,
      meetingId,
      contract.AddAgendaItemRequestSchema.parse({ title: 'Case review (exempt, bench)', restricted: true }),
      response.meeting.etag,
    );
    const items = (await hub.meetings.forPack(meetingId)).items;
    const restricted = items.find((i) => i.restricted);
    const open = items.filter((i) => !i.restricted);
    for (const [n, pages] of PAPER_PAGES.entries()) {
      const target = n === PAPER_PAGES.length - 1 ? restricted : open[(n * 2 + 1) % open.length];
      await hub.meetings.uploadPaper(secretariat, meetingId, target.id, {
        fileName: `Bench paper ${n + 1}.pdf`,
        contentType: 'application/pdf',
        contentBase64: await paper(`Bench paper ${n + 1}`, pages),
      });
    }

    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 10);
      // How long the event loop was held at a stretch while the build ran: what a request waits behind it.
      const held = monitorEventLoopDelay({ resolution: 10 });
      held.enable();
      const t0 = process.hrtime.bigint();
      const body = { clientRequestId: `bench-pack-build-${String(r).padStart(8, '0')}` };
      const { build } =
        r === 0
          ? await hub.packs.start(secretariat, meetingId, body)
          : await hub.packs.supplement(secretariat, meetingId, { ...body, reason: 'Bench supplement.' });
      await hub.packJobs.settle();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      clearInterval(sampler);
      held.disable();
      peak = Math.max(peak, process.memoryUsage().rss);
      const done = await hub.packs.build(secretariat, build.buildId);
      if (done.status !== 'done') throw new Error(`bench build ${done.status}: ${done.message}`);
      const v = (await hub.packs.versions(secretariat, meetingId)).items.find(
        (x) => x.version === done.version,
      );
      runs.push({
        ms,
        rssBeforeMiB: mib(before),
        rssPeakMiB: mib(peak),
        heldMaxMs: Math.round(held.max / 1e6),
        parts: done.partsTotal,
        pages: Object.fromEntries(v.copies.map((c) => [c.copy, c.pageCount])),
        sizeKiB: Object.fromEntries(v.copies.map((c) => [c.copy, Math.round(c.sizeBytes / 1024)])),
      });
    }
    process.send({ ok: true, runs, maxRssMiB: mib(process.resourceUsage().maxRSS * 1024) });
  } finally {
    await local.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function run() {
  const worker = fork(__filename, ['--child'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_ROOT: ROOT },
    execArgv: ['--expose-gc'],
  });
  const result = await new Promise((resolve, reject) => {
    worker.on('message', resolve);
    worker.on('exit', (code) => reject(new Error(`the pack bench exited (${code})`)));
  });
  if (!result.ok) throw new Error(result.error);
  console.log(
    `\nBoard pack build (${PARTNERS} partner returns, ${PAPER_PAGES.reduce((a, b) => a + b, 0)} pages of PDF papers, one restricted item; public and restricted copies; one hub process):`,
  );
  console.table(
    result.runs.map((r, i) => ({
      build: i === 0 ? 'pack' : `supplement ${i}`,
      s: Number((r.ms / 1000).toFixed(2)),
      parts: r.parts,
      'pages public/restricted': `${r.pages.public}/${r.pages.restricted}`,
      'KiB public/restricted': `${r.sizeKiB.public}/${r.sizeKiB.restricted}`,
      'RSS before MiB': r.rssBeforeMiB,
      'RSS peak MiB': r.rssPeakMiB,
      'event loop held, max ms': r.heldMaxMs,
    })),
  );
  const sorted = result.runs.map((r) => r.ms).sort((a, b) => a - b);
  console.log(
    `median ${(sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(2)} s per build; the process's peak RSS ${result.maxRssMiB} MiB.`,
  );
  return result;
}

module.exports = { run };

if (require.main === module) {
  if (process.argv.includes('--child'))
    child().catch((e) => {
      process.send({ ok: false, error: e instanceof Error ? e.stack : String(e) });
      process.exit(1);
    });
  else
    run().catch((e) => {
      console.error(e);
      process.exitCode = 1;
    });
}

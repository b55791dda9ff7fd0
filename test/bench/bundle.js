/**
 * Bench, the Azure Functions bundle: its size (the deployed bundle and its zip) and its cold start on this
 * machine, to the first 200 on /api/health (functions/scripts/cold-start.js says what that covers and what it
 * does not). Each cold start is a fresh process. The deployed bundle has no store it can open here (SQLite is
 * left out, SharePoint is not reachable), so its start is measured to the end of loading; the first 200 comes
 * from the same bundle built with SQLite put back (--with-sqlite, never deployed), on a new store each time.
 * Called from run.js; `node test/bench/bundle.js` runs it alone. BENCH_COLD_STARTS sets how many (default 7).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { bundleFunctions } = require('../../functions/scripts/bundle');
const { measureColdStart } = require('../../functions/scripts/cold-start');

const RUNS = Number(process.env.BENCH_COLD_STARTS ?? 7);

const azureEnv = (extra) => ({
  PATH: process.env.PATH,
  FUNCTIONS_WORKER_RUNTIME: 'node',
  PPH_TENANT_ID: '11111111-1111-4111-8111-111111111111',
  PPH_CLIENT_ID: '22222222-2222-4222-8222-222222222222',
  PPH_AUDIT_KEY: 'bench-audit-key-not-a-real-secret-0000000',
  PPH_LOG_LEVEL: 'error',
  ...extra,
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const ms = (x) => Number(x.toFixed(0));

async function run() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-bench-bundle-'));
  try {
    const deployed = await bundleFunctions({ outDir: path.join(tmp, 'deploy') });
    const measured = await bundleFunctions({ outDir: path.join(tmp, 'measure'), withSqlite: true });
    const packages = new Set(
      deployed.inputs.map((i) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(i)?.[1]).filter(Boolean),
    );
    console.log(
      `Azure Functions bundle: ${(deployed.bundleBytes / 1024).toFixed(0)} KiB (${deployed.inputs.length} modules from ${packages.size} packages and ours), zip to deploy ${(deployed.zipBytes / 1024).toFixed(0)} KiB with its source map.`,
    );

    const loads = [];
    const starts = [];
    for (let i = 0; i < RUNS; i++) {
      const dataDir = path.join(tmp, `data-${i}`);
      fs.mkdirSync(dataDir);
      loads.push(
        await measureColdStart({
          bundle: deployed.bundle,
          // Load only: SharePoint's configuration now needs a real certificate, so ask for SQLite, which the
          // deployed bundle refuses at the first request, not at load.
          env: azureEnv({ PPH_STORE: 'sqlite', PPH_DATA_DIR: dataDir }),
        }),
      );
      const start = await measureColdStart({
        bundle: measured.bundle,
        env: azureEnv({ PPH_STORE: 'sqlite', PPH_DATA_DIR: dataDir }),
      });
      if (start.status !== 200) throw new Error(`the cold start answered ${start.status}, not 200`);
      starts.push(start);
    }
    const row = (name, xs, first) => ({
      name,
      'node start ms': ms(median(xs.map((x) => x.nodeStartMs))),
      'load bundle ms': ms(median(xs.map((x) => x.loadMs))),
      'first request ms': first ? ms(median(xs.map((x) => x.firstRequestMs))) : '-',
      'to first 200 ms (median)': first ? ms(median(xs.map((x) => x.toFirstResponseMs))) : '-',
      'max ms': first ? ms(Math.max(...xs.map((x) => x.toFirstResponseMs))) : '-',
      functions: xs[0].functions,
    });
    console.table([
      row(`deployed bundle, load only (${RUNS} fresh processes)`, loads, false),
      row(
        `bundle with SQLite, to first 200 on /api/health (${RUNS} fresh processes, new store each)`,
        starts,
        true,
      ),
    ]);
    return { bundleBytes: deployed.bundleBytes, zipBytes: deployed.zipBytes, loads, starts };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
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

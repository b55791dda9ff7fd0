/**
 * Bench, the Teams tabs (issue 14): each tab's first-load JavaScript in gzipped bytes (goal ≤ 250 KB; the charts
 * are loaded lazily, teams-js only inside Teams) and its load time in headless Chromium on loopback, against the
 * real local hub (demo data) behind the real tab server. Called from run.js; `node test/bench/tabs.js` runs it
 * alone (after `npm run build`, which builds the tabs too).
 *
 * First-load JS is counted two ways: from the build's manifest (the entry chunk and the page's chunk with all
 * they import statically: what must arrive before the page can draw), and as measured in the browser (every
 * script the page fetched until it showed its content, lazily loaded chunks included: the dashboard's charts).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(process.env.BENCH_ROOT ?? path.join(__dirname, '../..'));
const DIST = path.join(ROOT, 'teams-app/dist');
const GOAL_KB = 250;
const RUNS = Number(process.env.BENCH_TAB_RUNS ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];

const kb = (bytes) => Number((bytes / 1024).toFixed(1));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gzipped = (file) => zlib.gzipSync(fs.readFileSync(path.join(DIST, file)), { level: 9 }).length;

/** The build's chunks that a page needs before it draws: the entry's and the page's static imports, closed. */
function staticClosure(manifest, keys) {
  const seen = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
}

async function run() {
  const manifestFile = path.join(DIST, '.vite/manifest.json');
  if (!fs.existsSync(manifestFile)) {
    console.log('Tabs bench skipped: teams-app is not built (npm run build builds it).');
    return;
  }
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`Tabs bench skipped: no Chromium at ${CHROMIUM} (sudo apt-get install -y chromium).`);
    return;
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  // teams-js is its own chunk, imported only where Teams may be the host (host/teams-sdk.ts).
  const sdkKey = Object.keys(manifest).find((k) => k.includes('@microsoft/teams-js'));
  const teamsJsKb = sdkKey
    ? kb(staticClosure(manifest, [sdkKey]).reduce((n, f) => n + gzipped(f), 0))
    : undefined;

  const { startLocalHub } = require(path.join(ROOT, 'functions/dist/hosts/local/hub'));
  const { silentLogger } = require(path.join(ROOT, 'functions/dist/adapters/logging/pino-logger'));
  const { PERSONA_IDS } = require(path.join(ROOT, 'functions/dist/hosts/local/personas'));
  const { startTabServer } = require(path.join(ROOT, 'bot/dist/host/tab-server'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-bench-tabs-'));
  const hub = await startLocalHub({ dataDir, port: 0, seed: true, timers: false, logger: silentLogger });
  const tabs = await startTabServer({ distDir: DIST, apiUrl: hub.url, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });

  // Each tab as its usual person, and what shows that the page has drawn its content (not only its frame).
  const TABS = [
    ['My work', 'src/pages/MyWorkPage.tsx', '/my-work', PERSONA_IDS.safeguardingLead, 'main li h2'],
    [
      'A concern',
      'src/pages/ConcernPage.tsx',
      '/concern?ref=PRV-2026-0002',
      PERSONA_IDS.coordinator,
      '#history',
    ],
    ['Returns', 'src/pages/ReturnsPage.tsx', '/returns', PERSONA_IDS.boardChair, '#glance-heading'],
    ['Dashboard', 'src/pages/DashboardPage.tsx', '/dashboard', PERSONA_IDS.boardMember, 'figure svg'],
    ['Channel tab set-up', 'src/pages/ConfigPage.tsx', '/config', PERSONA_IDS.secretariat, 'main h1'],
  ];
  const rows = [];
  try {
    for (const [name, page, at, persona, ready] of TABS) {
      const files = staticClosure(manifest, [entry, page]);
      const firstLoad = files.reduce((n, f) => n + gzipped(f), 0);
      const url = `${tabs.url}${at}${at.includes('?') ? '&' : '?'}persona=${persona}`;
      const cold = [];
      const warm = [];
      let fetched = 0;
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
        await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (r) => r.abort());
        const tab = await context.newPage();
        let t0 = Date.now();
        await tab.goto(url);
        await tab.locator(ready).first().waitFor({ timeout: 30_000 });
        cold.push(Date.now() - t0);
        // Scripts as they came over the wire (gzipped): the Resource Timing of every .js the page fetched.
        fetched = await tab.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .filter((e) => new URL(e.name).pathname.endsWith('.js'))
            .reduce((n, e) => n + e.encodedBodySize, 0),
        );
        // Again in the same browser: scripts from its cache (hashed assets are immutable), data fetched afresh.
        t0 = Date.now();
        await tab.reload();
        await tab.locator(ready).first().waitFor({ timeout: 30_000 });
        warm.push(Date.now() - t0);
        await context.close();
      }
      rows.push({
        tab: name,
        'first-load JS, gzip KB': kb(firstLoad),
        chunks: files.length,
        'JS fetched by the page, gzip KB': kb(fetched),
        'load ms (cold, median)': median(cold),
        'load ms (cached, median)': median(warm),
      });
    }
  } finally {
    await browser.close();
    await tabs.close();
    await hub.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    `\nTeams tabs: first-load JS (gzip) and load time in Chromium on loopback, to the page's content, median of ${RUNS}` +
      ` (${os.cpus().length} cores). Outside Teams; inside Teams each tab also loads teams-js` +
      `${teamsJsKb !== undefined ? ` (${teamsJsKb} KB gzip)` : ''}.`,
  );
  console.table(rows);
  const charts = Object.values(manifest).find((c) => (c.src ?? '').endsWith('dashboard/Charts.tsx'));
  if (charts)
    console.log(
      `The charts' chunk, loaded by the dashboard only and after its first paint (not counted above): ${kb(gzipped(charts.file))} KB gzip.`,
    );
  const worst = Math.max(...rows.map((r) => r['first-load JS, gzip KB'] + (teamsJsKb ?? 0)));
  console.log(
    `${worst <= GOAL_KB ? 'met' : 'NOT met'}: every tab's first-load JS ≤ ${GOAL_KB} KB gzip, in Teams (teams-js included): largest ${worst.toFixed(1)} KB`,
  );
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

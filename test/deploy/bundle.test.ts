/**
 * The Azure Functions bundle (npm run bundle:functions): one file, without the dev sign-in, the local host or
 * SQLite (read from esbuild's metafile, which lists every module that went in), that registers the whole API
 * with the Functions worker and answers /api/health.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Operations } from '@pph/contract';
import { spawn } from 'node:child_process';
import JSZip from 'jszip';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { bundleBot, bundleFunctions, type BundleResult } from '../../functions/scripts/bundle';
import { measureColdStart } from '../../functions/scripts/cold-start';

const REPO = path.resolve(__dirname, '../..');
let tmp: string;
let deployed: BundleResult;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-bundle-'));
  deployed = await bundleFunctions({ outDir: path.join(tmp, 'deploy') });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Azure mode's required settings, none of them real; nothing here reaches the network. */
const azureEnv = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  FUNCTIONS_WORKER_RUNTIME: 'node',
  PPH_TENANT_ID: '11111111-1111-4111-8111-111111111111',
  PPH_CLIENT_ID: '22222222-2222-4222-8222-222222222222',
  PPH_AUDIT_KEY: 'bundle-test-audit-key-not-a-real-secret-000',
  PPH_LOG_LEVEL: 'error',
  ...extra,
});

it('holds no dev sign-in, no local host, no demo personas and no SQLite', () => {
  const inputs = deployed.inputs;
  // The metafile is real: it lists what the entry point does use.
  expect(inputs).toEqual(
    expect.arrayContaining([
      'functions/src/hosts/azure/index.ts',
      'functions/src/adapters/identity/jwks.ts',
      'functions/src/hosts/http/route-table.ts',
      'contract/src/index.ts',
    ]),
  );
  expect(inputs.some((i) => i.startsWith('node_modules/@azure/functions/'))).toBe(true);
  // The entry point's import of the SQLite adapter meets a stand-in that refuses, not the adapter.
  expect(inputs).toContain('left-out:../../adapters/sqlite/sqlite-store.js');
  const forbidden = inputs.filter(
    (i) =>
      !i.startsWith('left-out:') &&
      /dev-authenticator|hosts\/local\/|better-sqlite3|adapters\/sqlite\/|personas/.test(i),
  );
  expect(forbidden).toEqual([]);
  const text = fs.readFileSync(deployed.bundle, 'utf8');
  expect(text).not.toContain('createDevAuthenticator');
  expect(text).not.toMatch(/require\("better-sqlite3"\)/);
});

it('is laid out for Azure Functions: host.json, and a package.json whose main is the bundle', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(deployed.appDir, 'package.json'), 'utf8'));
  expect(pkg).toMatchObject({ name: '@pph/functions', main: 'dist/index.js', dependencies: {} });
  expect(path.join(deployed.appDir, pkg.main)).toBe(deployed.bundle);
  const host = JSON.parse(fs.readFileSync(path.join(deployed.appDir, 'host.json'), 'utf8'));
  expect(host.version).toBe('2.0');
  expect(fs.statSync(deployed.zip!).size).toBeGreaterThan(0);
});

it("registers every Azure operation and the three timers (the hub's minute, returns, pack builds); asked for SQLite, it says the store is not in the bundle", async () => {
  const azureOperations = Object.values(Operations).filter(
    (op) => !('localOnly' in op && op.localOnly),
  ).length;
  const run = await measureColdStart({
    bundle: deployed.bundle,
    env: azureEnv({ PPH_STORE: 'sqlite', PPH_DATA_DIR: path.join(tmp, 'data') }),
  });
  expect(run.functions).toBe(azureOperations + 3);
  expect(run.status).toBe(500);
  expect(fs.existsSync(path.join(tmp, 'data', 'hub.sqlite'))).toBe(false);
});

it('cold, answers /api/health with 200 once it has a store (measured with SQLite put back, not deployed)', async () => {
  const measured = await bundleFunctions({ outDir: path.join(tmp, 'measure'), withSqlite: true });
  const run = await measureColdStart({
    bundle: measured.bundle,
    env: azureEnv({ PPH_STORE: 'sqlite', PPH_DATA_DIR: path.join(tmp, 'data') }),
  });
  expect(run.status).toBe(200);
  expect(run.toFirstResponseMs).toBeGreaterThan(run.loadMs);
});

it("writes PDFs with the hub's font embedded from inside the bundle (the font files travel beside it)", async () => {
  const zip = await JSZip.loadAsync(fs.readFileSync(deployed.zip!));
  expect(Object.keys(zip.files)).toEqual(
    expect.arrayContaining(['dist/fonts/NotoSans_400Regular.ttf', 'dist/fonts/NotoSans_700Bold.ttf']),
  );
  // A bundle of the same build whose entry renders a PDF, run where node_modules cannot be reached.
  const entry = path.join(tmp, 'render-entry.ts');
  const writer = path.join(REPO, 'functions/src/kernel/documents/render-tagged-pdf');
  fs.writeFileSync(
    entry,
    `import { renderTaggedPdf } from ${JSON.stringify(writer)};\n` +
      `renderTaggedPdf({ title: 'Board pack', blocks: [{ kind: 'paragraph', text: 'Agenda' }] }).then(` +
      `(b) => process.stdout.write(Buffer.from(b)), (e) => { console.error(e); process.exit(1); });\n`,
  );
  const built = await bundleFunctions({ outDir: path.join(tmp, 'render'), entry, zip: false });
  const away = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-bundle-away-'));
  fs.cpSync(path.join(built.appDir, 'dist'), away, { recursive: true });
  const pdf = await new Promise<Buffer>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(away, 'index.js')], {
      cwd: away,
      env: { PATH: process.env.PATH },
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(err))));
  });
  fs.rmSync(away, { recursive: true, force: true });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // Every font an embedded TrueType subset of Noto Sans (FontFile2); never the standard Helvetica, not embedded.
  const doc = await PDFDocument.load(pdf);
  const fonts = doc.context
    .enumerateIndirectObjects()
    .map(([, o]) => o)
    .filter(
      (o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'),
    );
  expect(fonts.length).toBeGreaterThan(0);
  for (const f of fonts) {
    expect(f.get(PDFName.of('FontName'))?.toString()).toMatch(/^\/[A-Z]{6}\+NotoSans/);
    expect(f.get(PDFName.of('FontFile2'))).toBeDefined();
  }
});

it('refuses to bundle an entry point that would pull in the dev sign-in', async () => {
  const entry = path.join(tmp, 'entry.ts');
  const devSignIn = path.join(REPO, 'functions/src/adapters/identity/dev-authenticator');
  fs.writeFileSync(entry, `export { createDevAuthenticator } from ${JSON.stringify(devSignIn)};\n`);
  await expect(bundleFunctions({ outDir: path.join(tmp, 'refused'), entry })).rejects.toThrow(
    /dev-authenticator \(imported by .*\) must not be in the Azure bundle/,
  );
});

it('bundles the bot too, without the local host or SQLite, and it starts in azure mode and answers its health check', async () => {
  const bot = await bundleBot({ outDir: path.join(tmp, 'deploy') });
  expect(
    bot.inputs.filter((i) => /hosts\/local\/|dev-authenticator|better-sqlite3|adapters\/sqlite\//.test(i)),
  ).toEqual([]);
  expect(bot.inputs).toContain('bot/src/cards/templates/approval.json');
  const child = spawn(process.execPath, [bot.bundle], {
    env: {
      PATH: process.env.PATH,
      PPH_MODE: 'azure',
      PPH_BOT_PORT: '0',
      PPH_BOT_APP_ID: '33333333-3333-4333-8333-333333333333',
      PPH_BOT_APP_PASSWORD: 'not-a-real-secret',
      PPH_TENANT_ID: '11111111-1111-4111-8111-111111111111',
      PPH_CLIENT_ID: '22222222-2222-4222-8222-222222222222',
      PPH_BOT_NOTIFY_KEY: 'bundle-test-notify-key',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /on (http:\/\/[^/\s]+)\/api\/messages/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`the bot exited (${code}): ${out}`)));
    });
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  } finally {
    child.kill();
  }
});

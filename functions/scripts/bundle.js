// @ts-check
/**
 * `npm run bundle:functions`: the Azure Functions app as one esbuild bundle, ready to deploy.
 *
 *   functions/deploy/app/        what is deployed: host.json, package.json (main: dist/index.js), dist/index.js
 *   functions/deploy/app.zip     the same, zipped for `az functionapp deployment source config-zip`
 *   functions/deploy/meta.json   esbuild's metafile: every module that went into the bundle
 *
 * Built from the TypeScript sources (no `npm run build` needed). The SQLite adapter is left out: the entry point
 * imports it only when PPH_STORE=sqlite, and in the bundle that import fails with a message saying to use
 * SharePoint. The build refuses outright if anything would pull in better-sqlite3, the dev sign-in or the local
 * host. `@azure/functions-core` stays external: the Functions worker provides it at run time.
 *
 * `--with-sqlite` (for measuring only, never deployed; in functions/deploy/measure-with-sqlite/) keeps the SQLite
 * adapter, with better-sqlite3 loaded from node_modules, so that the bundle can answer a request on this machine.
 */
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const JSZip = require('jszip');

const FUNCTIONS = path.resolve(__dirname, '..');
const REPO = path.resolve(FUNCTIONS, '..');
const ENTRY = path.join(FUNCTIONS, 'src/hosts/azure/index.ts');

const SQLITE_ADAPTER = /[\\/]adapters[\\/]sqlite[\\/]sqlite-store(\.js)?$/;
/** Modules that must never reach Azure: the dev sign-in, the demo personas and the local host. */
const LOCAL_ONLY = /[\\/](adapters[\\/]identity[\\/]dev-authenticator|hosts[\\/]local[\\/])/;

/**
 * @param {{ withSqlite: boolean }} opts
 * @returns {import('esbuild').Plugin}
 */
function leaveOutLocalOnly({ withSqlite }) {
  return {
    name: 'leave-out-local-only',
    setup(build) {
      build.onResolve({ filter: /dev-authenticator|[\\/]local[\\/]/ }, (args) =>
        LOCAL_ONLY.test(path.resolve(args.resolveDir, args.path))
          ? {
              errors: [
                { text: `${args.path} (imported by ${args.importer}) must not be in the Azure bundle.` },
              ],
            }
          : undefined,
      );
      build.onResolve({ filter: /^better-sqlite3$/ }, (args) =>
        withSqlite
          ? { path: require.resolve('better-sqlite3', { paths: [FUNCTIONS] }), external: true }
          : {
              errors: [
                { text: `better-sqlite3 (imported by ${args.importer}) must not be in the Azure bundle.` },
              ],
            },
      );
      if (!withSqlite)
        build.onResolve({ filter: SQLITE_ADAPTER }, (args) => ({ path: args.path, namespace: 'left-out' }));
      build.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({
        contents:
          "throw new Error('The SQLite store is not in the Azure bundle: set PPH_STORE=sharepoint and PPH_SP_SITE_URL.');",
        loader: 'js',
      }));
    },
  };
}

/** Noto Sans (SIL OFL), embedded in every PDF the hub writes: files, not modules, so copied beside the bundle. */
const FONTS = ['400Regular/NotoSans_400Regular.ttf', '700Bold/NotoSans_700Bold.ttf'];

/**
 * @param {{ outDir?: string, withSqlite?: boolean, zip?: boolean, entry?: string }} [opts] `entry` only for tests
 */
async function bundleFunctions(opts = {}) {
  const withSqlite = opts.withSqlite ?? false;
  const outDir = opts.outDir ?? path.join(FUNCTIONS, withSqlite ? 'deploy/measure-with-sqlite' : 'deploy');
  const appDir = path.join(outDir, 'app');
  fs.rmSync(appDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(appDir, 'dist'), { recursive: true });
  const bundle = path.join(appDir, 'dist/index.js');
  const result = await esbuild.build({
    entryPoints: [opts.entry ?? ENTRY],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    keepNames: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    legalComments: 'linked',
    // The contract from its sources, as the tests use it: no build step before bundling.
    alias: { '@pph/contract': path.join(REPO, 'contract/src/index.ts') },
    external: ['@azure/functions-core'],
    plugins: [leaveOutLocalOnly({ withSqlite })],
  });
  // The fonts the hub's PDFs embed (kernel/documents/fonts.ts looks for them in fonts/ beside the bundle).
  fs.mkdirSync(path.join(appDir, 'dist/fonts'), { recursive: true });
  for (const font of FONTS)
    fs.copyFileSync(
      require.resolve(`@expo-google-fonts/noto-sans/${font}`, { paths: [FUNCTIONS] }),
      path.join(appDir, 'dist/fonts', path.basename(font)),
    );
  const functionsPackage = JSON.parse(fs.readFileSync(path.join(FUNCTIONS, 'package.json'), 'utf8'));
  fs.copyFileSync(path.join(__dirname, 'host.json'), path.join(appDir, 'host.json'));
  // The name and version are what the hub reports on /api/health (config.ts reads ../package.json from dist/).
  const deployPackage = {
    name: functionsPackage.name,
    version: functionsPackage.version,
    private: true,
    description: 'The Prevent Partnership Hub API, bundled for Azure Functions (npm run bundle:functions)',
    main: 'dist/index.js',
    engines: { node: '>=22' },
    dependencies: {},
  };
  fs.writeFileSync(path.join(appDir, 'package.json'), `${JSON.stringify(deployPackage, null, 2)}\n`);
  const metafile = path.join(outDir, 'meta.json');
  fs.writeFileSync(metafile, JSON.stringify(result.metafile));

  let zip;
  if (opts.zip ?? !withSqlite) {
    const archive = new JSZip();
    for (const file of [
      'host.json',
      'package.json',
      'dist/index.js',
      'dist/index.js.map',
      ...FONTS.map((f) => `dist/fonts/${path.basename(f)}`),
    ])
      archive.file(file, fs.readFileSync(path.join(appDir, file)));
    if (fs.existsSync(path.join(appDir, 'dist/index.js.LEGAL.txt')))
      archive.file('dist/index.js.LEGAL.txt', fs.readFileSync(path.join(appDir, 'dist/index.js.LEGAL.txt')));
    zip = path.join(outDir, 'app.zip');
    fs.writeFileSync(zip, await archive.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  }
  return {
    appDir,
    bundle,
    bundleBytes: fs.statSync(bundle).size,
    zip,
    zipBytes: zip ? fs.statSync(zip).size : undefined,
    metafile,
    /** Every module in the bundle, as paths relative to the repository (node_modules/… for packages). */
    inputs: Object.keys(result.metafile.inputs),
  };
}

/**
 * `npm run bundle:bot`: the bot for its App Service as one bundle too (functions/deploy/bot: package.json with
 * `npm start`, dist/index.js, and bot.zip beside it), with the same refusals: no dev sign-in, no local host, no
 * SQLite (the bot is a client of the API and never opens the store).
 * @param {{ outDir?: string }} [opts]
 */
async function bundleBot(opts = {}) {
  const outDir = opts.outDir ?? path.join(FUNCTIONS, 'deploy');
  const appDir = path.join(outDir, 'bot');
  fs.rmSync(appDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(appDir, 'dist'), { recursive: true });
  const bundle = path.join(appDir, 'dist/index.js');
  const result = await esbuild.build({
    entryPoints: [path.join(REPO, 'bot/src/host/main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    keepNames: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    legalComments: 'linked',
    alias: {
      '@pph/contract': path.join(REPO, 'contract/src/index.ts'),
      '@pph/functions': path.join(FUNCTIONS, 'src'),
    },
    plugins: [leaveOutLocalOnly({ withSqlite: false })],
  });
  const botPackage = JSON.parse(fs.readFileSync(path.join(REPO, 'bot/package.json'), 'utf8'));
  const deployPackage = {
    name: botPackage.name,
    version: botPackage.version,
    private: true,
    description: 'The Prevent Partnership Hub bot, bundled for App Service (npm run bundle:bot)',
    main: 'dist/index.js',
    scripts: { start: 'node dist/index.js' },
    engines: { node: '>=22' },
    dependencies: {},
  };
  fs.writeFileSync(path.join(appDir, 'package.json'), `${JSON.stringify(deployPackage, null, 2)}\n`);
  const metafile = path.join(outDir, 'meta.bot.json');
  fs.writeFileSync(metafile, JSON.stringify(result.metafile));
  const archive = new JSZip();
  for (const file of fs.readdirSync(path.join(appDir, 'dist')))
    archive.file(`dist/${file}`, fs.readFileSync(path.join(appDir, 'dist', file)));
  archive.file('package.json', fs.readFileSync(path.join(appDir, 'package.json')));
  const zip = path.join(outDir, 'bot.zip');
  fs.writeFileSync(zip, await archive.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return {
    appDir,
    bundle,
    bundleBytes: fs.statSync(bundle).size,
    zip,
    zipBytes: fs.statSync(zip).size,
    metafile,
    inputs: Object.keys(result.metafile.inputs),
  };
}

module.exports = { bundleFunctions, bundleBot };

if (require.main === module) {
  const withSqlite = process.argv.includes('--with-sqlite');
  (process.argv.includes('--bot') ? bundleBot() : bundleFunctions({ withSqlite })).then(
    (r) => {
      const rel = (/** @type {string} */ p) => path.relative(process.cwd(), p);
      console.log(
        `bundled ${r.inputs.length} modules into ${rel(r.bundle)} (${(r.bundleBytes / 1024).toFixed(0)} KiB${r.zip ? `; ${rel(r.zip)} ${/** @type {number} */ (r.zipBytes / 1024).toFixed(0)} KiB` : ''}); modules listed in ${rel(r.metafile)}${withSqlite ? ' (with SQLite: for measuring only, not for deployment)' : ''}.`,
      );
    },
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}

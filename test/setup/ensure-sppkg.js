/**
 * `npm test` runs this after ensure-chromium.js (the "pretest" script): the SharePoint web part's solution package
 * is built by the real SPFx toolchain (`npm run package:spfx`) when it is missing or older than the web part's
 * sources, so test/spfx/sppkg.test.ts always has the package it opens. The first build installs spfx/ (its own
 * npm project, Node 22 from the npm registry) and takes about ten minutes on two cores; later ones reuse it.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '../..');
const SPPKG = path.join(REPO, 'spfx/sharepoint/solution/pph-board-secretariat.sppkg');
const SOURCES = ['spfx/src', 'spfx/config', 'spfx/package.json'].map((p) => path.join(REPO, p));

function newestChange(p) {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(p).map((name) => newestChange(path.join(p, name))));
}

function main() {
  const built = fs.existsSync(SPPKG) ? fs.statSync(SPPKG).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map(newestChange));
  if (built > changed) return;
  console.error(
    built
      ? 'The web part changed since its .sppkg was built: building it again (npm run package:spfx)…'
      : "Building the web part's .sppkg with the SPFx toolchain (npm run package:spfx; about ten minutes the first time)…",
  );
  const r = spawnSync('npm', ['run', 'package:spfx'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0)
    console.error(
      `npm run package:spfx failed (${r.error?.message ?? `exit ${r.status}`}): the .sppkg test will fail.`,
    );
}

main();

/**
 * `npm test` runs this first (the "pretest" script), for Chromium and for poppler's pdftoppm (the PDF tests render
 * pages with it). The browser tests drive Debian's Chromium (/usr/bin/chromium,
 * or CHROMIUM_PATH), never a downloaded browser build. When it is missing and this runs as root on Debian, it is
 * installed from Debian's archive with apt. Otherwise this says exactly what to install and the test run goes on:
 * the browser tests then fail (they never skip) with the same words (test/support/browser.ts).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const chromium = process.env.CHROMIUM_PATH || DEBIAN_CHROMIUM;
const PACKAGES = ['chromium', 'fonts-liberation'];

function missingMessage(why) {
  return [
    `Chromium is not installed at ${chromium}${why ? ` and ${why}` : ''}: the browser tests will fail.`,
    `Install Debian's package: sudo apt-get install -y chromium (npm test does this itself when run as root on Debian),`,
    'or set CHROMIUM_PATH to a Chromium binary.',
  ].join('\n');
}

/** Why this process cannot install Debian's chromium itself, or undefined when it can. */
function cannotInstall() {
  if (process.env.CHROMIUM_PATH) return 'CHROMIUM_PATH is set, so nothing is installed';
  if (process.platform !== 'linux') return 'this is not Linux';
  let osRelease = '';
  try {
    osRelease = fs.readFileSync('/etc/os-release', 'utf8');
  } catch {
    // no os-release: not a Debian we know
  }
  if (!/^ID="?debian"?$/m.test(osRelease)) return 'this is not Debian, so it is not installed automatically';
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    return 'npm test is not running as root, so it cannot install it';
  if (!fs.existsSync('/usr/bin/apt-get')) return 'apt-get is not available';
  return undefined;
}

function apt(args) {
  const r = spawnSync('/usr/bin/apt-get', args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} exited with ${r.status}`);
}

/** Poppler's pdftoppm: the PDF tests render pages to PNG with it (test/documents/pdf-inspect.ts). */
const PDFTOPPM = '/usr/bin/pdftoppm';

function main() {
  const needed = [
    ...(fs.existsSync(chromium) ? [] : PACKAGES),
    ...(fs.existsSync(PDFTOPPM) ? [] : ['poppler-utils']),
  ];
  if (needed.length === 0) return;
  const why = cannotInstall();
  if (why) {
    if (!fs.existsSync(chromium)) console.error(missingMessage(why));
    if (!fs.existsSync(PDFTOPPM))
      console.error(
        `pdftoppm is not installed at ${PDFTOPPM} and ${why}: the PDF tests will fail. Install it: sudo apt-get install -y poppler-utils`,
      );
    return;
  }
  console.error(`Installing Debian's ${needed.join(', ')} with apt for the browser and PDF tests…`);
  const started = Date.now();
  try {
    apt(['update', '-qq']);
    apt(['install', '-y', '-qq', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=300', ...needed]);
  } catch (e) {
    console.error(missingMessage(`installing it failed (${e instanceof Error ? e.message : e})`));
    return;
  }
  if (!fs.existsSync(chromium)) {
    console.error(missingMessage('apt installed the package without it'));
    return;
  }
  console.error(`Installed ${needed.join(', ')} in ${Math.round((Date.now() - started) / 1000)} s.`);
}

main();

/**
 * For the browser tests of the Board web part: its local harness (spfx/harness, rebuilt when its sources or the
 * web part's views are newer than the build) served by the real tab server in front of a real local hub.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startTabServer, type TabServer } from '@pph/bot/host/tab-server';
import { startTestHub, type TestHub } from '../support/hub';
import type { LocalHubOptions } from '@pph/functions/hosts/local/hub';

const ROOT = path.resolve(__dirname, '../..');
const HARNESS = path.join(ROOT, 'spfx', 'harness');
const DIST = path.join(HARNESS, 'dist');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return latest;
}

/** `npm run build:board` when the harness's build is missing or older than what it is built from. */
export function ensureHarnessBuilt() {
  const built = path.join(DIST, 'index.html');
  const sources = Math.max(
    newest(HARNESS),
    newest(path.join(ROOT, 'spfx', 'src')),
    newest(path.join(ROOT, 'contract', 'src')),
  );
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      path.join(HARNESS, 'vite.config.mts'),
    ],
    { cwd: ROOT, stdio: 'pipe' },
  );
}

export interface BoardStack {
  hub: TestHub;
  harness: TabServer;
  close(): Promise<void>;
}

export async function startBoardStack(
  opts: Partial<LocalHubOptions> & { start?: Date } = {},
): Promise<BoardStack> {
  ensureHarnessBuilt();
  const hub = await startTestHub(opts);
  const harness = await startTabServer({ distDir: DIST, apiUrl: hub.url, port: 0 });
  return {
    hub,
    harness,
    close: async () => {
      await harness.close();
      await hub.close();
    },
  };
}

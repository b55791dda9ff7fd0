/**
 * The Agents Playground on a machine with no desktop: no xdg-open (xdg-utils) on the PATH, no display. It must come
 * up, answer, and stay up (it used to try to open a browser, and died of "spawn xdg-open ENOENT" just after
 * listening). No browser is needed here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { playgroundConfigDir, startPlayground, type PlaygroundProcess } from '@pph/bot/host/playground';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const PORT = 56172; // beside the bot e2e test's 56170/56171 and a developer's `npm start` on 56150

const saved = { PATH: process.env.PATH, DISPLAY: process.env.DISPLAY, WAYLAND: process.env.WAYLAND_DISPLAY };
let tmp: string;
let playground: PlaygroundProcess | undefined;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-no-desktop-'));
  // A PATH that holds node and nothing else: whatever the playground would spawn by name is not there.
  const bin = path.join(tmp, 'bin');
  fs.mkdirSync(bin);
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  process.env.PATH = bin;
  delete process.env.DISPLAY;
  delete process.env.WAYLAND_DISPLAY;
});

afterAll(async () => {
  await playground?.stop();
  process.env.PATH = saved.PATH;
  if (saved.DISPLAY !== undefined) process.env.DISPLAY = saved.DISPLAY;
  if (saved.WAYLAND !== undefined) process.env.WAYLAND_DISPLAY = saved.WAYLAND;
  fs.rmSync(tmp, { recursive: true, force: true });
});

it('starts with no xdg-open on the PATH and no display, answers 200, and is still up seconds later', async () => {
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => fs.existsSync(path.join(dir, 'xdg-open')));
  expect(onPath).toBe(false);

  playground = await startPlayground({
    configFile: path.join(playgroundConfigDir(ROOT, 'referrer'), '.m365agentsplayground.yml'),
    botUrl: 'http://127.0.0.1:9', // nothing listens: the page is served without a bot
    port: PORT,
    logDir: path.join(tmp, 'playground'),
    persona: 'referrer',
  });
  expect(playground.url).toBe(`http://127.0.0.1:${PORT}`);

  // Opening a browser would happen just after it starts listening; give a failure time to show.
  await new Promise((r) => setTimeout(r, 3000));
  expect(playground.child.exitCode).toBeNull();
  const res = await fetch(playground.url, { signal: AbortSignal.timeout(5000) });
  expect(res.status).toBe(200);
  expect(await res.text()).toMatch(/<html/i);

  const logFile = path.join(tmp, 'playground', 'playground.log');
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
  expect(log).not.toMatch(/xdg-open|ENOENT/);
});

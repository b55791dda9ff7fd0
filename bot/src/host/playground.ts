/**
 * The Microsoft 365 Agents Playground as the local Teams client: one config per demo persona (the persona's id is
 * the playground user's Entra object id, which the bot passes to the API as the dev sign-in), and a launcher.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Person } from '@pph/contract';

export const PLAYGROUND_PORT = 56150;
export const PLAYGROUND_TENANT_ID = '7d1c2b3a-0000-4000-8000-00000000aa01';
export const PLAYGROUND_BOT_ID = '7d1c2b3a-0000-4000-8000-00000000b071';

export const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const q = (s: string) => JSON.stringify(s);

function userYaml(p: Person, indent: string): string {
  const [given, ...rest] = p.displayName.split(' ');
  return [
    `id: ${q(`pph-user-${p.id.slice(-2)}`)}`,
    `name: ${q(p.displayName)}`,
    `userPrincipleName: ${q(p.email)}`,
    `aadObjectId: ${q(p.id)}`,
    `givenName: ${q(given ?? p.displayName)}`,
    `surname: ${q(rest.join(' '))}`,
    `email: ${q(p.email)}`,
  ]
    .map((l, i) => (i === 0 ? l : `${indent}${l}`))
    .join('\n');
}

/** The playground allows five other users: the people a concern's default route reaches first. */
const MAX_OTHER_USERS = 5;

/** The `.m365agentsplayground.yml` for chatting as one persona (route colleagues are the chat's members). */
export function playgroundConfigYaml(current: Person, people: Person[]): string {
  const others = people.filter((p) => p.id !== current.id).slice(0, MAX_OTHER_USERS);
  return [
    '# Generated from the demo personas (bot/src/host/playground.ts); `npm run playground:configs` rewrites it.',
    'version: "0.1.1"',
    `tenantId: ${q(PLAYGROUND_TENANT_ID)}`,
    'bot:',
    `  id: ${q(PLAYGROUND_BOT_ID)}`,
    '  name: "Prevent Hub"',
    'currentUser:',
    `  ${userYaml(current, '  ')}`,
    'users:',
    ...others.map((p) => `  - ${userYaml(p, '    ')}`),
    'personalChat:',
    `  id: ${q(`pph-personal-${current.id.slice(-2)}`)}`,
    'groupChat:',
    '  id: "pph-group-chat"',
    '  name: "Prevent partnership"',
    'team:',
    '  id: "pph-team"',
    '  name: "Prevent Partnership"',
    '  aadGroupId: "7d1c2b3a-0000-4000-8000-00000000a9e1"',
    '  channels:',
    '    - id: "pph-channel-cases"',
    '      name: "Prevent cases"',
    '',
  ].join('\n');
}

export function playgroundConfigDir(root: string, personaKey: string): string {
  return path.join(root, 'bot', 'playground', kebab(personaKey));
}

export interface PlaygroundProcess {
  url: string;
  persona: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the Agents Playground for one persona against the bot; resolves once its page answers. */
export async function startPlayground(opts: {
  configFile: string;
  botUrl: string;
  port: number;
  logDir: string;
  persona: string;
}): Promise<PlaygroundProcess> {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  fs.mkdirSync(opts.logDir, { recursive: true });
  const logFile = path.join(opts.logDir, 'playground.log');
  const child = spawn(
    process.execPath,
    [
      cli,
      '-e',
      `${opts.botUrl}/api/messages`,
      '-c',
      'msteams',
      '-p',
      String(opts.port),
      '--disable-telemetry',
    ],
    {
      cwd: opts.logDir,
      env: {
        ...process.env,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: opts.configFile,
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
        // The playground opens its page in a desktop browser (the `open` package, i.e. xdg-open on Linux) unless
        // this is "none"; on a machine without xdg-utils that spawn fails and takes the playground down with it.
        // (`BROWSER` is not read by it.) test/e2e/playground-headless.test.ts starts it with no xdg-open on PATH.
        TEAMSAPPTESTER_BROWSER: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  child.stdout?.on('data', (b: Buffer) => output.push(b.toString()));
  child.stderr?.on('data', (b: Buffer) => output.push(b.toString()));
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
      const reasons = log.split('\n').filter((l) => l.startsWith('error '));
      throw new Error(
        `The Agents Playground stopped at start-up:\n${(reasons.join('\n') || output.join('')).slice(-2000)}`,
      );
    }
    const up = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`The Agents Playground did not answer on ${url} within a minute.`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    persona: opts.persona,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

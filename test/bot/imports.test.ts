/**
 * The bot imports its own code and the contract package only: no server module of @pph/functions. Every file
 * under bot/src is compiled as the build does (type-only imports erased) and its run-time requires read.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { LOCAL_DEV_NOTIFY_KEY as API_KEY } from '@pph/functions/config';
import { LOCAL_DEV_NOTIFY_KEY } from '@pph/bot/host/environment';

const SRC = path.resolve(__dirname, '../../bot/src');

/**
 * Still importing @pph/functions, by name: `npm start` starts the whole local hub, API included, and the
 * playground's config writer lists the local hub's demo personas. Both are local development launchers, never
 * part of the deployed bot. (The bot bench lives in test/bench.)
 */
const ALLOWED = new Set(['host/start-local.ts', 'host/write-playground-configs.ts']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

function runtimeRequires(file: string): string[] {
  const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  }).outputText;
  return [...js.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
}

it('no file under bot/src but those named loads @pph/functions', () => {
  const offenders: string[] = [];
  let walked = 0;
  for (const file of sourceFiles(SRC)) {
    const rel = path.relative(SRC, file).split(path.sep).join('/');
    const requires = runtimeRequires(file);
    walked += requires.length;
    if (ALLOWED.has(rel)) continue;
    for (const r of requires)
      if (r === '@pph/functions' || r.startsWith('@pph/functions/')) offenders.push(`${rel}: ${r}`);
  }
  // The walk is real: bot/src requires botbuilder and the contract somewhere.
  expect(walked).toBeGreaterThan(20);
  expect(offenders).toEqual([]);
});

it("the bot's local notify key is the one the local hub sends", () => {
  expect(LOCAL_DEV_NOTIFY_KEY).toBe(API_KEY);
});

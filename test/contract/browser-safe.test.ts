/**
 * The contract is what the bot, the tabs and the web part import: importing it must load nothing of the server.
 * Walk what its modules require once compiled (type-only imports are erased, as in a bundle) and check that
 * every import is either its own module or zod.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../contract');
const SRC = path.join(ROOT, 'src');

function requiresOf(file: string): string[] {
  const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  }).outputText;
  return [...js.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
}

function walk(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of requiresOf(file)) {
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const found = [`${base}.ts`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c));
      if (!found) throw new Error(`${path.relative(SRC, file)} imports ${spec}, which does not resolve`);
      todo.push(found);
    }
  }
  return { files, packages };
}

it('importing @pph/contract loads only its own modules and zod', () => {
  const { files, packages } = walk(path.join(SRC, 'index.ts'));
  // The walk is real: it reaches the operation table and the client through the index.
  expect([...files].map((f) => path.relative(SRC, f))).toEqual(
    expect.arrayContaining(['operations.ts', 'kernel/client.ts', 'concerns/concern.ts']),
  );
  for (const f of files) expect(f.startsWith(SRC + path.sep)).toBe(true);
  expect([...packages]).toEqual(['zod']);
});

it('the contract package depends on zod alone', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  expect(Object.keys(pkg.dependencies ?? {})).toEqual(['zod']);
  expect(pkg.devDependencies ?? {}).toEqual({});
});

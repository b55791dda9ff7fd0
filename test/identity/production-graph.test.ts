/**
 * The Azure entry point must not even load the dev sign-in or the local host: walk the modules it imports at
 * run time (type-only imports are erased by the compiler, as in the build) and check what it can reach.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SRC = path.resolve(__dirname, '../../functions/src');

/** Relative modules a source file requires once compiled, resolved to source paths. */
function runtimeImports(file: string): string[] {
  const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  }).outputText;
  const out: string[] = [];
  for (const m of js.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
    const base = path.resolve(path.dirname(file), m[1]!);
    const found = [`${base.replace(/\.js$/, '')}.ts`, path.join(base, 'index.ts')].find((c) =>
      fs.existsSync(c),
    );
    if (!found) throw new Error(`${path.relative(SRC, file)} imports ${m[1]}, which does not resolve`);
    out.push(found);
  }
  return out;
}

function reachableFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...runtimeImports(file));
  }
  return new Set([...seen].map((f) => path.relative(SRC, f).split(path.sep).join('/')));
}

it('the Azure Functions entry point cannot reach the dev sign-in, the demo personas or the local host', () => {
  const reached = reachableFrom(path.join(SRC, 'hosts/azure/index.ts'));
  // The walk is real: it finds what the entry point does use.
  expect([...reached]).toEqual(
    expect.arrayContaining([
      'adapters/identity/jwks.ts',
      'adapters/identity/entra-authenticator.ts',
      'hosts/http/route-table.ts',
      'concerns/policy.ts',
    ]),
  );
  const forbidden = [...reached].filter(
    (f) => f === 'adapters/identity/dev-authenticator.ts' || f.startsWith('hosts/local/'),
  );
  expect(forbidden).toEqual([]);
});

it('the Azure entry point reaches the SharePoint adapter but never its REST test double', () => {
  const reached = reachableFrom(path.join(SRC, 'hosts/azure/index.ts'));
  expect(reached.has('adapters/sharepoint/sharepoint-store.ts')).toBe(true);
  expect(reached.has('adapters/sharepoint/certificate-tokens.ts')).toBe(true);
  expect([...reached].filter((f) => f.startsWith('adapters/sharepoint/double/'))).toEqual([]);
});

it('the local host does load the dev sign-in and the SharePoint double (so the checks above would notice a stray import)', () => {
  const reached = reachableFrom(path.join(SRC, 'hosts/local/main.ts'));
  expect(reached.has('adapters/identity/dev-authenticator.ts')).toBe(true);
  expect(reached.has('hosts/local/personas.ts')).toBe(true);
  expect(reached.has('adapters/sharepoint/double/server.ts')).toBe(true);
});

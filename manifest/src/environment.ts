/**
 * Per-environment values for the manifest, in the Microsoft 365 Agents Toolkit's convention: `env/.env.<name>`
 * holds NAME=value lines, and the manifest refers to them as ${{NAME}}. A variable set in the process
 * environment wins over the file, so a pipeline can inject values without editing it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

const ENV_NAME = /^[a-z0-9][a-z0-9-]*$/;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export interface Environment {
  name: string;
  /** The file the values came from, relative to the project, for messages. */
  file: string;
  values: Record<string, string>;
}

/** The environments there are files for (env/.env.local → local), for messages. */
export function environmentNames(envDir: string): string[] {
  if (!fs.existsSync(envDir)) return [];
  return fs
    .readdirSync(envDir)
    .map((f) => /^\.env\.([a-z0-9-]+)$/.exec(f)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort();
}

export function loadEnvironment(
  envDir: string,
  name: string,
  processEnv: NodeJS.ProcessEnv = {},
): Environment {
  const known = environmentNames(envDir);
  const file = path.join(envDir, `.env.${name}`);
  const shown = path.join(path.basename(envDir), `.env.${name}`);
  if (!ENV_NAME.test(name) || !fs.existsSync(file))
    throw new Error(
      `There is no environment "${name}": expected a file ${shown}. The environments are: ${known.join(', ') || 'none'}.`,
    );
  const values: Record<string, string> = { ...parseEnv(fs.readFileSync(file, 'utf8')) } as Record<
    string,
    string
  >;
  for (const key of Object.keys(values)) {
    const override = processEnv[key];
    if (override !== undefined && override !== '') values[key] = override;
  }
  return { name, file: shown, values };
}

/**
 * Replaces ${{NAME}} in every string of a JSON value. Every placeholder that is unset or empty is a problem
 * (named with where to set it), so a package never ships with a hole in it.
 */
export function resolvePlaceholders<T>(value: T, env: Environment, problems: string[]): T {
  const missing = new Set<string>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string')
      return v.replace(PLACEHOLDER, (_whole, key: string) => {
        const found = env.values[key] ?? '';
        if (found === '' && key !== 'APP_NAME_SUFFIX') missing.add(key);
        return found;
      });
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(value) as T;
  if (missing.size)
    problems.push(
      `${[...missing].join(', ')} ${missing.size === 1 ? 'is' : 'are'} not set for the "${env.name}" environment: set ${missing.size === 1 ? 'it' : 'them'} in ${env.file} or in the process environment.`,
    );
  return out;
}

/**
 * The Teams app package: manifest/manifest.json with one environment's values put in, its icons, the default
 * language file and any translations, zipped flat as Teams expects. The zip is validated as it will be
 * uploaded (read back from its own bytes): against the bundled official schema and against Teams' own rules.
 * Nothing is written unless it passes.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { TeamsManifestLatest } from '@microsoft/app-manifest';
import { loadEnvironment, resolvePlaceholders } from './environment';
import { defaultLanguageFile, isLanguageTag, languageFileProblems } from './localisation';
import { teamsRuleProblems } from './rules';
import { manifestSchemaProblems } from './schema';

export class PackageProblems extends Error {
  constructor(
    readonly problems: string[],
    what = 'The Teams app package',
  ) {
    super(
      `${what} was refused (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'PackageProblems';
  }
}

export interface PackageOptions {
  /** Folder with manifest.json, the icons and locales/ (default: the repository's manifest/). */
  manifestDir?: string;
  /** Folder with the .env.<name> files (default: the repository's env/). */
  envDir?: string;
  /** Where the zip goes (default: manifest/build/). */
  outDir?: string;
  env: string;
  processEnv?: NodeJS.ProcessEnv;
}

export interface PackageResult {
  zip: string;
  bytes: number;
  manifest: TeamsManifestLatest;
  files: string[];
}

const REPO = path.resolve(__dirname, '../..');
/** Zip entries carry this date, so the same inputs make the same bytes. */
const FIXED_DATE = new Date('2026-01-01T00:00:00Z');

const readJson = (file: string, label: string, problems: string[]): unknown => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
};

/** The package's files, in memory: manifest.json first. */
function assemble(opts: PackageOptions): { files: Map<string, Buffer>; problems: string[] } {
  const manifestDir = opts.manifestDir ?? path.join(REPO, 'manifest');
  const env = loadEnvironment(
    opts.envDir ?? path.join(REPO, 'env'),
    opts.env,
    opts.processEnv ?? process.env,
  );
  const problems: string[] = [];
  const template = readJson(path.join(manifestDir, 'manifest.json'), 'manifest.json', problems);
  if (!template || typeof template !== 'object') throw new PackageProblems(problems);
  const manifest = resolvePlaceholders(template as TeamsManifestLatest, env, problems);
  const files = new Map<string, Buffer>();

  const info = manifest.localizationInfo;
  const additional: { languageTag: string; file: string }[] = [...(info?.additionalLanguages ?? [])];
  const localesDir = path.join(manifestDir, 'locales');
  const translations = fs.existsSync(localesDir)
    ? fs.readdirSync(localesDir).filter((f) => f.endsWith('.json'))
    : [];
  for (const name of translations.sort()) {
    const tag = name.slice(0, -'.json'.length);
    const label = `locales/${name}`;
    if (!isLanguageTag(tag) || tag === info?.defaultLanguageTag) {
      problems.push(
        `${label}: the file name must be a language tag in lower case other than the default ${info?.defaultLanguageTag} (like cy.json or fr-fr.json).`,
      );
      continue;
    }
    const strings = readJson(path.join(localesDir, name), label, problems);
    if (strings === undefined) continue;
    files.set(name, Buffer.from(JSON.stringify(resolvePlaceholders(strings, env, problems), null, 2)));
    if (!additional.some((a) => a.languageTag === tag)) additional.push({ languageTag: tag, file: name });
  }
  if (info && additional.length) info.additionalLanguages = additional;
  if (info?.defaultLanguageFile)
    files.set(info.defaultLanguageFile, Buffer.from(JSON.stringify(defaultLanguageFile(manifest), null, 2)));

  for (const icon of [manifest.icons?.color, manifest.icons?.outline]) {
    if (!icon) continue;
    if (path.basename(icon) !== icon)
      problems.push(`icons: "${icon}" must be a file name beside manifest.json.`);
    else if (!fs.existsSync(path.join(manifestDir, icon)))
      problems.push(`icons: ${icon} is not in ${manifestDir}.`);
    else files.set(icon, fs.readFileSync(path.join(manifestDir, icon)));
  }
  return {
    files: new Map([['manifest.json', Buffer.from(JSON.stringify(manifest, null, 2))], ...files]),
    problems,
  };
}

/** What is wrong with an app package, read from its zip: an empty list means Teams should accept it. */
export async function appPackageProblems(zipBytes: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(zipBytes);
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files))
    if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  const raw = files.get('manifest.json');
  if (!raw) return ['manifest.json is not at the root of the package.'];
  let manifest: TeamsManifestLatest;
  try {
    manifest = JSON.parse(raw.toString('utf8')) as TeamsManifestLatest;
  } catch (e) {
    return [`manifest.json: ${e instanceof Error ? e.message : String(e)}`];
  }
  const problems = await manifestSchemaProblems(manifest);
  try {
    problems.push(...teamsRuleProblems(manifest, files));
  } catch (e) {
    // A manifest too far from the schema's shape for the rules to read: the schema problems say why.
    if (problems.length === 0) throw e;
  }
  const info = manifest.localizationInfo;
  const languageFiles = [
    ...(info?.defaultLanguageFile ? [info.defaultLanguageFile] : []),
    ...(info?.additionalLanguages ?? []).map((a) => a.file),
  ];
  for (const name of languageFiles) {
    const file = files.get(name);
    if (!file) {
      problems.push(`localizationInfo: the language file ${name} is not in the package.`);
      continue;
    }
    let strings: unknown;
    try {
      strings = JSON.parse(file.toString('utf8'));
    } catch (e) {
      problems.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    problems.push(
      ...(await languageFileProblems(name, strings, manifest, name === info?.defaultLanguageFile)),
    );
  }
  return problems;
}

export async function zipFiles(files: ReadonlyMap<string, Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, body] of files) zip.file(name, body, { date: FIXED_DATE });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Builds, validates and writes manifest/build/appPackage.<env>.zip; throws PackageProblems if it is not valid. */
export async function buildAppPackage(opts: PackageOptions): Promise<PackageResult> {
  const { files, problems } = assemble(opts);
  // A value missing or a file unreadable: what validation would say next follows from it, so say only that.
  if (problems.length) throw new PackageProblems(problems);
  const bytes = await zipFiles(files);
  problems.push(...(await appPackageProblems(bytes)));
  if (problems.length) throw new PackageProblems([...new Set(problems)]);
  const outDir = opts.outDir ?? path.join(REPO, 'manifest/build');
  fs.mkdirSync(outDir, { recursive: true });
  const zip = path.join(outDir, `appPackage.${opts.env}.zip`);
  fs.writeFileSync(zip, bytes);
  return {
    zip,
    bytes: bytes.length,
    manifest: JSON.parse(files.get('manifest.json')!.toString('utf8')) as TeamsManifestLatest,
    files: [...files.keys()],
  };
}

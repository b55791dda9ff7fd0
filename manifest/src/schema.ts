/**
 * The official Teams JSON schemas that @microsoft/app-manifest bundles, used offline: the manifest and its
 * localisation files are validated against the schema of their own manifestVersion, read from the package
 * (the library's own validator would otherwise fetch the schema from the network).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

type Schema = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];

const SCHEMAS = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build/json-schemas/teams',
);

const numeric = (v: string) => v.split('.').map(Number) as [number, number];

/** The numbered manifest versions whose schemas are bundled, oldest first (devPreview is not a version). */
export function bundledVersions(): string[] {
  return fs
    .readdirSync(SCHEMAS)
    .map((d) => /^v(\d+\.\d+)$/.exec(d)?.[1])
    .filter((v): v is string => v !== undefined)
    .sort((a, b) => {
      const [x, y] = [numeric(a), numeric(b)];
      return x[0] - y[0] || x[1] - y[1];
    });
}

export const newestVersion = (): string => bundledVersions().at(-1)!;

export const manifestSchemaUrl = (version: string) =>
  `https://developer.microsoft.com/en-us/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;

export const localizationSchemaUrl = (version: string) =>
  `https://developer.microsoft.com/en-us/json-schemas/teams/v${version}/MicrosoftTeams.Localization.schema.json`;

function readSchema(version: string, file: string): Schema | undefined {
  const p = path.join(SCHEMAS, `v${version}`, file);
  if (!fs.existsSync(p)) return undefined;
  // Some bundled localisation patterns close a bracket they never opened (`…\b]\.description`): fine in a
  // plain RegExp, refused by ajv, which compiles patterns in Unicode mode. Escaping that bracket means the same.
  return JSON.parse(fs.readFileSync(p, 'utf8').replaceAll('\\\\b]', '\\\\b\\\\]')) as Schema;
}

/** Schema errors as "where: what", or why the document could not be checked. */
async function against(doc: object, version: string, file: string, label: string): Promise<string[]> {
  const schema = readSchema(version, file);
  if (!schema)
    return [
      `${label}: there is no bundled schema for manifest version "${version}" (bundled: ${bundledVersions().join(', ')}).`,
    ];
  const errors = await AppManifestUtils.validateAgainstSchema(doc as AppManifest, schema);
  return errors.map((e) => `${label} does not match the Teams schema v${version}: ${e.trim() || e}`);
}

export function manifestSchemaProblems(manifest: { manifestVersion?: unknown }): Promise<string[]> {
  const version = typeof manifest.manifestVersion === 'string' ? manifest.manifestVersion : '(none)';
  return against(manifest, version, 'MicrosoftTeams.schema.json', 'manifest.json');
}

export function localizationSchemaProblems(
  file: string,
  strings: object,
  version: string,
): Promise<string[]> {
  return against(strings, version, 'MicrosoftTeams.Localization.schema.json', file);
}

/**
 * Localisation: the manifest's own strings are British English (the default language, en-gb); the package
 * carries them again as the default language file, which is also the shape a translation copies. A second
 * language is a file manifest/locales/<tag>.json with the same keys translated (see manifest/locales/README.md);
 * every such file is added to localizationInfo.additionalLanguages.
 */
import type { TeamsManifestLatest } from '@microsoft/app-manifest';
import { localizationSchemaUrl, localizationSchemaProblems } from './schema';

/** Keys Teams requires in every language file. */
const REQUIRED = ['name.short', 'description.short', 'description.full'];

const LANGUAGE_TAG = /^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/;

/** Every string of this manifest that a language file may translate, by its localisation key. */
export function localisableStrings(m: TeamsManifestLatest): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  put('name.short', m.name?.short);
  put('name.full', m.name?.full);
  put('description.short', m.description?.short);
  put('description.full', m.description?.full);
  m.staticTabs?.forEach((t, i) => put(`staticTabs[${i}].name`, t.name));
  m.bots?.[0]?.commandLists?.forEach((list, j) =>
    list.commands?.forEach((c, k) => {
      put(`bots[0].commandLists[${j}].commands[${k}].title`, c.title);
      put(`bots[0].commandLists[${j}].commands[${k}].description`, c.description);
    }),
  );
  return out;
}

export function defaultLanguageFile(m: TeamsManifestLatest): Record<string, string> {
  return { $schema: localizationSchemaUrl(m.manifestVersion), ...localisableStrings(m) };
}

export const isLanguageTag = (tag: string) => LANGUAGE_TAG.test(tag);

/** What is wrong with one language file, against the manifest it translates. */
export async function languageFileProblems(
  file: string,
  strings: unknown,
  m: TeamsManifestLatest,
  isDefault = false,
): Promise<string[]> {
  if (!strings || typeof strings !== 'object' || Array.isArray(strings))
    return [`${file}: must be a JSON object of localisation keys and strings.`];
  const doc = strings as Record<string, unknown>;
  const problems: string[] = [];
  const keys = localisableStrings(m);
  const expectedSchema = localizationSchemaUrl(m.manifestVersion);
  if (doc.$schema !== expectedSchema)
    problems.push(
      `${file}: $schema must be ${expectedSchema} (a language file has the manifest's version, ${m.manifestVersion}).`,
    );
  for (const key of REQUIRED) if (!(key in doc)) problems.push(`${file}: the key "${key}" is missing.`);
  for (const [key, value] of Object.entries(doc)) {
    if (key === '$schema') continue;
    if (!isDefault && /^bots\[0\]\.commandLists\[\d+\]\.commands\[\d+\]\.title$/.test(key))
      problems.push(
        `${file}: "${key}" translates a bot command, but a command's title is what the bot is sent, and it understands English commands only: leave titles out (translate the descriptions).`,
      );
    else if (!(key in keys))
      problems.push(
        `${file}: "${key}" is not a string of this manifest (its keys are: ${Object.keys(keys).join(', ')}).`,
      );
    else if (typeof value !== 'string' || value.trim() === '')
      problems.push(`${file}: "${key}" must be a non-empty string.`);
  }
  problems.push(...(await localizationSchemaProblems(file, doc, m.manifestVersion)));
  return problems;
}

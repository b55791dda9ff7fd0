/**
 * Teams' rules that the JSON schema does not express (Microsoft's app validation applies them when a package is
 * uploaded), plus the hub's own: the bot works only in personal chats. Each problem names where it is and what
 * to do about it.
 */
import type { TeamsManifestLatest } from '@microsoft/app-manifest';
import { decodePng, pngSize } from './png';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
export const COMMAND_TITLE_MAX = 32;
export const COMMAND_DESCRIPTION_MAX = 128;
const ICONS = { color: 192, outline: 32 } as const;

/** Whether a host (with its port, if any) is covered by one of validDomains (which may start "*."). */
export function hostAllowed(host: string, validDomains: readonly string[]): boolean {
  const h = host.toLowerCase();
  const bare = h.replace(/:\d+$/, '');
  return validDomains.some((d) => {
    const v = d.toLowerCase();
    if (v.startsWith('*.')) return bare.endsWith(v.slice(1)) || h.endsWith(v.slice(1));
    return v === h || v === bare;
  });
}

/** The URLs Teams loads for this app, by where they are in the manifest. */
function loadedUrls(m: TeamsManifestLatest): [string, string][] {
  const out: [string, string][] = [];
  m.staticTabs?.forEach((t, i) => {
    for (const key of ['contentUrl', 'websiteUrl', 'searchUrl'] as const) {
      const url = t[key];
      if (url) out.push([`staticTabs[${i}].${key}`, url]);
    }
  });
  m.configurableTabs?.forEach((t, i) =>
    out.push([`configurableTabs[${i}].configurationUrl`, t.configurationUrl]),
  );
  return out;
}

export function teamsRuleProblems(m: TeamsManifestLatest, files: ReadonlyMap<string, Buffer>): string[] {
  const problems: string[] = [];

  // Ids Teams and Entra use must be GUIDs.
  const ids: [string, string | undefined][] = [
    ['id', m.id],
    ...(m.bots ?? []).map((b, i): [string, string] => [`bots[${i}].botId`, b.botId]),
    ['webApplicationInfo.id', m.webApplicationInfo?.id],
  ];
  for (const [where, id] of ids)
    if (id !== undefined && !GUID.test(id)) problems.push(`${where}: "${id}" is not a GUID.`);

  if (!VERSION.test(m.version ?? ''))
    problems.push(
      `version: "${m.version}" must be major.minor.patch in numbers (like 1.0.0), raised for every update.`,
    );

  // Icons: present, PNG, the right size; the outline white on transparent.
  for (const [kind, size] of Object.entries(ICONS) as [keyof typeof ICONS, number][]) {
    const name = m.icons?.[kind];
    if (!name) continue;
    const where = `icons.${kind}`;
    const file = files.get(name);
    if (!file) {
      problems.push(`${where}: the file ${name} is not in the package.`);
      continue;
    }
    try {
      const { width, height } = pngSize(file);
      if (width !== size || height !== size)
        problems.push(`${where}: ${name} is ${width}×${height} pixels; Teams needs ${size}×${size}.`);
      else if (kind === 'outline') problems.push(...outlineProblems(where, name, file));
    } catch (e) {
      problems.push(`${where}: ${name} ${e instanceof Error ? e.message : String(e)}.`);
    }
  }

  // Every URL Teams loads is HTTPS on a valid domain; so is the SSO resource.
  const valid = m.validDomains ?? [];
  for (const [where, url] of loadedUrls(m)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`${where}: "${url}" is not a URL.`);
      continue;
    }
    if (parsed.protocol !== 'https:')
      problems.push(`${where}: ${url} must use https (Teams loads tabs over HTTPS only).`);
    if (!hostAllowed(parsed.host, valid))
      problems.push(
        `${where}: the host ${parsed.host} is not in validDomains (${valid.join(', ') || 'empty'}).`,
      );
  }
  const sso = m.webApplicationInfo;
  if (sso?.resource) {
    const match = /^api:\/\/([^/]+)\/(.+)$/.exec(sso.resource);
    if (!match)
      problems.push(`webApplicationInfo.resource: "${sso.resource}" must be api://<tab domain>/<app id>.`);
    else {
      if (!hostAllowed(match[1]!, valid))
        problems.push(
          `webApplicationInfo.resource: the host ${match[1]} is not in validDomains (${valid.join(', ') || 'empty'}).`,
        );
      if (match[2] !== sso.id)
        problems.push(`webApplicationInfo.resource: must end with the app id ${sso.id}, not ${match[2]}.`);
    }
  }

  // Bot commands: Teams shows titles of at most 32 characters and descriptions of at most 128.
  m.bots?.forEach((bot, i) => {
    if (bot.scopes.length !== 1 || bot.scopes[0] !== 'personal')
      problems.push(
        `bots[${i}].scopes: the hub's bot works only in personal chats, so its scopes must be ["personal"], not ${JSON.stringify(bot.scopes)}.`,
      );
    bot.commandLists?.forEach((list, j) => {
      const outside = list.scopes.filter((s) => !bot.scopes.includes(s));
      if (outside.length)
        problems.push(
          `bots[${i}].commandLists[${j}].scopes: ${outside.join(', ')} is not a scope of the bot.`,
        );
      list.commands.forEach((c, k) => {
        const where = `bots[${i}].commandLists[${j}].commands[${k}]`;
        if (c.title.length > COMMAND_TITLE_MAX)
          problems.push(
            `${where}.title: "${c.title}" is ${c.title.length} characters; Teams allows ${COMMAND_TITLE_MAX}.`,
          );
        if ((c.description ?? '').length > COMMAND_DESCRIPTION_MAX)
          problems.push(
            `${where}.description: ${c.description!.length} characters; Teams allows ${COMMAND_DESCRIPTION_MAX}.`,
          );
      });
      const titles = list.commands.map((c) => c.title.toLowerCase());
      for (const t of new Set(titles.filter((t, n) => titles.indexOf(t) !== n)))
        problems.push(`bots[${i}].commandLists[${j}]: the command "${t}" is listed twice.`);
    });
  });

  // Tab ids are unique (deep links name a tab by its entityId).
  const entityIds = (m.staticTabs ?? []).map((t) => t.entityId);
  for (const id of new Set(entityIds.filter((id, n) => entityIds.indexOf(id) !== n)))
    problems.push(`staticTabs: the entityId "${id}" is used by more than one tab.`);
  for (const [i, t] of (m.configurableTabs ?? []).entries())
    if (t.id && entityIds.includes(t.id))
      problems.push(`configurableTabs[${i}].id: "${t.id}" is also a static tab's entityId.`);

  return problems;
}

/** Teams' outline icon: white where drawn, transparent elsewhere, and nothing else. */
function outlineProblems(where: string, name: string, file: Buffer): string[] {
  const { width, pixels } = decodePng(file);
  let transparent = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const [r, g, b, a] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, pixels[i + 3]!];
    if (a === 0) transparent++;
    else if (r !== 255 || g !== 255 || b !== 255) {
      const at = i / 4;
      const colour = `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
      return [
        `${where}: ${name} has a ${colour} pixel at (${at % width}, ${Math.floor(at / width)}); the outline icon must be white (#ffffff) on a transparent background.`,
      ];
    }
  }
  return transparent === 0
    ? [`${where}: ${name} has no transparent pixel; its background must be transparent.`]
    : [];
}

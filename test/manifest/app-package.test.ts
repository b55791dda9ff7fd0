/**
 * The Teams app package (npm run package:teams): the real manifest builds into a zip that passes the bundled
 * official schema and Teams' own rules, and a broken manifest is refused with a message naming the problem.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { TeamsManifestLatest } from '@microsoft/app-manifest';
import { appPackageProblems, buildAppPackage, PackageProblems } from '../../manifest/src/app-package';
import { colourIcon, outlineIcon } from '../../manifest/src/icons';
import { decodePng, encodePng, type RgbaImage } from '../../manifest/src/png';
import { newestVersion } from '../../manifest/src/schema';
import { HELP_TEXT } from '@pph/bot/core/prevent-bot';

// @microsoft/app-manifest requires strip-bom, an ES module: Node ≥ 20.19 loads it, Jest's CommonJS runtime does not.
jest.mock(
  require.resolve('strip-bom', {
    paths: [require.resolve('@microsoft/app-manifest/package.json').replace(/package\.json$/, '')],
  }),
  () => (text: string) => text.replace(/^\uFEFF/, ''),
);

const MANIFEST = path.resolve(__dirname, '../../manifest');
const ENV = path.resolve(__dirname, '../../env');

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-manifest-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of manifest/ to break, changed by `edit`; returns its folder. */
function copyOfManifest(edit: (m: TeamsManifestLatest) => void = () => undefined): string {
  const dir = path.join(tmp, 'manifest');
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  for (const f of ['color.png', 'outline.png']) fs.copyFileSync(path.join(MANIFEST, f), path.join(dir, f));
  const m = JSON.parse(fs.readFileSync(path.join(MANIFEST, 'manifest.json'), 'utf8')) as TeamsManifestLatest;
  edit(m);
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
  return dir;
}

const build = (manifestDir?: string, env = 'local', processEnv: NodeJS.ProcessEnv = {}, envDir = ENV) =>
  buildAppPackage({
    env,
    processEnv,
    outDir: path.join(tmp, 'build'),
    envDir,
    ...(manifestDir ? { manifestDir } : {}),
  });

/** An env/ folder of our own: the local values, and a "dev" whose ids are still to be filled in. */
function envFolder(): string {
  const dir = path.join(tmp, 'env');
  fs.mkdirSync(dir);
  const local = fs.readFileSync(path.join(ENV, '.env.local'), 'utf8');
  fs.writeFileSync(path.join(dir, '.env.local'), local);
  fs.writeFileSync(
    path.join(dir, '.env.dev'),
    local
      .replace(/^(TEAMS_APP_ID|BOT_ID|API_CLIENT_ID)=.*$/gm, '$1=')
      .replace(/^APP_NAME_SUFFIX=.*$/m, 'APP_NAME_SUFFIX=" (dev)"'),
  );
  return dir;
}

async function problemsOf(manifestDir: string, processEnv: NodeJS.ProcessEnv = {}): Promise<string[]> {
  try {
    await build(manifestDir, 'local', processEnv);
  } catch (e) {
    if (e instanceof PackageProblems) return e.problems;
    throw e;
  }
  throw new Error('the package was accepted');
}

const image = (
  size: number,
  pixel: (x: number, y: number) => [number, number, number, number],
): RgbaImage => {
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) pixels.set(pixel(x, y), (y * size + x) * 4);
  return { width: size, height: size, pixels };
};

async function unzip(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const e of Object.values(zip.files)) out.set(e.name, await e.async('nodebuffer'));
  return out;
}

describe('the package of the real manifest', () => {
  it('is written for the local environment and is valid as uploaded', async () => {
    const result = await build();
    expect(result.zip).toBe(path.join(tmp, 'build', 'appPackage.local.zip'));
    const files = await unzip(result.zip);
    expect([...files.keys()].sort()).toEqual(['color.png', 'en-gb.json', 'manifest.json', 'outline.png']);
    expect(await appPackageProblems(fs.readFileSync(result.zip))).toEqual([]);

    const m = JSON.parse(files.get('manifest.json')!.toString()) as TeamsManifestLatest;
    expect(m.manifestVersion).toBe(newestVersion());
    expect(m.$schema).toContain(`/v${newestVersion()}/`);
    expect(JSON.stringify(m)).not.toContain('${{');
    expect(m.name.short).toBe('Prevent Hub (local)');
    expect(m.localizationInfo?.defaultLanguageTag).toBe('en-gb');
    expect(decodePng(files.get('color.png')!)).toMatchObject({ width: 192, height: 192 });
    expect(decodePng(files.get('outline.png')!)).toMatchObject({ width: 32, height: 32 });
  });

  it('has the bot in personal chats only, the agreed tabs, SSO for the tab domain and its valid domains', async () => {
    const { manifest: m } = await build();
    const bot = m.bots![0]!;
    expect(bot.scopes).toEqual(['personal']);
    expect(bot.commandLists!.map((l) => l.scopes)).toEqual([['personal']]);
    const tab = (id: string) => m.staticTabs!.find((t) => t.entityId === id);
    expect(tab('my-work')).toMatchObject({ name: 'My work', contentUrl: 'https://localhost:53000/my-work' });
    expect(tab('returns')).toMatchObject({ name: 'Returns', contentUrl: 'https://localhost:53000/returns' });
    expect(tab('dashboard')).toMatchObject({
      name: 'Dashboard',
      contentUrl: 'https://localhost:53000/dashboard',
    });
    expect(m.staticTabs!.every((t) => t.scopes.length === 1 && t.scopes[0] === 'personal')).toBe(true);
    expect(m.configurableTabs).toEqual([
      expect.objectContaining({ configurationUrl: 'https://localhost:53000/config', scopes: ['team'] }),
    ]);
    expect(m.validDomains).toEqual(['localhost:53000']);
    const apiClientId = m.webApplicationInfo!.id;
    expect(m.webApplicationInfo!.resource).toBe(`api://localhost:53000/${apiClientId}`);
  });

  it('offers as commands only what the bot says it understands', async () => {
    const { manifest: m } = await build();
    const titles = m.bots![0]!.commandLists![0]!.commands.map((c) => c.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'raise a concern',
        'continue my concern',
        'my concerns',
        'my approvals',
        'help',
      ]),
    );
    for (const t of titles) expect(HELP_TEXT).toContain(t);
  });

  it('for dev, is refused until the values are set, naming each one and where to set it', async () => {
    const envDir = envFolder();
    await expect(build(undefined, 'dev', {}, envDir)).rejects.toThrow(
      'TEAMS_APP_ID, BOT_ID, API_CLIENT_ID are not set for the "dev" environment: set them in env/.env.dev or in the process environment.',
    );
    const values = {
      TEAMS_APP_ID: '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091',
      BOT_ID: '3c4d5e6f-7081-4923-8b4c-5d6e7f809102',
      API_CLIENT_ID: '4d5e6f70-8192-4a34-9c5d-6e7f80910213',
      TAB_ENDPOINT: 'https://hub-dev.council.example',
      TAB_DOMAIN: 'hub-dev.council.example',
      DEVELOPER_NAME: 'A Council',
      DEVELOPER_WEBSITE_URL: 'https://www.council.example',
      DEVELOPER_PRIVACY_URL: 'https://www.council.example/privacy',
      DEVELOPER_TERMS_URL: 'https://www.council.example/terms',
    };
    const { zip, manifest } = await build(undefined, 'dev', values, envDir);
    expect(path.basename(zip)).toBe('appPackage.dev.zip');
    expect(manifest.webApplicationInfo?.resource).toBe(
      `api://hub-dev.council.example/${values.API_CLIENT_ID}`,
    );
    expect(manifest.name.short).toBe('Prevent Hub (dev)');
  });

  it('names an environment that has no file', async () => {
    await expect(build(undefined, 'prod', {}, envFolder())).rejects.toThrow(
      'There is no environment "prod": expected a file env/.env.prod. The environments are: dev, local.',
    );
  });

  it('ships the icons the script draws', () => {
    expect(fs.readFileSync(path.join(MANIFEST, 'color.png')).equals(encodePng(colourIcon()))).toBe(true);
    expect(fs.readFileSync(path.join(MANIFEST, 'outline.png')).equals(encodePng(outlineIcon()))).toBe(true);
  });
});

describe('a broken manifest is refused, naming the problem', () => {
  it('an icon of the wrong size', async () => {
    const dir = copyOfManifest();
    fs.writeFileSync(path.join(dir, 'color.png'), encodePng(image(100, () => [31, 92, 122, 255])));
    expect(await problemsOf(dir)).toContain('icons.color: color.png is 100×100 pixels; Teams needs 192×192.');
  });

  it('an outline icon with colour in it, or with no transparent background', async () => {
    const dir = copyOfManifest();
    fs.writeFileSync(
      path.join(dir, 'outline.png'),
      encodePng(
        image(32, (x, y) => (x === 5 && y === 7 ? [255, 0, 0, 255] : [255, 255, 255, x < 16 ? 255 : 0])),
      ),
    );
    expect(await problemsOf(dir)).toEqual([
      'icons.outline: outline.png has a #ff0000 pixel at (5, 7); the outline icon must be white (#ffffff) on a transparent background.',
    ]);
    fs.writeFileSync(path.join(dir, 'outline.png'), encodePng(image(32, () => [255, 255, 255, 255])));
    expect(await problemsOf(dir)).toEqual([
      'icons.outline: outline.png has no transparent pixel; its background must be transparent.',
    ]);
  });

  it('an icon that is not a PNG', async () => {
    const dir = copyOfManifest();
    fs.writeFileSync(path.join(dir, 'color.png'), 'GIF89a not really');
    expect(await problemsOf(dir)).toEqual(['icons.color: color.png is not a PNG file.']);
  });

  it('a tab on a domain missing from validDomains, and a tab over plain HTTP', async () => {
    const dir = copyOfManifest((m) => {
      m.staticTabs![1]!.contentUrl = 'https://tabs.elsewhere.example/my-work';
      m.staticTabs![2]!.contentUrl = 'http://localhost:53000/returns';
    });
    expect(await problemsOf(dir)).toEqual([
      'staticTabs[1].contentUrl: the host tabs.elsewhere.example is not in validDomains (localhost:53000).',
      'staticTabs[2].contentUrl: http://localhost:53000/returns must use https (Teams loads tabs over HTTPS only).',
    ]);
  });

  it('an SSO resource whose host is not a valid domain', async () => {
    const dir = copyOfManifest((m) => {
      m.webApplicationInfo!.resource = 'api://api.elsewhere.example/${{API_CLIENT_ID}}';
    });
    expect(await problemsOf(dir)).toEqual([
      'webApplicationInfo.resource: the host api.elsewhere.example is not in validDomains (localhost:53000).',
    ]);
  });

  it('a command title over 32 characters, or a description over 128', async () => {
    const dir = copyOfManifest((m) => {
      const commands = m.bots![0]!.commandLists![0]!.commands;
      commands[0]!.title = 'raise a concern about someone today';
      commands[1]!.description = 'x'.repeat(129);
    });
    expect(await problemsOf(dir)).toEqual([
      'bots[0].commandLists[0].commands[0].title: "raise a concern about someone today" is 35 characters; Teams allows 32.',
      'bots[0].commandLists[0].commands[1].description: 129 characters; Teams allows 128.',
    ]);
  });

  it('two tabs with one entityId, a version that is not x.y.z, an id that is not a GUID', async () => {
    const dir = copyOfManifest((m) => {
      m.staticTabs![2]!.entityId = 'my-work';
      m.version = '1.0';
    });
    const problems = await problemsOf(dir, { TEAMS_APP_ID: 'prevent-hub' });
    expect(problems).toEqual(
      expect.arrayContaining([
        'staticTabs: the entityId "my-work" is used by more than one tab.',
        'version: "1.0" must be major.minor.patch in numbers (like 1.0.0), raised for every update.',
        'id: "prevent-hub" is not a GUID.',
      ]),
    );
    // The schema says so too, in its own words.
    expect(
      problems.some((p) => p.startsWith('manifest.json does not match the Teams schema v1.30: /id')),
    ).toBe(true);
  });

  it('a bot offered in group chats or channels', async () => {
    const dir = copyOfManifest((m) => {
      m.bots![0]!.scopes = ['personal', 'team'];
    });
    expect(await problemsOf(dir)).toEqual([
      'bots[0].scopes: the hub\'s bot works only in personal chats, so its scopes must be ["personal"], not ["personal","team"].',
    ]);
  });

  it('a property the schema does not know', async () => {
    const dir = copyOfManifest((m) => Object.assign(m, { colour: 'teal' }));
    expect(await problemsOf(dir)).toEqual([
      expect.stringMatching(
        /^manifest.json does not match the Teams schema v1\.30: must NOT have additional properties.*colour/,
      ),
    ]);
  });
});

describe('a second language', () => {
  const welshShape = {
    $schema:
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.30/MicrosoftTeams.Localization.schema.json',
    'name.short': 'Prevent Hub${{APP_NAME_SUFFIX}}',
    'description.short': 'TEST STRING (not a translation): short description',
    'description.full': 'TEST STRING (not a translation): full description',
    'staticTabs[1].name': 'TEST: My work',
    'bots[0].commandLists[0].commands[0].description': 'TEST: raise a concern',
  };

  it('is added to localizationInfo and the package from manifest/locales/<tag>.json', async () => {
    const dir = copyOfManifest();
    fs.writeFileSync(path.join(dir, 'locales', 'cy.json'), JSON.stringify(welshShape));
    const { zip, manifest } = await build(dir);
    expect(manifest.localizationInfo?.additionalLanguages).toEqual([{ languageTag: 'cy', file: 'cy.json' }]);
    const files = await unzip(zip);
    expect(JSON.parse(files.get('cy.json')!.toString())['name.short']).toBe('Prevent Hub (local)');
  });

  it('is refused with a key the manifest does not have, a required key missing, or a command title translated', async () => {
    const dir = copyOfManifest();
    const { 'description.full': _full, ...rest } = welshShape;
    fs.writeFileSync(
      path.join(dir, 'locales', 'cy.json'),
      JSON.stringify({
        ...rest,
        'staticTabs[9].name': 'Tab',
        'bots[0].commandLists[0].commands[0].title': 'codi pryder',
      }),
    );
    const problems = await problemsOf(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        'cy.json: the key "description.full" is missing.',
        expect.stringMatching(/^cy\.json: "staticTabs\[9\]\.name" is not a string of this manifest/),
        expect.stringMatching(
          /^cy\.json: "bots\[0\]\.commandLists\[0\]\.commands\[0\]\.title" translates a bot command/,
        ),
      ]),
    );
  });

  it('is refused when its file name is not a language tag', async () => {
    const dir = copyOfManifest();
    fs.writeFileSync(path.join(dir, 'locales', 'Welsh.json'), JSON.stringify(welshShape));
    expect(await problemsOf(dir)).toEqual([
      'locales/Welsh.json: the file name must be a language tag in lower case other than the default en-gb (like cy.json or fr-fr.json).',
    ]);
  });
});

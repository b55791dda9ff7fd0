/**
 * Provisioning the hub's lists on SharePoint (over the REST double): what it makes, that a second run changes
 * nothing, that it repairs what an administrator changed, and what it leaves to a person.
 */
import { ConcernLists } from '@pph/functions/concerns/lists';
import { SharePointStore } from '@pph/functions/adapters/sharepoint/sharepoint-store';
import { staticTokenProvider } from '@pph/functions/adapters/sharepoint/token-provider';
import { parseArgs } from '@pph/functions/hosts/provision/args';
import {
  formatReport,
  HUB_LIBRARIES,
  HUB_LISTS,
  provisionSite,
} from '@pph/functions/hosts/provision/provision';
import { SharePointDocumentStore } from '@pph/functions/adapters/documents/sharepoint-documents';
import { KernelLists } from '@pph/functions/kernel/lists';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import {
  startSharePointDouble,
  type SharePointDouble,
} from '@pph/functions/adapters/sharepoint/double/server';
import { startTestHub } from '../support/hub';
import { TEST_USER_AGENT } from '../support/sharepoint-double';

let double: SharePointDouble;
beforeEach(async () => {
  double = await startSharePointDouble();
});
afterEach(async () => double.close());

const provision = (dryRun = false) =>
  provisionSite({
    siteUrl: double.siteUrl,
    tokens: staticTokenProvider('admin-token'),
    logger: silentLogger,
    version: 'test',
    dryRun,
  });

const SPECIAL_CATEGORY = [ConcernLists.concerns, ConcernLists.drafts, KernelLists.audit, KernelLists.outbox];
const SITE_PERMISSIONS = [KernelLists.people, KernelLists.partners];

it('makes every list the hub defines: columns typed, indexed and unique as declared, Title optional', async () => {
  const report = await provision();
  expect(report.problems).toEqual([]);
  expect(report.changes).toContain(`create list ${ConcernLists.concerns}`);
  expect(report.changes).toContain(
    `add column ${ConcernLists.concerns}.Reference (text, required, indexed, unique)`,
  );
  const site = double.site;
  const made = (template: number) =>
    [...site.lists.values()]
      .filter((l) => l.BaseTemplate === template)
      .map((l) => l.title)
      .sort();
  expect(made(100)).toEqual(HUB_LISTS.map((d) => d.name).sort());
  const TYPES = { text: 'Text', note: 'Note', number: 'Number', boolean: 'Boolean', dateTime: 'DateTime' };
  for (const def of HUB_LISTS) {
    const list = site.list(def.name);
    expect(site.field(list, 'Title').Required).toBe(false);
    for (const col of def.columns) {
      const name = ['Version', 'Name'].includes(col.name) ? `Pph${col.name}` : col.name;
      const f = site.field(list, name);
      expect({
        column: `${def.name}.${col.name}`,
        type: f.TypeAsString,
        indexed: f.Indexed,
        unique: f.EnforceUniqueValues,
      }).toEqual({
        column: `${def.name}.${col.name}`,
        type: TYPES[col.type],
        indexed: Boolean(col.indexed || col.unique),
        unique: Boolean(col.unique),
      });
      if (col.type === 'text') expect(f.MaxLength).toBe(255);
      if (col.type === 'note') expect(f.RichText).toBe(false);
    }
  }
});

it('keeps no version history on lists holding special-category data, and makes every list but the directory app-only', async () => {
  await provision();
  const site = double.site;
  for (const name of SPECIAL_CATEGORY) expect(site.list(name).EnableVersioning).toBe(false);
  for (const def of HUB_LISTS) {
    const list = site.list(def.name);
    if (SITE_PERMISSIONS.includes(def.name as (typeof SITE_PERMISSIONS)[number])) {
      expect(list.HasUniqueRoleAssignments).toBe(false);
    } else {
      expect({
        list: def.name,
        unique: list.HasUniqueRoleAssignments,
        principals: site.roleAssignments(list),
      }).toEqual({
        list: def.name,
        unique: true,
        principals: [],
      });
      expect(list.NoCrawl).toBe(true);
    }
  }
});

it('changes nothing when run a second time, in one round trip of reads for the lists and one for the libraries', async () => {
  await provision();
  const before = double.log.length;
  const again = await provision();
  expect(again).toEqual({ changes: [], problems: [] });
  const second = double.log.slice(before);
  expect(second).toHaveLength(2);
  for (const r of second) {
    expect(r.path).toBe('$batch');
    expect(new Set(r.parts!.map((p) => p.method))).toEqual(new Set(['GET']));
    expect(r.userAgent).toBe(`ISV|Council|PreventPartnershipHub/test`);
  }
  expect(formatReport(double.siteUrl, again, false)).toContain(
    'nothing to change: the site matches the hub.',
  );
});

it('puts back what an administrator changed, and reports each change', async () => {
  await provision();
  const site = double.site;
  const concerns = site.list(ConcernLists.concerns);
  site.updateList(concerns, { EnableVersioning: true });
  site.addRoleAssignment(concerns, { PrincipalId: 5, LoginName: 'Hub Members' });
  site.field(concerns, 'Status').Indexed = false;
  site.field(concerns, 'Title').Required = true;
  const people = site.list(KernelLists.people);
  people.fields.delete('jobtitle');
  const report = await provision();
  expect(report).toEqual({
    changes: [
      `add column ${KernelLists.people}.JobTitle (text)`,
      `turn off version history on ${ConcernLists.concerns}`,
      `make ${ConcernLists.concerns}.Title optional`,
      `set Indexed on ${ConcernLists.concerns}.Status`,
      `remove principal 5 from ${ConcernLists.concerns} (app-only list)`,
    ],
    problems: [],
  });
  expect(concerns.EnableVersioning).toBe(false);
  expect(site.roleAssignments(concerns)).toEqual([]);
  expect(site.field(concerns, 'Status').Indexed).toBe(true);
  expect((await provision()).changes).toEqual([]);
});

it('converts no data: a column of the wrong type is left for a person, and a dry run changes nothing', async () => {
  await provision();
  const site = double.site;
  const drafts = site.list(ConcernLists.drafts);
  site.field(drafts, 'UpdatedAt').TypeAsString = 'Text';
  site.updateList(drafts, { EnableVersioning: true });
  const before = double.log.length;
  const dry = await provision(true);
  expect(dry.changes).toEqual([`turn off version history on ${ConcernLists.drafts}`]);
  expect(dry.problems).toEqual([
    `column ${ConcernLists.drafts}.UpdatedAt is Text on the site, the hub needs DateTime: change it by hand (provisioning converts no data)`,
  ]);
  expect(drafts.EnableVersioning).toBe(true);
  expect(
    double.log.slice(before).every((r) => r.path === '$batch' && r.parts!.every((p) => p.method === 'GET')),
  ).toBe(true);
  expect(formatReport(double.siteUrl, dry, true)).toMatch(
    /would turn off version history on Drafts[\s\S]*! column Drafts.UpdatedAt is Text/,
  );
});

it('makes the document libraries the capabilities keep files in: versions on, the record column, ready for the running hub', async () => {
  expect([...HUB_LIBRARIES].sort()).toEqual([
    'board-packs',
    'meeting-invitations',
    'meeting-papers',
    'minutes',
  ]);
  const dry = await provision(true);
  expect(dry.changes).toContain('create library board-packs (major versions on)');
  expect(dry.changes).toContain('add column PphDocument to library board-packs');
  expect(double.site.lists.size).toBe(0);
  expect(formatReport(double.siteUrl, dry, true)).toContain(
    `Would provision ${HUB_LISTS.length} lists and 4 document libraries`,
  );

  const report = await provision();
  expect(report.problems).toEqual([]);
  for (const library of HUB_LIBRARIES) {
    expect(report.changes).toEqual(
      expect.arrayContaining([
        `create library ${library} (major versions on)`,
        `add column PphDocument to library ${library}`,
      ]),
    );
    const made = double.site.list(library);
    expect({ library, template: made.BaseTemplate, versions: made.EnableVersioning }).toEqual({
      library,
      template: 101,
      versions: true,
    });
    expect(double.site.field(made, 'PphDocument').TypeAsString).toBe('Note');
  }

  // The running hub, which may not make a library, now finds each one ready.
  const verifying = new SharePointDocumentStore({
    siteUrl: double.siteUrl,
    tokens: staticTokenProvider('app-token'),
    logger: silentLogger,
    userAgent: TEST_USER_AGENT,
    provisioning: 'verify',
  });
  const doc = await verifying.put('board-packs', 'pack.pdf', new TextEncoder().encode('%PDF'), {
    contentType: 'application/pdf',
  });
  expect(doc.version).toBe(1);
});

it('puts versions back on a library an administrator changed, and leaves to a person a list where a library should be', async () => {
  await provision();
  const site = double.site;
  site.updateList(site.list('minutes'), { EnableVersioning: false });
  site.list('meeting-papers').fields.delete('pphdocument');
  site.updateList(site.list('board-packs'), { Title: 'board-packs-archive' });
  site.createList({ Title: 'board-packs' }); // a custom list where the library should be
  const report = await provision();
  expect(report).toEqual({
    changes: [
      'add column PphDocument to library meeting-papers',
      'turn major versions on in library minutes',
    ],
    problems: [
      'board-packs is a list, not a document library: rename it (or move what it holds), then run this again',
    ],
  });
  expect(site.list('minutes').EnableVersioning).toBe(true);
  expect(site.field(site.list('meeting-papers'), 'PphDocument').TypeAsString).toBe('Note');
  expect(site.list('board-packs').BaseTemplate).toBe(100);
  expect(site.list('board-packs').items.size).toBe(0);
});

it('the running hub verifies the site instead of provisioning it, and refuses an unprovisioned one with what to run', async () => {
  const verifying = new SharePointStore({
    siteUrl: double.siteUrl,
    tokens: staticTokenProvider('app-token'),
    logger: silentLogger,
    userAgent: TEST_USER_AGENT,
    provisioning: 'verify',
  });
  await expect(verifying.provision(HUB_LISTS)).rejects.toThrow(
    new RegExp(
      `is not provisioned for this version of the hub .*npm run provision -- --site ${double.siteUrl}`,
    ),
  );
  expect(double.site.lists.size).toBe(0);
  await provision();
  await expect(verifying.provision(HUB_LISTS)).resolves.toBeUndefined();
});

it('takes the site from --site, refusing what is not a SharePoint URL', () => {
  expect(parseArgs(['--site', 'https://council.sharepoint.com/sites/prevent-hub/'])).toEqual({
    siteUrl: 'https://council.sharepoint.com/sites/prevent-hub',
    dryRun: false,
  });
  expect(parseArgs(['--site=https://council.sharepoint.com/sites/hub', '--dry-run'])).toMatchObject({
    dryRun: true,
  });
  expect(() => parseArgs([])).toThrow(/--site is required/);
  expect(() => parseArgs(['--site', 'council'])).toThrow(/must be the site's URL/);
  expect(() => parseArgs(['--site', 'http://council.sharepoint.com/sites/hub'])).toThrow(/https/);
  expect(() => parseArgs(['--sight', 'x'])).toThrow(/Unknown argument "--sight"/);
});

it('a hub started on the double (PPH_STORE=sharepoint-double) provisions its site and serves from it', async () => {
  const hub = await startTestHub({ env: { ...process.env, PPH_STORE: 'sharepoint-double' }, seed: false });
  try {
    expect(hub.hub.ports.store.kind).toBe('sharepoint');
    const health = await hub.as('nobody').get('/api/health');
    expect(health.body).toMatchObject({ store: 'sharepoint' });
  } finally {
    await hub.close();
  }
});

/**
 * The infrastructure (infra/*.bicep). No Bicep compiler runs here (none is published to the npm registry, and
 * nothing reaches Azure), so this is a structural check, not a compilation: it reads each file for the resources
 * and settings the README promises, checks that every parameter file sets what main.bicep needs, and feeds the
 * apps' settings, as the templates write them, to the hub's and the bot's own configuration loaders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@pph/functions/config';
import { loadBotConfig } from '@pph/bot/host/config';

const INFRA = path.resolve(__dirname, '../../infra');
const read = (file: string) => fs.readFileSync(path.join(INFRA, file), 'utf8');

/** `resource name 'Type@version'` declarations (existing ones marked). */
function resources(text: string): { name: string; type: string; existing: boolean }[] {
  return [...text.matchAll(/^resource (\w+) '([^'@]+)@[^']+'( existing)? =/gm)].map((m) => ({
    name: m[1]!,
    type: m[2]!,
    existing: Boolean(m[3]),
  }));
}

/** The app settings of a site: `{ name: 'X', value: <expression> }` inside `appSettings: [ … ]`. */
function appSettings(text: string): Map<string, string> {
  const block = /appSettings: \[([\s\S]*?)\n\s*\]/.exec(text)?.[1] ?? '';
  return new Map([...block.matchAll(/\{ name: '([^']+)', value: (.+?) \}/g)].map((m) => [m[1]!, m[2]!]));
}

/** Parameters of a template: name → whether it has a default. */
function params(text: string): Map<string, boolean> {
  return new Map([...text.matchAll(/^param (\w+) \w+( = .+)?$/gm)].map((m) => [m[1]!, Boolean(m[2])]));
}

/** Sample values for the templates' parameters and expressions, to read the settings as an app would. */
const SAMPLES: Record<string, string> = {
  tenantId: '11111111-1111-4111-8111-111111111111',
  apiClientId: '22222222-2222-4222-8222-222222222222',
  botAppId: '33333333-3333-4333-8333-333333333333',
  teamsAppId: '44444444-4444-4444-8444-444444444444',
  tabHost: 'hub.council.example',
  spSiteUrl: 'https://council.sharepoint.com/sites/prevent-hub',
  botNotifyUrl: 'https://pph-bot.azurewebsites.net/api/notify',
  apiUrl: 'https://pph-api.azurewebsites.net',
  safeguardingChild: "Children's Services front door: 01632 960 100",
  safeguardingAdult: 'Adult Social Care safeguarding: 01632 960 200',
  insightsConnectionString: 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
  'storage.name': 'pphdevst',
};

/** The settings as the app sees them: Key Vault references resolved to stand-in secrets. */
function asEnvironment(settings: Map<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { WEBSITE_INSTANCE_ID: 'infra-test' };
  for (const [name, expr] of settings) {
    const literal = /^'([^']*)'$/.exec(expr)?.[1];
    if (literal !== undefined) env[name] = literal;
    else if (/^secret\(keyVaultName, '[a-z-]+'\)$/.test(expr))
      env[name] = `stand-in secret for ${name}, from Key Vault`;
    else if (expr in SAMPLES) env[name] = SAMPLES[expr];
    else throw new Error(`${name}: no sample for the expression ${expr}`);
  }
  return env;
}

const SECRETS = ['PPH_AUDIT_KEY', 'PPH_BOT_NOTIFY_KEY', 'PPH_BOT_APP_PASSWORD', 'PPH_SP_CERTIFICATE'];

it('main.bicep composes the modules, and each exists', () => {
  const main = read('main.bicep');
  const modules = [...main.matchAll(/^module \w+ '([^']+)'/gm)].map((m) => m[1]!);
  expect(modules.sort()).toEqual(
    [
      'modules/bot.bicep',
      'modules/functions.bicep',
      'modules/keyvault.bicep',
      'modules/monitoring.bicep',
      'modules/storage.bicep',
    ].sort(),
  );
  for (const m of modules) expect(fs.existsSync(path.join(INFRA, m))).toBe(true);
});

it.each(['dev.bicepparam', 'prod.bicepparam'])(
  '%s sets every parameter main.bicep needs, and no other',
  (file) => {
    const text = read(file);
    expect(text).toMatch(/^using 'main\.bicep'$/m);
    const declared = params(read('main.bicep'));
    const set = [...text.matchAll(/^param (\w+) =/gm)].map((m) => m[1]!);
    const required = [...declared].filter(([, hasDefault]) => !hasDefault).map(([n]) => n);
    expect(required.filter((n) => !set.includes(n))).toEqual([]);
    expect(set.filter((n) => !declared.has(n))).toEqual([]);
    // No secret is a parameter.
    expect(text).not.toMatch(/password|secret\b|auditKey|notifyKey/i);
  },
);

it('the API is a Node 22 Flex Consumption Function App with a managed identity and its secrets from Key Vault', () => {
  const text = read('modules/functions.bicep');
  expect(
    resources(text)
      .filter((r) => !r.existing)
      .map((r) => r.type),
  ).toEqual([
    'Microsoft.Web/serverfarms',
    'Microsoft.Web/sites',
    'Microsoft.Authorization/roleAssignments',
    'Microsoft.Authorization/roleAssignments',
  ]);
  expect(text).toContain("sku: { tier: 'FlexConsumption', name: 'FC1' }");
  expect(text).toContain("kind: 'functionapp,linux'");
  expect(text).toContain("runtime: { name: 'node', version: '22' }");
  expect(text).toContain("identity: { type: 'SystemAssigned' }");
  expect(text).toContain("authentication: { type: 'SystemAssignedIdentity' }");
  expect(text).toContain("keyVaultReferenceIdentity: 'SystemAssigned'");
  const settings = appSettings(text);
  for (const s of ['PPH_AUDIT_KEY', 'PPH_BOT_NOTIFY_KEY', 'PPH_SP_CERTIFICATE'])
    expect(settings.get(s)).toMatch(/^secret\(keyVaultName, '/);
  // Flex Consumption refuses these as app settings (the runtime is in functionAppConfig).
  expect(settings.has('FUNCTIONS_WORKER_RUNTIME')).toBe(false);
  expect(settings.has('FUNCTIONS_EXTENSION_VERSION')).toBe(false);
  // The host's storage by identity, not by key.
  expect(settings.has('AzureWebJobsStorage__accountName')).toBe(true);
  expect(settings.has('AzureWebJobsStorage')).toBe(false);
  // Key Vault Secrets User for the app's identity.
  expect(text).toContain("keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'");
});

it("the API's app settings are what the hub's configuration needs in Azure: azure mode, SharePoint, Entra", () => {
  const config = loadConfig(asEnvironment(appSettings(read('modules/functions.bicep'))));
  expect(config).toMatchObject({
    mode: 'azure',
    store: 'sharepoint',
    sharepoint: { siteUrl: SAMPLES.spSiteUrl },
    entra: {
      tenantId: SAMPLES.tenantId,
      clientId: SAMPLES.apiClientId,
      botAppId: SAMPLES.botAppId,
      apiHosts: [SAMPLES.tabHost],
    },
    botNotifyUrl: SAMPLES.botNotifyUrl,
  });
});

it('the bot runs on a Node 22 App Service with a managed identity, behind an Azure Bot with the Teams channel', () => {
  const text = read('modules/bot.bicep');
  expect(
    resources(text)
      .filter((r) => !r.existing)
      .map((r) => r.type),
  ).toEqual([
    'Microsoft.Web/serverfarms',
    'Microsoft.Web/sites',
    'Microsoft.Authorization/roleAssignments',
    'Microsoft.BotService/botServices',
    'Microsoft.BotService/botServices/channels',
  ]);
  expect(text).toContain("linuxFxVersion: 'NODE|22-lts'");
  expect(text).toContain("identity: { type: 'SystemAssigned' }");
  expect(text).toContain("msaAppType: 'SingleTenant'");
  expect(text).toContain("name: 'MsTeamsChannel'");
  expect(text).toContain("endpoint: 'https://${app.properties.defaultHostName}/api/messages'");
  const settings = appSettings(text);
  for (const s of ['PPH_BOT_APP_PASSWORD', 'PPH_BOT_NOTIFY_KEY'])
    expect(settings.get(s)).toMatch(/^secret\(keyVaultName, '/);
  const config = loadBotConfig(asEnvironment(settings));
  expect(config).toMatchObject({
    mode: 'azure',
    port: 8080,
    apiUrl: SAMPLES.apiUrl,
    apiScope: `api://${SAMPLES.apiClientId}/.default`,
    identity: { appId: SAMPLES.botAppId, tenantId: SAMPLES.tenantId },
    settings: { teamsAppId: SAMPLES.teamsAppId },
  });
});

it('Key Vault uses RBAC with purge protection; storage allows no shared keys; logs go to Application Insights', () => {
  const kv = read('modules/keyvault.bicep');
  expect(resources(kv)[0]!.type).toBe('Microsoft.KeyVault/vaults');
  expect(kv).toContain('enableRbacAuthorization: true');
  expect(kv).toContain('enablePurgeProtection: true');
  for (const name of ['pph-audit-key', 'pph-bot-notify-key', 'pph-bot-app-password', 'pph-sharepoint'])
    expect(kv).toContain(name);
  const storage = read('modules/storage.bicep');
  expect(resources(storage).map((r) => r.type)).toContain('Microsoft.Storage/storageAccounts');
  expect(storage).toContain('allowSharedKeyAccess: false');
  expect(storage).toContain('allowBlobPublicAccess: false');
  const monitoring = read('modules/monitoring.bicep');
  expect(resources(monitoring).map((r) => r.type)).toEqual([
    'Microsoft.OperationalInsights/workspaces',
    'Microsoft.Insights/components',
  ]);
});

it('no template writes a secret in clear: every secret setting is a Key Vault reference', () => {
  for (const file of ['modules/functions.bicep', 'modules/bot.bicep'])
    for (const [name, expr] of appSettings(read(file)))
      if (SECRETS.includes(name))
        expect({ file, name, expr }).toEqual({ file, name, expr: expect.stringMatching(/^secret\(/) });
});

/** The bot's configuration and identity: local dev personas never in production; Azure needs its identity. */
import { ApiHeaders } from '@pph/contract';
import { loadBotConfig } from '@pph/bot/host/config';
import { botIdentityCredentials, devPersonaCredentials } from '@pph/bot/api/credentials';

const AZURE = {
  PPH_MODE: 'azure',
  PPH_BOT_APP_ID: '11111111-1111-4111-8111-111111111111',
  PPH_BOT_APP_PASSWORD: 'from-key-vault',
  PPH_TENANT_ID: '22222222-2222-4222-8222-222222222222',
  PPH_CLIENT_ID: '33333333-3333-4333-8333-333333333333',
  PPH_BOT_NOTIFY_KEY: 'a-notify-key-of-enough-length',
};

it('local mode (anonymous messaging endpoint, dev personas) is refused in production and in Azure', () => {
  expect(() => loadBotConfig({ PPH_MODE: 'local', NODE_ENV: 'production' })).toThrow(
    /refused when NODE_ENV=production/,
  );
  expect(() => loadBotConfig({ WEBSITE_INSTANCE_ID: 'x', PPH_MODE: 'local' })).toThrow(
    /refused when running in Azure/,
  );
  expect(loadBotConfig({ PPH_MODE: 'local' }).identity).toEqual({});
});

it('Azure mode names every missing setting and asks for the API scope of the hub', () => {
  expect(() => loadBotConfig({ PPH_MODE: 'azure' })).toThrow(
    'Configuration: azure mode needs PPH_BOT_APP_ID, PPH_BOT_APP_PASSWORD, PPH_TENANT_ID, PPH_CLIENT_ID, PPH_BOT_NOTIFY_KEY.',
  );
  const config = loadBotConfig(AZURE);
  expect(config.identity.appId).toBe(AZURE.PPH_BOT_APP_ID);
  expect(config.apiScope).toBe(`api://${AZURE.PPH_CLIENT_ID}/.default`);
  expect(() => loadBotConfig({ ...AZURE, PPH_BOT_PORT: 'eighty' })).toThrow(
    /PPH_BOT_PORT must be a port number/,
  );
});

it('the safeguarding routes shown at immediate risk are configurable per partnership', () => {
  const config = loadBotConfig({
    PPH_MODE: 'local',
    PPH_SAFEGUARDING_CHILD: 'MASH 0000',
    PPH_SAFEGUARDING_ADULT: 'ASC 1111',
  });
  expect(config.settings).toMatchObject({
    childSafeguardingRoute: 'MASH 0000',
    adultSafeguardingRoute: 'ASC 1111',
  });
});

it('in Azure the bot calls the API with its own token and names the user it acts for', async () => {
  const scopes: string[] = [];
  const creds = botIdentityCredentials(
    { getToken: async (scope) => (scopes.push(scope), { token: 'bot-token' }) },
    'api://hub/.default',
  );
  expect(await creds.headersFor('user-oid')).toEqual({
    authorization: 'Bearer bot-token',
    [ApiHeaders.actingUser]: 'user-oid',
  });
  expect(scopes).toEqual(['api://hub/.default']);
  await expect(botIdentityCredentials({ getToken: async () => null }, 's').headersFor('u')).rejects.toThrow(
    /access token/,
  );
  expect(await devPersonaCredentials().headersFor('p1')).toEqual({ [ApiHeaders.devPersona]: 'p1' });
});

/**
 * In Azure the messaging endpoint takes only activities the Bot Framework signed; the local anonymous mode is
 * never on there. With real credentials (PPH_LIVE_BOT_*), the bot's identity is also checked against Entra.
 */
import { ClientSecretCredential } from '@azure/identity';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import { loadBotConfig } from '@pph/bot/host/config';
import { startBotServer, type BotServer } from '@pph/bot/host/server';

const AZURE = {
  PPH_MODE: 'azure',
  PPH_BOT_APP_ID: '11111111-1111-4111-8111-111111111111',
  PPH_BOT_APP_PASSWORD: 'not-a-real-secret',
  PPH_TENANT_ID: '22222222-2222-4222-8222-222222222222',
  PPH_CLIENT_ID: '33333333-3333-4333-8333-333333333333',
  PPH_BOT_NOTIFY_KEY: 'a-notify-key-of-enough-length',
  PPH_API_URL: 'http://127.0.0.1:9',
};

let bot: BotServer;
beforeAll(async () => {
  bot = await startBotServer(
    { ...loadBotConfig(AZURE), port: 0 },
    { logger: silentLogger, credentials: { headersFor: async () => ({}) } },
  );
});
afterAll(async () => bot.close());

const activity = {
  type: 'message',
  id: '1',
  text: 'raise a concern',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  from: { id: '29:x', aadObjectId: '00000000-0000-4000-8000-000000000001' },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:1' },
};

it('refuses an activity with no Bot Framework token', async () => {
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  expect(res.status).toBe(401);
});

it('refuses an activity with a token that is not a valid Bot Framework JWT', async () => {
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.jwt' },
    body: JSON.stringify(activity),
  });
  expect(res.status).toBe(401);
});

const live =
  process.env.PPH_LIVE_BOT_APP_ID && process.env.PPH_LIVE_BOT_APP_PASSWORD && process.env.PPH_LIVE_TENANT_ID;
(live ? it : it.skip)(
  'live: the bot identity gets a Bot Framework token from Entra (PPH_LIVE_BOT_* given)',
  async () => {
    const credential = new ClientSecretCredential(
      process.env.PPH_LIVE_TENANT_ID!,
      process.env.PPH_LIVE_BOT_APP_ID!,
      process.env.PPH_LIVE_BOT_APP_PASSWORD!,
    );
    const token = await credential.getToken('https://api.botframework.com/.default');
    expect(token?.token.split('.')).toHaveLength(3);
  },
);

/** The hub with Teams delivery through the real bot host, as `npm start` wires them, on free loopback ports. */
import { BotNotify } from '@pph/contract';
import { BotNotifier } from '@pph/functions/adapters/notifier/bot-notifier';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import { LOCAL_DEV_NOTIFY_KEY } from '@pph/functions/config';
import { startBotServer, type BotServer } from '@pph/bot/host/server';
import { loadBotConfig } from '@pph/bot/host/config';
import { startTestHub, type TestHub } from './hub';

export interface HubWithBot {
  hub: TestHub;
  bot: BotServer;
  /** Stops the bot and starts a new one (new port); the hub's notifier follows it. */
  restartBot(): Promise<BotServer>;
  close(): Promise<void>;
}

export async function startHubWithBot(): Promise<HubWithBot> {
  let botUrl = '';
  const hub = await startTestHub({
    // The bot starts after the hub (it needs the hub's URL), so the notifier is built per delivery.
    notifierFactory: (h) => ({
      deliver: (n) =>
        new BotNotifier({
          url: `${botUrl}${BotNotify.path}`,
          key: LOCAL_DEV_NOTIFY_KEY,
          lookup: (id) => h.conversations.lookup(id),
          logger: silentLogger,
        }).deliver(n),
    }),
  });
  const startBot = async () => {
    const bot = await startBotServer(
      { ...loadBotConfig({ PPH_MODE: 'local' }), port: 0, apiUrl: hub.url },
      { logger: silentLogger },
    );
    botUrl = bot.url;
    return bot;
  };
  const stack: HubWithBot = {
    hub,
    bot: await startBot(),
    async restartBot() {
      await stack.bot.close();
      stack.bot = await startBot();
      return stack.bot;
    },
    async close() {
      await stack.bot.close();
      await hub.close();
    },
  };
  return stack;
}

/**
 * `npm start`: the whole hub on this machine. The API on 127.0.0.1:7071 (embedded SQLite, demo data, timers), the
 * bot on 127.0.0.1:3978 with Teams delivery of notifications, and the Agents Playground as the Teams client for
 * the referrer (56150) and the safeguarding lead (56151).
 */
import path from 'node:path';
import { BotNotifier } from '@pph/functions/adapters/notifier/bot-notifier';
import { createLogger } from '@pph/functions/adapters/logging/pino-logger';
import { loadConfig } from '@pph/functions/config';
import { personaLines } from '@pph/functions/hosts/local/banner';
import { startLocalHub } from '@pph/functions/hosts/local/hub';
import { PERSONA_IDS } from '@pph/functions/hosts/local/personas';
import { loadBotConfig } from './config';
import {
  PLAYGROUND_PORT,
  kebab,
  playgroundConfigDir,
  startPlayground,
  type PlaygroundProcess,
} from './playground';
import { startBotServer } from './server';
import { TABS_PORT, startTabServer, tabLines } from './tab-server';
import { runHost } from '@pph/functions/hosts/process-lifecycle';

const REPO_ROOT = path.resolve(__dirname, '../../..');
/** The Board web part's local harness (spfx/harness), beside the tabs. */
const BOARD_HARNESS_PORT = 53001;

async function main(): Promise<() => Promise<void>> {
  const config = loadConfig();
  const botConfig = loadBotConfig();
  const logger = createLogger({ level: config.logLevel });
  const botUrl = `http://127.0.0.1:${botConfig.port}`;
  const hub = await startLocalHub({
    dataDir: config.dataDir,
    port: config.apiPort,
    seed: true,
    logger,
    notifierFactory: (h) =>
      new BotNotifier({
        url: `${botUrl}/api/notify`,
        key: botConfig.notifyKey,
        lookup: (id) => h.conversations.lookup(id),
        logger,
      }),
  });
  const bot = await startBotServer({ ...botConfig, apiUrl: hub.url }, { logger });
  const tabs = await startTabServer({
    distDir: path.join(REPO_ROOT, 'teams-app', 'dist'),
    apiUrl: hub.url,
    port: Number(process.env.PPH_TABS_PORT ?? TABS_PORT),
  });
  // The Board secretariat's SharePoint web part, its views in a local page (spfx/harness) against this hub.
  const board = await startTabServer({
    distDir: path.join(REPO_ROOT, 'spfx', 'harness', 'dist'),
    apiUrl: hub.url,
    port: Number(process.env.PPH_BOARD_PORT ?? BOARD_HARNESS_PORT),
    notBuilt:
      'The Board web part harness is not built yet: run `npm run build` (or `npm start`), then reload.',
  });

  const wanted = (process.env.PPH_PLAYGROUND_PERSONAS ?? 'referrer,safeguardingLead')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const playgrounds: PlaygroundProcess[] = [];
  let stopping = false;
  const close = async () => {
    stopping = true;
    await Promise.all(playgrounds.map((p) => p.stop()));
    await tabs.close();
    await board.close();
    await bot.close();
    await hub.close();
  };
  try {
    for (const [i, key] of wanted.entries()) {
      if (!(key in PERSONA_IDS)) {
        console.error(
          `PPH_PLAYGROUND_PERSONAS: there is no persona "${key}". Use: ${Object.keys(PERSONA_IDS).join(', ')}.`,
        );
        continue;
      }
      const logDir = path.join(config.dataDir, 'playground', kebab(key));
      const playground = await startPlayground({
        configFile: path.join(playgroundConfigDir(REPO_ROOT, key), '.m365agentsplayground.yml'),
        botUrl,
        port: Number(process.env.PPH_PLAYGROUND_PORT ?? PLAYGROUND_PORT) + i,
        logDir,
        persona: key,
      });
      playgrounds.push(playground);
      playground.child.once('exit', (code, signal) => {
        if (!stopping)
          console.error(
            `The Agents Playground for ${key} (${playground.url}) stopped (${signal ?? `exit ${code}`}); ` +
              `its log: ${path.join(logDir, 'playground.log')}`,
          );
      });
    }

    // Deliver what the demo data queued (most of it to people who never opened the bot) before the banner.
    await hub.runTimersOnce();
  } catch (e) {
    // A playground that did come up is a child process: it would outlive this one and keep its port.
    await close().catch(() => undefined);
    throw e;
  }
  console.log(
    [
      '',
      'Prevent Partnership Hub (local mode, embedded SQLite store)',
      `  API         ${hub.url}/api   (health: ${hub.url}/api/health, OpenAPI: ${hub.url}/api/openapi.json)`,
      `  Bot         ${bot.url}/api/messages`,
      ...playgrounds.map((p) => `  Teams chat  ${p.url}   (Agents Playground, signed in as ${p.persona})`),
      ...tabLines(tabs.url),
      `  Board       ${board.url}/   (the SharePoint web part's views: sign in as the secretariat persona)`,
      `  Store       ${path.join(config.dataDir, 'hub.sqlite')}${hub.seeded ? '  (demo data seeded)' : ''}`,
      '',
      'Open a Teams chat link above and say "raise a concern". Decisions arrive as cards in the approver’s chat.',
      'Chat as other personas: PPH_PLAYGROUND_PERSONAS=referrer,coordinator npm start',
      'Call the API as a persona with the header  x-dev-persona: <id>  (local mode only):',
      '',
      ...(await personaLines(hub)),
      '',
    ].join('\n'),
  );

  return close;
}

runHost(main);

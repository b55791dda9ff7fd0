/**
 * The API alone on this machine, as `node functions/dist/hosts/local/main.js` runs it. In local mode: the
 * embedded store with demo data and the dev sign-in. With PPH_MODE=azure (the API on a VM or in a container
 * rather than App Service): Entra sign-in only, no demo personas and no demo data, as in Azure.
 */
import path from 'node:path';
import { createLogger } from '../../adapters/logging/pino-logger';
import { BotNotifier } from '../../adapters/notifier/bot-notifier';
import { loadConfig } from '../../config';
import { personaLines } from './banner';
import { startLocalHub, type LocalHub } from './hub';

export async function startApiHost(env: NodeJS.ProcessEnv): Promise<{ hub: LocalHub; banner: string[] }> {
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel });
  const { botNotifyUrl: url, botNotifyKey: key } = config;
  const hub = await startLocalHub({
    env,
    dataDir: config.dataDir,
    port: config.apiPort,
    seed: true, // local mode only: the hub never seeds demo people in azure mode
    logger,
    ...(url && key
      ? {
          notifierFactory: (h) =>
            new BotNotifier({ url, key, lookup: (id) => h.conversations.lookup(id), logger }),
        }
      : {}),
  });
  const where = [
    `  API        ${hub.url}/api   (health: ${hub.url}/api/health, OpenAPI: ${hub.url}/api/openapi.json)`,
    `  Store      ${path.join(config.dataDir, 'hub.sqlite')}${hub.seeded ? '  (demo data seeded)' : ''}`,
  ];
  if (config.mode === 'azure')
    return {
      hub,
      banner: [
        '',
        'Prevent Partnership Hub (azure mode: Entra ID sign-in, embedded SQLite store)',
        ...where,
        '',
        'Sign in with an Entra ID access token for this API ("Authorization: Bearer <token>"). There is no dev sign-in.',
        '',
      ],
    };
  const people = await hub.hub.directory.people();
  return {
    hub,
    banner: [
      '',
      'Prevent Partnership Hub (local mode, embedded SQLite store)',
      ...where,
      '',
      'Sign in as a demo persona by sending the header  x-dev-persona: <id>  (local mode only), e.g.',
      `  curl -H 'x-dev-persona: ${people[0]?.id ?? ''}' ${hub.url}/api/me/concerns`,
      '',
      ...(await personaLines(hub)),
      '',
    ],
  };
}

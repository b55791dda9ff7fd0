/**
 * The hub on this machine: embedded SQLite store, the HTTP API on loopback serving the same handler table as
 * Azure, and the timers on intervals. Used by `npm start` and by tests that want the real API over HTTP. Its
 * mode comes from the environment like every host's: with PPH_MODE=azure it signs people in with Entra only
 * (no dev sign-in, no demo personas, no demo data).
 */
import path from 'node:path';
import { openPaperConverter } from '../../adapters/documents/converters/open';
import { openDocumentStore } from '../../adapters/documents/open';
import { createAuthenticator } from '../../adapters/identity';
import { createLogger } from '../../adapters/logging/pino-logger';
import { LogNotifier } from '../../adapters/notifier/log-notifier';
import { openSharePointStore } from '../../adapters/sharepoint/open';
import { openStoreOverDouble, StoreOverDouble } from '../../adapters/sharepoint/double/store-over-double';
import { openSqliteStore } from '../../adapters/sqlite/sqlite-store';
import { loadConfig } from '../../config';
import { createHub, type Hub } from '../../hub';
import type { Clock } from '../../ports/clock';
import type { DocumentStore } from '../../ports/documents';
import { systemClock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { Notifier } from '../../ports/notifier';
import { createRoutes } from '../http/route-table';
import { listDevPersonas } from './dev-personas';
import { startHttpServer } from './http-server';
import { seedDemoData } from './seed';

export interface LocalHubOptions {
  /** 0 picks a free port (tests); default 7071. */
  port?: number;
  dataDir: string;
  seed?: boolean;
  /** Run relay, delivery and time-limit timers on intervals (default true). */
  timers?: boolean;
  notifier?: Notifier;
  clock?: Clock;
  logger?: Logger;
  /** Where papers, minutes and packs are kept (default: the folder `documents` under dataDir). */
  documents?: DocumentStore;
  /** Route the notifier needs to find Teams conversations (the bot's delivery adapter). */
  notifierFactory?: (hub: Hub) => Notifier;
  /** Where the configuration is read from (default process.env); dataDir and port above take precedence. */
  env?: NodeJS.ProcessEnv;
}

export interface LocalHub {
  url: string;
  port: number;
  hub: Hub;
  seeded: boolean;
  /** Relay, deliver and tick time limits once, now. */
  runTimersOnce(): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalHub(opts: LocalHubOptions): Promise<LocalHub> {
  // PPH_MODE as configured, never forced to local: an environment that asks for azure mode gets Entra sign-in.
  const config = loadConfig({ ...(opts.env ?? process.env), PPH_DATA_DIR: opts.dataDir });
  const logger = opts.logger ?? createLogger({ level: config.logLevel });
  // PPH_STORE=sharepoint-double: the SharePoint adapter over the loopback REST double (local mode only).
  const store =
    config.store === 'sharepoint-double'
      ? await openStoreOverDouble({ logger, version: config.version })
      : config.store === 'sharepoint' && config.sharepoint
        ? openSharePointStore({ version: config.version, sharepoint: config.sharepoint }, logger)
        : await openSqliteStore({ file: path.join(opts.dataDir, 'hub.sqlite') });
  let notifier: Notifier = opts.notifier ?? new LogNotifier(logger);
  const converter = openPaperConverter(config);
  const hub = await createHub({
    store,
    clock: opts.clock ?? systemClock,
    logger,
    auditKey: config.auditKey,
    notifier: { deliver: (n) => notifier.deliver(n) },
    documents:
      opts.documents ??
      openDocumentStore(config, logger, {
        ...(opts.clock ? { clock: opts.clock } : {}),
        // Over the double, papers live in its document libraries, beside the lists.
        ...(store instanceof StoreOverDouble ? { doubleSiteUrl: store.double.siteUrl } : {}),
      }),
    ...(converter ? { converter } : {}),
  });
  if (opts.notifierFactory) notifier = opts.notifierFactory(hub);
  // Demo people with well-known ids belong in local mode only, never in a store that real people sign in to.
  const seeded = opts.seed && config.mode === 'local' ? await seedDemoData(hub) : false;
  const authenticator = createAuthenticator(config, {
    // Every registered id, readable row or not: someone with a mistyped row is told so (403), not "unknown".
    isKnownPersona: (id) => hub.directory.isRegistered(id),
  });
  const routes = createRoutes({
    hub,
    authenticator,
    logger,
    info: { version: config.version, store: store.kind, mode: config.mode },
    hostHandlers: { devPersonas: async () => ({ body: await listDevPersonas(hub) }) },
  });
  const server = await startHttpServer({ routes, port: opts.port ?? config.apiPort, logger });

  const runTimersOnce = async () => {
    await hub.timers.tickAll();
    await hub.settle();
    await hub.pumpOnce();
  };
  const intervals: NodeJS.Timeout[] = [];
  if (opts.timers !== false) {
    const every = (ms: number, fn: () => Promise<unknown>, name: string) =>
      intervals.push(
        setInterval(
          () =>
            void fn().catch((e: unknown) =>
              logger.warn('timer failed', { timer: name, error: e instanceof Error ? e.name : 'unknown' }),
            ),
          ms,
        ),
      );
    every(2_000, () => hub.pumpOnce(), 'outbox');
    every(60_000, () => hub.timers.tickAll(), 'time-limits');
  }
  return {
    url: server.url,
    port: server.port,
    hub,
    seeded,
    runTimersOnce,
    async close() {
      intervals.forEach(clearInterval);
      await server.close();
      await hub.settle();
      await store.close();
    },
  };
}

/**
 * Azure Functions v4 entry point: registers the same handler table the local host serves, plus the timers.
 * It never wires the dev sign-in: configuration refuses local mode in Azure and in production builds.
 */
import { app, type InvocationContext } from '@azure/functions';
import { openPaperConverter } from '../../adapters/documents/converters/open';
import { openDocumentStore } from '../../adapters/documents/open';
import { createJwksAuthenticator } from '../../adapters/identity/jwks';
import { createLogger } from '../../adapters/logging/pino-logger';
import { BotNotifier } from '../../adapters/notifier/bot-notifier';
import { LogNotifier } from '../../adapters/notifier/log-notifier';
import { openSharePointStore } from '../../adapters/sharepoint/open';
import { certificateTokenProvider } from '../../adapters/sharepoint/certificate-tokens';
import { graphInvitesFor } from '../../adapters/calendar/graph-invites';
import type { Notifier } from '../../ports/notifier';
import { loadConfig } from '../../config';
import { createHub, type Hub } from '../../hub';
import { systemClock } from '../../ports/clock';
import type { Store } from '../../ports/store';
import { createRoutes, operationsFor } from '../http/route-table';
import { errorResponse } from '../http/respond';
import type { RouteHandler } from '../http/types';
import { bootOnce } from './boot-once';
import path from 'node:path';

const config = loadConfig();
const logger = createLogger({ level: config.logLevel });

async function openStore(): Promise<Store> {
  if (config.store === 'sharepoint' && config.sharepoint)
    return openSharePointStore({ version: config.version, sharepoint: config.sharepoint }, logger);
  // Loaded only when chosen: the deployment bundle (npm run bundle:functions) leaves SQLite and its native module out.
  const { openSqliteStore } = await import('../../adapters/sqlite/sqlite-store.js');
  return openSqliteStore({ file: path.join(config.dataDir, 'hub.sqlite') });
}

// A failed boot (store unreachable at cold start) is not cached: the next invocation tries again.
const boot = bootOnce(async (): Promise<{ hub: Hub; routes: RouteHandler[] }> => {
  const store = await openStore();
  try {
    let notifier: Notifier = new LogNotifier(logger);
    const converter = openPaperConverter(config);
    // Outlook events with a Teams meeting, from the secretariat's mailbox, with the SharePoint certificate's
    // app-only Graph token (Calendars.ReadWrite, limited to that mailbox by an application access policy).
    const invites =
      config.meetingsOrganiser && config.sharepoint
        ? graphInvitesFor(certificateTokenProvider(config.sharepoint), config.meetingsOrganiser)
        : undefined;
    const hub = await createHub({
      store,
      clock: systemClock,
      logger,
      auditKey: config.auditKey,
      notifier: { deliver: (n) => notifier.deliver(n) },
      documents: openDocumentStore(config, logger),
      ...(converter ? { converter } : {}),
      ...(invites ? { invites } : {}),
    });
    // Teams delivery through the bot when it is configured; the log notifier otherwise (no Teams app yet).
    if (config.botNotifyUrl && config.botNotifyKey)
      notifier = new BotNotifier({
        url: config.botNotifyUrl,
        key: config.botNotifyKey,
        lookup: (id) => hub.conversations.lookup(id),
        logger,
      });
    const routes = createRoutes({
      hub,
      authenticator: createJwksAuthenticator(config),
      logger,
      info: { version: config.version, store: store.kind, mode: config.mode },
    });
    return { hub, routes };
  } catch (e) {
    // Let the retry start clean, without this attempt's store handle.
    await store.close().catch(() => undefined);
    throw e;
  }
});

// Registration comes from the contract's operation table; each entry defers to the booted hub's table.
for (const [name, op] of operationsFor(config.mode)) {
  app.http(name, {
    route: op.route,
    methods: [op.method],
    authLevel: 'anonymous', // Entra tokens are checked by the authenticator in every handler
    handler: async (req) => {
      let routes: RouteHandler[];
      try {
        ({ routes } = await boot());
      } catch (e) {
        logger.error('boot failed', { route: name, error: e instanceof Error ? e.name : 'unknown' });
        return errorResponse(
          'internal',
          'The hub could not start (its store may be unreachable), so nothing was done. Try again in a minute.',
        );
      }
      const live = routes.find((x) => x.name === name);
      if (!live) return { status: 404 };
      return live.handler(req);
    },
  });
}

const timer = (name: string, schedule: string, run: (hub: Hub) => Promise<unknown>) =>
  app.timer(name, {
    schedule,
    handler: async (_t: unknown, ctx: InvocationContext) => {
      try {
        const { hub } = await boot();
        await run(hub);
      } catch (e) {
        // The runtime logs what a function throws, message included, and messages from deep inside may carry
        // data: log the name, and fail the run with a message of our own.
        const error = e instanceof Error ? e.name : 'unknown';
        logger.error('timer failed', { timer: name, error });
        throw new Error(`${name} failed (${error})`);
      }
      ctx.log(`${name} done`);
    },
  });

timer('outboxRelay', '0 */1 * * * *', (hub) => hub.pumpOnce());
timer('timeLimits', '0 */15 * * * *', (hub) => hub.timers.tickAll());
// Board pack builds: runs the queued ones and marks failed any whose instance stopped (packs/job.ts).
timer('packBuilds', '*/15 * * * * *', (hub) => hub.packJobs.runDue());

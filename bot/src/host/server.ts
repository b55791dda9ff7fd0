/**
 * The bot's HTTP host on loopback (or App Service): /api/messages for the channel, /api/notify for the hub's
 * outbox, /api/health. Bodies are size-capped and parsed before the adapter sees them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BotNotify } from '@pph/contract';
import { createLogger, type Logger } from './logger';
import { HubClient, type ApiCredentials } from '../api/hub-client';
import { botIdentityCredentials, devPersonaCredentials } from '../api/credentials';
import { HubActivityHandler } from '../botbuilder/activity-handler';
import { createCloudAdapter, processHttp, sendProactive } from '../botbuilder/cloud-adapter';
import { PreventBot } from '../core/prevent-bot';
import type { BotConfig } from './config';
import { NotifyEndpoint } from './notify';

const MAX_BODY_BYTES = 256 * 1024;

export interface BotServer {
  url: string;
  port: number;
  bot: PreventBot;
  close(): Promise<void>;
}

export async function startBotServer(
  config: BotConfig,
  opts: { host?: string; logger?: Logger; credentials?: ApiCredentials } = {},
): Promise<BotServer> {
  const logger = opts.logger ?? createLogger({ level: 'info' });
  const credentials = opts.credentials ?? (await credentialsFor(config));
  const hub = new HubClient(config.apiUrl, credentials);
  const bot = new PreventBot(hub, config.settings);
  const adapter = createCloudAdapter(config.identity, (e) =>
    logger.error('bot turn failed', { error: e instanceof Error ? e.name : 'unknown' }),
  );
  const handler = new HubActivityHandler(
    bot,
    (user, reference) => hub.saveConversationReference(user.objectId, reference),
    // In Azure, only the partnership's own tenant; the Playground's made-up tenant is not checked locally.
    config.mode === 'azure' ? { tenantId: config.identity.tenantId! } : {},
  );
  const notify = new NotifyEndpoint(bot, config.notifyKey, async (reference, out) => {
    await sendProactive(adapter, config.identity.appId ?? '', reference, out);
  });

  const server = http.createServer((req, res) => {
    void route(req, res).catch((e: unknown) => {
      logger.error('bot request failed', { path: req.url, error: e instanceof Error ? e.name : 'unknown' });
      if (!res.headersSent) json(res, 500, { error: 'The bot could not handle this request.' });
      else res.end();
    });
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/api/health')
      return json(res, 200, { status: 'ok', mode: config.mode });
    if (req.method !== 'POST') return json(res, 405, { error: 'Use POST.' });
    const body = await readJson(req);
    if (!body.ok) return json(res, body.status, { error: body.error });
    if (path === '/api/messages')
      return processHttp(adapter, req, body.value, res, (context) => handler.run(context));
    if (path === BotNotify.path) {
      const header = req.headers[BotNotify.keyHeader];
      const result = await notify.handle(typeof header === 'string' ? header : undefined, body.value);
      return json(res, result.status, result.body);
    }
    return json(res, 404, { error: 'No such endpoint.' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    bot,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function credentialsFor(config: BotConfig): Promise<ApiCredentials> {
  if (config.mode === 'local') return devPersonaCredentials();
  const { ClientSecretCredential } = await import('@azure/identity');
  const credential = new ClientSecretCredential(
    config.identity.tenantId!,
    config.identity.appId!,
    config.identity.appPassword!,
  );
  return botIdentityCredentials(credential, config.apiScope!);
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

async function readJson(
  req: http.IncomingMessage,
): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; status: number; error: string }> {
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('application/json'))
    return { ok: false, status: 415, error: 'Send JSON (content-type: application/json).' };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      return { ok: false, status: 413, error: `The body is over ${MAX_BODY_BYTES} bytes.` };
    chunks.push(chunk as Buffer);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (!value || typeof value !== 'object' || Array.isArray(value))
      return { ok: false, status: 400, error: 'The body must be a JSON object.' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, status: 400, error: 'The body is not valid JSON.' };
  }
}

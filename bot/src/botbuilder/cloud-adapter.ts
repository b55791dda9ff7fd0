/** The Bot Framework CloudAdapter: authenticates the messaging endpoint and sends proactive messages. */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
  type ConversationReference,
} from 'botbuilder';
import type { ConversationReferenceInput } from '@pph/contract';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConversationGoneError, type Outgoing } from '../core/types';
import { toActivity } from './activity-handler';

export interface BotIdentity {
  /** Entra app id of the bot; absent only in local mode, where the Agents Playground sends no token. */
  appId?: string;
  appPassword?: string;
  tenantId?: string;
}

export function createCloudAdapter(identity: BotIdentity, onError: (e: unknown) => void): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: identity.appId ?? '',
    MicrosoftAppPassword: identity.appPassword ?? '',
    MicrosoftAppTenantId: identity.tenantId ?? '',
    MicrosoftAppType: identity.tenantId ? 'SingleTenant' : 'MultiTenant',
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    onError(error);
    await context
      .sendActivity('Something went wrong on our side and nothing was lost. Please try again in a moment.')
      .catch(() => undefined);
  };
  return adapter;
}

/** Hands a parsed node:http request to the adapter, which writes the response itself. */
export async function processHttp(
  adapter: CloudAdapter,
  req: IncomingMessage,
  body: Record<string, unknown>,
  res: ServerResponse,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  const shim = {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
    },
    send(payload?: unknown) {
      if (payload === undefined) return;
      if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json');
      res.write(typeof payload === 'string' ? payload : JSON.stringify(payload));
    },
    end() {
      res.end();
    },
  };
  await adapter.process({ body, headers: req.headers, method: req.method ?? 'POST' }, shim, logic);
}

/** Sends a proactive message into a stored conversation. */
export async function sendProactive(
  adapter: CloudAdapter,
  appId: string,
  stored: ConversationReferenceInput,
  out: Outgoing,
): Promise<string | undefined> {
  // The stored reference is what TurnContext.getConversationReference produced, checked on the way in and out.
  const reference = stored as unknown as Partial<ConversationReference>;
  let id: string | undefined;
  let failure: unknown;
  // Caught inside the turn: otherwise the adapter's onTurnError would swallow it and the outbox would
  // think the message had been delivered.
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    try {
      id = (await context.sendActivity(toActivity(out)))?.id;
    } catch (e) {
      failure = e;
    }
  });
  if (failure) {
    const status = (failure as { statusCode?: number }).statusCode;
    // The person removed the app or the conversation no longer exists: retrying will not help.
    if (status === 403 || status === 404)
      throw new ConversationGoneError(`The conversation answered ${status}.`);
    throw failure;
  }
  return id;
}

/** The bot's configuration from the environment, checked at start-up with messages that name the variable. */
import { z } from 'zod';
import { LOCAL_DEV_NOTIFY_KEY, assertLocalModeAllowed, parseEnv, runningInAzure } from './environment';
import type { BotSettings } from '../core/types';

/** The hub's Teams app id (manifest/); deep links into its tabs use it. */
export const DEFAULT_TEAMS_APP_ID = '5f0d6a8e-2c3b-4f7a-9d41-7b6e0c1a9e21';

export interface BotConfig {
  mode: 'local' | 'azure';
  port: number;
  apiUrl: string;
  notifyKey: string;
  identity: { appId?: string; appPassword?: string; tenantId?: string };
  /** Scope the bot asks for when calling the API as itself (Azure). */
  apiScope?: string;
  settings: BotSettings;
}

const Env = z.object({
  PPH_MODE: z.enum(['local', 'azure'], { error: 'PPH_MODE must be "local" or "azure".' }).optional(),
  PPH_BOT_PORT: z.coerce
    .number({ error: 'PPH_BOT_PORT must be a port number.' })
    .int()
    .min(0)
    .max(65535)
    .default(3978),
  PPH_API_URL: z
    .string()
    .url('PPH_API_URL must be the hub API base URL, like http://127.0.0.1:7071.')
    .default('http://127.0.0.1:7071'),
  PPH_BOT_NOTIFY_KEY: z.string().min(16, 'PPH_BOT_NOTIFY_KEY must be at least 16 characters.').optional(),
  PPH_BOT_APP_ID: z.string().uuid('PPH_BOT_APP_ID must be the bot app registration id (a GUID).').optional(),
  PPH_BOT_APP_PASSWORD: z.string().min(1).optional(),
  PPH_TENANT_ID: z.string().uuid('PPH_TENANT_ID must be the Entra tenant id (a GUID).').optional(),
  PPH_CLIENT_ID: z.string().uuid('PPH_CLIENT_ID must be the API app registration id (a GUID).').optional(),
  PPH_TEAMS_APP_ID: z
    .string()
    .uuid('PPH_TEAMS_APP_ID must be the Teams app id (a GUID).')
    .default(DEFAULT_TEAMS_APP_ID),
  PPH_SAFEGUARDING_CHILD: z
    .string()
    .max(300)
    .default("Children's Services front door: 01632 960 100 (out of hours 01632 960 199)"),
  PPH_SAFEGUARDING_ADULT: z.string().max(300).default('Adult Social Care safeguarding: 01632 960 200'),
});

export function loadBotConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const e = parseEnv(Env, env);
  const mode = e.PPH_MODE ?? (runningInAzure(env) ? 'azure' : 'local');
  const settings: BotSettings = {
    teamsAppId: e.PPH_TEAMS_APP_ID,
    childSafeguardingRoute: e.PPH_SAFEGUARDING_CHILD,
    adultSafeguardingRoute: e.PPH_SAFEGUARDING_ADULT,
  };
  if (mode === 'local') {
    // The Playground sends no Bot Framework token and the API takes dev personas: never in production.
    assertLocalModeAllowed(env);
    return {
      mode,
      port: e.PPH_BOT_PORT,
      apiUrl: e.PPH_API_URL,
      notifyKey: e.PPH_BOT_NOTIFY_KEY ?? LOCAL_DEV_NOTIFY_KEY,
      identity: {},
      settings,
    };
  }
  const missing = [
    !e.PPH_BOT_APP_ID && 'PPH_BOT_APP_ID',
    !e.PPH_BOT_APP_PASSWORD && 'PPH_BOT_APP_PASSWORD',
    !e.PPH_TENANT_ID && 'PPH_TENANT_ID',
    !e.PPH_CLIENT_ID && 'PPH_CLIENT_ID',
    !e.PPH_BOT_NOTIFY_KEY && 'PPH_BOT_NOTIFY_KEY',
  ].filter(Boolean);
  if (missing.length) throw new Error(`Configuration: azure mode needs ${missing.join(', ')}.`);
  return {
    mode,
    port: e.PPH_BOT_PORT,
    apiUrl: e.PPH_API_URL,
    notifyKey: e.PPH_BOT_NOTIFY_KEY!,
    identity: { appId: e.PPH_BOT_APP_ID!, appPassword: e.PPH_BOT_APP_PASSWORD!, tenantId: e.PPH_TENANT_ID! },
    apiScope: `api://${e.PPH_CLIENT_ID}/.default`,
    settings,
  };
}

/**
 * Where the bot is running, read from the environment, and the guard that keeps local mode (and the dev
 * sign-in) out of production. The bot's own, so it imports no server code; at least as strict as the API's.
 */
import type { z } from 'zod';

/** The notify key the local hub and the local bot share; never accepted in azure mode (config.ts). */
export const LOCAL_DEV_NOTIFY_KEY = 'local-development-only-notify-key';

/** App Service (WEBSITE_*) or Azure Functions (FUNCTIONS_*) sets these in every Azure process. */
export const runningInAzure = (env: NodeJS.ProcessEnv) =>
  Boolean(
    env.WEBSITE_INSTANCE_ID ||
    env.WEBSITE_SITE_NAME ||
    env.FUNCTIONS_WORKER_RUNTIME ||
    env.FUNCTIONS_EXTENSION_VERSION,
  );

/** NODE_ENV as people write it: "Production" and " production" are production too. */
export const isProduction = (env: NodeJS.ProcessEnv) => env.NODE_ENV?.trim().toLowerCase() === 'production';

/** Local mode can never be switched on in production, in Azure, or where the environment asks for azure mode. */
export function assertLocalModeAllowed(env: NodeJS.ProcessEnv = process.env): void {
  if (isProduction(env))
    throw new Error('Local mode and the dev sign-in are refused when NODE_ENV=production.');
  if (runningInAzure(env))
    throw new Error('Local mode and the dev sign-in are refused when running in Azure.');
  if (env.PPH_MODE?.trim().toLowerCase() === 'azure')
    throw new Error('Local mode and the dev sign-in are refused when PPH_MODE=azure.');
}

/** The environment through a schema, every problem in one message that names the variable. */
export function parseEnv<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv): T {
  const parsed = schema.safeParse(env);
  if (!parsed.success)
    throw new Error(`Configuration: ${parsed.error.issues.map((i) => i.message).join(' ')}`);
  return parsed.data;
}

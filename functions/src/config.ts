/**
 * Configuration from the environment, validated once at start-up with messages that name the variable. Secrets
 * come from here (app settings / Key Vault references in Azure), never from the repo.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface HubConfig {
  mode: 'local' | 'azure';
  /** sharepoint-double: the SharePoint adapter over the loopback REST double, for local runs only. */
  store: 'sqlite' | 'sharepoint' | 'sharepoint-double';
  dataDir: string;
  apiPort: number;
  entra?: {
    tenantId: string;
    clientId: string;
    botAppId?: string;
    /** Host names of the hub's tabs, for Teams SSO audiences api://<host>/<clientId> (PPH_API_HOST). */
    apiHosts: string[];
    jwksUri: string;
  };
  auditKey: string;
  sharepoint?: SharePointConfig;
  botNotifyUrl?: string;
  botNotifyKey?: string;
  /**
   * The secretariat's mailbox that Board invitations come from, as Outlook events with a Teams meeting through
   * Graph (PPH_MEETINGS_ORGANISER; needs PPH_STORE=sharepoint for the certificate). Unset: .ics files.
   */
  meetingsOrganiser?: string;
  version: string;
  logLevel: string;
}

/** A fixed, clearly labelled key for local runs only; Azure refuses to start without a real one. */
export const LOCAL_DEV_AUDIT_KEY = 'local-development-only-audit-key-not-for-production';

/** Shared by the local hub and the local bot so notifications work out of the box; Azure needs a real one. */
export const LOCAL_DEV_NOTIFY_KEY = 'local-development-only-notify-key';

export const runningInAzure = (env: NodeJS.ProcessEnv) =>
  Boolean(env.WEBSITE_INSTANCE_ID || env.FUNCTIONS_WORKER_RUNTIME);

/** NODE_ENV as people write it: "Production" and " production" are production too. */
export const isProduction = (env: NodeJS.ProcessEnv) => env.NODE_ENV?.trim().toLowerCase() === 'production';

/**
 * Local mode (and with it the dev sign-in) can never be switched on in production, in Azure, or where the
 * environment asks for azure mode.
 */
export function assertLocalModeAllowed(env: NodeJS.ProcessEnv = process.env): void {
  if (isProduction(env))
    throw new Error('Local mode and the dev sign-in are refused when NODE_ENV=production.');
  if (runningInAzure(env))
    throw new Error('Local mode and the dev sign-in are refused when running in Azure.');
  if (env.PPH_MODE?.trim().toLowerCase() === 'azure')
    throw new Error('Local mode and the dev sign-in are refused when PPH_MODE=azure.');
}

export function packageVersion(): string {
  for (const candidate of [
    path.join(__dirname, '../package.json'),
    path.join(__dirname, '../../package.json'),
  ]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@pph/functions' && pkg.version) return pkg.version;
    } catch {
      /* try the next */
    }
  }
  return '0.0.0';
}

/** A DNS host name, with a port if need be (the host part of an Application ID URI api://<host>/<id>). */
const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

const Env = z.object({
  PPH_MODE: z.enum(['local', 'azure'], { error: 'PPH_MODE must be "local" or "azure".' }).optional(),
  PPH_STORE: z
    .enum(['sqlite', 'sharepoint', 'sharepoint-double'], {
      error: 'PPH_STORE must be "sqlite", "sharepoint" or "sharepoint-double".',
    })
    .default('sqlite'),
  PPH_DATA_DIR: z.string().min(1).optional(),
  PPH_API_PORT: z.coerce
    .number({ error: 'PPH_API_PORT must be a port number.' })
    .int()
    .min(0)
    .max(65535)
    .default(7071),
  PPH_TENANT_ID: z.string().uuid('PPH_TENANT_ID must be the Entra tenant id (a GUID).').optional(),
  PPH_CLIENT_ID: z.string().uuid('PPH_CLIENT_ID must be the API app registration id (a GUID).').optional(),
  PPH_BOT_APP_ID: z.string().uuid('PPH_BOT_APP_ID must be the bot app registration id (a GUID).').optional(),
  PPH_JWKS_URI: z.string().url('PPH_JWKS_URI must be a URL.').optional(),
  PPH_API_HOST: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            HOST_NAME,
            'PPH_API_HOST must be host names separated by commas, like hub.council.example (no https://, no path).',
          ),
      ),
    )
    .optional(),
  PPH_AUDIT_KEY: z.string().min(32, 'PPH_AUDIT_KEY must be at least 32 characters.').optional(),
  PPH_SP_SITE_URL: z.string().url('PPH_SP_SITE_URL must be the SharePoint site URL.').optional(),
  PPH_SP_TENANT_ID: z.string().uuid('PPH_SP_TENANT_ID must be the Entra tenant id (a GUID).').optional(),
  PPH_SP_CLIENT_ID: z
    .string()
    .uuid('PPH_SP_CLIENT_ID must be the id of the app registration that reads the site (a GUID).')
    .optional(),
  PPH_SP_CERT_PATH: z.string().min(1).optional(),
  /** The certificate as PEM text (a Key Vault reference in Azure); checked when the store starts. */
  PPH_SP_CERTIFICATE: z.string().min(1).optional(),
  PPH_SP_CERT_THUMBPRINT: z
    .string()
    .regex(
      /^[0-9A-Fa-f:]{40,59}$/,
      "PPH_SP_CERT_THUMBPRINT must be the certificate's SHA-1 thumbprint (hex).",
    )
    .optional(),
  PPH_BOT_NOTIFY_URL: z.string().url('PPH_BOT_NOTIFY_URL must be a URL.').optional(),
  PPH_MEETINGS_ORGANISER: z
    .string()
    .email('PPH_MEETINGS_ORGANISER must be the mailbox invitations come from, like prevent@council.example.')
    .optional(),
  PPH_BOT_NOTIFY_KEY: z.string().min(16, 'PPH_BOT_NOTIFY_KEY must be at least 16 characters.').optional(),
  PPH_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

/** Parses environment variables with a schema whose messages name the variable; one error lists them all. */
export function parseEnv<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv): T {
  const parsed = schema.safeParse(env);
  if (!parsed.success)
    throw new Error(`Configuration: ${parsed.error.issues.map((i) => i.message).join(' ')}`);
  return parsed.data;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const e = parseEnv(Env, env);
  const mode = e.PPH_MODE ?? (runningInAzure(env) ? 'azure' : 'local');
  if (mode === 'local') assertLocalModeAllowed(env);
  const config: HubConfig = {
    mode,
    store: e.PPH_STORE,
    dataDir: path.resolve(e.PPH_DATA_DIR ?? 'data'),
    apiPort: e.PPH_API_PORT,
    auditKey: e.PPH_AUDIT_KEY ?? LOCAL_DEV_AUDIT_KEY,
    version: packageVersion(),
    logLevel: e.PPH_LOG_LEVEL,
    ...(e.PPH_BOT_NOTIFY_URL ? { botNotifyUrl: e.PPH_BOT_NOTIFY_URL } : {}),
    ...(e.PPH_MEETINGS_ORGANISER ? { meetingsOrganiser: e.PPH_MEETINGS_ORGANISER } : {}),
    ...(e.PPH_BOT_NOTIFY_KEY
      ? { botNotifyKey: e.PPH_BOT_NOTIFY_KEY }
      : mode === 'local'
        ? { botNotifyKey: LOCAL_DEV_NOTIFY_KEY }
        : {}),
  };
  if (mode === 'azure') {
    const missing = [
      !e.PPH_TENANT_ID && 'PPH_TENANT_ID',
      !e.PPH_CLIENT_ID && 'PPH_CLIENT_ID',
      !e.PPH_AUDIT_KEY && 'PPH_AUDIT_KEY',
      e.PPH_BOT_NOTIFY_URL && !e.PPH_BOT_NOTIFY_KEY && 'PPH_BOT_NOTIFY_KEY',
    ].filter(Boolean);
    if (missing.length) throw new Error(`Configuration: azure mode needs ${missing.join(', ')}.`);
    config.entra = {
      tenantId: e.PPH_TENANT_ID!,
      clientId: e.PPH_CLIENT_ID!,
      ...(e.PPH_BOT_APP_ID ? { botAppId: e.PPH_BOT_APP_ID } : {}),
      apiHosts: e.PPH_API_HOST ?? [],
      jwksUri: e.PPH_JWKS_URI ?? `https://login.microsoftonline.com/${e.PPH_TENANT_ID}/discovery/v2.0/keys`,
    };
  }
  if (e.PPH_STORE === 'sharepoint') config.sharepoint = sharePointConfig(e);
  if (e.PPH_MEETINGS_ORGANISER && e.PPH_STORE !== 'sharepoint')
    throw new Error(
      'Configuration: PPH_MEETINGS_ORGANISER sends invitations through Graph with the SharePoint certificate; it needs PPH_STORE=sharepoint (leave it unset for .ics invitations).',
    );
  if (e.PPH_STORE === 'sharepoint-double' && mode !== 'local')
    throw new Error(
      'Configuration: PPH_STORE=sharepoint-double is a test double for local runs; refused in azure mode.',
    );
  return config;
}

export interface SharePointConfig {
  siteUrl: string;
  tenantId: string;
  clientId: string;
  /** The app registration's certificate with its private key, as PEM: a file, or the text (a Key Vault reference). */
  certificate: { path: string } | { pem: string };
  /** If given, the certificate must have this SHA-1 thumbprint (what the app registration shows). */
  thumbprint?: string;
}

/** The SharePoint site and credentials alone (the provisioning command line), from the same variables. */
export const loadSharePointConfig = (env: NodeJS.ProcessEnv): SharePointConfig =>
  sharePointConfig(parseEnv(Env, env));

function sharePointConfig(e: z.infer<typeof Env>): SharePointConfig {
  const tenantId = e.PPH_SP_TENANT_ID ?? e.PPH_TENANT_ID;
  const clientId = e.PPH_SP_CLIENT_ID ?? e.PPH_CLIENT_ID;
  const missing = [
    !e.PPH_SP_SITE_URL && 'PPH_SP_SITE_URL',
    !tenantId && 'PPH_SP_TENANT_ID (or PPH_TENANT_ID)',
    !clientId && 'PPH_SP_CLIENT_ID (or PPH_CLIENT_ID)',
    !e.PPH_SP_CERT_PATH && !e.PPH_SP_CERTIFICATE && 'PPH_SP_CERT_PATH or PPH_SP_CERTIFICATE',
  ].filter(Boolean);
  if (missing.length) throw new Error(`Configuration: PPH_STORE=sharepoint needs ${missing.join(', ')}.`);
  if (e.PPH_SP_CERT_PATH && e.PPH_SP_CERTIFICATE)
    throw new Error('Configuration: give PPH_SP_CERT_PATH or PPH_SP_CERTIFICATE, not both.');
  return {
    siteUrl: e.PPH_SP_SITE_URL!.replace(/\/+$/, ''),
    tenantId: tenantId!,
    clientId: clientId!,
    certificate: e.PPH_SP_CERTIFICATE ? { pem: e.PPH_SP_CERTIFICATE } : { path: e.PPH_SP_CERT_PATH! },
    ...(e.PPH_SP_CERT_THUMBPRINT ? { thumbprint: e.PPH_SP_CERT_THUMBPRINT } : {}),
  };
}

/**
 * The bot's structured logs (pino). Callers log codes, paths and counts only; as a second guard, keys that
 * could carry personal data or secrets are redacted at the top level and one object down.
 */
import pino from 'pino';

export interface Logger {
  info(msg: string, ctx?: Record<string, string | number | boolean | undefined>): void;
  warn(msg: string, ctx?: Record<string, string | number | boolean | undefined>): void;
  error(msg: string, ctx?: Record<string, string | number | boolean | undefined>): void;
}

/** Person object ids count as personal data, and so do conversation references (they name the chat). */
const SENSITIVE_KEYS = [
  'name',
  'displayName',
  'email',
  'upn',
  'phone',
  'address',
  'dateOfBirth',
  'subject',
  'referrer',
  'intake',
  'whatHappened',
  'text',
  'reason',
  'response',
  'summary',
  'title',
  'body',
  'payload',
  'notification',
  'conversationReference',
  'recipientId',
  'personId',
  'userId',
  'actorId',
  'oid',
  'aadObjectId',
  'dedupeKey',
  'token',
  'authorization',
  'cookie',
];

export const REDACTED_PATHS = [...SENSITIVE_KEYS, ...SENSITIVE_KEYS.map((k) => `*.${k}`)];

export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const base = pino(
    {
      level: opts.level ?? 'info',
      base: { app: 'prevent-hub-bot' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    opts.destination,
  );
  return {
    info: (msg, ctx) => base.info(ctx ?? {}, msg),
    warn: (msg, ctx) => base.warn(ctx ?? {}, msg),
    error: (msg, ctx) => base.error(ctx ?? {}, msg),
  };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

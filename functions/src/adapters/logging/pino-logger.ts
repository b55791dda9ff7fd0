import pino from 'pino';
import type { Logger } from '../../ports/logger';

/**
 * Keys that could carry personal data or secrets. Callers log ids of list items, codes and counts only (the
 * Logger port takes flat values); as a second guard these keys are redacted wherever they appear, at the top
 * level or one object down. Person object ids count as personal data, and de-duplication keys embed them.
 */
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
  'dedupeKey',
  'token',
  'authorization',
  'cookie',
];

export const REDACTED_PATHS = [...SENSITIVE_KEYS, ...SENSITIVE_KEYS.map((k) => `*.${k}`)];

/** Structured JSON logs via pino, with the redaction above. */
export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const base = pino(
    {
      level: opts.level ?? 'info',
      base: { app: 'prevent-hub' },
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

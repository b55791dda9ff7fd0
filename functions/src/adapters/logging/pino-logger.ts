import pino from 'pino';
import type { Logger } from '../../ports/logger';

/**
 * Structured JSON logs via pino. Callers pass ids and codes only; as a second guard, fields that could carry
 * personal data are redacted by name.
 */
export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const base = pino(
    {
      level: opts.level ?? 'info',
      base: { app: 'prevent-hub' },
      redact: {
        paths: [
          'name',
          'email',
          'subject',
          'intake',
          'text',
          'reason',
          'response',
          'summary',
          'token',
          'authorization',
        ],
        censor: '[redacted]',
      },
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

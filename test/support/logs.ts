/** Loggers that keep what they were given, so tests can check what the hub logs (and what it must not). */
import type { Logger } from '@pph/functions/ports/logger';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
  ctx: Record<string, string | number | boolean | undefined>;
}

export function capturingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (msg: string, ctx: LogEntry['ctx'] = {}) =>
      void entries.push({ level, msg, ctx });
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}

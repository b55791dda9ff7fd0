/** Structured logger port: callers pass ids and codes only, never personal data. */
export interface Logger {
  info(msg: string, ctx?: Record<string, string | number | boolean | undefined>): void;
  warn(msg: string, ctx?: Record<string, string | number | boolean | undefined>): void;
  error(msg: string, ctx?: Record<string, string | number | boolean | undefined>): void;
}

import type { ErrorCode } from '@pph/contract';

/**
 * A failure the caller can act on. The HTTP host maps `code` to a status; `message` is shown to a person, so it
 * says what to do and never carries personal data.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: {
      fieldErrors?: { path: string; message: string }[];
      /** For conflicts: the reference of the concern whose current state the caller should be shown. */
      conflictReference?: string;
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const forbidden = (message: string) => new DomainError('forbidden', message);
export const notFound = (message: string) => new DomainError('not_found', message);
export const conflict = (message: string, conflictReference?: string) =>
  new DomainError('conflict', message, conflictReference ? { conflictReference } : {});

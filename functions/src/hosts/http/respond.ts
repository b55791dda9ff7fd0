/** Turns results and failures into HTTP responses with the one error shape (contract/api.ts). */
import type { HttpResponseInit } from '@azure/functions';
import { ZodError, type ZodType } from 'zod';
import { MAX_JSON_DEPTH, jsonDeeperThan, type ErrorBody, type ErrorCode } from '@pph/contract';
import { DomainError } from '../../kernel/errors';
import { AuthError } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import { isStoreError } from '../../ports/store';
import { MAX_BODY_BYTES, type HubRequest } from './types';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  throttled: 429,
  internal: 500,
};

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, jsonBody: body, headers: { ...SECURITY_HEADERS, ...headers } };
}

export function errorResponse(
  code: ErrorCode,
  message: string,
  extra: Omit<ErrorBody['error'], 'code' | 'message'> = {},
  headers: Record<string, string> = {},
): HttpResponseInit {
  const body: ErrorBody = { error: { code, message, ...extra } };
  return json(STATUS[code], body, headers);
}

export const fieldErrorsOf = (e: ZodError) =>
  e.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));

/** Methods that never change anything the caller asked to change. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What a 500 may honestly say. A failure can come after a change was saved (building the answer, relaying), so
 * a write never claims that nothing was saved.
 */
function internalMessage(method: string | undefined, dataFault: boolean): string {
  const cause = dataFault
    ? 'Something went wrong on our side: the hub holds a record it cannot read.'
    : 'Something went wrong on our side.';
  if (method && READS.has(method.toUpperCase()))
    return `${cause} Try again, and tell the hub administrator if it keeps happening.`;
  return `${cause} Your change may have been saved: check the current state (of the concern, if it was one) before trying again, and tell the hub administrator if it keeps happening.`;
}

/**
 * Maps any failure to a response; unknown failures become a 500 that says nothing of the cause. Only
 * `readBody` turns bad input into a 400 with field errors: a ZodError reaching here came from stored data (or
 * our own code), which is a fault on our side, not the caller's.
 */
export function failure(e: unknown, logger: Logger, route: string, method?: string): HttpResponseInit {
  if (e instanceof DomainError) {
    const headers: Record<string, string> = e.extra.retryAfterSeconds
      ? { 'retry-after': String(e.extra.retryAfterSeconds) }
      : {};
    return errorResponse(
      e.code,
      e.message,
      e.extra.fieldErrors ? { fieldErrors: e.extra.fieldErrors } : {},
      headers,
    );
  }
  if (e instanceof AuthError) {
    return errorResponse('unauthenticated', e.message, {}, { 'www-authenticate': 'Bearer' });
  }
  if (isStoreError(e, 'throttled')) {
    const retryAfterSeconds = e.detail?.retryAfterSeconds ?? 30;
    return errorResponse(
      'throttled',
      'The hub is busy. Wait a moment and try again.',
      { retryAfterSeconds },
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
  if (e instanceof ZodError) {
    // Issue codes and schema paths only: zod's messages can quote the stored values.
    logger.error('data fault', {
      route,
      error: e.name,
      issues: e.issues
        .slice(0, 5)
        .map((i) => `${i.code}@${i.path.map(String).join('.') || '(root)'}`)
        .join(','),
    });
    return errorResponse('internal', internalMessage(method, true));
  }
  // Names only: messages from deep inside may carry data we must not log.
  logger.error('request failed', { route, error: e instanceof Error ? e.name : typeof e });
  return errorResponse('internal', internalMessage(method, false));
}

/**
 * Reads and validates a JSON body: too large → 413, not JSON → 400/415, nested too deep → 400 (before anything
 * recursive walks it), invalid → 400 with field errors.
 */
export async function readBody<T>(
  req: HubRequest,
  schema: ZodType<T>,
  limit?: { maxBytes: number; tooLarge: string },
): Promise<T> {
  const max = limit?.maxBytes ?? MAX_BODY_BYTES;
  const length = Number(req.headers.get('content-length') ?? '0');
  if (length > max) throw tooLarge(limit?.tooLarge);
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new DomainError(
      'unsupported_media_type',
      'Send the request body as JSON (Content-Type: application/json).',
    );
  }
  const text = await req.text();
  if (Buffer.byteLength(text) > max) throw tooLarge(limit?.tooLarge);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DomainError('bad_request', 'The request body is not valid JSON.');
  }
  if (jsonDeeperThan(raw, MAX_JSON_DEPTH)) {
    throw new DomainError(
      'bad_request',
      `The request body has arrays or objects nested more than ${MAX_JSON_DEPTH} levels deep; no request to the hub needs that many. Send the data less deeply nested.`,
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError('validation_failed', 'Some answers need correcting.', {
      fieldErrors: fieldErrorsOf(parsed.error),
    });
  }
  return parsed.data;
}

const tooLarge = (message?: string) =>
  new DomainError(
    'payload_too_large',
    message ??
      `The request body is larger than ${MAX_BODY_BYTES / 1024} KB. Shorten the text or send attachments separately.`,
  );

/** Turns results and failures into HTTP responses with the one error shape (contract/api.ts). */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { ZodError, type ZodType } from 'zod';
import type { ErrorBody, ErrorCode } from '../../contract';
import { DomainError } from '../../domain/errors';
import { AuthError } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import { isStoreError } from '../../ports/store';
import { MAX_BODY_BYTES } from './types';

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

/** Maps any failure to a response; unknown failures become a 500 that says nothing of the cause. */
export function failure(e: unknown, logger: Logger, route: string): HttpResponseInit {
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
  if (e instanceof ZodError) {
    return errorResponse('validation_failed', 'Some answers need correcting.', {
      fieldErrors: fieldErrorsOf(e),
    });
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
  // Names only: messages from deep inside may carry data we must not log.
  logger.error('request failed', { route, error: e instanceof Error ? e.name : typeof e });
  return errorResponse(
    'internal',
    'Something went wrong in the hub. Nothing was half-saved; try again, and tell the hub administrator if it keeps happening.',
  );
}

/** Reads and validates a JSON body: too large → 413, not JSON → 400/415, invalid → 400 with field errors. */
export async function readBody<T>(req: HttpRequest, schema: ZodType<T>): Promise<T> {
  const length = Number(req.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) throw tooLarge();
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new DomainError(
      'unsupported_media_type',
      'Send the request body as JSON (Content-Type: application/json).',
    );
  }
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DomainError('bad_request', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError('validation_failed', 'Some answers need correcting.', {
      fieldErrors: fieldErrorsOf(parsed.error),
    });
  }
  return parsed.data;
}

const tooLarge = () =>
  new DomainError(
    'payload_too_large',
    `The request body is larger than ${MAX_BODY_BYTES / 1024} KB. Shorten the text or send attachments separately.`,
  );

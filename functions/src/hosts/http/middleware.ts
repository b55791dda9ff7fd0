/**
 * The cross-cutting steps every operation goes through, each a small function that takes the call so far and
 * the next step: authenticate and resolve the actor, read the path, read the body, read If-Match, and answer a
 * conflict with the caller's current view. No rule of the domain lives here: the services ask the policy.
 */
import type { HttpResponseInit } from '@azure/functions';
import type { ZodType } from 'zod';
import { PUBLIC, type ErrorBody, type Operation } from '@pph/contract';
import type { Actor } from '../../kernel/auth/actor';
import type { Directory } from '../../kernel/directory/directory';
import { DomainError } from '../../kernel/errors';
import type { Authenticator } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import { errorResponse, failure, fieldErrorsOf, readBody } from './respond';
import type { HubRequest } from './types';

/** What the steps have learnt about the call so far. */
export interface CallState {
  op: Operation;
  name: string;
  req: HubRequest;
  actor?: Actor;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body?: unknown;
  ifMatch?: string;
}

export type Next = (call: CallState) => Promise<HttpResponseInit>;
export type Middleware = (call: CallState, next: Next) => Promise<HttpResponseInit>;

/** Runs the steps in order, the last one calling `end`. */
export const compose =
  (steps: readonly Middleware[], end: Next): Next =>
  (call) => {
    const run = (i: number, c: CallState): Promise<HttpResponseInit> =>
      i === steps.length ? end(c) : steps[i]!(c, (n) => run(i + 1, n));
    return run(0, call);
  };

/** Outermost: any failure becomes the one error shape, logged without personal data. */
export const answerFailures =
  (logger: Logger): Middleware =>
  async (call, next) => {
    try {
      return await next(call);
    } catch (e) {
      return failure(e, logger, call.name, call.req.method);
    }
  };

/** A 409 about one item carries the item as the caller may now see it, so a client can show what changed. */
export const conflictWithCurrentView =
  (currentView: (actor: Actor, reference: string) => Promise<ErrorBody['error']['current']>): Middleware =>
  async (call, next) => {
    try {
      return await next(call);
    } catch (e) {
      if (!(e instanceof DomainError && e.code === 'conflict' && e.extra.conflictReference && call.actor))
        throw e;
      const current = await currentView(call.actor, e.extra.conflictReference).catch(() => undefined);
      return errorResponse('conflict', e.message, current ? { current } : {});
    }
  };

export const authenticate =
  (authenticator: Authenticator, directory: Directory): Middleware =>
  async (call, next) => {
    if (call.op.access === PUBLIC) return next(call);
    const principal = await authenticator.authenticate({ header: (h) => call.req.headers.get(h) });
    return next({ ...call, actor: await directory.resolve(principal) });
  };

export const readParams: Middleware = async (call, next) => {
  if (!call.op.params) return next(call);
  const raw: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.req.params)) {
    try {
      raw[name] = decodeURIComponent(value);
    } catch {
      // A malformed escape (a stray '%', a cut-off UTF-8 sequence) is the caller's input, not our failure.
      throw new DomainError(
        'bad_request',
        `The ${name} in the address is not valid: it has a '%' that is not followed by a proper escape. Check the link and try again.`,
      );
    }
  }
  return next({ ...call, params: fromAddress(call.op.params, raw) });
};

/** Parts of the address (path or query string) as their schema takes them, or a 400 naming the first wrong one. */
function fromAddress<T>(schema: ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const errors = fieldErrorsOf(parsed.error);
  throw new DomainError('bad_request', errors[0]?.message ?? 'The address is not valid.', {
    fieldErrors: errors,
  });
}

/** The operation's query parameters, validated; others are ignored (as a proxy's or Teams' own may be added). */
export const readQuery: Middleware = async (call, next) => {
  if (!call.op.query) return next(call);
  const raw: Record<string, string> = {};
  for (const [name, value] of call.req.query.entries()) raw[name] = value;
  return next({ ...call, query: fromAddress(call.op.query, raw) });
};

export const readJsonBody: Middleware = async (call, next) =>
  call.op.request
    ? next({ ...call, body: await readBody(call.req, call.op.request, call.op.body) })
    : next(call);

/** The item's ETag may come as If-Match instead of in the body; "*" means "whatever it is now". */
export const readIfMatch: Middleware = async (call, next) => {
  const value = call.req.headers.get('if-match')?.trim();
  return next(value && value !== '*' ? { ...call, ifMatch: value } : call);
};

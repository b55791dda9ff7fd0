/**
 * The HTTP API: the contract's operation table joined with the capabilities' handlers through the middleware.
 * Azure's registration (hosts/azure), the local host and the tests all serve this very table.
 */
import type { HttpResponseInit } from '@azure/functions';
import { Operations, PUBLIC, type HealthResponse, type Operation } from '@pph/contract';
import type { Hub } from '../../hub';
import type { Authenticator } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import {
  answerFailures,
  authenticate,
  compose,
  conflictWithCurrentView,
  readIfMatch,
  readJsonBody,
  readParams,
  readQuery,
  type CallState,
} from './middleware';
import { buildOpenApi } from './openapi';
import { json } from './respond';
import type { RouteHandler } from './types';

export interface ApiDeps {
  hub: Hub;
  authenticator: Authenticator;
  logger: Logger;
  info: Omit<HealthResponse, 'status' | 'time'>;
  /** Handlers only a host supplies (the local host's demo sign-in). */
  hostHandlers?: Partial<Record<string, AnyHandler>>;
}

/** A handler seen from the host: the table's types were checked where the handlers were written. */
type AnyResult = {
  body?: unknown;
  status?: number;
  headers?: Record<string, string>;
  file?: { contentType: string; fileName: string; data: Uint8Array };
};
type AnyHandler = (call: CallState) => Promise<AnyResult>;

/** The operations a host registers: all of them, less the local-only ones outside local mode. */
export const operationsFor = (mode: HealthResponse['mode']): [string, Operation][] =>
  Object.entries(Operations as Record<string, Operation>).filter(
    ([, op]) => mode === 'local' || !op.localOnly,
  );

export function createRoutes(deps: ApiDeps): RouteHandler[] {
  const { hub, logger } = deps;
  const ops = operationsFor(deps.info.mode);
  const handlers: Record<string, AnyHandler | undefined> = {
    ...(hub.handlers(deps.info) as unknown as Record<string, AnyHandler>), // checked per table in the hub
    openapi: async () => ({ body: buildOpenApi(ops, deps.info.version) }),
    ...deps.hostHandlers,
  };
  const pipeline = [
    answerFailures(logger),
    authenticate(deps.authenticator, hub.directory),
    conflictWithCurrentView((actor, reference) => hub.concerns.read(actor, reference)),
    readParams,
    readQuery,
    readJsonBody,
    readIfMatch,
  ];
  return ops.map(([name, op]): RouteHandler => {
    const handler = handlers[name];
    if (!handler) throw new Error(`No handler is registered for the operation ${name}.`);
    // The services ask the registry themselves (so refusals are audited where they must be): here only make
    // sure the table names actions that exist, so a typo can never leave an operation unguarded.
    if (op.access !== PUBLIC && !hub.authorisation.has(op.access))
      throw new Error(`The operation ${name} names the action ${op.access}, which no capability registers.`);
    const run = compose(pipeline, async (call) => respond(op, await handler(call)));
    return {
      name,
      methods: [op.method],
      route: op.route,
      ...(op.body ? { body: { maxBytes: op.body.maxBytes, tooLarge: op.body.tooLarge } } : {}),
      handler: (req) => run({ op, name, req, params: {}, query: {} }),
    };
  });
}

function respond(op: Operation, result: AnyResult): HttpResponseInit {
  const status = result.status ?? op.status ?? 200;
  if (status === 204) return { status, headers: { 'cache-control': 'no-store' } };
  if (result.file) return file(status, result.file, result.headers);
  return json(status, result.body, result.headers);
}

/** A handler's file (an export): its bytes as they are, never sniffed, never cached, saved under its name. */
function file(
  status: number,
  f: NonNullable<AnyResult['file']>,
  headers: Record<string, string> = {},
): HttpResponseInit {
  const name = f.fileName.replace(/[^\w.-]/g, '_');
  return {
    status,
    body: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength),
    headers: {
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
      'content-type': f.contentType,
      'content-disposition': `attachment; filename="${name}"`,
    },
  };
}

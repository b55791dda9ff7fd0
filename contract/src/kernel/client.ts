/**
 * A typed client for any table of operations, for the bot, the tabs and the web part alike: one method per
 * operation, its arguments and result typed from the contract, its response checked against the schema.
 */
import { ErrorBodySchema, type ErrorBody } from './api';
import { pathOf, type CallArgs, type Operation, type ResponseOf } from './operation';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(body?.error.message ?? `The hub answered ${status}.`);
    this.name = 'ApiError';
  }
  get code() {
    return this.body?.error.code;
  }
  get fieldErrors() {
    return this.body?.error.fieldErrors ?? [];
  }
}

export interface ApiTransport {
  /** Origin of the API, e.g. http://127.0.0.1:7071 (paths start with /api/). */
  baseUrl: string;
  /** Headers for every call (e.g. the bearer token); per-call headers are added on top. */
  headers?: () => Promise<Record<string, string>> | Record<string, string>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type ApiClient<T extends Record<string, Operation>> = {
  [K in keyof T]: (args?: CallArgs<T[K]>) => Promise<ResponseOf<T[K]>>;
};

export function createApiClient<T extends Record<string, Operation>>(
  ops: T,
  transport: ApiTransport,
): ApiClient<T> {
  const doFetch = transport.fetch ?? fetch;
  const call = async (
    op: Operation,
    args: {
      params?: Record<string, string>;
      query?: Record<string, string | undefined>;
      body?: unknown;
      headers?: Record<string, string>;
    } = {},
  ) => {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(transport.headers ? await transport.headers() : {}),
      ...(args.headers ?? {}),
      ...(args.body !== undefined ? { 'content-type': 'application/json' } : {}),
    };
    const res = await doFetch(`${transport.baseUrl}${pathOf(op, args.params, args.query)}`, {
      method: op.method,
      headers,
      ...(args.body !== undefined ? { body: JSON.stringify(args.body) } : {}),
      signal: AbortSignal.timeout(transport.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined; // a proxy's HTML error page: reported by status below
    }
    if (!res.ok) {
      const parsed = ErrorBodySchema.safeParse(json);
      throw new ApiError(res.status, parsed.success ? parsed.data : undefined);
    }
    return op.response && res.status !== 204 ? op.response.parse(json) : undefined;
  };
  const client: Record<string, unknown> = {};
  for (const [name, op] of Object.entries(ops))
    client[name] = (args?: Parameters<typeof call>[1]) => call(op, args);
  return client as ApiClient<T>;
}

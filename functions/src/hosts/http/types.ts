import type { HttpResponseInit } from '@azure/functions';

/**
 * What the middleware reads of a request. Azure's `HttpRequest` is one; the local host makes its own from
 * Node's request rather than build Azure's (a WHATWG Request, its streams and abort signal) on every call.
 */
export interface HubRequest {
  readonly method: string;
  readonly headers: { get(name: string): string | null };
  readonly params: Readonly<Record<string, string>>;
  readonly query: { entries(): IterableIterator<[string, string]> };
  text(): Promise<string>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP endpoint: Azure's registration (app.http), the local host and the tests all serve this very table.
 * `route` is relative to the `api/` prefix and uses Azure's `{param}` syntax, e.g. `concerns/{ref}`.
 */
export interface RouteHandler {
  name: string;
  methods: HttpMethod[];
  route: string;
  handler: (req: HubRequest) => Promise<HttpResponseInit>;
  /** The operation's own body limit, when larger than MAX_BODY_BYTES (a file upload). */
  body?: { maxBytes: number; tooLarge: string };
}

/** Request bodies above this are refused with 413 before they reach the domain. */
export const MAX_BODY_BYTES = 256 * 1024;

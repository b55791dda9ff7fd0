import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP endpoint: Azure's registration (app.http), the local host and the tests all serve this very table.
 * `route` is relative to the `api/` prefix and uses Azure's `{param}` syntax, e.g. `concerns/{ref}`.
 */
export interface RouteHandler {
  name: string;
  methods: HttpMethod[];
  route: string;
  handler: (req: HttpRequest, ctx: InvocationContext) => Promise<HttpResponseInit>;
  /** The operation's own body limit, when larger than MAX_BODY_BYTES (a file upload). */
  body?: { maxBytes: number; tooLarge: string };
}

/** Request bodies above this are refused with 413 before they reach the domain. */
export const MAX_BODY_BYTES = 256 * 1024;

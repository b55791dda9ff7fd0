/**
 * A stand-in for the hub's HTTP API behind the tabs' real typed client: each request is recorded, and answered by
 * the first route whose method and path match.
 */
export interface Recorded {
  method: string;
  path: string;
  /** The query string's parameters. */
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export type Answer = { status?: number; body?: unknown };
type Route = { method: string; path: string | RegExp; answer: (req: Recorded) => Answer | Promise<Answer> };

export class FakeHub {
  readonly requests: Recorded[] = [];
  private readonly routes: Route[] = [];

  on(method: string, path: string | RegExp, answer: Answer | ((req: Recorded) => Answer | Promise<Answer>)) {
    this.routes.unshift({ method, path, answer: typeof answer === 'function' ? answer : () => answer });
    return this;
  }

  readonly fetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    const req: Recorded = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams.entries()),
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    this.requests.push(req);
    const route = this.routes.find(
      (r) =>
        r.method === req.method && (typeof r.path === 'string' ? r.path === req.path : r.path.test(req.path)),
    );
    const answer = route
      ? await route.answer(req)
      : {
          status: 404,
          body: { error: { code: 'not_found', message: `No fake for ${req.method} ${req.path}` } },
        };
    const status = answer.status ?? 200;
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    return { ok: status >= 200 && status < 300, status, text: async () => text } as Response;
  }) as typeof fetch;

  sent(method: string, path: string): Recorded[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }
}

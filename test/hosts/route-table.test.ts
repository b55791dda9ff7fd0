/**
 * One route table: every operation declared in the contract is served, with the method, path and schemas the
 * contract gives, and the contract's typed client can call it. A table that names an unknown action is refused.
 */
import {
  ApiError,
  ConcernOperations,
  createApiClient,
  Operations,
  routeParams,
  type Operation,
} from '@pph/contract';
import { createRoutes, operationsFor } from '@pph/functions/hosts/http/route-table';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ seed: true });
});
afterAll(() => hub.close());

const persona = (id: string) =>
  createApiClient(Operations, { baseUrl: hub.url, headers: () => ({ 'x-dev-persona': id }) });

it('the OpenAPI document lists exactly the operations of the contract, each at its declared method and path', async () => {
  const res = await fetch(`${hub.url}/api/openapi.json`);
  const doc = (await res.json()) as { paths: Record<string, Record<string, { operationId: string }>> };
  const served = Object.entries(doc.paths).flatMap(([p, methods]) =>
    Object.entries(methods).map(([m, o]) => `${o.operationId} ${m.toUpperCase()} ${p}`),
  );
  const declared = Object.entries(Operations as Record<string, Operation>).map(
    ([name, op]) => `${name} ${op.method} /api/${op.route}`,
  );
  expect(served.sort()).toEqual(declared.sort());
});

it('outside local mode the demo sign-in list is not in the table', () => {
  const names = operationsFor('azure').map(([name]) => name);
  expect(names).not.toContain('devPersonas');
  expect(names).toContain('decideStep');
});

it('every path parameter a route names is validated by its params schema', () => {
  for (const [name, op] of Object.entries(Operations as Record<string, Operation>)) {
    const params = routeParams(op.route);
    expect({ name, hasSchema: params.length > 0 }).toEqual({ name, hasSchema: op.params !== undefined });
  }
});

it('the typed client reads, decides and reports refusals through the table', async () => {
  const lead = persona(PERSONA_IDS.safeguardingLead);
  const queue = await lead.myQueue();
  const item = queue.items.find((i) => i.status === 'open');
  expect(item).toBeDefined();
  // References are read without regard to case, through the params schema.
  const view = await lead.getConcern({ params: { ref: item!.reference.toLowerCase() } });
  expect(view.reference).toBe(item!.reference);
  expect(view.steps.find((s) => s.id === item!.stepId)?.allowedDecisions).toContain('forward');
  const after = await lead.decideStep({
    params: { ref: view.reference, stepId: item!.stepId },
    body: { decision: 'forward', etag: view.etag },
  });
  expect(after.steps.find((s) => s.id === item!.stepId)?.status).toBe('decided');
  // The same ETag again is stale now: a 409 carrying the concern as it is.
  const stale = await lead
    .decideStep({
      params: { ref: view.reference, stepId: item!.stepId },
      body: { decision: 'forward', etag: view.etag },
    })
    .catch((e: unknown) => e);
  expect(stale).toBeInstanceOf(ApiError);
  expect((stale as ApiError).status).toBe(409);
  expect((stale as ApiError).body?.error.current?.reference).toBe(view.reference);
});

it('a bad path parameter is a 400 that says what a reference looks like', async () => {
  const res = await hub.as(PERSONA_IDS.safeguardingLead).call('GET', '/api/concerns/not-a-reference');
  expect(res.status).toBe(400);
  expect(res.body.error.message).toMatch(/PRV-2026-0001/);
});

it('a table naming an action no capability registers is refused when the routes are built', () => {
  const original = ConcernOperations.listRoutes.access;
  (ConcernOperations.listRoutes as { access: string }).access = 'routes.reed';
  try {
    expect(() =>
      createRoutes({
        hub: hub.hub,
        authenticator: { authenticate: () => Promise.reject(new Error('unused')) },
        logger: hub.hub.ports.logger,
        info: { version: 'test', store: 'sqlite', mode: 'azure' },
      }),
    ).toThrow(/routes\.reed/);
  } finally {
    (ConcernOperations.listRoutes as { access: string }).access = original;
  }
});

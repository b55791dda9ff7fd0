/** The OpenAPI 3.1 document, generated from the contract's operation table and its zod schemas. */
import { z } from 'zod';
import { ErrorBodySchema, PUBLIC, routeParams, type Operation } from '@pph/contract';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' });

export function buildOpenApi(ops: [string, Operation][], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, op] of ops) {
    const path = `/api/${op.route}`;
    const params = routeParams(op.route).map((p) => ({
      name: p,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = op.query ? queryParameters(op.query) : [];
    const status = String(op.status ?? 200);
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = {
      operationId: name,
      summary: op.summary,
      'x-pph-access': op.access,
      ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
      ...(op.access === PUBLIC ? { security: [] } : {}),
      ...(op.request
        ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.request) } } } }
        : {}),
      responses: {
        [status]: {
          description: status === '204' ? 'Done' : 'OK',
          ...(op.response && status !== '204'
            ? { content: { 'application/json': { schema: schema(op.response) } } }
            : {}),
        },
        default: {
          description: 'Error',
          content: { 'application/json': { schema: schema(ErrorBodySchema) } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Prevent Partnership Hub API', version },
    components: { securitySchemes: { entra: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ entra: [] }],
    paths,
  };
}

/** An operation's query string as OpenAPI parameters, from its zod object's properties. */
function queryParameters(query: z.ZodType): Record<string, unknown>[] {
  const json = schema(query) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: s,
  }));
}

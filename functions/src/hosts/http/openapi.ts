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
    const status = String(op.status ?? 200);
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = {
      operationId: name,
      summary: op.summary,
      'x-pph-access': op.access,
      ...(params.length ? { parameters: params } : {}),
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

/** The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with. */
import { z } from 'zod';
import { ErrorBodySchema } from '@pph/contract';
import type { RouteHandler } from './types';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' });

export function buildOpenApi(routes: RouteHandler[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = `/api/${r.route}`;
    const params = [...r.route.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    for (const method of r.methods) {
      paths[path] ??= {};
      paths[path][method.toLowerCase()] = {
        operationId: r.methods.length > 1 ? `${r.name}${method[0]}${method.slice(1).toLowerCase()}` : r.name,
        summary: r.doc?.summary ?? r.name,
        ...(params.length ? { parameters: params } : {}),
        ...(r.doc?.auth === false ? { security: [] } : {}),
        ...(r.doc?.request && method !== 'GET' && method !== 'DELETE'
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: schema(r.doc.request) } },
              },
            }
          : {}),
        responses: {
          '200': {
            description: 'OK',
            ...(r.doc?.response
              ? { content: { 'application/json': { schema: schema(r.doc.response) } } }
              : {}),
          },
          default: {
            description: 'Error',
            content: { 'application/json': { schema: schema(ErrorBodySchema) } },
          },
        },
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Prevent Partnership Hub API', version },
    components: { securitySchemes: { entra: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ entra: [] }],
    paths,
  };
}

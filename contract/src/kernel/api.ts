import { z } from 'zod';
import { PartnerSchema, PersonSchema } from './common';
import { RouteDefinitionSchema } from '../concerns/route';
import { ConcernViewSchema } from '../concerns/workflow';

export const ErrorCodeSchema = z.enum([
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'throttled',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The one error shape every API failure uses. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    fieldErrors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** On 409: the record as it is now, redacted for the caller. */
    current: ConcernViewSchema.optional(),
    retryAfterSeconds: z.number().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  store: z.enum(['sqlite', 'sharepoint']),
  mode: z.enum(['local', 'azure']),
  time: z.string(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

export const MeResponseSchema = z.object({ person: PersonSchema, partner: PartnerSchema });
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const RoutesResponseSchema = z.object({ items: z.array(RouteDefinitionSchema) });

export const AuditVerifyResponseSchema = z.object({
  ok: z.boolean(),
  entriesChecked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponseSchema>;

export const PersonasResponseSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      roles: z.array(z.string()),
      partnerName: z.string(),
    }),
  ),
});

/** Paths of the HTTP API, shared by every client so none re-declares them. */
export const ApiPaths = {
  health: '/api/health',
  openapi: '/api/openapi.json',
  me: '/api/me',
  personas: '/api/dev/personas',
  concerns: '/api/concerns',
  myConcerns: '/api/me/concerns',
  myQueue: '/api/me/queue',
  routes: '/api/routes',
  auditVerify: '/api/audit/verify',
  concern: (ref: string) => `/api/concerns/${encodeURIComponent(ref)}`,
  decide: (ref: string, stepId: string) =>
    `/api/concerns/${encodeURIComponent(ref)}/steps/${encodeURIComponent(stepId)}/decision`,
  assign: (ref: string, stepId: string) =>
    `/api/concerns/${encodeURIComponent(ref)}/steps/${encodeURIComponent(stepId)}/assignment`,
  supplyInformation: (ref: string, requestId: string) =>
    `/api/concerns/${encodeURIComponent(ref)}/information-requests/${encodeURIComponent(requestId)}/response`,
  notes: (ref: string) => `/api/concerns/${encodeURIComponent(ref)}/notes`,
  review: (ref: string, reviewId: string) =>
    `/api/concerns/${encodeURIComponent(ref)}/reviews/${encodeURIComponent(reviewId)}`,
} as const;

/** Headers the API understands besides Authorization. */
export const ApiHeaders = {
  /** Local mode only: sign in as a demo persona. Refused in any other mode. */
  devPersona: 'x-dev-persona',
  /** From the bot's own identity only: the Entra object id of the user the bot acts for. */
  actingUser: 'x-acting-user-oid',
} as const;

export { ConcernViewSchema };

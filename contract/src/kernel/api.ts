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
export type PersonasResponse = z.infer<typeof PersonasResponseSchema>;

/** Headers the API understands besides Authorization. */
export const ApiHeaders = {
  /** Local mode only: sign in as a demo persona. Refused in any other mode. */
  devPersona: 'x-dev-persona',
  /** From the bot's own identity only: the Entra object id of the user the bot acts for. */
  actingUser: 'x-acting-user-oid',
} as const;

export const UndeliverableNotificationsResponseSchema = z.object({
  items: z.array(
    z.object({
      reference: z.string(),
      recipientId: z.string(),
      recipientName: z.string().optional(),
      type: z.string(),
      reason: z.string(),
      at: z.string(),
    }),
  ),
});
export type UndeliverableNotificationsResponse = z.infer<typeof UndeliverableNotificationsResponseSchema>;

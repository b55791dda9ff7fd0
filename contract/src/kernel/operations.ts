/** The kernel's operations: health, the API document, who you are, My work, the audit trail, notifications. */
import { z } from 'zod';
import {
  AuditVerifyResponseSchema,
  HealthResponseSchema,
  MeResponseSchema,
  PersonasResponseSchema,
  UndeliverableNotificationsResponseSchema,
} from './api';
import { FirstMessageResponseSchema, SaveConversationReferenceRequestSchema } from './bot';
import { WorkItemsResponseSchema } from '../concerns/workflow';
import { defineOperations, PUBLIC } from './operation';

export const KernelOperations = defineOperations({
  health: {
    method: 'GET',
    route: 'health',
    summary: 'Liveness, version and the store in use',
    response: HealthResponseSchema,
    access: PUBLIC,
  },
  openapi: {
    method: 'GET',
    route: 'openapi.json',
    summary: 'This API as an OpenAPI 3.1 document',
    response: z.record(z.string(), z.unknown()),
    access: PUBLIC,
  },
  me: {
    method: 'GET',
    route: 'me',
    summary: 'Who you are signed in as',
    response: MeResponseSchema,
    access: 'me.read',
  },
  devPersonas: {
    method: 'GET',
    route: 'dev/personas',
    summary: 'Local mode only: the demo personas you can sign in as (header x-dev-persona)',
    response: PersonasResponseSchema,
    access: PUBLIC,
    localOnly: true,
  },
  myQueue: {
    method: 'GET',
    route: 'me/queue',
    summary:
      'My work: everything waiting for you (steps to decide, reviews due), a page at a time (pass back nextPageToken)',
    query: z.object({
      pageToken: z
        .string()
        .min(1)
        .max(4000, 'The page token is not one this hub gave out. Load My work from the start.')
        .optional(),
    }),
    response: WorkItemsResponseSchema,
    access: 'queue.read',
  },
  verifyAudit: {
    method: 'GET',
    route: 'audit/verify',
    summary: 'Walk the audit hash chain and name the first broken link (administrator)',
    response: AuditVerifyResponseSchema,
    access: 'audit.verify',
  },
  undeliverableNotifications: {
    method: 'GET',
    route: 'notifications/undeliverable',
    summary: 'Notifications that could not be delivered (Prevent co-ordinator, administrator)',
    response: UndeliverableNotificationsResponseSchema,
    access: 'notifications.undeliverable',
  },
  saveConversationReference: {
    method: 'PUT',
    route: 'me/conversation-reference',
    summary: 'Register the Teams conversation the bot can reach you in',
    request: SaveConversationReferenceRequestSchema,
    status: 204,
    access: 'conversation-reference.save',
  },
  recordFirstMessage: {
    method: 'POST',
    route: 'me/first-message',
    summary: 'Record that you have messaged the bot; says whether this was your first message ever',
    response: FirstMessageResponseSchema,
    access: 'conversation-reference.save',
  },
});

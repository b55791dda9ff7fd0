/** The concern capability's lists: routes, concerns and chat drafts. */
import type { ChunkedNote } from '../ports/chunked-note';
import { col, noteParts, type ListDefinition } from '../ports/lists';

/**
 * The Concerns item's long JSON columns, each spread over several note columns of the one item (see
 * chunked-note.ts): room for ~128k characters of referral form, ~512k of workflow and ~128k of pending events.
 */
export const ConcernNotes = {
  intake: { name: 'Intake', parts: 2 },
  workflow: { name: 'Workflow', parts: 8 },
  pending: { name: 'Pending', parts: 2 },
} as const satisfies Record<string, ChunkedNote>;

export const ConcernLists = {
  routes: 'Routes',
  concerns: 'Concerns',
  drafts: 'Drafts',
} as const;

export const CONCERN_LISTS: readonly ListDefinition[] = [
  {
    name: ConcernLists.routes,
    version: 1,
    columns: [
      col('RouteKey', 'text', { required: true, indexed: true, unique: true }),
      col('RouteId', 'text', { required: true, indexed: true }),
      col('Version', 'number', { required: true }),
      col('Definition', 'note', { required: true }),
    ],
  },
  {
    name: ConcernLists.concerns,
    version: 2,
    columns: [
      col('Reference', 'text', { required: true, indexed: true, unique: true }),
      col('IdempotencyKey', 'text', { required: true, indexed: true, unique: true }),
      col('ReferrerId', 'text', { required: true, indexed: true }),
      col('ReferrerPartnerId', 'text', { required: true, indexed: true }),
      col('Status', 'text', { required: true, indexed: true }),
      col('SubmittedAt', 'dateTime', { required: true, indexed: true }),
      col('RouteId', 'text', { required: true }),
      col('RouteVersion', 'number', { required: true }),
      col('ImmediateRisk', 'boolean', { required: true }),
      /** The referral form (special-category data) as JSON; never logged. */
      ...noteParts(ConcernNotes.intake),
      /** The workflow state (steps, decisions, requests, notes, reviews) as JSON: one item, one atomic write. */
      ...noteParts(ConcernNotes.workflow),
      /** Events written with the change that caused them, moved to AuditLog/Outbox by the relay. */
      ...noteParts(ConcernNotes.pending),
      col('HasPending', 'boolean', { required: true, indexed: true }),
      /** Earliest date (YYYY-MM-DD) a timer has something to do for this concern; null when nothing is scheduled. */
      col('NextCheckOn', 'text', { indexed: true }),
      col('HasScheduledReviews', 'boolean', { required: true, indexed: true }),
    ],
  },
  {
    name: ConcernLists.drafts,
    version: 1,
    columns: [
      col('OwnerId', 'text', { required: true, indexed: true, unique: true }),
      col('Draft', 'note', { required: true }),
      col('UpdatedAt', 'dateTime', { required: true }),
    ],
  },
];

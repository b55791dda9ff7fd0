/**
 * The hub's lists, as data: the SQLite adapter migrates from these and the SharePoint adapter provisions them.
 * Column types map onto SharePoint field types (text → Single line, note → Multiple lines, number, boolean,
 * dateTime → Date and Time stored as ISO 8601 UTC). `indexed` columns may be filtered and ordered on; `unique`
 * columns enforce unique values (SharePoint requires unique columns to be indexed).
 */
import { chunkColumns, type ChunkedNote } from './chunked-note';

export type ColumnType = 'text' | 'note' | 'number' | 'boolean' | 'dateTime';

export interface ColumnDefinition {
  name: string;
  type: ColumnType;
  required?: boolean;
  indexed?: boolean;
  unique?: boolean;
}

export interface ListDefinition {
  name: string;
  /** Bumped when columns are added; adapters add what is missing. */
  version: number;
  columns: ColumnDefinition[];
}

const col = (
  name: string,
  type: ColumnType,
  opts: Omit<ColumnDefinition, 'name' | 'type'> = {},
): ColumnDefinition => ({
  name,
  type,
  ...opts,
});

/**
 * The Concerns item's long JSON columns, each spread over several note columns of the one item (see
 * chunked-note.ts): room for ~128k characters of referral form, ~512k of workflow and ~128k of pending events.
 */
export const ConcernNotes = {
  intake: { name: 'Intake', parts: 2 },
  workflow: { name: 'Workflow', parts: 8 },
  pending: { name: 'Pending', parts: 2 },
} as const satisfies Record<string, ChunkedNote>;

/** The first part is required (it always holds something); the others are empty until needed. */
const noteParts = (note: ChunkedNote): ColumnDefinition[] =>
  chunkColumns(note).map((name, i) => col(name, 'note', i === 0 ? { required: true } : {}));

export const Lists = {
  partners: 'Partners',
  people: 'People',
  routes: 'Routes',
  concerns: 'Concerns',
  counters: 'Counters',
  audit: 'AuditLog',
  auditHead: 'AuditHead',
  outbox: 'Outbox',
  deliveries: 'Deliveries',
  drafts: 'Drafts',
  conversations: 'ConversationRefs',
} as const;

export const LIST_DEFINITIONS: readonly ListDefinition[] = [
  {
    name: Lists.partners,
    version: 1,
    columns: [
      col('PartnerId', 'text', { required: true, indexed: true, unique: true }),
      col('Name', 'text', { required: true }),
      col('Sector', 'text', { required: true, indexed: true }),
      col('OwesReturns', 'boolean', { required: true }),
    ],
  },
  {
    name: Lists.people,
    version: 1,
    columns: [
      col('PersonId', 'text', { required: true, indexed: true, unique: true }),
      col('DisplayName', 'text', { required: true }),
      col('Email', 'text', { required: true }),
      col('JobTitle', 'text'),
      col('PartnerId', 'text', { required: true, indexed: true }),
      /** Roles as a `;`-delimited list, like a SharePoint multi-choice value. */
      col('Roles', 'note', { required: true }),
    ],
  },
  {
    name: Lists.routes,
    version: 1,
    columns: [
      col('RouteKey', 'text', { required: true, indexed: true, unique: true }),
      col('RouteId', 'text', { required: true, indexed: true }),
      col('Version', 'number', { required: true }),
      col('Definition', 'note', { required: true }),
    ],
  },
  {
    name: Lists.concerns,
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
    name: Lists.counters,
    version: 1,
    columns: [
      col('CounterKey', 'text', { required: true, indexed: true, unique: true }),
      col('Value', 'number', { required: true }),
    ],
  },
  {
    name: Lists.audit,
    version: 1,
    columns: [
      col('Seq', 'number', { required: true, indexed: true, unique: true }),
      col('EventKey', 'text', { required: true, indexed: true, unique: true }),
      col('At', 'dateTime', { required: true }),
      col('ActorId', 'text', { required: true, indexed: true }),
      col('Action', 'text', { required: true }),
      col('Target', 'text', { required: true, indexed: true }),
      col('Digest', 'text', { required: true }),
      col('PrevHash', 'text', { required: true }),
      col('Hash', 'text', { required: true }),
    ],
  },
  {
    /** The audit trail's checkpoint: one item (HeadKey 'audit'), HMAC-protected, moved with its ETag. */
    name: Lists.auditHead,
    version: 1,
    columns: [
      col('HeadKey', 'text', { required: true, indexed: true, unique: true }),
      col('Seq', 'number', { required: true }),
      col('Hash', 'text', { required: true }),
      col('Since', 'number', { required: true }),
      col('Mac', 'text', { required: true }),
    ],
  },
  {
    name: Lists.outbox,
    version: 1,
    columns: [
      col('DedupeKey', 'text', { required: true, indexed: true, unique: true }),
      col('EventType', 'text', { required: true }),
      col('RecipientId', 'text', { required: true, indexed: true }),
      col('Reference', 'text', { required: true, indexed: true }),
      col('Payload', 'note', { required: true }),
      /**
       * pending → sending (claimed; NextAttemptAt = lease end) → delivered | undeliverable, or back to pending
       * for a retry at NextAttemptAt. undeliverable → pending when the person first opens the bot, or → skipped
       * for a notice that only refreshed a card they never had.
       */
      col('Status', 'text', { required: true, indexed: true }),
      col('Attempts', 'number', { required: true }),
      col('NextAttemptAt', 'dateTime', { required: true, indexed: true }),
      col('LastError', 'text'),
      col('CreatedAt', 'dateTime', { required: true }),
      col('DeliveredAt', 'dateTime'),
    ],
  },
  {
    name: Lists.deliveries,
    version: 1,
    columns: [
      col('DedupeKey', 'text', { required: true, indexed: true, unique: true }),
      col('At', 'dateTime', { required: true }),
    ],
  },
  {
    name: Lists.drafts,
    version: 1,
    columns: [
      col('OwnerId', 'text', { required: true, indexed: true, unique: true }),
      col('Draft', 'note', { required: true }),
      col('UpdatedAt', 'dateTime', { required: true }),
    ],
  },
  {
    name: Lists.conversations,
    version: 1,
    columns: [
      col('PersonId', 'text', { required: true, indexed: true, unique: true }),
      col('Reference', 'note', { required: true }),
      col('UpdatedAt', 'dateTime', { required: true }),
    ],
  },
];

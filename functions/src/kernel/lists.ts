/** The kernel's lists: the directory, counters, the audit trail, the outbox and deliveries, conversations. */
import { col, type ListDefinition } from '../ports/lists';

export const KernelLists = {
  partners: 'Partners',
  people: 'People',
  counters: 'Counters',
  audit: 'AuditLog',
  auditHead: 'AuditHead',
  outbox: 'Outbox',
  deliveries: 'Deliveries',
  conversations: 'ConversationRefs',
} as const;

export const KERNEL_LISTS: readonly ListDefinition[] = [
  {
    name: KernelLists.partners,
    version: 1,
    columns: [
      col('PartnerId', 'text', { required: true, indexed: true, unique: true }),
      col('Name', 'text', { required: true }),
      col('Sector', 'text', { required: true, indexed: true }),
      col('OwesReturns', 'boolean', { required: true }),
    ],
  },
  {
    name: KernelLists.people,
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
    name: KernelLists.counters,
    version: 1,
    columns: [
      col('CounterKey', 'text', { required: true, indexed: true, unique: true }),
      col('Value', 'number', { required: true }),
    ],
  },
  {
    name: KernelLists.audit,
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
    name: KernelLists.auditHead,
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
    name: KernelLists.outbox,
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
    name: KernelLists.deliveries,
    version: 1,
    columns: [
      col('DedupeKey', 'text', { required: true, indexed: true, unique: true }),
      col('At', 'dateTime', { required: true }),
    ],
  },
  {
    name: KernelLists.conversations,
    version: 1,
    columns: [
      col('PersonId', 'text', { required: true, indexed: true, unique: true }),
      col('Reference', 'note', { required: true }),
      col('UpdatedAt', 'dateTime', { required: true }),
    ],
  },
];

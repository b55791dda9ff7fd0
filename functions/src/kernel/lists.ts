/**
 * The kernel's lists: the directory, counters, the audit trail, the outbox and deliveries, conversations, and the
 * one work queue.
 */
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
  workQueue: 'WorkQueue',
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
    version: 2,
    columns: [
      col('PersonId', 'text', { required: true, indexed: true, unique: true }),
      col('Reference', 'note', { required: true }),
      col('UpdatedAt', 'dateTime', { required: true }),
      /** When the person first typed to the bot (not the install welcome): a later unknown word is not a concern. */
      col('FirstMessageAt', 'dateTime'),
    ],
  },
  {
    /**
     * Whatever waits for someone, from every capability: one flat item per (item, task, audience), kept by the relay
     * from the item's state. "My work" reads it by QueueKey ranges, one per audience of the person: no item of any
     * capability is read.
     */
    name: KernelLists.workQueue,
    version: 3,
    columns: [
      /** `<capability>:<itemRef>:<subject>:<audience>`: a repeated create is refused, so a relay run twice adds nothing. */
      col('TaskKey', 'text', { required: true, indexed: true, unique: true }),
      col('Capability', 'text', { required: true }),
      /** e.g. 'concern-step', 'concern-review'; later 'return-approve', 'action-due', 'minutes-approve'. */
      col('Kind', 'text', { required: true }),
      /** The item the task is about (a concern's reference): its tasks are found and reconciled by it. */
      col('ItemRef', 'text', { required: true, indexed: true }),
      /** What within the item (a step id, a review id). */
      col('Subject', 'text', { required: true }),
      /** Who may act: `person:<id>`, `role:<role>`, `role:<role>@partner:<id>`, `role:<role>@sector:<sector>`. */
      col('Audience', 'text', { required: true }),
      /** Someone in the audience who must not act (the referrer, on their own concern). */
      col('ExcludeId', 'text'),
      col('Status', 'text', { required: true }),
      /** YYYY-MM-DD. */
      col('DueOn', 'text', { required: true }),
      /** 0 comes first (immediate risk). */
      col('Priority', 'number', { required: true }),
      /**
       * `<audience>|<status>|<priority>|<dueOn>|<tie-break>|<capability>:<itemRef>:<subject>`, unique as TaskKey is.
       * An audience's open work is one range of this one indexed column, already in the order My work shows, so a
       * page costs the same however much else the queue holds (filtering on Audience and ordering on another
       * column makes the store gather every match before it can sort).
       */
      col('QueueKey', 'text', { required: true, indexed: true }),
      /** What the My work list shows (titles, allowed decisions, flags) as JSON: no special-category content. */
      col('Summary', 'note', { required: true }),
    ],
  },
];

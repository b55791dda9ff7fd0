/** A referrer's unfinished concern from chat, saved after every card (one draft per person). */
import {
  ConcernDraftSchema,
  ConversationReferenceSchema,
  MAX_DRAFT_BYTES,
  NO_CONVERSATION_REASON,
  type ConcernDraft,
  type ConversationReferenceInput,
} from '../../contract';
import { Lists } from '../../ports/lists';
import { isStoreError } from '../../ports/store';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/policy';
import { DomainError } from '../errors';
import { allItems, firstWhere, str } from './paging';
import type { HubPorts } from './ports';

export class Drafts {
  constructor(private readonly ports: HubPorts) {}

  async get(actor: Actor): Promise<ConcernDraft | null> {
    requireRole(actor, 'draft.manage');
    const item = await firstWhere(this.ports.store, Lists.drafts, 'OwnerId', actor.id);
    return item ? ConcernDraftSchema.parse(JSON.parse(str(item, 'Draft'))) : null;
  }

  async put(actor: Actor, draft: ConcernDraft): Promise<ConcernDraft> {
    requireRole(actor, 'draft.manage');
    const saved = { ...draft, updatedAt: this.ports.clock.now().toISOString() };
    const json = JSON.stringify(saved);
    if (Buffer.byteLength(json) > MAX_DRAFT_BYTES)
      throw new DomainError(
        'payload_too_large',
        'This draft is too long to save. Shorten the longest answers.',
      );
    await upsert(this.ports, Lists.drafts, 'OwnerId', actor.id, { Draft: json, UpdatedAt: saved.updatedAt });
    return saved;
  }

  async remove(actor: Actor): Promise<void> {
    requireRole(actor, 'draft.manage');
    const item = await firstWhere(this.ports.store, Lists.drafts, 'OwnerId', actor.id);
    if (item)
      await this.ports.store.delete(Lists.drafts, item.id, item.etag).catch((e) => {
        if (!isStoreError(e, 'not-found')) throw e;
      });
  }
}

/** Bot Framework conversation references, so the outbox can reach a person proactively. */
export class ConversationReferences {
  constructor(private readonly ports: HubPorts) {}

  /**
   * Stores where the bot can reach this person. The first time (no usable reference before), what could not be
   * sent to them for want of a chat goes back to the outbox, so a person who opens the bot late still gets it.
   */
  async save(actor: Actor, reference: ConversationReferenceInput): Promise<void> {
    requireRole(actor, 'conversation-reference.save');
    const first = !ConversationReferenceSchema.safeParse(await this.lookup(actor.id)).success;
    // Before and after the write: a crash after it loses nothing that the first pass had put back, and a
    // delivery run between the two passes (still no reference) is put back by the second.
    if (first) await this.requeueUndeliverable(actor.id);
    await upsert(this.ports, Lists.conversations, 'PersonId', actor.id, {
      Reference: JSON.stringify(reference),
      UpdatedAt: this.ports.clock.now().toISOString(),
    });
    if (first) await this.requeueUndeliverable(actor.id);
  }

  /** For delivery adapters only (not exposed over HTTP). */
  async lookup(personId: string): Promise<unknown | undefined> {
    const item = await firstWhere(this.ports.store, Lists.conversations, 'PersonId', personId);
    if (!item) return undefined;
    try {
      return JSON.parse(str(item, 'Reference'));
    } catch {
      return undefined;
    }
  }

  /**
   * Puts this person's notifications that were undeliverable only because they had no chat back to pending.
   * At least once still holds (each stays in the outbox until delivered) and nothing is sent twice: the outbox
   * checks the Deliveries list on the entry's dedupe key before sending, and the bot de-duplicates on it too.
   * Status is indexed; the recipient is filtered here (one indexed column per query, as on SharePoint).
   */
  private async requeueUndeliverable(personId: string): Promise<number> {
    const now = this.ports.clock.now().toISOString();
    const mine: { id: number; etag: string }[] = [];
    for await (const item of allItems(this.ports.store, Lists.outbox, {
      where: [{ column: 'Status', op: 'eq', value: 'undeliverable' }],
      top: 500,
    }))
      if (item.fields.RecipientId === personId && item.fields.LastError === NO_CONVERSATION_REASON)
        mine.push({ id: item.id, etag: item.etag });
    let requeued = 0;
    for (const { id, etag } of mine) {
      try {
        await this.ports.store.update(Lists.outbox, id, etag, {
          Status: 'pending',
          NextAttemptAt: now,
          LastError: null,
        });
        requeued++;
      } catch (e) {
        // Changed meanwhile (another save put it back, or a worker took it): that one is in hand.
        if (!isStoreError(e, 'conflict') && !isStoreError(e, 'not-found')) throw e;
      }
    }
    if (requeued) this.ports.logger.info('undeliverable notifications requeued', { count: requeued });
    return requeued;
  }
}

/** Create-or-update keyed on a unique column, retrying the race where two writers create at once. */
async function upsert(
  ports: HubPorts,
  list: string,
  keyColumn: string,
  key: string,
  fields: Record<string, string>,
) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await firstWhere(ports.store, list, keyColumn, key);
    try {
      if (existing) await ports.store.update(list, existing.id, existing.etag, fields);
      else await ports.store.create(list, { [keyColumn]: key, ...fields });
      return;
    } catch (e) {
      if (!isStoreError(e, 'unique') && !isStoreError(e, 'conflict')) throw e;
    }
  }
  throw new DomainError('conflict', 'Could not save just now because of a simultaneous change. Try again.');
}

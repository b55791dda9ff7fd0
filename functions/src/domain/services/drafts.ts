/** A referrer's unfinished concern from chat, saved after every card (one draft per person). */
import {
  ConcernDraftSchema,
  MAX_DRAFT_BYTES,
  type ConcernDraft,
  type ConversationReferenceInput,
} from '../../contract';
import { Lists } from '../../ports/lists';
import { isStoreError } from '../../ports/store';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/policy';
import { DomainError } from '../errors';
import { firstWhere, str } from './paging';
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

  async save(actor: Actor, reference: ConversationReferenceInput): Promise<void> {
    requireRole(actor, 'conversation-reference.save');
    await upsert(this.ports, Lists.conversations, 'PersonId', actor.id, {
      Reference: JSON.stringify(reference),
      UpdatedAt: this.ports.clock.now().toISOString(),
    });
  }

  /** For delivery adapters only (not exposed over HTTP). */
  async lookup(personId: string): Promise<unknown | undefined> {
    const item = await firstWhere(this.ports.store, Lists.conversations, 'PersonId', personId);
    return item ? JSON.parse(str(item, 'Reference')) : undefined;
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

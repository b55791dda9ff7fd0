/** A referrer's unfinished concern from chat, saved after every card (one draft per person). */
import { ConcernDraftSchema, MAX_DRAFT_BYTES, type ConcernDraft } from '@pph/contract';
import type { Actor } from '../kernel/auth/actor';
import { DomainError } from '../kernel/errors';
import { firstWhere, str } from '../kernel/store/paging';
import { upsertByKey } from '../kernel/store/upsert';
import type { HubPorts } from '../ports/hub-ports';
import { NOTE_MAX_CHARS, isStoreError } from '../ports/store';
import { ConcernLists } from './lists';
import { requireRole } from './policy';

export class Drafts {
  constructor(private readonly ports: HubPorts) {}

  async get(actor: Actor): Promise<ConcernDraft | null> {
    requireRole(actor, 'draft.manage');
    const item = await firstWhere(this.ports.store, ConcernLists.drafts, 'OwnerId', actor.id);
    return item ? ConcernDraftSchema.parse(JSON.parse(str(item, 'Draft'))) : null;
  }

  async put(actor: Actor, draft: ConcernDraft): Promise<ConcernDraft> {
    requireRole(actor, 'draft.manage');
    const saved = { ...draft, updatedAt: this.ports.clock.now().toISOString() };
    const json = JSON.stringify(saved);
    // Bytes for the request, characters for the list column that holds it.
    if (Buffer.byteLength(json) > MAX_DRAFT_BYTES || json.length > NOTE_MAX_CHARS)
      throw new DomainError(
        'payload_too_large',
        'This draft is too long to save. Shorten the longest answers.',
      );
    await upsertByKey(this.ports.store, ConcernLists.drafts, 'OwnerId', actor.id, {
      Draft: json,
      UpdatedAt: saved.updatedAt,
    });
    return saved;
  }

  async remove(actor: Actor): Promise<void> {
    requireRole(actor, 'draft.manage');
    const item = await firstWhere(this.ports.store, ConcernLists.drafts, 'OwnerId', actor.id);
    if (item)
      await this.ports.store.delete(ConcernLists.drafts, item.id, item.etag).catch((e) => {
        if (!isStoreError(e, 'not-found')) throw e;
      });
  }
}

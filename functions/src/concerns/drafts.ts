/** A referrer's unfinished concern from chat, saved after every card (one draft per person). */
import {
  ConcernDraftSchema,
  MAX_DRAFT_BYTES,
  NO_CONVERSATION_REASON,
  STEP_NOTIFICATION_TYPES,
  type ConcernDraft,
  type ConversationReferenceInput,
} from '@pph/contract';
import { KernelLists } from '../kernel/lists';
import { ConcernLists } from './lists';
import { NOTE_MAX_CHARS, isStoreError, type Item } from '../ports/store';
import type { Actor } from '../kernel/auth/actor';
import { requireRole } from './policy';
import { DomainError } from '../kernel/errors';
import { allItems, firstWhere, str } from '../kernel/store/paging';
import { isActive } from './workflow/engine';
import type { ConcernRecord, ConcernRepository } from './repository';
import type { HubPorts } from '../ports/hub-ports';

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
    await upsert(this.ports, ConcernLists.drafts, 'OwnerId', actor.id, {
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

/** Bot Framework conversation references, so the outbox can reach a person proactively. */
export class ConversationReferences {
  constructor(
    private readonly ports: HubPorts,
    /** To tell whether a late notice's step still waits for someone. */
    private readonly concerns: ConcernRepository,
  ) {}

  /**
   * Stores where the bot can reach this person, then puts back in the outbox what could not be sent to them for
   * want of a chat, so a person who opens the bot late still gets it. Every save does this (it finds nothing
   * after the first), so a crash between the two writes is made good by the next save.
   */
  async save(actor: Actor, reference: ConversationReferenceInput): Promise<void> {
    requireRole(actor, 'conversation-reference.save');
    await upsert(this.ports, KernelLists.conversations, 'PersonId', actor.id, {
      Reference: JSON.stringify(reference),
      UpdatedAt: this.ports.clock.now().toISOString(),
    });
    await this.requeueUndeliverable(actor.id);
  }

  /** For delivery adapters only (not exposed over HTTP). */
  async lookup(personId: string): Promise<unknown | undefined> {
    const item = await firstWhere(this.ports.store, KernelLists.conversations, 'PersonId', personId);
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
   */
  private async requeueUndeliverable(personId: string): Promise<number> {
    const now = this.ports.clock.now().toISOString();
    const mine: Item[] = [];
    for await (const item of allItems(this.ports.store, KernelLists.outbox, {
      where: [
        { column: 'Status', op: 'eq', value: 'undeliverable' },
        { column: 'RecipientId', op: 'eq', value: personId },
      ],
      top: 500,
    }))
      if (item.fields.LastError === NO_CONVERSATION_REASON) mine.push(item);
    const stillOpen = new Map<string, Promise<ConcernRecord | undefined>>();
    let requeued = 0;
    for (const item of mine) {
      const stale = await this.staleReason(item, (ref) => {
        if (!stillOpen.has(ref)) stillOpen.set(ref, this.concerns.byReference(ref));
        return stillOpen.get(ref)!;
      });
      try {
        await this.ports.store.update(
          KernelLists.outbox,
          item.id,
          item.etag,
          // A stale one is kept, with why, but off the co-ordinator's list of what still needs following up.
          stale
            ? { Status: 'skipped', LastError: stale }
            : { Status: 'pending', NextAttemptAt: now, LastError: null },
        );
        if (!stale) requeued++;
      } catch (e) {
        // Changed meanwhile (another save put it back, or a worker took it): that one is in hand.
        if (!isStoreError(e, 'conflict') && !isStoreError(e, 'not-found')) throw e;
      }
    }
    if (requeued) this.ports.logger.info('undeliverable notifications requeued', { count: requeued });
    return requeued;
  }

  /**
   * Why a notice that could not be sent then is not worth sending now, if it is not: "someone else decided the
   * step you could have decided" only refreshes a card this person never had, and a call to act on a step that
   * has since been finished has nothing left to act on. ("Your concern was closed", or an answer that came in
   * after the step moved on, are still worth hearing.)
   */
  private async staleReason(
    item: Item,
    concern: (reference: string) => Promise<ConcernRecord | undefined>,
  ): Promise<string | undefined> {
    const type = String(item.fields.EventType);
    if (type === 'decided') return 'Not sent late: it only refreshes a card this person never had.';
    if (!CALLS_TO_ACT.has(type)) return undefined;
    const { stepId } = JSON.parse(String(item.fields.Payload)) as { stepId?: string | null };
    const step = (await concern(String(item.fields.Reference)))?.state.steps.find((s) => s.id === stepId);
    if (stepId && !(step && isActive(step)))
      return 'Not sent late: the step was finished before this person opened the bot.';
    return undefined;
  }
}

/** Step notices that ask their recipient to act on the step. */
const CALLS_TO_ACT: ReadonlySet<string> = new Set(
  STEP_NOTIFICATION_TYPES.filter((t) => t !== 'information-supplied'),
);

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

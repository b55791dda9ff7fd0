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
import { NOTE_MAX_CHARS, isStoreError, type Item } from '../../ports/store';
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
    // Bytes for the request, characters for the list column that holds it.
    if (Buffer.byteLength(json) > MAX_DRAFT_BYTES || json.length > NOTE_MAX_CHARS)
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
  constructor(
    private readonly ports: HubPorts,
    /** Whether a concern's step still waits for someone: a late notice about a finished step is not sent. */
    private readonly stepStillOpen: (reference: string, stepId: string) => Promise<boolean> = async () =>
      true,
  ) {}

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
   * Why a notice that could not be sent then is not worth sending now, if it is not: "someone else decided the
   * step you could have decided" only refreshes a card this person never had, and a call to act on a step that
   * has since been finished has nothing left to act on. (A referrer's "your concern was closed" is still sent.)
   */
  private async staleReason(item: Item): Promise<string | undefined> {
    const type = String(item.fields.EventType);
    if (type === 'decided' && String(item.fields.DedupeKey).includes(':decided:'))
      return 'Not sent late: it only refreshes a card this person never had.';
    if (!STEP_NOTICES.has(type)) return undefined;
    const { stepId } = JSON.parse(String(item.fields.Payload)) as { stepId?: string | null };
    if (stepId && !(await this.stepStillOpen(String(item.fields.Reference), stepId)))
      return 'Not sent late: the step was finished before this person opened the bot.';
    return undefined;
  }

  /**
   * Puts this person's notifications that were undeliverable only because they had no chat back to pending.
   * At least once still holds (each stays in the outbox until delivered) and nothing is sent twice: the outbox
   * checks the Deliveries list on the entry's dedupe key before sending, and the bot de-duplicates on it too.
   * Status is indexed; the recipient is filtered here (one indexed column per query, as on SharePoint).
   */
  private async requeueUndeliverable(personId: string): Promise<number> {
    const now = this.ports.clock.now().toISOString();
    const mine: Item[] = [];
    for await (const item of allItems(this.ports.store, Lists.outbox, {
      where: [{ column: 'Status', op: 'eq', value: 'undeliverable' }],
      top: 500,
    }))
      if (item.fields.RecipientId === personId && item.fields.LastError === NO_CONVERSATION_REASON)
        mine.push(item);
    let requeued = 0;
    for (const item of mine) {
      const stale = await this.staleReason(item);
      try {
        await this.ports.store.update(
          Lists.outbox,
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
}

/** Notices about a step that call for its deciders to act, or refresh their card. */
const STEP_NOTICES = new Set([
  'step-assigned',
  'due-soon',
  'overdue',
  'escalated',
  'information-supplied',
  'information-unanswered',
]);

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

/**
 * Bot Framework conversation references, so the outbox can reach a person proactively; and, when a person first
 * opens the bot, the notifications that waited for want of a chat go back to the outbox, less those that a
 * capability says are no longer worth sending.
 */
import { NO_CONVERSATION_REASON, type ConversationReferenceInput } from '@pph/contract';
import type { HubPorts } from '../../ports/hub-ports';
import { isStoreError, type Item } from '../../ports/store';
import type { Actor } from '../auth/actor';
import type { AuthorisationRegistry } from '../auth/registry';
import { KernelLists } from '../lists';
import { allItems, firstWhere, str } from '../store/paging';
import { retryOnConflict } from '../store/retry';
import { DomainError } from '../errors';
import { upsertByKey } from '../store/upsert';

/** A notification that could not be sent when it was raised, as a late-notice judge sees it. */
export interface LateNotice {
  type: string;
  reference: string;
  stepId?: string;
}

/**
 * A capability's say on its own late notices: why one is not worth sending now (e.g. its step was finished
 * meanwhile), or undefined to send it. Called once per person's first chat, with a per-call memo.
 */
export type LateNoticeJudge = (notices: LateNotice[]) => Promise<(string | undefined)[]>;

export class ConversationReferences {
  private readonly judges: LateNoticeJudge[] = [];

  constructor(
    private readonly ports: HubPorts,
    private readonly authorisation: AuthorisationRegistry,
  ) {}

  registerLateNoticeJudge(judge: LateNoticeJudge): this {
    this.judges.push(judge);
    return this;
  }

  /**
   * Stores where the bot can reach this person, then puts back in the outbox what could not be sent to them for
   * want of a chat, so a person who opens the bot late still gets it. Every save does this (it finds nothing
   * after the first), so a crash between the two writes is made good by the next save.
   */
  async save(actor: Actor, reference: ConversationReferenceInput): Promise<void> {
    this.authorisation.require(actor, 'conversation-reference.save');
    await upsertByKey(this.ports.store, KernelLists.conversations, 'PersonId', actor.id, {
      Reference: JSON.stringify(reference),
      UpdatedAt: this.ports.clock.now().toISOString(),
    });
    await this.requeueUndeliverable(actor.id);
  }

  /**
   * Records the person's first message to the bot, once: true only for the call that recorded it, on whichever
   * bot instance, so two instances or a restart never take a later word for a first message. The bot stores the
   * conversation before it reads the message; with no conversation stored yet (that save failed) nothing is
   * recorded and the message counts as a first one, as it would have before.
   */
  async recordFirstMessage(actor: Actor): Promise<boolean> {
    this.authorisation.require(actor, 'conversation-reference.save');
    return retryOnConflict(
      async () => {
        const item = await firstWhere(this.ports.store, KernelLists.conversations, 'PersonId', actor.id);
        if (!item) return true;
        if (item.fields['FirstMessageAt']) return false;
        // If-Match: of two instances recording at once, one wins; the other re-reads and is told "not first".
        await this.ports.store.update(KernelLists.conversations, item.id, item.etag, {
          FirstMessageAt: this.ports.clock.now().toISOString(),
        });
        return true;
      },
      {
        attempts: 5,
        on: ['conflict'],
        exhausted: () =>
          new DomainError(
            'conflict',
            'Could not record your message just now because of a simultaneous change.',
          ),
      },
    );
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
    const stale = await this.staleReasons(mine);
    let requeued = 0;
    for (const [i, item] of mine.entries()) {
      try {
        await this.ports.store.update(
          KernelLists.outbox,
          item.id,
          item.etag,
          // A stale one is kept, with why, but off the co-ordinator's list of what still needs following up.
          stale[i]
            ? { Status: 'skipped', LastError: stale[i] }
            : { Status: 'pending', NextAttemptAt: now, LastError: null },
        );
        if (!stale[i]) requeued++;
      } catch (e) {
        // Changed meanwhile (another save put it back, or a worker took it): that one is in hand.
        if (!isStoreError(e, 'conflict') && !isStoreError(e, 'not-found')) throw e;
      }
    }
    if (requeued) this.ports.logger.info('undeliverable notifications requeued', { count: requeued });
    return requeued;
  }

  /** The first reason any judge gives for each notice. */
  private async staleReasons(items: Item[]): Promise<(string | undefined)[]> {
    const notices = items.map((item): LateNotice => {
      const { stepId } = JSON.parse(String(item.fields.Payload)) as { stepId?: string | null };
      return {
        type: String(item.fields.EventType),
        reference: String(item.fields.Reference),
        ...(stepId ? { stepId } : {}),
      };
    });
    const reasons: (string | undefined)[] = notices.map(() => undefined);
    for (const judge of this.judges) {
      const verdicts = await judge(notices);
      verdicts.forEach((v, i) => (reasons[i] ??= v));
    }
    return reasons;
  }
}

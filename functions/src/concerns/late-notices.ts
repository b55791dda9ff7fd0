/**
 * Which concern notices are not worth sending late, to someone who opens the bot only now: "someone else decided
 * the step you could have decided" only refreshes a card this person never had, and a call to act on a step that
 * has since been finished has nothing left to act on. ("Your concern was closed", or an answer that came in
 * after the step moved on, are still worth hearing.)
 */
import { STEP_NOTIFICATION_TYPES } from '@pph/contract';
import type { LateNotice, LateNoticeJudge } from '../kernel/conversations/conversation-references';
import type { ConcernRecord, ConcernRepository } from './repository';
import { isActive } from './workflow/engine';

/** Step notices that ask their recipient to act on the step. */
const CALLS_TO_ACT: ReadonlySet<string> = new Set(
  STEP_NOTIFICATION_TYPES.filter((t) => t !== 'information-supplied'),
);

export function concernLateNotices(repo: ConcernRepository): LateNoticeJudge {
  return async (notices) => {
    const concerns = new Map<string, Promise<ConcernRecord | undefined>>();
    const concern = (reference: string) => {
      if (!concerns.has(reference)) concerns.set(reference, repo.byReference(reference));
      return concerns.get(reference)!;
    };
    const reasons: (string | undefined)[] = [];
    for (const n of notices) reasons.push(await staleReason(n, concern));
    return reasons;
  };
}

async function staleReason(
  n: LateNotice,
  concern: (reference: string) => Promise<ConcernRecord | undefined>,
): Promise<string | undefined> {
  if (n.type === 'decided') return 'Not sent late: it only refreshes a card this person never had.';
  if (!CALLS_TO_ACT.has(n.type) || !n.stepId) return undefined;
  const step = (await concern(n.reference))?.state.steps.find((s) => s.id === n.stepId);
  if (!(step && isActive(step)))
    return 'Not sent late: the step was finished before this person opened the bot.';
  return undefined;
}

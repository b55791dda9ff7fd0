/**
 * Approval cards: the concern summary the approver's role may see (the API has already redacted it), the step's
 * decisions as Universal Actions, and a refresh so every copy shows the current state once someone decides.
 */
import {
  DecideStepRequestSchema,
  IDEOLOGY_LABELS,
  INDICATOR_LABELS,
  ageOn,
  type ConcernIntake,
  type ConcernView,
  type DecisionKind,
  type StepView,
} from '@pph/contract';
import { HubApiError, type HubClient } from '../api/hub-client';
import {
  CardTooLargeError,
  MAX_CARD_BYTES,
  clip,
  mailLink,
  opening,
  plain,
  renderCard,
  telLink,
  typed,
  type AdaptiveCard,
} from '../cards/render';
import { accountParts, accountSections, type AccountBlock } from './concern-account';
import { britishDate, britishDateTime, londonToday } from './dates';
import { genderLabel } from './intake-form';
import type { ActionData, BotUser } from './types';

const DECISION_LABELS: Record<DecisionKind, string> = {
  forward: 'Forwarded',
  'request-information': 'Information requested',
  return: 'Returned',
  close: 'Closed',
};

/** How much of a question or answer the card shows in its place; longer ones are whole in the account. */
const QUESTION_ON_CARD = 1000;
const ANSWER_ON_CARD = 1500;
/** The opening of "What happened" shown before the whole account is opened. */
const PREVIEW_CHARS = 500;
/** Room left on a card part for the activity envelope and the estimate's error. */
const PART_MARGIN = 1500;

export interface ApprovalCardOptions {
  heading?: string;
  /** A heading that also applies while the step waits for information ("No reply yet"). */
  waitingHeading?: string;
  notice?: string;
  error?: string;
  reason?: string;
  /** The outcome chosen on the card before it was redrawn. */
  outcome?: string;
  /** Which part of a long account to show, open (0 is the first; a card shows the summary with it closed). */
  part?: number;
}

const active = (s: StepView) => s.status === 'open' || s.status === 'awaiting-information';

export class Approvals {
  constructor(private readonly hub: HubClient) {}

  card(view: ConcernView, stepId: string, viewer: BotUser, opts: ApprovalCardOptions = {}): AdaptiveCard {
    const step = view.steps.find((s) => s.id === stepId);
    if (!step) {
      return renderCard('notice', {
        title: `${view.reference}`,
        text: opts.notice || 'You cannot see this step of the concern.',
      });
    }
    const open = active(step) && step.allowedDecisions.length > 0;
    const waitingForInformation = step.status === 'awaiting-information';
    const stepRequests = view.informationRequests.filter((r) => r.stepId === step.id);
    const longRequests = stepRequests.filter(
      (r) => r.question.length > QUESTION_ON_CARD || (r.response ?? '').length > ANSWER_ON_CARD,
    );
    const requests = stepRequests.map((r) => ({
      askedText: `Information requested${r.requestedBy ? ` by ${plain(r.requestedBy.displayName)}` : ''} on ${britishDateTime(r.requestedAt)}:`,
      question: typed(clip(r.question, QUESTION_ON_CARD)),
      answerHeading:
        r.response !== undefined
          ? `Answer${r.respondedAt ? ` (${britishDateTime(r.respondedAt)})` : ''}:`
          : 'No answer yet.',
      answer: r.response !== undefined ? typed(clip(r.response, ANSWER_ON_CARD)) : '',
      shortened: longRequests.includes(r),
    }));
    const decided = step.decision !== undefined;
    const intake = view.intake;
    const where = whereNow(view, step);
    const facts = [
      ...(active(step)
        ? [
            {
              title: 'Due',
              value: `${britishDate(step.dueOn)}${step.overdue ? ' (overdue)' : ''}${step.escalated ? ', escalated' : ''}`,
            },
          ]
        : []),
      ...(where ? [{ title: 'Now at', value: where }] : []),
      ...(intake ? intakeFacts(intake, view.submittedAt) : []),
      ...(!open && !decided && step.assignee
        ? [{ title: 'With', value: plain(step.assignee.displayName) }]
        : []),
    ].filter((f) => f.value);
    const closing = step.outcomes.map((o) => ({
      title: o.label,
      value: `${o.closes ? 'close' : 'forward'}:${o.key}`,
    }));
    const can = (k: DecisionKind) => open && step.allowedDecisions.includes(k);
    const data = {
      reference: view.reference,
      stepId: step.id,
      stepTitle: step.title,
      // A notification's heading ("Due soon: …") only while the step waits for a decision: never over its state.
      heading: decided
        ? 'Decided'
        : step.status === 'cancelled'
          ? 'No longer needed'
          : waitingForInformation
            ? (opts.waitingHeading ?? 'Waiting for information')
            : open
              ? (opts.heading ?? 'Decision needed')
              : 'For information',
      immediateRisk: view.immediateRisk,
      notice: opts.notice ?? '',
      facts,
      contact: intake ? contactLine(intake.referrer) : '',
      preview: intake ? typed(opening(intake.whatHappened, PREVIEW_CHARS)) : '',
      hasAccount: intake !== undefined,
      requests,
      decided,
      decidedText: step.decision
        ? [
            `${DECISION_LABELS[step.decision.kind]}${step.decision.outcome ? `: ${step.decision.outcome.label}` : ''}`,
            `by ${plain(step.decision.by.displayName)} on ${britishDateTime(step.decision.at)}.`,
            step.decision.reason ? `Reason: ${typed(clip(step.decision.reason, 500))}` : '',
          ]
            .filter(Boolean)
            .join(' ')
        : '',
      open,
      hasOutcomes: open && closing.length > 0,
      outcomes: closing,
      outcome: opts.outcome ?? '',
      canForward: can('forward') && !step.outcomes.some((o) => !o.closes),
      canRequestInformation: can('request-information'),
      canReturn: can('return'),
      reason: opts.reason ?? '',
      error: opts.error ?? '',
      refreshUserIds: [viewer.channelUserId],
    };
    return withAccount(data, intake ? accountSections(view, longRequests) : [], opts.part);
  }

  /** A refresh keeps the part of the account the person was reading. */
  async refresh(user: BotUser, data: ActionData): Promise<AdaptiveCard> {
    const { reference, stepId } = ids(data);
    return this.current(user, reference, stepId, partOf(data));
  }

  /** Another part of a long account, keeping what was typed in the reason box and the outcome chosen. */
  async account(user: BotUser, data: ActionData): Promise<AdaptiveCard> {
    const { reference, stepId } = ids(data);
    return this.current(user, reference, stepId, {
      ...partOf(data),
      ...(typeof data.reason === 'string' ? { reason: data.reason } : {}),
      ...(typeof data.outcome === 'string' ? { outcome: data.outcome } : {}),
    });
  }

  async decide(user: BotUser, data: ActionData): Promise<AdaptiveCard> {
    const { reference, stepId } = ids(data);
    const reason = typeof data.reason === 'string' ? data.reason.trim() : '';
    let decision = String(data.decision ?? '');
    let outcome: string | undefined;
    if (decision === 'outcome') {
      const picked = typeof data.outcome === 'string' ? data.outcome : '';
      const [kind, key] = picked.split(':');
      if (!key) return this.current(user, reference, stepId, { error: 'Choose an outcome first.', reason });
      decision = kind === 'close' ? 'close' : 'forward';
      outcome = key;
    }
    const request = DecideStepRequestSchema.safeParse({
      decision,
      ...(outcome ? { outcome } : {}),
      ...(reason ? { reason } : {}),
      // No ETag from the card: a reminder or a note changes the concern without making the card wrong. The
      // engine still refuses a step that is no longer open, which is what a stale card must not decide.
      ...(typeof data.etag === 'string' && data.etag ? { etag: data.etag } : {}),
    });
    if (!request.success)
      return this.current(user, reference, stepId, {
        error: request.error.issues.map((i) => i.message).join(' '),
        reason,
      });
    try {
      const view = await this.hub.decide(user.objectId, reference, stepId, request.data);
      return this.card(view, stepId, user);
    } catch (e) {
      if (!(e instanceof HubApiError)) throw e;
      if (e.status === 409 && e.body?.error.current) {
        const current = e.body.error.current;
        const step = current.steps.find((s) => s.id === stepId);
        const notice = step?.decision
          ? step.decision.by.id.toLowerCase() === user.objectId
            ? 'You already decided this, so nothing was changed. This is where it stands now.'
            : 'Someone had already decided this step, so nothing was changed. This is where it stands now.'
          : 'The concern changed since this card was sent. Check where it stands now and decide again.';
        return this.card(current, stepId, user, { notice, reason });
      }
      if (e.status === 400 || e.status === 422)
        return this.current(user, reference, stepId, { error: e.message, reason });
      return this.current(user, reference, stepId, { notice: e.message });
    }
  }

  /** The card as things stand, for this viewer; a concern they can no longer see gets a plain notice. */
  async current(
    user: BotUser,
    reference: string,
    stepId: string,
    opts: ApprovalCardOptions = {},
  ): Promise<AdaptiveCard> {
    try {
      return this.card(await this.hub.concern(user.objectId, reference), stepId, user, opts);
    } catch (e) {
      if (!(e instanceof HubApiError) || e.status >= 500) throw e;
      return renderCard('notice', {
        title: reference,
        text: e.status === 404 || e.status === 403 ? 'You cannot see this concern any more.' : e.message,
      });
    }
  }
}

function ids(data: ActionData) {
  return { reference: String(data.reference ?? ''), stepId: String(data.stepId ?? '') };
}

function partOf(data: ActionData): { part?: number } {
  if (data.part === undefined || data.part === null || data.part === '') return {};
  const part = Number(data.part);
  return Number.isInteger(part) && part >= 0 ? { part } : {};
}

/**
 * Where the concern is now, when that is not this step: the stage it has moved on to and when its open steps
 * (those this viewer may see) are due, or that it is closed.
 */
function whereNow(view: ConcernView, step: StepView): string | undefined {
  if (view.status === 'closed') return view.outcome ? `Closed: ${view.outcome.label}` : 'Closed';
  if (!view.stage || (view.stage.key === step.stageKey && active(step))) return undefined;
  const stage = view.stage;
  const due = view.steps
    .filter((s) => s.stageKey === stage.key && s.id !== step.id && active(s))
    .map((s) => s.dueOn)
    .sort()[0];
  return `${stage.title}${due ? `, due ${britishDate(due)}` : ''}`;
}

function intakeFacts(intake: ConcernIntake, submittedAt: string) {
  const { subject, referrer } = intake;
  const indicators = intake.indicators.map((i) =>
    i === 'other'
      ? `Other: ${intake.otherIndicators ? typed(clip(intake.otherIndicators, 200)) : 'not described'}`
      : INDICATOR_LABELS[i],
  );
  return [
    {
      title: 'Person',
      value: `${typed(subject.name)}${ageText(subject)}, ${genderLabel(subject.gender).toLowerCase()}`,
    },
    { title: 'Ideology', value: IDEOLOGY_LABELS[intake.ideologyCategory] },
    { title: 'Indicators', value: indicators.join('; ') },
    {
      title: 'Raised by',
      value: `${typed(referrer.name)} (${typed(referrer.role)}), ${typed(referrer.organisation)}, on ${britishDate(submittedAt)}`,
    },
  ];
}

/** How to reach the referrer: links that write to or call them. */
function contactLine(referrer: ConcernIntake['referrer']): string {
  const ways = [mailLink(referrer.email), ...(referrer.phone ? [telLink(referrer.phone)] : [])];
  return `Contact ${typed(referrer.name)}: ${ways.join(' or ')}`;
}

function ageText(s: { dateOfBirth?: string | undefined; age?: number | undefined }) {
  if (s.dateOfBirth) {
    const age = ageOn(s.dateOfBirth, londonToday());
    return `, born ${britishDate(s.dateOfBirth)}${age >= 0 ? ` (aged ${age})` : ''}`;
  }
  if (s.age !== undefined) return `, about ${s.age}`;
  return '';
}

/**
 * The card with the account: whole, behind "Read the whole account", when it fits one card; otherwise in parts,
 * each readable from the card (Next part, Previous part), within Teams' size limit.
 */
function withAccount(
  data: object,
  sections: ReturnType<typeof accountSections>,
  part?: number,
): AdaptiveCard {
  const render = (parts: AccountBlock[][], index: number) =>
    renderCard('approval', {
      ...data,
      blocks: parts[index] ?? [],
      partNo: index + 1,
      partCount: parts.length,
      part: part === undefined ? '' : index,
      accountOpen: part !== undefined,
      readTitle:
        parts.length > 1 ? `Read the whole account (${parts.length} parts)` : 'Read the whole account',
    });
  const whole = accountParts(sections, Number.MAX_SAFE_INTEGER);
  try {
    return render(whole, 0);
  } catch (e) {
    if (!(e instanceof CardTooLargeError)) throw e;
  }
  const summaryBytes = Buffer.byteLength(JSON.stringify(render([[]], 0)));
  let budget = MAX_CARD_BYTES - summaryBytes - PART_MARGIN;
  for (let tries = 0; ; tries++) {
    const parts = accountParts(sections, budget);
    try {
      return render(parts, Math.min(part ?? 0, parts.length - 1));
    } catch (e) {
      if (!(e instanceof CardTooLargeError) || tries >= 4) throw e;
      budget = Math.floor(budget * 0.8);
    }
  }
}

/**
 * Approval cards: the concern summary the approver's role may see (the API has already redacted it), the step's
 * decisions as Universal Actions, and a refresh so every copy shows the current state once someone decides.
 */
import {
  DecideStepRequestSchema,
  IDEOLOGY_LABELS,
  INDICATOR_LABELS,
  approvalsTabDeepLink,
  type ConcernView,
  type DecisionKind,
} from '@pph/contract';
import { HubApiError, type HubClient } from '../api/hub-client';
import { clip, plain, renderCard, type AdaptiveCard } from '../cards/render';
import type { ActionData, BotSettings, BotUser } from './types';

const DECISION_LABELS: Record<DecisionKind, string> = {
  forward: 'Forwarded',
  'request-information': 'Information requested',
  return: 'Returned',
  close: 'Closed',
};

const LONDON_DAY = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' } as const;
const londonDate = (iso: string) => new Date(iso).toLocaleDateString('en-GB', LONDON_DAY);
export const londonTime = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { ...LONDON_DAY, hour: '2-digit', minute: '2-digit' });

export interface ApprovalCardOptions {
  heading?: string;
  /** A heading that also applies while the step waits for information ("No reply yet"). */
  waitingHeading?: string;
  notice?: string;
  error?: string;
  reason?: string;
}

export class Approvals {
  constructor(
    private readonly hub: HubClient,
    private readonly settings: BotSettings,
  ) {}

  card(view: ConcernView, stepId: string, viewer: BotUser, opts: ApprovalCardOptions = {}): AdaptiveCard {
    const step = view.steps.find((s) => s.id === stepId);
    const link = approvalsTabDeepLink(this.settings.teamsAppId, view.reference);
    if (!step) {
      return renderCard('notice', {
        title: `${view.reference}`,
        text: opts.notice || 'You cannot see this step of the concern.',
        reference: view.reference,
        link,
      });
    }
    const open =
      (step.status === 'open' || step.status === 'awaiting-information') && step.allowedDecisions.length > 0;
    const waitingForInformation = step.status === 'awaiting-information';
    const requests = view.informationRequests
      .filter((r) => r.stepId === step.id)
      .map((r) => ({
        askedText: `Information requested${r.requestedBy ? ` by ${plain(r.requestedBy.displayName)}` : ''} on ${londonTime(r.requestedAt)}:`,
        question: plain(clip(r.question, 1000)),
        answerHeading:
          r.response !== undefined
            ? `Answer${r.respondedAt ? ` (${londonTime(r.respondedAt)})` : ''}:`
            : 'No answer yet.',
        answer: r.response !== undefined ? plain(clip(r.response, 1500)) : '',
      }));
    const decided = step.decision !== undefined;
    const intake = view.intake;
    const facts = [
      { title: 'Concern now at', value: view.stage?.title ?? '' },
      {
        title: 'Due',
        value: `${londonDate(`${step.dueOn}T12:00:00Z`)}${step.overdue ? ' (overdue)' : ''}${step.escalated ? ', escalated' : ''}`,
      },
      ...(intake
        ? [
            { title: 'Person', value: `${plain(clip(intake.subject.name, 200))}${ageText(intake.subject)}` },
            { title: 'Ideology', value: IDEOLOGY_LABELS[intake.ideologyCategory] },
            {
              title: 'Indicators',
              value: plain(clip(intake.indicators.map((i) => INDICATOR_LABELS[i]).join('; '), 300)),
            },
            {
              title: 'Raised by',
              value: `${plain(clip(intake.referrer.organisation, 200))}, ${londonDate(view.submittedAt)}`,
            },
          ]
        : []),
      ...(!open && !decided && step.assignee
        ? [{ title: 'With', value: plain(step.assignee.displayName) }]
        : []),
    ].filter((f) => f.value);
    const closing = step.outcomes.map((o) => ({
      title: o.label,
      value: `${o.closes ? 'close' : 'forward'}:${o.key}`,
    }));
    const can = (k: DecisionKind) => open && step.allowedDecisions.includes(k);
    return renderCard('approval', {
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
      summary: intake ? plain(clip(intake.whatHappened, 600)) : '',
      requests,
      decided,
      decidedText: step.decision
        ? [
            `${DECISION_LABELS[step.decision.kind]}${step.decision.outcome ? `: ${step.decision.outcome.label}` : ''}`,
            `by ${plain(step.decision.by.displayName)} on ${londonTime(step.decision.at)}.`,
            step.decision.reason ? `Reason: ${plain(clip(step.decision.reason, 500))}` : '',
          ]
            .filter(Boolean)
            .join(' ')
        : '',
      open,
      hasOutcomes: open && closing.length > 0,
      outcomes: closing,
      canForward: can('forward') && !step.outcomes.some((o) => !o.closes),
      canRequestInformation: can('request-information'),
      canReturn: can('return'),
      reason: opts.reason ?? '',
      error: opts.error ?? '',
      link,
      refreshUserIds: [viewer.channelUserId],
    });
  }

  async refresh(user: BotUser, data: ActionData): Promise<AdaptiveCard> {
    const { reference, stepId } = ids(data);
    return this.current(user, reference, stepId);
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
        reference,
        link: '',
      });
    }
  }
}

function ids(data: ActionData) {
  return { reference: String(data.reference ?? ''), stepId: String(data.stepId ?? '') };
}

function ageText(s: { dateOfBirth?: string | undefined; age?: number | undefined }) {
  if (s.dateOfBirth) return `, born ${londonDate(`${s.dateOfBirth}T12:00:00Z`)}`;
  if (s.age !== undefined) return `, about ${s.age}`;
  return '';
}

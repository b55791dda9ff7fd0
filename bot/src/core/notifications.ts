/** Turns a hub notification into what the recipient sees: an approval card for step events, a notice otherwise. */
import { STEP_NOTIFICATION_TYPES, subjectInitials, type ConcernView } from '@pph/contract';
import type { Notification } from '@pph/contract';
import { HubApiError, type HubClient } from '../api/hub-client';
import { CardTooLargeError, clip, plain, renderCard, typed, type AdaptiveCard } from '../cards/render';
import type { Approvals } from './approvals';
import { britishDate, britishDateTime } from './dates';
import { SUBMITTED_STEP } from './intake-form';
import type { ActionData, BotUser, Outgoing } from './types';

type StepNotificationType = (typeof STEP_NOTIFICATION_TYPES)[number];

/** Headings for a step's card when a notification brings it (used only while the step waits for a decision). */
const STEP_HEADINGS: Record<StepNotificationType, string> = {
  'step-assigned': 'Decision needed',
  'due-soon': 'Due soon: decision needed',
  overdue: 'Overdue: decision needed',
  escalated: 'Escalated to you: decision needed',
  'information-supplied': 'Information supplied: decision needed',
  'information-unanswered': 'No reply yet: you may decide without it',
};

const isStepNotification = (type: Notification['type']): type is StepNotificationType =>
  (STEP_NOTIFICATION_TYPES as readonly string[]).includes(type);

const MAX_ANSWER = 4000;

type InformationRequest = ConcernView['informationRequests'][number];

export class Notifications {
  constructor(
    private readonly hub: HubClient,
    private readonly approvals: Approvals,
  ) {}

  async render(n: Notification, recipient: BotUser): Promise<Outgoing> {
    if (isStepNotification(n.type) && n.stepId) {
      const heading = STEP_HEADINGS[n.type];
      const view = await this.hub.concern(recipient.objectId, n.reference).catch(notVisible);
      const waitingHeading = n.type === 'information-unanswered' ? heading : undefined;
      if (view)
        return {
          card: this.approvals.card(view, n.stepId, recipient, {
            heading,
            ...(waitingHeading ? { waitingHeading } : {}),
          }),
        };
    }
    if (n.type === 'information-requested') {
      // A request or its reminder names the request; an older notification without the id gets the newest one.
      const found = await this.findRequest(recipient, n.reference, n.requestId, n.stepId);
      if (found) return { card: this.requestCard(found.view, found.request) };
    }
    if (n.type === 'concern-submitted' && (await this.confirmedInChat(recipient, n.reference))) return {};
    if (n.type === 'concern-closed')
      // To the referrer, who decides nothing on it: a plain notice, no step and no buttons.
      return { card: this.notice(`Your concern ${n.reference} is closed`, n.body) };
    return { card: this.notice(n.title, n.body) };
  }

  notice(title: string, text: string) {
    return renderCard('notice', { title: plain(title), text: plain(text) });
  }

  /**
   * Whether this chat already said the concern was sent ("Concern sent: PRV-…", the card the referrer pressed
   * Send on): the draft the bot sent it from is marked with its reference until a new concern is started.
   */
  private async confirmedInChat(recipient: BotUser, reference: string): Promise<boolean> {
    const draft = await this.hub.getDraft(recipient.objectId).catch(() => null);
    return draft?.step === SUBMITTED_STEP && draft.answers.reference === reference;
  }

  /** The question as the asker wrote it, when it was asked, and a box for the answer (not who asked). */
  requestCard(
    view: ConcernView,
    request: InformationRequest,
    opts: { error?: string; typed?: string; intro?: string } = {},
  ): AdaptiveCard {
    const answered = request.response !== undefined;
    const canAnswer = !answered && request.canRespond;
    const render = (answerTyped: string) =>
      renderCard('information-request', {
        title: answered ? 'Thank you: your answer is on the concern' : 'More information needed',
        reference: view.reference,
        // The referrer's own concern: the initials of the person it is about help them know which one it is.
        about: `The concern you raised on ${britishDate(view.submittedAt)}${view.intake ? ` about ${typed(subjectInitials(view.intake.subject.name))}` : ''}`,
        intro:
          opts.intro ??
          (canAnswer
            ? 'The Prevent team has asked for more information about the concern you raised.'
            : answered
              ? 'Your answer has been added to the concern.'
              : 'This question is no longer waiting for your answer.'),
        askedText: `Asked on ${britishDateTime(request.requestedAt)}:`,
        // Within Teams' size limit whatever was written: a 4,000-character question in CJK is 12 KB.
        question: typed(clip(request.question, 3000)),
        answered,
        answeredText:
          answered && request.respondedAt ? `You answered on ${britishDateTime(request.respondedAt)}:` : '',
        answer: answered ? typed(clip(request.response, 2000)) : '',
        canAnswer,
        typed: answerTyped,
        error: opts.error ?? '',
        requestId: request.id,
      });
    try {
      return render(opts.typed ?? '');
    } catch (e) {
      // An answer pasted far over the limit cannot be shown back; the message says how long it was.
      if (e instanceof CardTooLargeError) return render('');
      throw e;
    }
  }

  /** "Answer" from "my concerns": the open question addressed to this person on that concern. */
  async requestCardFor(user: BotUser, reference: string): Promise<AdaptiveCard> {
    const found = await this.findRequest(user, reference);
    if (!found) return this.notice(reference, 'Nothing about this concern is waiting for your answer.');
    return this.requestCard(found.view, found.request);
  }

  /** The answer to an information request, typed on its card. */
  async respond(user: BotUser, data: ActionData): Promise<AdaptiveCard> {
    const reference = String(data.reference ?? '');
    const requestId = String(data.requestId ?? '');
    const response = typeof data.response === 'string' ? data.response.trim() : '';
    const again = async (error: string) => {
      const found = await this.findRequest(user, reference, requestId);
      if (!found) return this.notice(reference, error);
      return this.requestCard(found.view, found.request, { error, typed: response });
    };
    if (!response) return again('Write your answer first.');
    if (response.length > MAX_ANSWER)
      return again(
        `Your answer is ${response.length.toLocaleString('en-GB')} characters long; the limit is 4,000. Shorten it and send again.`,
      );
    try {
      const view = await this.hub.supplyInformation(user.objectId, reference, requestId, response);
      const request = view.informationRequests.find((r) => r.id === requestId);
      return request
        ? this.requestCard(view, request)
        : this.notice(`Thank you: ${reference}`, 'Your answer has been added to the concern.');
    } catch (e) {
      if (!(e instanceof HubApiError) || e.status >= 500) throw e;
      if (e.status === 409) {
        const found = await this.findRequest(user, reference, requestId);
        if (found)
          return this.requestCard(found.view, found.request, {
            intro: 'This request had already been answered.',
          });
        return this.notice(reference, 'This request has already been answered.');
      }
      if (e.status === 400) return again(e.fieldErrors.map((f) => f.message).join(' ') || e.message);
      return this.notice(reference, e.message);
    }
  }

  /**
   * The concern as this person may see it, and the request a card is for: the one named, else (nothing named)
   * the newest one still waiting for their answer, on the given step when the view says which step asked.
   * Undefined when they cannot see the concern or it has no such request.
   */
  private async findRequest(
    user: BotUser,
    reference: string,
    requestId?: string,
    stepId?: string,
  ): Promise<{ view: ConcernView; request: InformationRequest } | undefined> {
    const view = await this.hub.concern(user.objectId, reference).catch(notVisible);
    const request = view && pickRequest(view, requestId, stepId);
    return view && request ? { view, request } : undefined;
  }
}

function pickRequest(view: ConcernView, requestId?: string, stepId?: string): InformationRequest | undefined {
  if (requestId !== undefined) return view.informationRequests.find((r) => r.id === requestId);
  // The API marks the requests this caller may answer (canRespond): it knows who the caller is.
  const open = view.informationRequests.filter((r) => r.canRespond && r.response === undefined);
  const onStep = stepId ? open.filter((r) => r.stepId === undefined || r.stepId === stepId) : open;
  return (onStep.length ? onStep : open).at(-1);
}

function notVisible(e: unknown) {
  if (e instanceof HubApiError && (e.status === 403 || e.status === 404)) return undefined;
  throw e;
}

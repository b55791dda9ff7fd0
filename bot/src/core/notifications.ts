/** Turns a hub notification into what the recipient sees: an approval card for step events, a notice otherwise. */
import { approvalsTabDeepLink } from '@pph/functions/contract';
import type { Notification } from '@pph/functions/ports/notifier';
import { HubApiError, type HubClient } from '../api/hub-client';
import { renderCard } from '../cards/render';
import type { Approvals } from './approvals';
import type { ActionData, BotSettings, BotUser, Outgoing } from './types';

const STEP_HEADINGS: Partial<Record<Notification['type'], string>> = {
  'step-assigned': 'Decision needed',
  'due-soon': 'Due soon: decision needed',
  overdue: 'Overdue: decision needed',
  escalated: 'Escalated to you: decision needed',
};

export class Notifications {
  constructor(
    private readonly hub: HubClient,
    private readonly approvals: Approvals,
    private readonly settings: BotSettings,
  ) {}

  async render(n: Notification, recipient: BotUser): Promise<Outgoing> {
    const heading = STEP_HEADINGS[n.type];
    if (heading && n.stepId) {
      const view = await this.hub.concern(recipient.objectId, n.reference).catch(notVisible);
      if (view) return { card: this.approvals.card(view, n.stepId, recipient, { heading }) };
    }
    let requestId = '';
    if (n.type === 'information-requested') {
      const view = await this.hub.concern(recipient.objectId, n.reference).catch(notVisible);
      requestId = view?.informationRequests.filter((r) => r.canRespond).at(-1)?.id ?? '';
    }
    return { card: this.notice(n.reference, n.title, n.body, requestId) };
  }

  notice(reference: string, title: string, text: string, requestId = '', error = '') {
    return renderCard('notice', {
      title,
      text,
      reference,
      requestId,
      error,
      link: approvalsTabDeepLink(this.settings.teamsAppId, reference),
    });
  }

  /** The answer to an information request, typed on the notice card. */
  async respond(user: BotUser, data: ActionData) {
    const reference = String(data.reference ?? '');
    const requestId = String(data.requestId ?? '');
    const response = typeof data.response === 'string' ? data.response.trim() : '';
    const ask = 'The hub asked you for more information about this concern.';
    if (!response)
      return this.notice(
        reference,
        `More information needed: ${reference}`,
        ask,
        requestId,
        'Write your answer first.',
      );
    if (response.length > 4000)
      return this.notice(
        reference,
        `More information needed: ${reference}`,
        ask,
        requestId,
        `Your answer is ${response.length} characters long; the limit is 4000. Shorten it and send again.`,
      );
    try {
      await this.hub.supplyInformation(user.objectId, reference, requestId, response);
      return this.notice(reference, `Thank you: ${reference}`, 'Your answer has been added to the concern.');
    } catch (e) {
      if (!(e instanceof HubApiError) || e.status >= 500) throw e;
      return this.notice(
        reference,
        reference,
        e.status === 409 ? 'This request has already been answered.' : e.message,
      );
    }
  }
}

function notVisible(e: unknown) {
  if (e instanceof HubApiError && (e.status === 403 || e.status === 404)) return undefined;
  throw e;
}

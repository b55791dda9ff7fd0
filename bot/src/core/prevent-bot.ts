/**
 * The conversation, independent of any bot SDK: what to answer to a message, a card action or a hub
 * notification. The botbuilder adapter (../botbuilder) only translates activities to and from these calls.
 */
import type { Notification } from '@pph/functions/ports/notifier';
import { HubApiError, type HubClient } from '../api/hub-client';
import { CARD_VERSION, renderCard, type AdaptiveCard } from '../cards/render';
import { Approvals } from './approvals';
import { IMMEDIATE_RISK_TEXT, IntakeFlow, greeting } from './intake-flow';
import { Notifications } from './notifications';
import type { ActionData, BotSettings, BotUser, Outgoing } from './types';

const COMMANDS: Record<string, 'start' | 'resume' | 'mine' | 'help'> = {
  'raise a concern': 'start',
  'raise concern': 'start',
  raise: 'start',
  'new concern': 'start',
  'report a concern': 'start',
  'continue my concern': 'resume',
  continue: 'resume',
  resume: 'resume',
  'my concerns': 'mine',
  status: 'mine',
  help: 'help',
  hi: 'help',
  hello: 'help',
  start: 'help',
  menu: 'help',
};

/** What the bot says anywhere but a personal chat: no data, no names, nothing to press. */
export const PERSONAL_CHAT_ONLY_TEXT =
  'I only work in a personal chat with you — open a chat with me (Prevent Hub) to raise a concern, see your concerns or decide approvals.';

export const HELP_TEXT = 'You can type: raise a concern, continue my concern, my concerns, or help.';

export class PreventBot {
  readonly intake: IntakeFlow;
  readonly approvals: Approvals;
  readonly notifications: Notifications;
  /** People this process has talked to: anyone else's first message starts a concern. */
  private readonly greeted = new Set<string>();

  constructor(
    private readonly hub: HubClient,
    settings: BotSettings,
  ) {
    this.intake = new IntakeFlow(hub, settings);
    this.approvals = new Approvals(hub, settings);
    this.notifications = new Notifications(hub, this.approvals, settings);
  }

  /** Installed, or added to a chat: say hello and how to get help at once. */
  async welcome(user: BotUser, notice = ''): Promise<Outgoing> {
    this.greeted.add(user.objectId);
    const draft = await this.intake.draftInProgress(user).catch(() => null);
    // Install events may not carry the person's name; the directory has it.
    const name = user.name ?? (await this.hub.me(user.objectId).catch(() => undefined))?.person.displayName;
    return {
      card: renderCard('welcome', {
        greeting: greeting({ ...user, ...(name ? { name } : {}) }),
        hasDraft: draft !== null,
        notice,
      }),
    };
  }

  async onMessage(user: BotUser, text: string, value?: unknown): Promise<Outgoing[]> {
    return this.guard(async () => {
      const first = !this.greeted.has(user.objectId);
      this.greeted.add(user.objectId);
      if (value !== undefined && value !== null && !text) {
        // Action.Submit from a card of an older bot: its data cannot be trusted to fit today's form.
        const resumed = await this.intake.resume(user);
        return [
          {
            text: 'That card came from an older version of the hub, so I could not use it. Nothing you saved is lost.',
          },
          resumed ? { card: resumed } : await this.welcome(user),
        ];
      }
      const command = COMMANDS[normalise(text)];
      switch (command) {
        case 'start':
          return [{ card: await this.intake.start(user) }];
        case 'resume': {
          const card = await this.intake.resume(user);
          return [
            card
              ? { card }
              : await this.welcome(
                  user,
                  'You have no concern in progress. Choose "Raise a concern" to start one.',
                ),
          ];
        }
        case 'mine':
          return [{ card: await this.myConcerns(user) }];
        case 'help':
          return [await this.welcome(user)];
        default:
          if (first) {
            return [
              { text: `Hello. ${IMMEDIATE_RISK_TEXT} Let’s record your concern.` },
              { card: await this.intake.start(user) },
            ];
          }
          return [{ text: `Sorry, I do not know "${clipCommand(text)}". ${HELP_TEXT}` }];
      }
    });
  }

  /** A Universal Action (Action.Execute): returns the card that replaces the one pressed, plus any messages. */
  async onAction(
    user: BotUser,
    verb: string,
    data: ActionData,
  ): Promise<{ card: AdaptiveCard; also?: Outgoing[] }> {
    this.greeted.add(user.objectId);
    try {
      switch (verb) {
        case 'intake.start':
          return { card: await this.intake.start(user) };
        case 'intake.resume':
          return {
            card:
              (await this.intake.resume(user)) ??
              (await this.welcome(user, 'You have no concern in progress.')).card!,
          };
        case 'intake.next':
          return await this.intake.next(user, data);
        case 'intake.back':
          return { card: await this.intake.back(user, data) };
        case 'intake.edit':
          return { card: await this.intake.edit(user, data) };
        case 'intake.pause':
          return { card: await this.intake.pause(user, data) };
        case 'intake.submit':
          return { card: await this.intake.submit(user, data) };
        case 'concerns.mine':
          return { card: await this.myConcerns(user) };
        case 'approval.decide':
          return { card: await this.approvals.decide(user, data) };
        case 'approval.refresh':
          return { card: await this.approvals.refresh(user, data) };
        case 'info.respond':
          return { card: await this.notifications.respond(user, data) };
        default:
          return {
            card: (
              await this.welcome(
                user,
                Number(data.v) === CARD_VERSION
                  ? 'I did not recognise that button. Choose one of these instead.'
                  : 'That card came from an older version of the hub. Choose one of these instead.',
              )
            ).card!,
          };
      }
    } catch (e) {
      return { card: (await this.welcome(user, problemText(e))).card! };
    }
  }

  renderNotification(n: Notification, recipient: BotUser): Promise<Outgoing> {
    return this.notifications.render(n, recipient);
  }

  private async myConcerns(user: BotUser): Promise<AdaptiveCard> {
    const mine = await this.hub.myConcerns(user.objectId);
    const shown = mine.items.slice(0, 15);
    return renderCard('my-concerns', {
      items: shown.map((c) => ({
        reference: c.reference,
        submitted: new Date(c.submittedAt).toLocaleDateString('en-GB', { timeZone: 'Europe/London' }),
        status: c.referrerStatus,
      })),
      more: mine.items.length - shown.length,
    });
  }

  private async guard(fn: () => Promise<Outgoing[]>): Promise<Outgoing[]> {
    try {
      return await fn();
    } catch (e) {
      return [{ text: problemText(e) }];
    }
  }
}

/** What to tell a person when the hub refuses or cannot be reached; never a stack trace. */
export function problemText(e: unknown): string {
  if (e instanceof HubApiError) {
    if (e.status === 401)
      return 'I could not find you in the hub’s directory, so I cannot act for you. Ask your administrator to add you.';
    if (e.status === 403) return e.message;
    if (e.status < 500) return e.message;
  }
  return 'Something went wrong on our side and nothing was lost. Please try again in a moment.';
}

function normalise(text: string): string {
  return text
    .replace(/<at>.*?<\/at>/g, '')
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '');
}

function clipCommand(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}

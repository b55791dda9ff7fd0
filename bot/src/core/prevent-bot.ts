/**
 * The conversation, independent of any bot SDK: what to answer to a message, a card action or a hub
 * notification. The botbuilder adapter (../botbuilder) only translates activities to and from these calls.
 */
import type { WorkItemsResponse } from '@pph/contract';
import type { Notification } from '@pph/contract';
import { HubApiError, type HubClient } from '../api/hub-client';
import { CARD_VERSION, renderCard, typed, type AdaptiveCard } from '../cards/render';
import { Approvals } from './approvals';
import { IMMEDIATE_RISK_TEXT, IntakeFlow, noticeLook } from './intake-flow';
import { britishDate } from './dates';
import { Notifications } from './notifications';
import { cardActionFor, commandFor, COMMAND_HELP } from './registry';
import type { ActionData, BotSettings, BotUser, Outgoing, Waiting, WelcomeOptions } from './types';

/** A message this long is not a command: it is someone's account of what happened, kept rather than lost. */
export const ACCOUNT_MIN_CHARS = 150;

/** What the bot says anywhere but a personal chat: no data, no names, nothing to press. */
export const PERSONAL_CHAT_ONLY_TEXT =
  'I only work in a personal chat with you — open a chat with me (Prevent Hub) to raise a concern, see your concerns or decide approvals.';

export const HELP_TEXT =
  'You can type: raise a concern, continue my concern, cancel, my concerns, my approvals, or help.';

/** How many approval cards "my approvals" sends at once; the rest are counted, for another "my approvals". */
export const MAX_APPROVAL_CARDS = 10;

/** A page of My work counted: more wait when it is not the last page. */
const waitingOn = (queue?: WorkItemsResponse): Waiting => ({
  count: queue?.items.length ?? 0,
  more: queue?.nextPageToken !== undefined,
});

/** "3 decisions are waiting for you", or "More than 50 …" when My work has more pages. */
function decisionsWaiting({ count, more }: Waiting): string {
  if (more) return `More than ${count} decisions are waiting for you`;
  return count === 1 ? '1 decision is waiting for you' : `${count} decisions are waiting for you`;
}

export class PreventBot {
  readonly intake: IntakeFlow;
  readonly approvals: Approvals;
  readonly notifications: Notifications;
  /**
   * People known to have messaged before: the hub holds the fact (it survives restarts and serves every
   * instance); this only saves asking it again once the answer is "not first".
   */
  private readonly messaged = new Set<string>();

  constructor(
    private readonly hub: HubClient,
    settings: BotSettings,
  ) {
    this.intake = new IntakeFlow(hub, settings, (user, opts) => this.welcome(user, opts));
    this.approvals = new Approvals(hub);
    this.notifications = new Notifications(hub, this.approvals);
  }

  /**
   * The menu: on install and "help", and wherever a turn has nothing else to show. How many decisions wait is
   * shown only when the caller counted them or asked for them to be counted (see WelcomeOptions.waiting).
   */
  async welcome(user: BotUser, opts: WelcomeOptions = {}): Promise<{ card: AdaptiveCard }> {
    const [hasDraft, queue, me] = await Promise.all([
      opts.hasDraft ?? this.intake.draftInProgress(user).then((d) => d !== null, noDraft),
      opts.waiting === 'ask' ? this.hub.myQueue(user.objectId).catch(() => undefined) : undefined,
      // Install events may not carry the person's name; the directory has it.
      user.name ? undefined : this.hub.me(user.objectId).catch(() => undefined),
    ]);
    const name = user.name ?? me?.person.displayName;
    const waiting = typeof opts.waiting === 'object' ? opts.waiting : waitingOn(queue);
    const menu = {
      hasDraft,
      waiting: waiting.count,
      waitingCount: waiting.more ? `${waiting.count}+` : String(waiting.count),
      waitingText: `${decisionsWaiting(waiting)}.`,
    };
    if (opts.help) return { card: renderCard('help', { ...menu, commands: COMMAND_HELP }) };
    return {
      card: renderCard('welcome', {
        ...menu,
        greeting: greeting({ ...user, ...(name ? { name } : {}) }),
        notice: opts.notice ?? '',
        ...noticeLook(opts.problem === true),
        helpText: HELP_TEXT,
      }),
    };
  }

  /** "My approvals": one approval card per step waiting for this person (the most pressing first), capped. */
  async myApprovals(user: BotUser): Promise<{ waiting: Waiting; out: Outgoing[] }> {
    // The hub orders the queue: immediate risk first, then by due date.
    const queue = await this.hub.myQueue(user.objectId);
    const waiting = waitingOn(queue);
    return { waiting, out: await this.approvalCards(user, queue.items, waiting) };
  }

  private async approvalCards(
    user: BotUser,
    items: WorkItemsResponse['items'],
    waiting: Waiting,
  ): Promise<Outgoing[]> {
    if (items.length === 0) return [{ text: 'Nothing is waiting for your decision.' }];
    const shown = items.slice(0, MAX_APPROVAL_CARDS);
    const rest = items.length - shown.length;
    const out: Outgoing[] = [
      {
        text:
          rest > 0 || waiting.more
            ? `${decisionsWaiting(waiting)}. Here are the ${shown.length} most pressing:`
            : `${decisionsWaiting(waiting)}:`,
      },
    ];
    for (const item of shown)
      out.push({ card: await this.approvals.current(user, item.reference, item.stepId) });
    if (rest > 0 || waiting.more)
      out.push({
        text: `${waiting.more ? `And more than ${rest} others` : `And ${rest} more`}: decide these first, then type "my approvals" again.`,
      });
    return out;
  }

  async onMessage(user: BotUser, text: string, value?: unknown): Promise<Outgoing[]> {
    return this.guard(async () => {
      const first = !this.messaged.has(user.objectId) && (await this.hub.recordFirstMessage(user.objectId));
      this.messaged.add(user.objectId);
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
      const command = commandFor(normalise(text));
      if (command) return command.handle({ bot: this, user, text });
      return this.notACommand(user, text, first);
    });
  }

  /** Free text: a pasted account, a first message (which starts a concern), or a word it does not know. */
  private async notACommand(user: BotUser, text: string, first: boolean): Promise<Outgoing[]> {
    if (text.trim().length >= ACCOUNT_MIN_CHARS) {
      const out = await this.intake.fromPasted(user, text);
      return first ? [{ text: `Hello. ${IMMEDIATE_RISK_TEXT}` }, ...out] : out;
    }
    // A first message starts a concern (the issue: "any first message"), also after the install welcome.
    if (first && !(await this.intake.draftInProgress(user))) {
      return [
        { text: `Hello. ${IMMEDIATE_RISK_TEXT} Let’s record your concern.` },
        { card: await this.intake.start(user) },
      ];
    }
    if (first) return [{ card: await this.intake.start(user) }];
    return [{ text: `Sorry, I do not know "${clipCommand(text)}". ${HELP_TEXT}` }];
  }

  /** A Universal Action (Action.Execute): returns the card that replaces the one pressed, plus any messages. */
  async onAction(
    user: BotUser,
    verb: string,
    data: ActionData,
  ): Promise<{ card: AdaptiveCard; also?: Outgoing[] }> {
    try {
      const action = cardActionFor(verb);
      if (action) return await action.handle({ bot: this, user, data });
      return {
        card: (
          await this.welcome(user, {
            notice:
              Number(data.v) === CARD_VERSION
                ? 'I did not recognise that button. Choose one of these instead.'
                : 'That card came from an older version of the hub. Choose one of these instead.',
            problem: true,
          })
        ).card,
      };
    } catch (e) {
      return { card: (await this.welcome(user, { notice: problemText(e), problem: true })).card };
    }
  }

  /** What to send for a notification; nothing (neither text nor card) when the chat already said it. */
  renderNotification(n: Notification, recipient: BotUser): Promise<Outgoing> {
    return this.notifications.render(n, recipient);
  }

  /** "My concerns": where the concerns this person raised have got to (15 at most, with a count of the rest). */
  async myConcerns(user: BotUser): Promise<AdaptiveCard> {
    const mine = await this.hub.myConcerns(user.objectId);
    const shown = mine.items.slice(0, 15);
    return renderCard('my-concerns', {
      items: shown.map((c) => ({
        reference: c.reference,
        submitted: britishDate(c.submittedAt),
        // Their own concern: the initials of the person it is about tell one from another.
        about: typed(c.subjectInitials),
        status: c.referrerStatus,
        canAnswer: c.awaitingYourAnswer,
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

function greeting(user: BotUser): string {
  return user.name ? `Hello ${user.name}.` : 'Hello.';
}

/** The hub could not say whether a draft is in progress: the menu goes without "Continue my concern". */
const noDraft = () => false;

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

/** Drives the real bot (botbuilder TestAdapter → HubActivityHandler → PreventBot → HTTP API → SQLite hub). */
import { TestAdapter, type Activity } from 'botbuilder';
import { HubClient } from '@pph/bot/api/hub-client';
import { devPersonaCredentials } from '@pph/bot/api/credentials';
import { HubActivityHandler, type ActivityChecks } from '@pph/bot/botbuilder/activity-handler';
import { PreventBot } from '@pph/bot/core/prevent-bot';
import type { BotSettings } from '@pph/bot/core/types';
import { CARD_VERSION, type AdaptiveCard } from '@pph/bot/cards/render';
import { DEMO_PEOPLE } from './hub';

export const TEST_SETTINGS: BotSettings = {
  teamsAppId: '5f0d6a8e-2c3b-4f7a-9d41-7b6e0c1a9e21',
  childSafeguardingRoute: 'Test children front door 01632 960 111',
  adultSafeguardingRoute: 'Test adult safeguarding 01632 960 222',
};

export interface Reply {
  type: string;
  text?: string;
  card?: AdaptiveCard;
}

export class BotUnderTest {
  readonly bot: PreventBot;
  readonly hub: HubClient;
  readonly adapter: TestAdapter;
  private readonly handler: HubActivityHandler;

  constructor(apiUrl: string, checks: ActivityChecks = {}, maxToldConversations?: number) {
    this.hub = new HubClient(apiUrl, devPersonaCredentials());
    this.bot = new PreventBot(this.hub, TEST_SETTINGS);
    this.handler = new HubActivityHandler(
      this.bot,
      (user, ref) => this.hub.saveConversationReference(user.objectId, ref),
      checks,
      maxToldConversations,
    );
    this.adapter = new TestAdapter(async (ctx) => this.handler.run(ctx));
  }

  as(personaId: string, where: Where = {}): ChatUser {
    return new ChatUser(this, personaId, where);
  }

  async turn(activity: Partial<Activity>): Promise<Reply[]> {
    this.adapter.activeQueue.splice(0);
    await this.adapter.processActivity(activity, async (ctx) => this.handler.run(ctx));
    return this.adapter.activeQueue.splice(0).map((a) => {
      if (a.type === 'invokeResponse') {
        const body = (a.value as { body: { value: AdaptiveCard } }).body;
        return { type: 'invokeResponse', card: body.value };
      }
      const card = a.attachments?.[0]?.content as AdaptiveCard | undefined;
      return { type: a.type ?? 'message', ...(a.text ? { text: a.text } : {}), ...(card ? { card } : {}) };
    });
  }
}

/** Where a person talks to the bot: their personal chat in Teams unless a test says otherwise. */
export interface Where {
  conversationType?: 'personal' | 'groupChat' | 'channel';
  /** Another personal chat with the same person (e.g. after the app was reinstalled), or another shared one. */
  conversationId?: string;
  channelId?: string;
  tenantId?: string;
}

export const TEST_TENANT_ID = '7d1c2b3a-0000-4000-8000-00000000aa01';

export class ChatUser {
  readonly person;
  constructor(
    private readonly t: BotUnderTest,
    readonly id: string,
    private readonly where: Where = {},
  ) {
    this.person = DEMO_PEOPLE.find((p) => p.id === id)!;
  }

  /** The same person in another conversation (a group chat, a channel) or channel. */
  in(where: Where): ChatUser {
    return new ChatUser(this.t, this.id, where);
  }

  private base(): Partial<Activity> {
    const type = this.where.conversationType ?? 'personal';
    return {
      channelId: this.where.channelId ?? 'msteams',
      serviceUrl: 'http://127.0.0.1:9/_connector',
      from: { id: `29:${this.id}`, name: this.person.displayName, aadObjectId: this.id },
      conversation:
        type === 'personal'
          ? {
              id: this.where.conversationId ?? `a:personal-${this.id}`,
              isGroup: false,
              conversationType: 'personal',
              name: '',
            }
          : {
              id: this.where.conversationId ?? `19:${type}-shared`,
              isGroup: true,
              conversationType: type,
              name: 'Prevent partnership',
            },
      recipient: { id: '28:bot', name: 'Prevent Hub' },
      channelData: { tenant: { id: this.where.tenantId ?? TEST_TENANT_ID } },
    };
  }

  say(text: string): Promise<Reply[]> {
    return this.t.turn({ ...this.base(), type: 'message', text });
  }

  submitOld(value: object): Promise<Reply[]> {
    return this.t.turn({ ...this.base(), type: 'message', value });
  }

  installed(): Promise<Reply[]> {
    return this.t.turn({
      ...this.base(),
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:bot', name: 'Prevent Hub' }],
    });
  }

  /** Presses an Action.Execute button: its data merged with the card's input values, as Teams sends it. */
  async press(card: AdaptiveCard, title: string, inputs: Record<string, string> = {}): Promise<Reply[]> {
    const action = findAction(card, title);
    return this.execute(action.verb, { ...action.data, ...inputs });
  }

  async execute(verb: string, data: Record<string, unknown>): Promise<Reply[]> {
    return this.t.turn({
      ...this.base(),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
  }

  /** The replacement card an Action.Execute returned. */
  async pressForCard(
    card: AdaptiveCard,
    title: string,
    inputs: Record<string, string> = {},
  ): Promise<AdaptiveCard> {
    return cardOf(await this.press(card, title, inputs));
  }
}

/** The card a turn sent as a new message (not the one that replaced the card pressed). */
export function messageCard(replies: Reply[]): AdaptiveCard {
  const card = replies.find((r) => r.type === 'message' && r.card)?.card;
  if (!card) throw new Error(`No card message in replies: ${JSON.stringify(replies).slice(0, 500)}`);
  return card;
}

export function cardOf(replies: Reply[]): AdaptiveCard {
  const card = replies.find((r) => r.type === 'invokeResponse')?.card ?? replies.find((r) => r.card)?.card;
  if (!card) throw new Error(`No card in replies: ${JSON.stringify(replies).slice(0, 500)}`);
  return card;
}

interface ExecuteAction {
  type: string;
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

/** Every Action.Execute on a card, wherever it sits (card actions and ActionSets). */
export function actionsOf(card: unknown): ExecuteAction[] {
  const found: ExecuteAction[] = [];
  const walk = (node: unknown, inRefresh: boolean) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, inRefresh));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute' && !inRefresh) found.push(o as unknown as ExecuteAction);
    for (const [k, v] of Object.entries(o)) walk(v, inRefresh || k === 'refresh');
  };
  walk(card, false);
  return found;
}

export function findAction(card: AdaptiveCard, title: string): ExecuteAction {
  const action = actionsOf(card).find((a) => a.title === title);
  if (!action)
    throw new Error(
      `No "${title}" button; the card has: ${actionsOf(card)
        .map((a) => a.title)
        .join(', ')}`,
    );
  return action;
}

/** Every element of a card with its own properties (for checks on styles, colours, links). */
export function elementsOf(card: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string') found.push(o);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

/** All visible text of a card, for assertions on what a person reads. */
export function textOf(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    for (const k of ['text', 'title', 'value', 'label'])
      if (typeof o[k] === 'string') parts.push(o[k] as string);
    for (const [k, v] of Object.entries(o)) if (k !== 'data' && k !== 'refresh') walk(v);
  };
  walk(card);
  return parts.join('\n');
}

/** The input of a card with this id (to read its pre-filled value). */
export function inputOf(card: unknown, id: string): Record<string, unknown> | undefined {
  let hit: Record<string, unknown> | undefined;
  const walk = (node: unknown) => {
    if (hit) return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && o.id === id) hit = o;
    else Object.values(o).forEach(walk);
  };
  walk(card);
  return hit;
}

export { CARD_VERSION };

/**
 * Notifications end to end on loopback: hub outbox → BotNotifier → bot /api/notify → CloudAdapter → a Bot
 * Connector test double. Conversation references come from real activities posted to /api/messages.
 */
import { KernelLists } from '@pph/functions/kernel/lists';
import { ApiPaths, BotNotify, NO_CONVERSATION_REASON } from '@pph/contract';
import { BotNotifier } from '@pph/functions/adapters/notifier/bot-notifier';
import type { Notification } from '@pph/contract';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import { LOCAL_DEV_NOTIFY_KEY } from '@pph/functions/config';
import type { BotServer } from '@pph/bot/host/server';
import { PERSONA_IDS, DEMO_PEOPLE, type TestHub } from '../support/hub';
import { startHubWithBot, type HubWithBot } from '../support/bot-stack';
import { submission } from '../support/concerns';
import { FakeConnector } from '../support/fake-connector';
import { textOf } from '../support/bot';

let stack: HubWithBot;
let hub: TestHub;
let bot: BotServer;
let connector: FakeConnector;

beforeEach(async () => {
  connector = await new FakeConnector().start();
  stack = await startHubWithBot();
  ({ hub, bot } = stack);
});
afterEach(async () => {
  await stack.close();
  await connector.close();
});

const conversationOf = (id: string) => `a:chat-${id}`;

/** What the Agents Playground or Teams posts when the app is installed in a personal chat. */
async function install(personId: string) {
  const person = DEMO_PEOPLE.find((p) => p.id === personId)!;
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'conversationUpdate',
      id: `install-${personId}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: `29:${personId}`, name: person.displayName, aadObjectId: personId },
      recipient: { id: '28:prevent-hub', name: 'Prevent Hub' },
      conversation: { id: conversationOf(personId), conversationType: 'personal' },
      membersAdded: [{ id: '28:prevent-hub' }],
    }),
  });
  expect(res.status).toBeLessThan(300);
}

it('install captures the conversation; a submitted concern reaches the approver as a card in their chat', async () => {
  await install(PERSONA_IDS.safeguardingLead);
  expect(
    textOf(connector.to(conversationOf(PERSONA_IDS.safeguardingLead))[0]!.activity.attachments),
  ).toContain('Raise a concern');
  const res = await hub.as(PERSONA_IDS.referrer).call('POST', ApiPaths.concerns, submission());
  await hub.runTimersOnce();

  const cards = connector
    .to(conversationOf(PERSONA_IDS.safeguardingLead))
    .flatMap((c) => c.activity.attachments ?? [])
    .filter((a) => JSON.stringify(a).includes(res.body.reference));
  expect(cards).toHaveLength(1);
  expect(cards[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(textOf(cards[0]!.content)).toContain('Decision needed');

  // The deputy never opened the bot: recorded as undeliverable and shown to the co-ordinator, not dropped.
  const undeliverable = await hub.as(PERSONA_IDS.coordinator).call('GET', '/api/notifications/undeliverable');
  expect(JSON.stringify(undeliverable.body)).toContain(PERSONA_IDS.deputySafeguardingLead);
  expect(JSON.stringify(undeliverable.body)).not.toContain(`:${PERSONA_IDS.safeguardingLead}"`);
});

it('a concern raised before the approver opened her chat reaches her once she does, once only', async () => {
  const res = await hub.as(PERSONA_IDS.referrer).call('POST', ApiPaths.concerns, submission());
  await hub.runTimersOnce();
  const lead = conversationOf(PERSONA_IDS.safeguardingLead);
  const undeliverable = async () =>
    (
      (await hub.as(PERSONA_IDS.coordinator).call('GET', '/api/notifications/undeliverable')).body.items as {
        reference: string;
        recipientId: string;
        reason: string;
      }[]
    ).filter((i) => i.recipientId === PERSONA_IDS.safeguardingLead);
  const before = await undeliverable();
  expect(before.map((i) => i.reference)).toContain(res.body.reference);
  expect(new Set(before.map((i) => i.reason))).toEqual(new Set([NO_CONVERSATION_REASON]));
  const otherReasons = (
    await hub.as(PERSONA_IDS.coordinator).call('GET', '/api/notifications/undeliverable')
  ).body.items.filter((i: { reason: string }) => i.reason !== NO_CONVERSATION_REASON);

  await install(PERSONA_IDS.safeguardingLead);
  for (let i = 0; i < 3; i++) {
    await hub.runTimersOnce();
    hub.clock.advanceDays(0.01);
  }
  const cardsAbout = (reference: string) =>
    connector
      .to(lead)
      .flatMap((c) => c.activity.attachments ?? [])
      .filter((a) => textOf(a.content).includes(`${reference}:`));
  expect(cardsAbout(res.body.reference)).toHaveLength(1);
  expect(textOf(cardsAbout(res.body.reference)[0]!.content)).toContain('Decision needed');
  // The demo data's concerns waiting for her arrive too, so they can be decided from chat.
  expect(cardsAbout('PRV-2026-0001').length).toBeGreaterThan(0);
  expect(await undeliverable()).toEqual([]);
  // Undeliverable for other reasons stays where the co-ordinator sees it.
  const after = (await hub.as(PERSONA_IDS.coordinator).call('GET', '/api/notifications/undeliverable')).body
    .items;
  for (const item of otherReasons) expect(after).toContainEqual(item);

  // The deputy's "someone else decided" notices from the demo data only refreshed cards she never had: on
  // opening her chat they are set aside, with why, not sent late.
  const deputyDecided = async () =>
    (
      await hub.hub.ports.store.query(KernelLists.outbox, {
        where: [{ column: 'RecipientId', op: 'eq', value: PERSONA_IDS.deputySafeguardingLead }],
        top: 500,
      })
    ).items.filter((i) => String(i.fields.DedupeKey).includes(':decided:'));
  expect((await deputyDecided()).map((i) => i.fields.Status)).toContain('undeliverable');
  const toDeputy = connector.calls.length;
  await install(PERSONA_IDS.deputySafeguardingLead);
  await hub.runTimersOnce();
  expect(new Set((await deputyDecided()).map((i) => i.fields.Status))).toEqual(new Set(['skipped']));
  const deputyCards = connector.calls
    .slice(toDeputy)
    .flatMap((c) => c.activity.attachments ?? [])
    .map((a) => textOf(a.content).split('\n')[0]);
  expect(deputyCards).not.toContain('Decided');

  // Opening the chat again puts nothing back and sends nothing twice.
  const sent = connector.calls.length;
  await install(PERSONA_IDS.safeguardingLead);
  await hub.runTimersOnce();
  expect(connector.calls.length).toBe(sent + 1); // the welcome card only
});

it('while the bot is down, notifications wait in the outbox and are delivered once it is back', async () => {
  await install(PERSONA_IDS.safeguardingLead);
  await bot.close();
  const res = await hub.as(PERSONA_IDS.referrer).call('POST', ApiPaths.concerns, submission());
  await hub.runTimersOnce();
  const mine = () =>
    connector
      .to(conversationOf(PERSONA_IDS.safeguardingLead))
      .filter((c) => JSON.stringify(c.activity).includes(res.body.reference));
  expect(mine()).toHaveLength(0);

  bot = await stack.restartBot();
  for (let i = 0; i < 3; i++) {
    hub.clock.advanceDays(0.01); // past the outbox's backoff, well before any reminder falls due
    await hub.runTimersOnce();
  }
  expect(mine()).toHaveLength(1);
});

describe('the notify endpoint', () => {
  const payload = (dedupeKey: string) => ({
    notification: {
      dedupeKey,
      type: 'decided',
      recipientId: PERSONA_IDS.referrer,
      reference: 'PRV-2026-0001',
      title: 'Your concern has moved on',
      body: 'PRV-2026-0001 is now with the Prevent co-ordinator.',
    },
    conversationReference: {
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversation: { id: conversationOf(PERSONA_IDS.referrer), conversationType: 'personal' },
      user: { id: `29:${PERSONA_IDS.referrer}` },
      bot: { id: '28:prevent-hub' },
    },
  });
  const post = (body: unknown, key: string | null = LOCAL_DEV_NOTIFY_KEY) =>
    fetch(`${bot.url}${BotNotify.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { [BotNotify.keyHeader]: key } : {}) },
      body: JSON.stringify(body),
    });

  it("refuses a caller without the hub's key", async () => {
    expect((await post(payload('k1'), null)).status).toBe(401);
    expect((await post(payload('k1'), 'x'.repeat(LOCAL_DEV_NOTIFY_KEY.length))).status).toBe(401);
    expect(connector.calls).toHaveLength(0);
  });

  it('refuses a malformed notification with a message naming the field', async () => {
    const res = await post({
      ...payload('k1'),
      notification: { ...payload('k1').notification, type: 'gossip' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('notification.type');
  });

  it('delivers a repeated dedupe key once', async () => {
    expect((await post(payload('same-key'))).status).toBe(200);
    expect((await post(payload('same-key'))).status).toBe(200);
    expect(connector.to(conversationOf(PERSONA_IDS.referrer))).toHaveLength(1);
    expect(textOf(connector.calls[0]!.activity.attachments)).toContain(
      'is now with the Prevent co-ordinator',
    );
  });

  it('two concurrent deliveries of one dedupe key send once: the second waits for the first', async () => {
    const results = await Promise.all([post(payload('racing-key')), post(payload('racing-key'))]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(connector.to(conversationOf(PERSONA_IDS.referrer))).toHaveLength(1);
    expect((await post(payload('racing-key'))).status).toBe(200);
    expect(connector.to(conversationOf(PERSONA_IDS.referrer))).toHaveLength(1);
  });

  it('a concurrent repeat gets the first delivery’s result, a refusal too; a later one tries again', async () => {
    connector.failNext.push(403);
    const results = await Promise.all([post(payload('gone-racing')), post(payload('gone-racing'))]);
    expect(results.map((r) => r.status)).toEqual([410, 410]);
    expect(connector.failNext).toEqual([]); // one attempt: the repeat did not send
    expect(connector.calls).toHaveLength(0);
    expect((await post(payload('gone-racing'))).status).toBe(200);
    expect(connector.to(conversationOf(PERSONA_IDS.referrer))).toHaveLength(1);
  });

  it('answers 410 when the conversation is gone, so the hub records it undeliverable', async () => {
    connector.failNext.push(403);
    const res = await post(payload('gone'));
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ status: 'undeliverable' });
  });
});

describe('BotNotifier', () => {
  const decided: Notification = {
    dedupeKey: 'x',
    type: 'decided',
    recipientId: PERSONA_IDS.referrer,
    reference: 'PRV-2026-0001',
    title: 't',
    body: 'b',
  };

  it('records a person with no conversation reference as undeliverable without calling the bot', async () => {
    let called = false;
    const notifier = new BotNotifier({
      url: 'http://127.0.0.1:9/never',
      key: LOCAL_DEV_NOTIFY_KEY,
      lookup: async () => {
        called = true;
        return undefined;
      },
      logger: silentLogger,
    });
    const r = await notifier.deliver(decided);
    expect(called).toBe(true);
    // In the words the hub recognises, so the notification is sent once the person opens the bot.
    expect(r).toEqual({ status: 'undeliverable', reason: NO_CONVERSATION_REASON });
  });

  it('asks for a retry when the bot cannot be reached', async () => {
    const notifier = new BotNotifier({
      url: 'http://127.0.0.1:9/api/notify',
      key: LOCAL_DEV_NOTIFY_KEY,
      lookup: async () => ({
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: 'c', conversationType: 'personal' },
      }),
      logger: silentLogger,
    });
    const r = await notifier.deliver(decided);
    expect(r.status).toBe('retry');
  });
});

it('whoever decides a step is not told about their own decision; the other deciders are', async () => {
  const res = await hub.as(PERSONA_IDS.referrer).call('POST', ApiPaths.concerns, submission());
  await hub
    .as(PERSONA_IDS.safeguardingLead)
    .call('POST', ApiPaths.decide(res.body.reference, 's1'), { decision: 'forward' });
  await hub.runTimersOnce();
  const undeliverable = await hub.as(PERSONA_IDS.coordinator).call('GET', '/api/notifications/undeliverable');
  const decided = (
    undeliverable.body.items as { reference: string; type: string; recipientId: string }[]
  ).filter((i) => i.reference === res.body.reference && i.type === 'decided');
  expect(decided.map((i) => i.recipientId)).toContain(PERSONA_IDS.deputySafeguardingLead);
  expect(decided.map((i) => i.recipientId)).not.toContain(PERSONA_IDS.safeguardingLead);
});

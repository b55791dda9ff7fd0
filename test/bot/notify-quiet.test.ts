/**
 * The notify endpoint sends nothing when the bot has nothing to say: the hub's "concern received" for a concern
 * the referrer has just sent from this chat, which already shows "Concern sent". Hub → /api/notify → connector.
 */
import { BotNotify } from '@pph/contract';
import { LOCAL_DEV_NOTIFY_KEY } from '@pph/functions/config';
import { PERSONA_IDS } from '../support/hub';
import { startHubWithBot, type HubWithBot } from '../support/bot-stack';
import { FakeConnector } from '../support/fake-connector';
import { textOf } from '../support/bot';

let stack: HubWithBot;
let connector: FakeConnector;

beforeEach(async () => {
  connector = await new FakeConnector().start();
  stack = await startHubWithBot();
});
afterEach(async () => {
  await stack.close();
  await connector.close();
});

const received = (reference: string) => ({
  notification: {
    dedupeKey: `${reference}:submitted`,
    type: 'concern-submitted',
    recipientId: PERSONA_IDS.referrer,
    reference,
    title: `${reference}: concern received`,
    body: 'Thank you. Your concern has been received and passed to your safeguarding lead.',
  },
  conversationReference: {
    channelId: 'msteams',
    serviceUrl: connector.url,
    conversation: { id: 'a:chat-robin', conversationType: 'personal' },
    user: { id: `29:${PERSONA_IDS.referrer}` },
    bot: { id: '28:prevent-hub' },
  },
});

const notify = async (body: unknown) => {
  const res = await fetch(`${stack.bot.url}${BotNotify.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [BotNotify.keyHeader]: LOCAL_DEV_NOTIFY_KEY },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { status: string } };
};

/** What the bot leaves in the referrer's draft once it has sent a concern from the chat. */
const sentFromChat = (reference: string) =>
  stack.hub.as(PERSONA_IDS.referrer).call('PUT', '/api/me/draft', {
    draft: {
      idempotencyKey: 'sent-from-chat-000001',
      step: 'submitted',
      formVersion: 1,
      answers: { reference },
    },
  });

it('"concern received" for a concern sent from this chat is delivered without a message', async () => {
  expect((await sentFromChat('PRV-2026-0001')).status).toBeLessThan(300);
  expect(await notify(received('PRV-2026-0001'))).toEqual({ status: 200, body: { status: 'delivered' } });
  expect(connector.calls).toEqual([]);
});

it('for a concern sent any other way it is sent as a notice', async () => {
  await sentFromChat('PRV-2026-0002');
  expect((await notify(received('PRV-2026-0001'))).status).toBe(200);
  expect(connector.calls).toHaveLength(1);
  expect(textOf(connector.calls[0]!.activity.attachments)).toContain('PRV-2026-0001: concern received');
});

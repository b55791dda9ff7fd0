/**
 * The bot acts only in a person's personal chat, on Teams, in the partnership's tenant: a group chat or channel
 * gets one kind sentence and no data, and never becomes where that person's notifications are sent.
 */
import { ApiPaths } from '@pph/contract';
import { PERSONAL_CHAT_ONLY_TEXT } from '@pph/bot/core/prevent-bot';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { BotUnderTest, TEST_TENANT_ID, actionsOf, cardOf, textOf, type Reply } from '../support/bot';
import { submission } from '../support/concerns';

let hub: TestHub;
let t: BotUnderTest;

beforeEach(async () => {
  hub = await startTestHub();
  t = new BotUnderTest(hub.url);
});
afterEach(async () => hub.close());

const lead = () => t.as(PERSONA_IDS.safeguardingLead);
const conversationOf = async (id: string) =>
  ((await hub.hub.conversations.lookup(id)) as { conversation?: { id: string } } | undefined)?.conversation
    ?.id;

/** One plain sentence: no card, no names, nothing about anyone's concerns. */
function onlyThePersonalChatSentence(replies: Reply[]) {
  expect(replies.map((r) => ({ text: r.text, card: r.card }))).toEqual([
    { text: PERSONAL_CHAT_ONLY_TEXT, card: undefined },
  ]);
}

describe.each(['groupChat', 'channel'] as const)('in a %s', (conversationType) => {
  it('"my concerns", "raise a concern", "my approvals" and any text get one sentence and no data', async () => {
    const robin = t.as(PERSONA_IDS.referrer).in({ conversationType });
    for (const text of ['my concerns', 'raise a concern', 'my approvals', 'continue my concern', 'hello'])
      onlyThePersonalChatSentence(await robin.say(text));
    const draft = await hub.as(PERSONA_IDS.referrer).call('GET', ApiPaths.draft);
    expect(draft.body.draft).toBeNull();
  });

  it('adding the bot there says so once, and does not move where notifications go', async () => {
    await lead().installed();
    expect(await conversationOf(PERSONA_IDS.safeguardingLead)).toBe(
      `a:personal-${PERSONA_IDS.safeguardingLead}`,
    );
    const shared = lead().in({ conversationType });
    onlyThePersonalChatSentence(await shared.installed());
    expect(await shared.installed()).toEqual([]);
    await shared.say('hello');
    expect(await conversationOf(PERSONA_IDS.safeguardingLead)).toBe(
      `a:personal-${PERSONA_IDS.safeguardingLead}`,
    );
  });

  it('a button pressed on a card there is not acted on, and the card is replaced by one with no data', async () => {
    await hub.as(PERSONA_IDS.referrer).call('POST', ApiPaths.concerns, submission());
    const replies = await lead()
      .in({ conversationType })
      .execute('approval.decide', { v: 1, reference: 'PRV-2026-0007', stepId: 's1', decision: 'forward' });
    const card = cardOf(replies);
    expect(textOf(card)).toContain(PERSONAL_CHAT_ONLY_TEXT);
    expect(textOf(card)).not.toContain('PRV-2026-0007');
    expect(actionsOf(card)).toEqual([]);
    const view = await hub.as(PERSONA_IDS.coordinator).call('GET', ApiPaths.concern('PRV-2026-0007'));
    expect(view.body.steps[0].status).toBe('open');
  });
});

it('the shared conversations already told are bounded: the oldest forgotten is told again on joining', async () => {
  const bounded = new BotUnderTest(hub.url, {}, 2);
  const group = (n: number) =>
    bounded
      .as(PERSONA_IDS.safeguardingLead)
      .in({ conversationType: 'groupChat', conversationId: `19:g${n}` });
  for (const n of [1, 2]) onlyThePersonalChatSentence(await group(n).installed());
  expect(await group(1).installed()).toEqual([]);
  onlyThePersonalChatSentence(await group(3).installed()); // g2 is now the oldest, and forgotten
  expect(await group(1).installed()).toEqual([]);
  onlyThePersonalChatSentence(await group(2).installed());
});

it('personal → group → personal leaves the reference on the personal chat; a new personal chat replaces it', async () => {
  await lead().say('hello');
  await lead().in({ conversationType: 'groupChat' }).installed();
  await lead().in({ conversationType: 'groupChat' }).say('my approvals');
  await lead().say('hello');
  expect(await conversationOf(PERSONA_IDS.safeguardingLead)).toBe(
    `a:personal-${PERSONA_IDS.safeguardingLead}`,
  );
  // Reinstalled: a second personal chat, then back to the first. The store follows the one last used.
  await lead().in({ conversationId: 'a:personal-second' }).say('hello');
  expect(await conversationOf(PERSONA_IDS.safeguardingLead)).toBe('a:personal-second');
  await lead().say('hello');
  expect(await conversationOf(PERSONA_IDS.safeguardingLead)).toBe(
    `a:personal-${PERSONA_IDS.safeguardingLead}`,
  );
});

it('acts only on Teams: another channel id is refused and nothing is stored', async () => {
  const replies = await t.as(PERSONA_IDS.referrer, { channelId: 'webchat' }).say('my concerns');
  expect(replies).toHaveLength(1);
  expect(replies[0]!.text).toMatch(/only work in Microsoft Teams/);
  expect(replies[0]!.card).toBeUndefined();
  expect(await conversationOf(PERSONA_IDS.referrer)).toBeUndefined();
});

it('in Azure mode, acts only for the configured tenant', async () => {
  const azure = new BotUnderTest(hub.url, { tenantId: TEST_TENANT_ID });
  const other = await azure
    .as(PERSONA_IDS.referrer, { tenantId: '99999999-9999-4999-8999-999999999999' })
    .say('my concerns');
  expect(other).toHaveLength(1);
  expect(other[0]!.text).toMatch(/own Microsoft Teams organisation/);
  expect(other[0]!.card).toBeUndefined();
  expect(await conversationOf(PERSONA_IDS.referrer)).toBeUndefined();
  const ours = await azure.as(PERSONA_IDS.referrer).say('my concerns');
  expect(textOf(cardOf(ours))).toContain('Your concerns');
});

describe('the API', () => {
  const put = (conversation: object) =>
    hub.as(PERSONA_IDS.safeguardingLead).call('PUT', ApiPaths.conversationReference, {
      reference: { channelId: 'msteams', serviceUrl: 'https://smba.example/uk/', conversation },
    });

  it.each([
    ['a group chat', { id: '19:g', conversationType: 'groupChat' }],
    ['a channel', { id: '19:c', conversationType: 'channel' }],
    ['a conversation of no stated type', { id: '19:x' }],
  ])('refuses to register %s, with a clear 400', async (_name, conversation) => {
    const res = await put(conversation);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.fieldErrors)).toMatch(/Only a personal \(one-to-one\) chat/);
    expect(await conversationOf(PERSONA_IDS.safeguardingLead)).toBeUndefined();
  });

  it('registers a personal chat', async () => {
    expect((await put({ id: 'a:1', conversationType: 'personal' })).status).toBe(204);
    expect(await conversationOf(PERSONA_IDS.safeguardingLead)).toBe('a:1');
  });
});

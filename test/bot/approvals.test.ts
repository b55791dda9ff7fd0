/** Approvals from cards: what the approver sees, deciding, refresh, stale cards, wrong people. */
import { ApiPaths } from '@pph/functions/contract';
import type { Notification } from '@pph/functions/ports/notifier';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { BotUnderTest, actionsOf, cardOf, textOf } from '../support/bot';
import { submission } from '../support/concerns';
import type { AdaptiveCard } from '@pph/bot/cards/render';

let hub: TestHub;
let t: BotUnderTest;
let reference: string;

const lead = () => t.as(PERSONA_IDS.safeguardingLead);
const user = (id: string) => ({ objectId: id, channelUserId: `29:${id}` });

beforeEach(async () => {
  hub = await startTestHub();
  t = new BotUnderTest(hub.url);
  const res = await hub.as(PERSONA_IDS.referrer).call('POST', ApiPaths.concerns, submission());
  reference = res.body.reference;
  await hub.runTimersOnce();
});
afterEach(async () => hub.close());

function assignedTo(personId: string): Notification {
  const n = hub.notifier.delivered.find(
    (x) => x.type === 'step-assigned' && x.reference === reference && x.recipientId === personId,
  );
  if (!n) throw new Error(`No step-assigned notification for ${personId}`);
  return n;
}

async function approvalCardFor(personId: string): Promise<AdaptiveCard> {
  const out = await t.bot.renderNotification(assignedTo(personId), user(personId));
  return out.card!;
}

describe('approval cards', () => {
  it("show the approver the summary their role may see and the step's decisions", async () => {
    const card = await approvalCardFor(PERSONA_IDS.safeguardingLead);
    const text = textOf(card);
    expect(text).toContain('Decision needed');
    expect(text).toContain(reference);
    expect(text).toContain('Safeguarding lead review');
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Forward', 'Record outcome', 'Request information']);
    expect(card.refresh).toMatchObject({
      action: { verb: 'approval.refresh' },
      userIds: [`29:${PERSONA_IDS.safeguardingLead}`],
    });
    const link = JSON.stringify(card);
    expect(link).toContain('https://teams.microsoft.com/l/entity/');
    expect(decodeURIComponent(link)).toContain(`concern:${reference}`);
  });

  it('forwarding from the card decides the step; every copy then shows who decided and the buttons are gone', async () => {
    const card = await approvalCardFor(PERSONA_IDS.safeguardingLead);
    const decided = cardOf(await lead().press(card, 'Forward'));
    expect(textOf(decided)).toMatch(/Forwarded by Sasha Lindqvist on \d+ \w+ \d{4}/);
    expect(actionsOf(decided).filter((a) => a.verb === 'approval.decide')).toHaveLength(0);

    // The deputy's copy of the same card refreshes to the decided state.
    const deputyCard = await approvalCardFor(PERSONA_IDS.deputySafeguardingLead);
    const refreshed = cardOf(
      await t
        .as(PERSONA_IDS.deputySafeguardingLead)
        .execute(
          'approval.refresh',
          (deputyCard.refresh as { action: { data: Record<string, unknown> } }).action.data,
        ),
    );
    expect(textOf(refreshed)).toContain('Forwarded by Sasha Lindqvist');
    expect(actionsOf(refreshed).filter((a) => a.verb === 'approval.decide')).toHaveLength(0);

    const view = await hub.as(PERSONA_IDS.coordinator).call('GET', ApiPaths.concern(reference));
    expect(view.body.steps[0].decision.kind).toBe('forward');
    expect(view.body.stage.key).not.toBe(view.body.steps[0].stageKey);
  });

  it('a second click on a decided card changes nothing and shows the current state, not an error', async () => {
    const card = await approvalCardFor(PERSONA_IDS.safeguardingLead);
    const deputyCard = await approvalCardFor(PERSONA_IDS.deputySafeguardingLead);
    await lead().press(card, 'Forward');
    const before = await hub.as(PERSONA_IDS.coordinator).call('GET', ApiPaths.concern(reference));
    const again = cardOf(await lead().press(card, 'Forward'));
    expect(textOf(again)).toContain('nothing was changed');
    expect(textOf(again)).toContain('Forwarded by Sasha Lindqvist');
    const deputy = cardOf(
      await t
        .as(PERSONA_IDS.deputySafeguardingLead)
        .press(deputyCard, 'Request information', { reason: 'More?' }),
    );
    expect(textOf(deputy)).toContain('Forwarded by Sasha Lindqvist');
    const after = await hub.as(PERSONA_IDS.coordinator).call('GET', ApiPaths.concern(reference));
    expect(after.body.steps).toEqual(before.body.steps);
    expect(after.body.history).toEqual(before.body.history);
  });

  it('anything but forward needs a reason: said on the card, nothing decided', async () => {
    const card = await approvalCardFor(PERSONA_IDS.safeguardingLead);
    const again = cardOf(await lead().press(card, 'Request information', { reason: '' }));
    expect(textOf(again)).toContain('Give a reason for anything but forwarding.');
    expect(actionsOf(again).map((a) => a.title)).toContain('Forward');
    const view = await hub.as(PERSONA_IDS.coordinator).call('GET', ApiPaths.concern(reference));
    expect(view.body.steps[0].status).toBe('open');
  });

  it('someone else pressing the buttons is refused by the domain, and the step stays open', async () => {
    const card = await approvalCardFor(PERSONA_IDS.safeguardingLead);
    const forwardData = actionsOf(card).find((a) => a.title === 'Forward')!.data;
    const other = cardOf(
      await t.as(PERSONA_IDS.schoolSafeguardingLead).execute('approval.decide', forwardData),
    );
    expect(textOf(other)).toContain('You cannot see this concern any more.');
    const coordinator = cardOf(await t.as(PERSONA_IDS.coordinator).execute('approval.decide', forwardData));
    expect(textOf(coordinator)).toMatch(/someone else to decide/);
    const view = await hub.as(PERSONA_IDS.coordinator).call('GET', ApiPaths.concern(reference));
    expect(view.body.steps[0].status).toBe('open');
  });

  it('the panel records an outcome from a choice on the card', async () => {
    // Walk the concern to the Channel panel over the API, then decide there from the card.
    const api = (id: string) => hub.as(id);
    for (const id of [PERSONA_IDS.safeguardingLead, PERSONA_IDS.coordinator, PERSONA_IDS.police]) {
      const v = await api(id).call('GET', ApiPaths.concern(reference));
      const step = v.body.steps.find(
        (s: { status: string; allowedDecisions: string[] }) =>
          s.status === 'open' && s.allowedDecisions.includes('forward'),
      );
      const r = await api(id).call('POST', ApiPaths.decide(reference, step.id), { decision: 'forward' });
      expect(r.status).toBe(200);
    }
    await hub.runTimersOnce();
    const card = await approvalCardFor(PERSONA_IDS.channelChair);
    expect(actionsOf(card).map((a) => a.title)).toContain('Record outcome');
    const none = cardOf(await t.as(PERSONA_IDS.channelChair).press(card, 'Record outcome'));
    expect(textOf(none)).toContain('Choose an outcome first.');
    const adopted = cardOf(
      await t.as(PERSONA_IDS.channelChair).press(card, 'Record outcome', { outcome: 'forward:adopt' }),
    );
    expect(textOf(adopted)).toContain('Forwarded: Adopt as a Channel case by Morgan Treloar');
  });
});

describe('information requests', () => {
  it('reach the person asked with an answer box, and the answer lands on the concern', async () => {
    const card = await approvalCardFor(PERSONA_IDS.safeguardingLead);
    await lead().press(card, 'Request information', { reason: 'Which youth club session was this?' });
    await hub.runTimersOnce();
    const n = hub.notifier.delivered.find(
      (x) => x.type === 'information-requested' && x.reference === reference,
    )!;
    expect(n.recipientId).toBe(PERSONA_IDS.referrer);
    const ask = (await t.bot.renderNotification(n, user(PERSONA_IDS.referrer))).card!;
    const robin = t.as(PERSONA_IDS.referrer);
    const empty = cardOf(await robin.press(ask, 'Send answer', { response: '' }));
    expect(textOf(empty)).toContain('Write your answer first.');
    const done = cardOf(await robin.press(ask, 'Send answer', { response: 'The Tuesday evening session.' }));
    expect(textOf(done)).toContain('Your answer has been added');
    const view = await hub.as(PERSONA_IDS.safeguardingLead).call('GET', ApiPaths.concern(reference));
    expect(view.body.informationRequests[0].response).toBe('The Tuesday evening session.');
  });
});

/** Approvals from cards: what the approver sees, deciding, refresh, stale cards, wrong people. */
import { ApiPaths, isolateBidi, subjectInitials } from '@pph/contract';
import type { Notification } from '@pph/contract';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { BotUnderTest, CARD_VERSION, actionsOf, cardOf, elementsOf, textOf } from '../support/bot';
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
    expect(text).toContain(`${reference}: Designated safeguarding lead review`);
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Forward', 'Record outcome', 'Request information']);
    expect(card.refresh).toMatchObject({
      action: { verb: 'approval.refresh' },
      userIds: [`29:${PERSONA_IDS.safeguardingLead}`],
    });
    // No "Open in the hub": the tabs it linked to do not exist yet.
    expect(elementsOf(card).filter((e) => e.type === 'Action.OpenUrl')).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('teams.microsoft.com');
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

  it('an over-long reason gets the hub’s message on the card, and the reason is kept in the box', async () => {
    const card = await approvalCardFor(PERSONA_IDS.safeguardingLead);
    const reason = 'r'.repeat(4001);
    const again = cardOf(await lead().press(card, 'Request information', { reason }));
    expect(textOf(again)).toContain('The reason must be 4000 characters or fewer.');
    expect(JSON.stringify(again)).toContain(`"value":"${reason}"`);
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

describe('my approvals', () => {
  it('"my approvals" sends one approval card per step waiting for the person', async () => {
    const queue = await hub.as(PERSONA_IDS.safeguardingLead).call('GET', ApiPaths.myQueue);
    const waiting = queue.body.items as { reference: string; stepId: string }[];
    expect(waiting.length).toBeGreaterThan(1); // the seeded concern and the one raised above
    for (const command of ['my approvals', 'approvals', 'my work']) {
      const replies = await lead().say(command);
      expect(replies[0]!.text).toBe(`${waiting.length} decisions are waiting for you:`);
      const cards = replies.filter((r) => r.card).map((r) => r.card!);
      expect(cards).toHaveLength(waiting.length);
      for (const w of waiting)
        expect(
          cards.some(
            (c) =>
              textOf(c).includes(`${w.reference}:`) &&
              /Decision needed|Waiting for information/.test(textOf(c)),
          ),
        ).toBe(true);
      expect(actionsOf(cards[0]!).map((a) => a.title)).toContain('Forward');
    }
  });

  it('caps the cards at 10 and says how many more are waiting', async () => {
    for (let i = 0; i < 11; i++)
      await hub.as(PERSONA_IDS.referrer).call('POST', ApiPaths.concerns, submission());
    const queue = await hub.as(PERSONA_IDS.safeguardingLead).call('GET', ApiPaths.myQueue);
    const total = queue.body.items.length as number;
    expect(total).toBeGreaterThan(10);
    const replies = await lead().say('my approvals');
    expect(replies.filter((r) => r.card)).toHaveLength(10);
    expect(replies[0]!.text).toBe(`${total} decisions are waiting for you. Here are the 10 most pressing:`);
    expect(replies.at(-1)!.text).toContain(`And ${total - 10} more`);
  });

  it('when My work has another page, the count says there are more than its first page holds', async () => {
    for (let i = 0; i < 11; i++)
      await hub.as(PERSONA_IDS.referrer).call('POST', ApiPaths.concerns, submission());
    const first = await t.hub.myQueue(PERSONA_IDS.safeguardingLead);
    const n = first.items.length;
    // The hub's answer as it is when more than a page waits: the same page, with a token for the next.
    jest.spyOn(t.hub, 'myQueue').mockResolvedValue({ ...first, nextPageToken: 'next' });
    const welcome = cardOf(await lead().installed());
    expect(textOf(welcome)).toContain(`More than ${n} decisions are waiting for you.`);
    const replies = await lead().press(welcome, `My approvals (${n}+)`);
    const messages = replies.filter((r) => r.type === 'message');
    expect(messages[0]!.text).toBe(
      `More than ${n} decisions are waiting for you. Here are the 10 most pressing:`,
    );
    expect(messages.filter((r) => r.card)).toHaveLength(10);
    expect(messages.at(-1)!.text).toBe(
      `And more than ${n - 10} others: decide these first, then type "my approvals" again.`,
    );
  });

  it('the welcome card says how many decisions wait, and its button brings their cards', async () => {
    const queue = await hub.as(PERSONA_IDS.safeguardingLead).call('GET', ApiPaths.myQueue);
    const n = queue.body.items.length as number;
    const welcome = cardOf(await lead().installed());
    expect(textOf(welcome)).toContain(`${n} decisions are waiting for you.`);
    const replies = await lead().press(welcome, `My approvals (${n})`);
    expect(replies.filter((r) => r.type === 'message' && r.card)).toHaveLength(n);
    // Someone with nothing to decide is not offered the button.
    const robin = cardOf(await t.as(PERSONA_IDS.referrer).installed());
    expect(actionsOf(robin).map((a) => a.title)).not.toContainEqual(expect.stringMatching(/My approvals/));
    expect((await t.as(PERSONA_IDS.referrer).say('my approvals'))[0]!.text).toBe(
      'Nothing is waiting for your decision.',
    );
  });
});

describe('asking the hub for the queue (one more request)', () => {
  it('"My approvals" asks once, and the menu it returns keeps the count and the button', async () => {
    const n = (await hub.as(PERSONA_IDS.safeguardingLead).call('GET', ApiPaths.myQueue)).body.items
      .length as number;
    const welcome = cardOf(await lead().installed());
    const queue = jest.spyOn(t.hub, 'myQueue');
    const replies = await lead().press(welcome, `My approvals (${n})`);
    expect(queue).toHaveBeenCalledTimes(1);
    const menu = replies.find((r) => r.type === 'invokeResponse')!.card!;
    expect(textOf(menu)).toContain(`${n} decisions are waiting for you.`);
    expect(actionsOf(menu).map((a) => a.title)).toContain(`My approvals (${n})`);
    queue.mockClear();
    await lead().say('my approvals');
    expect(queue).toHaveBeenCalledTimes(1);
  });

  it('an approver who saves a draft for later, or discards it, still gets "My approvals (n)"', async () => {
    const n = (await hub.as(PERSONA_IDS.safeguardingLead).call('GET', ApiPaths.myQueue)).body.items
      .length as number;
    expect(n).toBeGreaterThan(0);
    const risk = cardOf(await lead().say('raise a concern'));
    const paused = await lead().pressForCard(risk, 'Save and finish later');
    expect(textOf(paused)).toContain('Your concern is saved.');
    expect(textOf(paused)).toContain(`${n} decisions are waiting for you.`);
    expect(actionsOf(paused).map((a) => a.title)).toEqual(
      expect.arrayContaining(['Continue my concern', `My approvals (${n})`]),
    );
    const ask = cardOf(await lead().say('discard my concern'));
    const discarded = await lead().pressForCard(ask, 'Yes, discard it');
    expect(textOf(discarded)).toContain('discarded. Nothing was sent.');
    expect(actionsOf(discarded).map((a) => a.title)).toContain(`My approvals (${n})`);
    expect(actionsOf(discarded).map((a) => a.title)).not.toContain('Continue my concern');
  });

  it('only the install welcome and "help" ask for it; a fallback menu does not', async () => {
    const queue = jest.spyOn(t.hub, 'myQueue');
    await lead().installed();
    expect(queue).toHaveBeenCalledTimes(1);
    await lead().say('help');
    expect(queue).toHaveBeenCalledTimes(2);
    const unknown = cardOf(await lead().execute('no.such.button', { v: CARD_VERSION }));
    expect(textOf(unknown)).toContain('I did not recognise that button.');
    cardOf(await lead().say('continue my concern'));
    expect(queue).toHaveBeenCalledTimes(2);
  });
});

describe('where a step stands, on the approver’s card', () => {
  async function askRobin(question: string) {
    const card = await approvalCardFor(PERSONA_IDS.safeguardingLead);
    const asked = cardOf(await lead().press(card, 'Request information', { reason: question }));
    await hub.runTimersOnce();
    return asked;
  }

  it('after "Request information" the card says it waits for information and shows the question', async () => {
    const asked = await askRobin('Which youth club session was this?');
    const text = textOf(asked);
    expect(text.split('\n')[0]).toBe('Waiting for information');
    expect(text).not.toContain('Decision needed');
    expect(text).toContain('Which youth club session was this?');
    expect(text).toMatch(/Information requested by Sasha Lindqvist on \d+ \w+ \d{4}/);
    expect(text).toContain('No answer yet.');
  });

  it('the referrer sees the question as written and when it was asked, not who asked', async () => {
    await askRobin('Which youth club session was this?');
    const n = hub.notifier.delivered.find(
      (x) => x.type === 'information-requested' && x.reference === reference,
    )!;
    const ask = (await t.bot.renderNotification(n, user(PERSONA_IDS.referrer))).card!;
    const text = textOf(ask);
    expect(text).toContain('Which youth club session was this?');
    expect(text).toMatch(/Asked on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d/);
    expect(text).not.toContain('Sasha');
    expect(text).not.toContain('Safeguarding lead review');
  });

  it('"my concerns" offers "Answer" for a concern waiting on the person, which opens the question', async () => {
    await askRobin('Which youth club session was this?');
    const robin = t.as(PERSONA_IDS.referrer);
    const mine = cardOf(await robin.say('my concerns'));
    const answer = actionsOf(mine).filter((a) => a.title === 'Answer');
    expect(answer.map((a) => a.data.reference)).toContain(reference);
    const ask = cardOf(
      await robin.execute(
        answer.find((a) => a.data.reference === reference)!.verb,
        answer.find((a) => a.data.reference === reference)!.data,
      ),
    );
    expect(textOf(ask)).toContain('Which youth club session was this?');
    const done = cardOf(await robin.press(ask, 'Send answer', { response: 'The Tuesday evening session.' }));
    expect(textOf(done)).toContain('Your answer has been added');
    const after = cardOf(await robin.say('my concerns'));
    expect(
      actionsOf(after).filter((a) => a.title === 'Answer' && a.data.reference === reference),
    ).toHaveLength(0);
  });

  it('a reminder names its request: the person asked gets that question with an answer box', async () => {
    await askRobin('Which youth club session was this?');
    hub.clock.advanceDays(2); // past the route's reminder (two working days), before the "no reply" chase
    await hub.runTimersOnce();
    const reminder = hub.notifier.delivered.find(
      (x) =>
        x.type === 'information-requested' &&
        x.reference === reference &&
        x.dedupeKey.includes(':info-reminder:'),
    )!;
    expect(reminder.requestId).toBeDefined();
    const card = (await t.bot.renderNotification(reminder, user(PERSONA_IDS.referrer))).card!;
    expect(textOf(card)).toContain('More information needed');
    expect(textOf(card)).toContain('Which youth club session was this?');
    expect(actionsOf(card).map((a) => a.title)).toContain('Send answer');
    expect(actionsOf(card).find((a) => a.title === 'Send answer')!.data.requestId).toBe(reminder.requestId);
  });

  it('a notification shows the request it names, not a newer one on the same step', async () => {
    await askRobin('Which youth club session was this?');
    const asked = () =>
      hub.notifier.delivered.filter((x) => x.type === 'information-requested' && x.reference === reference);
    const first = asked()[0]!;
    await hub
      .as(PERSONA_IDS.referrer)
      .call('POST', ApiPaths.supplyInformation(reference, first.requestId!), { response: 'Tuesday.' });
    await hub.runTimersOnce();
    const again = await approvalCardFor(PERSONA_IDS.safeguardingLead);
    await lead().press(again, 'Request information', { reason: 'Who else was there?' });
    await hub.runTimersOnce();
    expect(asked()).toHaveLength(2);
    const late = textOf((await t.bot.renderNotification(first, user(PERSONA_IDS.referrer))).card!);
    expect(late).toContain('Which youth club session was this?');
    expect(late).toContain('Tuesday.');
    expect(late).not.toContain('Who else was there?');
    const newer = textOf((await t.bot.renderNotification(asked()[1]!, user(PERSONA_IDS.referrer))).card!);
    expect(newer).toContain('Who else was there?');
    // Without a request id (a notification from before the hub sent one): the newest still waiting.
    const { requestId: _id, ...unnamed } = first;
    const fallback = textOf((await t.bot.renderNotification(unnamed, user(PERSONA_IDS.referrer))).card!);
    expect(fallback).toContain('Who else was there?');
  });

  it('"Answer" follows the hub’s awaitingYourAnswer, not the status wording', async () => {
    const item = (ref: string, referrerStatus: string, awaitingYourAnswer: boolean) => ({
      reference: ref,
      submittedAt: '2026-11-23T10:00:00.000Z',
      status: 'open' as const,
      referrerStatus,
      subjectInitials: 'A.E.',
      awaitingYourAnswer,
    });
    jest.spyOn(t.hub, 'myConcerns').mockResolvedValueOnce({
      items: [
        item('PRV-2026-0101', 'With the Prevent team', true),
        item('PRV-2026-0102', 'Information requested from you', false),
      ],
    });
    const mine = cardOf(await t.as(PERSONA_IDS.referrer).say('my concerns'));
    expect(
      actionsOf(mine)
        .filter((a) => a.title === 'Answer')
        .map((a) => a.data.reference),
    ).toEqual(['PRV-2026-0101']);
  });

  it('the answer reaches the lead as the approval card, with the question, the answer and the buttons', async () => {
    await askRobin('Which youth club session was this?');
    const view = await hub.as(PERSONA_IDS.referrer).call('GET', ApiPaths.concern(reference));
    await hub
      .as(PERSONA_IDS.referrer)
      .call('POST', ApiPaths.supplyInformation(reference, view.body.informationRequests[0].id), {
        response: 'The Tuesday evening session.',
      });
    await hub.runTimersOnce();
    const n = hub.notifier.delivered.find(
      (x) => x.type === 'information-supplied' && x.recipientId === PERSONA_IDS.safeguardingLead,
    )!;
    const card = (await t.bot.renderNotification(n, user(PERSONA_IDS.safeguardingLead))).card!;
    const text = textOf(card);
    expect(text.split('\n')[0]).toBe('Information supplied: decision needed');
    expect(text).toContain('Which youth club session was this?');
    expect(text).toContain('The Tuesday evening session.');
    expect(actionsOf(card).map((a) => a.title)).toContain('Forward');
  });

  it('"no reply yet" reaches the lead as the approval card they may decide without the answer', async () => {
    await askRobin('Which youth club session was this?');
    const n = {
      ...assignedTo(PERSONA_IDS.safeguardingLead),
      type: 'information-unanswered' as const,
      title: `${reference}: no reply yet`,
    };
    const card = (await t.bot.renderNotification(n, user(PERSONA_IDS.safeguardingLead))).card!;
    expect(textOf(card).split('\n')[0]).toBe('No reply yet: you may decide without it');
    expect(textOf(card)).toContain('Which youth club session was this?');
    expect(actionsOf(card).map((a) => a.title)).toContain('Forward');
  });

  it('a late "due soon" reminder shows a decided step as decided, not "decision needed"', async () => {
    const card = await approvalCardFor(PERSONA_IDS.safeguardingLead);
    await lead().press(card, 'Forward');
    const reminder = { ...assignedTo(PERSONA_IDS.safeguardingLead), type: 'due-soon' as const };
    const late = (await t.bot.renderNotification(reminder, user(PERSONA_IDS.safeguardingLead))).card!;
    expect(textOf(late).split('\n')[0]).toBe('Decided');
    expect(textOf(late)).not.toContain('Due soon');
  });

  it('closing the concern tells the referrer in a plain notice: no step, no buttons', async () => {
    const card = await approvalCardFor(PERSONA_IDS.safeguardingLead);
    await lead().press(card, 'Record outcome', {
      outcome: 'close:not-prevent',
      reason: 'Usual safeguarding route.',
    });
    await hub.runTimersOnce();
    const closed = hub.notifier.delivered.find(
      (x) => x.type === 'concern-closed' && x.reference === reference,
    )!;
    expect(closed.recipientId).toBe(PERSONA_IDS.referrer);
    expect(closed.stepId).toBeUndefined();
    const notice = (await t.bot.renderNotification(closed, user(PERSONA_IDS.referrer))).card!;
    expect(textOf(notice).split('\n').slice(0, 2)).toEqual([
      `Your concern ${reference} is closed`,
      'The concern you raised has been closed. Thank you for raising it.',
    ]);
    expect(actionsOf(notice)).toHaveLength(0);
    expect(JSON.stringify(notice)).not.toContain('Usual safeguarding route.');
  });

  it('a double press by the decider says "You already decided this"', async () => {
    const card = await approvalCardFor(PERSONA_IDS.safeguardingLead);
    await lead().press(card, 'Forward');
    const again = cardOf(await lead().press(card, 'Forward'));
    expect(textOf(again)).toContain('You already decided this, so nothing was changed.');
  });

  it("shows what the referrer typed as typed: a Markdown link is not a link on the approver's card", async () => {
    const res = await hub.as(PERSONA_IDS.referrer).call(
      'POST',
      ApiPaths.concerns,
      submission({
        whatHappened: 'Sent me [the school portal](https://evil.example/login) and **shouted**\n- a list',
      }),
    );
    await hub.runTimersOnce();
    const n = hub.notifier.delivered.find(
      (x) =>
        x.type === 'step-assigned' &&
        x.reference === res.body.reference &&
        x.recipientId === PERSONA_IDS.safeguardingLead,
    )!;
    const card = (await t.bot.renderNotification(n, user(PERSONA_IDS.safeguardingLead))).card!;
    const json = JSON.stringify(card);
    expect(json).not.toContain('[the school portal](https://evil.example/login)');
    expect(textOf(card)).toContain(
      'Sent me \\[the school portal\\](https://evil.example/login) and \\*\\*shouted\\*\\*\n\\- a list',
    );
  });
});

describe('the whole account, and what the role may see, on the approval card', () => {
  /** An account of about 3,100 characters, as in the issue, that the old card cut to its first 600. */
  const account = Array.from(
    { length: 34 },
    (_, i) =>
      `Sentence ${i + 1}: at the youth club he showed younger pupils a video praising an attacker again.`,
  ).join(' ');

  async function cardForNewConcern(overrides: Parameters<typeof submission>[0]) {
    const res = await hub.as(PERSONA_IDS.referrer).call('POST', ApiPaths.concerns, submission(overrides));
    await hub.runTimersOnce();
    const n = hub.notifier.delivered.find(
      (x) =>
        x.type === 'step-assigned' &&
        x.reference === res.body.reference &&
        x.recipientId === PERSONA_IDS.safeguardingLead,
    )!;
    return {
      reference: res.body.reference as string,
      card: (await t.bot.renderNotification(n, user(PERSONA_IDS.safeguardingLead))).card!,
    };
  }

  it('carries the whole account behind "Read the whole account", with the opening shown and cut where a sentence ends', async () => {
    expect(account.length).toBeGreaterThan(3000);
    const { card } = await cardForNewConcern({
      whatHappened: account,
      howItCameToLight: 'Two pupils told a youth worker the same evening.',
    });
    const whole = elementsOf(card).find((e) => e.id === 'account')!;
    expect(whole.isVisible).toBe(false);
    expect(textOf(whole)).toContain(account);
    expect(textOf(whole)).toContain('Two pupils told a youth worker the same evening.');
    const toggle = elementsOf(card).find((e) => e.type === 'Action.ToggleVisibility')!;
    expect(toggle).toMatchObject({ title: 'Read the whole account' });
    expect(toggle.targetElements).toEqual(expect.arrayContaining(['account']));
    const preview = textOf(elementsOf(card).find((e) => e.id === 'preview'));
    expect(preview).toMatch(/again\. …\u2069$/); // the end of a sentence, then "…" (and the isolate's end)
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(26 * 1024);
  });

  it('describes "Other" indicators, and names the referrer with links to write to or call them', async () => {
    const { card } = await cardForNewConcern({
      indicators: ['expressed-extremist-views', 'other'],
      otherIndicators: 'Has drawn symbols of a banned group on his school books.',
    });
    const text = textOf(card);
    expect(text).toContain(
      `Other: ${isolateBidi('Has drawn symbols of a banned group on his school books.')}`,
    );
    expect(text).not.toContain('described below');
    const intake = (await hub.as(PERSONA_IDS.safeguardingLead).call('GET', ApiPaths.concern(reference))).body
      .intake.referrer;
    // What the referrer typed is bidi-isolated, so a right-to-left name cannot reorder the words around it.
    const [name, role, organisation] = [intake.name, intake.role, intake.organisation].map(isolateBidi);
    expect(text).toContain(`Raised by\n${name} (${role}), ${organisation}, on`);
    expect(JSON.stringify(card)).toContain(`(mailto:${intake.email})`);
  });

  it('the account also holds the notes and what has happened to the concern, as the role may see them', async () => {
    const note = await hub
      .as(PERSONA_IDS.safeguardingLead)
      .call('POST', ApiPaths.notes(reference), { text: 'Spoke to the head of year: no earlier concerns.' });
    expect(note.status).toBeLessThan(300);
    const card = await approvalCardFor(PERSONA_IDS.safeguardingLead);
    const whole = textOf(elementsOf(card).find((e) => e.id === 'account'));
    expect(whole).toMatch(/Note by Sasha Lindqvist, \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d/);
    expect(whole).toContain('Spoke to the head of year: no earlier concerns.');
    expect(whole).toContain('What has happened to the concern');
    expect(whole).toMatch(/\d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d: Concern submitted/);
  });

  it('what the referrer typed is bidi-isolated: a right-to-left name cannot reorder the words around it', async () => {
    const { card } = await cardForNewConcern({ subject: { name: 'ليلى أحمد', age: 15, gender: 'female' } });
    expect(textOf(card)).toContain('Person\n\u2068ليلى أحمد\u2069, about 15, female');
  });

  it('the referrer’s phone number is a link that calls it', async () => {
    const base = submission().concern;
    const { card } = await cardForNewConcern({ referrer: { ...base.referrer, phone: '01632 960 123' } });
    expect(JSON.stringify(card)).toContain('[01632 960 123](tel:+441632960123)');
  });

  it('once decided, says where the concern is now and when its next step is due, not the decider’s own due date', async () => {
    const card = await approvalCardFor(PERSONA_IDS.safeguardingLead);
    const decided = cardOf(await lead().press(card, 'Forward'));
    const view = (await hub.as(PERSONA_IDS.coordinator).call('GET', ApiPaths.concern(reference))).body;
    const [lead_, screening] = view.steps as { dueOn: string; title: string }[];
    expect(screening!.dueOn).not.toBe(lead_!.dueOn);
    const when = (d: string) =>
      new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      });
    const text = textOf(decided);
    expect(text).toContain(`Now at\nPrevent co-ordinator screening, due ${when(screening!.dueOn)}`);
    expect(text).not.toContain(when(lead_!.dueOn));
    expect(text).not.toMatch(/^Due$/m);
    // While it waits for her, the card gives her step's due date.
    expect(textOf(card)).toContain(`Due\n${when(lead_!.dueOn)}`);
  });
});

describe('recognising one’s own concern', () => {
  it('"my concerns" and the information-request card give the initials of the person it is about', async () => {
    const mine = await hub.as(PERSONA_IDS.referrer).call('GET', ApiPaths.myConcerns);
    expect(mine.body.items.find((c: { reference: string }) => c.reference === reference)).toMatchObject({
      subjectInitials: 'T.S.', // "Test Subject"
    });
    const list = textOf(cardOf(await t.as(PERSONA_IDS.referrer).say('my concerns')));
    expect(list).toContain(`**${reference}**, about ${isolateBidi('T.S.')}, raised`);
    expect(list).not.toContain('Test Subject');

    const card = await approvalCardFor(PERSONA_IDS.safeguardingLead);
    await lead().press(card, 'Request information', { reason: 'Which session?' });
    await hub.runTimersOnce();
    const n = hub.notifier.delivered.find(
      (x) => x.type === 'information-requested' && x.reference === reference,
    )!;
    const ask = textOf((await t.bot.renderNotification(n, user(PERSONA_IDS.referrer))).card!);
    expect(ask).toMatch(
      new RegExp(
        `${reference}: The concern you raised on \\d+ [A-Z][a-z]+ \\d{4} about \u2068T\\.S\\.\u2069`,
      ),
    );
    expect(ask).not.toContain('Test Subject');
  });

  it('initials, whatever the name', () => {
    expect(subjectInitials('Alex Example')).toBe('A.E.');
    expect(subjectInitials('  jean-luc  picard ')).toBe('J.L.P.');
    expect(subjectInitials('Mary Ann de la Cruz Smith')).toBe('M.A.D.S.');
    expect(subjectInitials('Zoë')).toBe('Z.');
    expect(subjectInitials('😟x')).toBe('😟.');
  });
});

/** Raising a concern in chat through the real bot adapter, the real API and the real SQLite store. */
import { ApiPaths } from '@pph/contract';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import {
  BotUnderTest,
  CARD_VERSION,
  actionsOf,
  cardOf,
  elementsOf,
  findAction,
  inputOf,
  messageCard,
  textOf,
  type ChatUser,
} from '../support/bot';
import { ANSWERS } from '../support/intake-answers';
import { submission } from '../support/concerns';
import type { AdaptiveCard } from '@pph/bot/cards/render';
import { FORM_VERSION, stepSpec, validateStep } from '@pph/bot/core/intake-form';
import { HELP_TEXT } from '@pph/bot/core/prevent-bot';

let hub: TestHub;
let t: BotUnderTest;
let robin: ChatUser;

beforeEach(async () => {
  hub = await startTestHub();
  t = new BotUnderTest(hub.url);
  robin = t.as(PERSONA_IDS.referrer);
});
afterEach(async () => hub.close());

const stepTitle = (card: AdaptiveCard) => textOf(card).split('\n')[1] ?? '';

async function walkToReview(user: ChatUser): Promise<AdaptiveCard> {
  let card = cardOf(await user.say('raise a concern'));
  for (const inputs of Object.values(ANSWERS)) card = await user.pressForCard(card, findNext(card), inputs);
  return card;
}
const findNext = (card: AdaptiveCard) =>
  textOf(card).includes('Check my answers') ? 'Check my answers' : 'Next';

describe('raising a concern in chat', () => {
  it('starts on any first message: immediate-risk advice at once, then the first question', async () => {
    const replies = await robin.say('I am worried about a young person');
    expect(replies[0]!.text).toMatch(/999.*0800 789 321/);
    expect(stepTitle(replies[1]!.card!)).toBe('Step 1 of 7: Immediate risk');
    expect(inputOf(replies[1]!.card, 'immediateRisk')).toMatchObject({ type: 'Input.ChoiceSet' });
  });

  it('welcomes on install, and registers where the person can be notified', async () => {
    const replies = await robin.installed();
    expect(textOf(replies[0]!.card)).toContain('Raise a concern');
    // The commands it lists are the ones "Sorry, I do not know" lists: one text for both.
    expect(textOf(replies[0]!.card)).toContain(HELP_TEXT);
    expect(await hub.hub.conversations.lookup(PERSONA_IDS.referrer)).toMatchObject({
      conversation: { id: `a:personal-${PERSONA_IDS.referrer}` },
    });
  });

  it('guides through short cards to a review, then one concern with a reference number', async () => {
    const review = await walkToReview(robin);
    expect(textOf(review)).toContain('Check your concern before you send it');
    expect(textOf(review)).toContain('Alex Example');
    expect(textOf(review)).toContain('Extreme right-wing');

    const sent = await robin.pressForCard(review, 'Send the concern');
    const reference = /Concern sent: (PRV-\d{4}-\d{4})/.exec(textOf(sent))?.[1];
    expect(reference).toBe('PRV-2026-0007');

    const stored = await hub.as(PERSONA_IDS.referrer).call('GET', ApiPaths.concern(reference!));
    expect(stored.status).toBe(200);
    expect(stored.body.intake.subject).toMatchObject({ name: 'Alex Example', dateOfBirth: '2010-03-14' });
    expect(stored.body.intake.referrer.phone).toBe('01632 960 123');
    expect(stored.body.immediateRisk).toBe(false);
  });

  it('pressing Send twice (or on an old copy of the card) makes one concern', async () => {
    const review = await walkToReview(robin);
    const [a, b] = await Promise.all([
      robin.press(review, 'Send the concern'),
      robin.press(review, 'Send the concern'),
    ]);
    const refs = [a, b].map((r) => /PRV-\d{4}-\d{4}/.exec(textOf(cardOf(r)))?.[0]);
    expect(refs[0]).toBe(refs[1]);
    const again = await robin.pressForCard(review, 'Send the concern');
    expect(textOf(again)).toContain('already been sent: nothing was sent twice');
    const mine = await hub.as(PERSONA_IDS.referrer).call('GET', ApiPaths.myConcerns);
    expect(mine.body.items.filter((c: { reference: string }) => c.reference === refs[0])).toHaveLength(1);
    expect(mine.body.items.filter((c: { reference: string }) => c.reference > refs[0]!)).toHaveLength(0);
  });

  it('shows what to do at once when someone is at immediate risk, and still records the concern', async () => {
    const first = cardOf(await robin.say('raise a concern'));
    const replies = await robin.press(first, 'Next', { immediateRisk: 'yes' });
    expect(replies.find((r) => r.text)?.text).toMatch(/call \[999\]\(tel:999\)/);
    const guidance = cardOf(replies);
    const numbers = (card: AdaptiveCard) => {
      const json = JSON.stringify(card);
      // Every number is a link that calls it.
      expect(json).toContain('[999](tel:999)');
      expect(json).toContain('[0800 789 321](tel:+44800789321)');
      expect(json).toContain('Test children front door [01632 960 111](tel:+441632960111)');
      expect(json).toContain('Test adult safeguarding [01632 960 222](tel:+441632960222)');
    };
    numbers(guidance);
    // "Record the concern" leaves the guidance in the chat (the pressed card keeps its numbers, without the
    // button); the form carries on in a new message below it.
    const recorded = await robin.press(guidance, 'Record the concern');
    const kept = recorded.find((r) => r.type === 'invokeResponse')!.card!;
    numbers(kept);
    expect(actionsOf(kept)).toEqual([]);
    expect(textOf(kept)).toContain('These numbers stay here in the chat.');
    expect(stepTitle(messageCard(recorded))).toBe('Step 2 of 7: About you');
    const draft = await hub.as(PERSONA_IDS.referrer).call('GET', '/api/me/draft');
    expect(draft.body.draft.answers.immediateRisk).toBe(true);
    expect(draft.body.draft.step).toBe('referrer');
  });

  it('pre-fills the referrer from the directory', async () => {
    const first = cardOf(await robin.say('raise a concern'));
    const about = await robin.pressForCard(first, 'Next', ANSWERS.risk);
    expect(inputOf(about, 'referrer.name')?.value).toBe('Robin Ashdown');
    expect(inputOf(about, 'referrer.email')?.value).toBe('robin.ashdown@harbourside.example');
  });
});

describe('bad input on the cards', () => {
  async function atStep(n: number): Promise<AdaptiveCard> {
    let card = cardOf(await robin.say('raise a concern'));
    for (const inputs of Object.values(ANSWERS).slice(0, n))
      card = await robin.pressForCard(card, 'Next', inputs);
    return card;
  }

  it('an empty required answer is named on the card and nothing moves on', async () => {
    const about = await atStep(1);
    const again = await robin.pressForCard(about, 'Next', { ...ANSWERS.referrer, 'referrer.name': '  ' });
    expect(stepTitle(again)).toBe('Step 2 of 7: About you');
    expect(textOf(again)).toContain("Referrer's name is required.");
  });

  it('a date of birth in the future is refused with a clear message, and the other answers are kept', async () => {
    const subject = await atStep(2);
    const tomorrow = new Date(Date.now() + 86_400_000)
      .toLocaleDateString('en-CA', { timeZone: 'Europe/London' })
      .split('-');
    const again = await robin.pressForCard(subject, 'Next', {
      ...ANSWERS.subject,
      'subject.dateOfBirth.year': tomorrow[0]!,
      'subject.dateOfBirth.month': tomorrow[1]!,
      'subject.dateOfBirth.day': tomorrow[2]!,
    });
    expect(textOf(again)).toContain('Date of birth cannot be in the future.');
    expect(inputOf(again, 'subject.name')?.value).toBe('Alex Example');
    const draft = await hub.as(PERSONA_IDS.referrer).call('GET', '/api/me/draft');
    expect(draft.body.draft.step).toBe('subject');
    expect(draft.body.draft.answers.subject.name).toBe('Alex Example');
  });

  it('over-long text is refused with its length, and the draft still saves', async () => {
    const concern = await atStep(3);
    const long = 'x'.repeat(9000);
    const again = await robin.pressForCard(concern, 'Next', { ...ANSWERS.concern, whatHappened: long });
    expect(textOf(again)).toContain('What happened is 9,000 characters long; the limit is 8,000');
    const draft = await hub.as(PERSONA_IDS.referrer).call('GET', '/api/me/draft');
    expect(draft.status).toBe(200);
    expect(draft.body.draft.answers.howItCameToLight).toBe(ANSWERS.concern.howItCameToLight);
    // Kept, not cut: the person shortens their own words; the card shows them all, with the message.
    expect(draft.body.draft.answers.whatHappened).toBe(long);
    expect(inputOf(again, 'whatHappened')?.value).toBe(long);
    expect(draft.body.draft.step).toBe('concern');
  });

  it('"other" indicators need a description, in the schema\'s own words', async () => {
    const indicators = await atStep(4);
    const again = await robin.pressForCard(indicators, 'Next', {
      ...ANSWERS.indicators,
      indicators: 'other',
    });
    expect(textOf(again)).toContain('Describe the other indicators you chose.');
  });

  it('an unknown command after the greeting gets help, and the draft survives', async () => {
    await atStep(2);
    const replies = await robin.say('banana');
    expect(replies[0]!.text).toContain('Sorry, I do not know "banana"');
    expect(replies[0]!.text).toContain('continue my concern');
    const resumed = cardOf(await robin.say('continue my concern'));
    expect(stepTitle(resumed)).toBe('Step 3 of 7: The person you are concerned about');
  });

  it('a card from an older version of the bot is handled kindly and the draft survives', async () => {
    const subject = await atStep(2);
    const action = findAction(subject, 'Next');
    const old = cardOf(
      await robin.execute('intake.next', { ...action.data, v: CARD_VERSION - 1, ...ANSWERS.subject }),
    );
    expect(textOf(old)).toContain('older version of the hub');
    expect(stepTitle(old)).toBe('Step 3 of 7: The person you are concerned about');
    const legacy = await robin.submitOld({ action: 'submitReferral', name: 'x' });
    expect(legacy[0]!.text).toContain('older version of the hub');
    expect(stepTitle(legacy[1]!.card!)).toBe('Step 3 of 7: The person you are concerned about');
  });
});

describe('drafts', () => {
  it('survive a bot restart: "continue my concern" resumes where the person left off', async () => {
    await walkPart();
    const restarted = new BotUnderTest(hub.url).as(PERSONA_IDS.referrer);
    const card = cardOf(await restarted.say('continue my concern'));
    expect(stepTitle(card)).toBe('Step 4 of 7: What happened');
    expect(textOf(card)).toContain('Welcome back');
    const back = await restarted.pressForCard(card, 'Back');
    expect(inputOf(back, 'subject.name')?.value).toBe('Alex Example');
  });

  it('"Save and finish later" keeps unchecked answers', async () => {
    const card = await walkPart();
    await robin.press(card, 'Save and finish later', { whatHappened: 'Half a sentence' });
    const draft = await hub.as(PERSONA_IDS.referrer).call('GET', '/api/me/draft');
    expect(draft.body.draft.answers.whatHappened).toBe('Half a sentence');
  });

  async function walkPart() {
    let card = cardOf(await robin.say('raise a concern'));
    for (const inputs of [ANSWERS.risk, ANSWERS.referrer, ANSWERS.subject])
      card = await robin.pressForCard(card, 'Next', inputs);
    return card;
  }
});

describe('my concerns', () => {
  it("lists the person's own concerns with the status the domain allows, nothing of police or panel", async () => {
    const card = cardOf(await robin.say('my concerns'));
    const api = await hub.as(PERSONA_IDS.referrer).call('GET', ApiPaths.myConcerns);
    const text = textOf(card);
    for (const c of api.body.items as { reference: string; referrerStatus: string }[]) {
      expect(text).toContain(c.reference);
      expect(text).toContain(c.referrerStatus);
    }
    expect(text).not.toMatch(/police-led|deconfliction|adopt/i);
    const school = cardOf(await t.as(PERSONA_IDS.schoolReferrer).say('my concerns'));
    expect(textOf(school)).not.toContain('PRV-2026-0001');
  });

  it('people who may not raise concerns are told why, not shown an error', async () => {
    const replies = await t.as(PERSONA_IDS.boardMember).say('raise a concern');
    expect(replies[0]!.text).toMatch(/cannot raise concerns/i);
  });
});

describe('what is typed on a card is never lost', () => {
  async function at(n: number): Promise<AdaptiveCard> {
    let card = cardOf(await robin.say('raise a concern'));
    for (const inputs of Object.values(ANSWERS).slice(0, n))
      card = await robin.pressForCard(card, 'Next', inputs);
    return card;
  }
  const draft = async () => (await hub.as(PERSONA_IDS.referrer).call('GET', '/api/me/draft')).body.draft;

  it('"Back" keeps what was typed on the card, unchecked, and it is there on coming forward again', async () => {
    const subject = await at(2);
    const back = await robin.pressForCard(subject, 'Back', {
      'subject.name': 'Half typed',
      'subject.age': '',
    });
    expect(stepTitle(back)).toBe('Step 2 of 7: About you');
    expect((await draft()).answers.subject).toEqual({ name: 'Half typed' });
    const forward = await robin.pressForCard(back, 'Next', ANSWERS.referrer);
    expect(inputOf(forward, 'subject.name')?.value).toBe('Half typed');
  });

  it('"Save and finish later" with required answers still empty saves what there is', async () => {
    const subject = await at(2);
    const paused = await robin.pressForCard(subject, 'Save and finish later', {
      'subject.name': 'Only a name',
    });
    expect(textOf(paused)).toContain('Your concern is saved');
    expect((await draft()).answers.subject).toEqual({ name: 'Only a name' });
    const resumed = cardOf(await robin.say('continue my concern'));
    expect(inputOf(resumed, 'subject.name')?.value).toBe('Only a name');
  });

  it('a first message after the install welcome starts a concern, not "Sorry, I do not know"', async () => {
    await robin.installed();
    const replies = await robin.say('I am worried about a pupil');
    expect(replies[0]!.text).toMatch(/999/);
    expect(stepTitle(replies[1]!.card!)).toBe('Step 1 of 7: Immediate risk');
  });

  it('after a restart, or on another instance, a later unknown word gets help, not a new concern', async () => {
    await robin.installed();
    expect(stepTitle((await robin.say('I am worried about a pupil'))[1]!.card!)).toBe(
      'Step 1 of 7: Immediate risk',
    );
    // A second bot process on the same hub: it has never seen Robin, but the hub knows Robin has messaged.
    const restarted = new BotUnderTest(hub.url).as(PERSONA_IDS.referrer);
    const replies = await restarted.say('banana');
    expect(replies[0]!.text).toContain('Sorry, I do not know "banana"');
    // Someone who has never messaged still starts a concern with their first words on the new instance.
    const lead = new BotUnderTest(hub.url).as(PERSONA_IDS.safeguardingLead);
    expect(stepTitle((await lead.say('hello there'))[1]!.card!)).toBe('Step 1 of 7: Immediate risk');
  });

  it('a missing yes/no answer is asked for in words that read naturally', async () => {
    const risk = cardOf(await robin.say('raise a concern'));
    const again = await robin.pressForCard(risk, 'Next', {});
    expect(textOf(again)).toContain('Say whether anyone is at immediate risk.');
    // No client-side message built from the label ("Is anyone at immediate risk of harm? is needed.").
    expect(JSON.stringify([risk, again])).not.toContain('is needed');
  });
});

describe('dates, ages and lengths: the hub’s messages, not silent client limits', () => {
  async function subjectCard() {
    let card = cardOf(await robin.say('raise a concern'));
    for (const inputs of [ANSWERS.risk, ANSWERS.referrer])
      card = await robin.pressForCard(card, 'Next', inputs);
    return card;
  }

  it('an age over 120 gets the hub’s message (the card does not clamp it)', async () => {
    const subject = await subjectCard();
    expect(inputOf(subject, 'subject.age')).not.toHaveProperty('max');
    expect(inputOf(subject, 'subject.dateOfBirth.year')).not.toHaveProperty('max');
    const {
      'subject.dateOfBirth.day': _d,
      'subject.dateOfBirth.month': _m,
      'subject.dateOfBirth.year': _y,
      ...noDob
    } = ANSWERS.subject;
    const again = await robin.pressForCard(subject, 'Next', { ...noDob, 'subject.age': '150' });
    expect(textOf(again)).toContain('Age must be 120 or less.');
    // The age input's value is a number in the card, as Input.Number takes it.
    expect(inputOf(again, 'subject.age')?.value).toBe(150);
  });

  it('an age that disagrees with the date of birth is refused, saying which is which', async () => {
    const subject = await subjectCard();
    const again = await robin.pressForCard(subject, 'Next', { ...ANSWERS.subject, 'subject.age': '12' });
    expect(textOf(again)).toContain('The date of birth makes them 16, but the age given is 12.');
    const ok = await robin.pressForCard(again, 'Next', { ...ANSWERS.subject, 'subject.age': '16' });
    expect(stepTitle(ok)).toBe('Step 4 of 7: What happened');
  });

  it('the age is checked on the London day, as the hub checks it on submit', () => {
    const subject = stepSpec('subject')!;
    const answers = (age: number) => ({
      subject: { name: 'Alex Example', gender: 'male', dateOfBirth: '2010-06-14', age },
    });
    // 23:30 on 13 June in UTC is already the 14th in London (summer time): the 16th birthday.
    const lateEvening = new Date('2026-06-13T23:30:00Z');
    expect(validateStep(subject, answers(16), lateEvening)).toEqual([]);
    expect(validateStep(subject, answers(15), lateEvening)).toEqual([
      {
        id: 'subject.age',
        message: expect.stringContaining('The date of birth makes them 16, but the age given is 15.'),
      },
    ]);
  });

  it('labels say the limits, and the inputs carry none that would cut text silently', async () => {
    let card = await subjectCard();
    card = await robin.pressForCard(card, 'Next', ANSWERS.subject);
    expect(inputOf(card, 'whatHappened')?.label).toBe('What happened (up to 8,000 characters)');
    expect(inputOf(card, 'whatHappened')).not.toHaveProperty('maxLength');
    const again = await robin.pressForCard(card, 'Next', {
      ...ANSWERS.concern,
      whatHappened: 'y'.repeat(10_000),
    });
    expect(textOf(again)).toContain('What happened is 10,000 characters long; the limit is 8,000.');
  });
});

describe('a draft too big for one card', () => {
  const cjk = '他在青年俱乐部分享了极端主义视频。'.repeat(500).slice(0, 8000);
  const emoji = '😟'.repeat(2000); // 4,000 UTF-16 units, 8 KB

  async function toConcern() {
    let card = cardOf(await robin.say('raise a concern'));
    for (const inputs of [ANSWERS.risk, ANSWERS.referrer, ANSWERS.subject])
      card = await robin.pressForCard(card, 'Next', inputs);
    return card;
  }

  it('shows the card without the long answers (kept in the draft), and never locks the person out', async () => {
    const concern = await toConcern();
    const indicators = await robin.pressForCard(concern, 'Next', {
      whatHappened: cjk,
      howItCameToLight: emoji,
    });
    expect(stepTitle(indicators)).toBe('Step 5 of 7: Vulnerability and ideology');
    const back = await robin.pressForCard(indicators, 'Back', ANSWERS.indicators);
    expect(stepTitle(back)).toBe('Step 4 of 7: What happened');
    expect(Buffer.byteLength(JSON.stringify(back))).toBeLessThan(26 * 1024);
    expect(textOf(back)).toContain('too long to show on this card');
    // Moving on with what the boxes hold (empty where left off the card) keeps the saved answers.
    const boxes = Object.fromEntries(
      ['whatHappened', 'howItCameToLight'].map((id) => [id, String(inputOf(back, id)?.value ?? '')]),
    );
    expect(Object.values(boxes)).toContain('');
    const again = await robin.pressForCard(back, 'Next', boxes);
    expect(stepTitle(again)).toBe('Step 5 of 7: Vulnerability and ideology');
    const saved = (await hub.as(PERSONA_IDS.referrer).call('GET', '/api/me/draft')).body.draft.answers;
    expect(saved.whatHappened).toBe(cjk);
    expect(saved.howItCameToLight).toBe(emoji);
    // Every way back in still answers with a card.
    expect(stepTitle(cardOf(await robin.say('continue my concern')))).toBe(
      'Step 5 of 7: Vulnerability and ideology',
    );
    const choice = cardOf(await robin.say('raise a concern'));
    expect(stepTitle(await robin.pressForCard(choice, 'Continue this concern'))).toBe(
      'Step 5 of 7: Vulnerability and ideology',
    );
  });

  it('"Discard this draft" asks first, then deletes it so a new concern can start', async () => {
    const concern = await toConcern();
    const ask = await robin.pressForCard(concern, 'Discard this draft');
    expect(textOf(ask)).toContain('Discard your concern in progress?');
    const kept = await robin.pressForCard(ask, 'No, keep it');
    expect(stepTitle(kept)).toBe('Step 4 of 7: What happened');
    const gone = await robin.pressForCard(ask, 'Yes, discard it');
    expect(textOf(gone)).toContain('discarded. Nothing was sent.');
    expect((await hub.as(PERSONA_IDS.referrer).call('GET', '/api/me/draft')).body.draft).toBeNull();
    expect(stepTitle(cardOf(await robin.say('raise a concern')))).toBe('Step 1 of 7: Immediate risk');
    // An old confirmation never discards the new draft.
    const stale = await robin.pressForCard(ask, 'Yes, discard it');
    expect(textOf(stale)).toContain('nothing was discarded');
    expect((await hub.as(PERSONA_IDS.referrer).call('GET', '/api/me/draft')).body.draft).not.toBeNull();
  });
});

it('a draft from another version of the form is migrated: answers kept, back to the first step to check', async () => {
  await hub.as(PERSONA_IDS.referrer).call('PUT', '/api/me/draft', {
    draft: {
      idempotencyKey: 'older-form-0000000001',
      step: 'sharing',
      formVersion: 2,
      answers: { immediateRisk: false, referrer: ANSWERS_REFERRER, whatHappened: 'Kept from before' },
    },
  });
  const card = cardOf(await robin.say('continue my concern'));
  expect(stepTitle(card)).toBe('Step 3 of 7: The person you are concerned about');
  expect(textOf(card)).toContain('The form has changed since you started');
  const draft = (await hub.as(PERSONA_IDS.referrer).call('GET', '/api/me/draft')).body.draft;
  expect(draft.formVersion).toBe(FORM_VERSION);
  expect(draft.answers.whatHappened).toBe('Kept from before');
});

const ANSWERS_REFERRER = {
  name: 'Robin Ashdown',
  role: 'Youth worker',
  organisation: 'Harbourside Borough Council',
  email: 'robin.ashdown@harbourside.example',
};

describe('"raise a concern" with a concern already in progress', () => {
  async function toSubject(user: ChatUser) {
    let card = cardOf(await user.say('raise a concern'));
    for (const inputs of [ANSWERS.risk, ANSWERS.referrer, ANSWERS.subject])
      card = await user.pressForCard(card, 'Next', inputs);
    return card; // step 4, with the person named
  }
  const draft = async () => (await hub.as(PERSONA_IDS.referrer).call('GET', '/api/me/draft')).body.draft;

  it('asks whether to continue it or start a new one, naming the draft, instead of resuming it silently', async () => {
    await toSubject(robin);
    const before = await draft();
    const choice = cardOf(await robin.say('raise a concern'));
    expect(textOf(choice)).toContain('You have a concern in progress');
    expect(textOf(choice)).toContain('about \u2068Alex Example\u2069');
    expect(textOf(choice)).toContain('step 4 of 7');
    expect(actionsOf(choice).map((a) => a.title)).toEqual(['Continue this concern', 'Start a new concern']);
    expect((await draft()).answers).toEqual(before.answers); // asking changes nothing

    const same = await robin.pressForCard(choice, 'Continue this concern');
    expect(stepTitle(same)).toBe('Step 4 of 7: What happened');

    // About someone else: a new concern, from the immediate-risk question, with nothing of the old one.
    const fresh = await robin.pressForCard(choice, 'Start a new concern');
    expect(stepTitle(fresh)).toBe('Step 1 of 7: Immediate risk');
    const now = await draft();
    expect(now.idempotencyKey).not.toBe(before.idempotencyKey);
    expect(now.answers).toEqual({});
  });

  it('the welcome card’s "Raise a concern" asks too; a stale choice card never discards a newer draft', async () => {
    await toSubject(robin);
    const welcome = cardOf(await robin.say('menu'));
    const choice = await robin.pressForCard(welcome, 'Raise a concern');
    expect(textOf(choice)).toContain('You have a concern in progress');
    await robin.pressForCard(choice, 'Start a new concern');
    const newer = await draft();
    const again = await robin.pressForCard(choice, 'Start a new concern');
    expect(textOf(again)).toContain('You have a concern in progress');
    expect((await draft()).idempotencyKey).toBe(newer.idempotencyKey);
  });
});

describe('words the form did not ask for', () => {
  const draft = async () => (await hub.as(PERSONA_IDS.referrer).call('GET', '/api/me/draft')).body.draft;
  async function inForm() {
    let card = cardOf(await robin.say('raise a concern'));
    for (const inputs of [ANSWERS.risk, ANSWERS.referrer])
      card = await robin.pressForCard(card, 'Next', inputs);
    return card;
  }

  it.each(['cancel', 'Cancel.', 'stop', 'quit', 'never mind'])(
    '"%s" in the middle of the form stops for now: the draft is kept, and the person is told',
    async (word) => {
      await inForm();
      const replies = await robin.say(word);
      expect(replies.map((r) => r.text ?? '').join('')).not.toContain('Sorry, I do not know');
      const card = cardOf(replies);
      expect(textOf(card)).toContain('Your concern in progress is saved and nothing was sent');
      expect(actionsOf(card).map((a) => a.title)).toEqual(
        expect.arrayContaining(['Continue my concern', 'Discard my draft']),
      );
      expect((await draft()).step).toBe('subject');
    },
  );

  it('"cancel" with nothing in progress says so', async () => {
    await robin.say('hello');
    expect(textOf(cardOf(await robin.say('cancel')))).toContain('Nothing is in progress');
  });

  it('a long account pasted into the chat is kept as the start of a new concern’s account, not refused', async () => {
    await robin.say('hello');
    const account = `${'He showed younger pupils a video praising an attacker. '.repeat(180)}`.trim();
    expect(account.length).toBeGreaterThan(9000);
    const replies = await robin.say(account);
    expect(replies.map((r) => r.text ?? '').join('')).not.toContain('Sorry');
    expect(replies[0]!.text).toContain(
      `I have kept what you wrote (${account.length.toLocaleString('en-GB')} characters)`,
    );
    expect(replies[0]!.text).toContain('asked to shorten it');
    expect(stepTitle(cardOf(replies))).toBe('Step 1 of 7: Immediate risk');
    expect((await draft()).answers.whatHappened).toBe(account);
    // It is there, in full, when the form reaches "What happened".
    let card = cardOf(replies);
    for (const inputs of [ANSWERS.risk, ANSWERS.referrer, ANSWERS.subject])
      card = await robin.pressForCard(card, 'Next', inputs);
    expect(inputOf(card, 'whatHappened')?.value).toBe(account);
  });

  it('with a concern in progress, the person chooses where a pasted account goes', async () => {
    await inForm();
    const account =
      'At the youth club on Tuesday he told two younger pupils that a race war is coming. '.repeat(3);
    const choice = cardOf(await robin.say(account));
    expect(textOf(choice)).toContain('What you just wrote');
    expect(actionsOf(choice).map((a) => a.title)).toEqual([
      'Add it to this concern',
      'Start a new one with it',
      'Leave it out',
    ]);
    const added = await robin.pressForCard(choice, 'Add it to this concern');
    expect(textOf(added)).toContain('added to the end of “What happened”');
    expect(stepTitle(added)).toBe('Step 3 of 7: The person you are concerned about');
    const saved = await draft();
    expect(saved.answers.whatHappened).toBe(account.trim());
    expect(saved.answers).not.toHaveProperty('pastedAccount');

    const other = cardOf(await robin.say(`${account} About another pupil.`));
    const fresh = await robin.pressForCard(other, 'Start a new one with it');
    expect(stepTitle(fresh)).toBe('Step 1 of 7: Immediate risk');
    expect((await draft()).answers).toEqual({ whatHappened: `${account} About another pupil.`.trim() });
  });

  it('"help" explains what each command does, rather than showing the welcome again', async () => {
    await robin.say('hello');
    const help = cardOf(await robin.say('help'));
    const text = textOf(help);
    expect(text).not.toContain('Hello Robin Ashdown');
    for (const command of ['raise a concern', 'continue my concern', 'cancel', 'my concerns', 'my approvals'])
      expect(text).toContain(command);
    expect(text).toContain('Stop for now. Your concern in progress stays saved and nothing is sent.');
    expect(text).toContain('[999](tel:999)');
  });
});

describe('consent and the legal basis for sharing', () => {
  async function sharingCard() {
    let card = cardOf(await robin.say('raise a concern'));
    for (const inputs of Object.values(ANSWERS).slice(0, 5))
      card = await robin.pressForCard(card, 'Next', inputs);
    return card;
  }

  it('"does not know" with "consent given" is refused on the card, under the basis, with what to do', async () => {
    const sharing = await sharingCard();
    const again = await robin.pressForCard(sharing, 'Check my answers', {
      subjectAware: 'no',
      informationSharingBasis: 'consent',
    });
    expect(stepTitle(again)).toBe('Step 6 of 7: Consent and information sharing');
    const text = textOf(again);
    expect(text).toContain('You chose consent, but said the person does not know about this concern');
    // The message sits under the basis question, not somewhere else on the card.
    const afterBasis = text.slice(text.indexOf('Basis for sharing this information'));
    expect(afterBasis).toContain('You chose consent');
    const ok = await robin.pressForCard(again, 'Check my answers', {
      subjectAware: 'yes',
      informationSharingBasis: 'consent',
    });
    expect(textOf(ok)).toContain('Check your concern before you send it');
  });

  it('each basis has a line of help in plain words', async () => {
    const text = textOf(await sharingCard());
    for (const line of [
      '**Consent given**: The person (or, for a young child, a parent or carer) knows about this concern',
      '**Public task**: Sharing is part of your organisation’s job under the law',
      '**Vital interests**: Only to protect someone’s life in an emergency',
      '**Legal obligation**: A law or a court order requires',
      '**Safeguarding without consent**: To protect a child or an adult at risk',
    ])
      expect(text).toContain(line);
  });

  it('the hub refuses the contradiction too, with a field error on the basis', async () => {
    const res = await hub
      .as(PERSONA_IDS.referrer)
      .call(
        'POST',
        ApiPaths.concerns,
        submission({ subjectAware: false, informationSharingBasis: 'consent' }),
      );
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors).toContainEqual({
      path: 'concern.informationSharingBasis',
      message: expect.stringContaining('You chose consent, but said the person does not know'),
    });
    const fine = await hub
      .as(PERSONA_IDS.referrer)
      .call(
        'POST',
        ApiPaths.concerns,
        submission({ subjectAware: true, informationSharingBasis: 'consent' }),
      );
    expect(fine.status).toBe(201);
  });
});

describe('the date of birth', () => {
  async function subjectCard() {
    let card = cardOf(await robin.say('raise a concern'));
    for (const inputs of [ANSWERS.risk, ANSWERS.referrer])
      card = await robin.pressForCard(card, 'Next', inputs);
    return card;
  }

  it('is chosen as day, month and year, stored as a date, and written "14 March 2010" on review', async () => {
    const subject = await subjectCard();
    const year = inputOf(subject, 'subject.dateOfBirth.year') as {
      style: string;
      choices: { value: string }[];
    };
    expect(year.style).toBe('filtered'); // typing "2010" finds it
    expect(Number(year.choices[0]!.value)).toBe(new Date().getFullYear());
    let review = subject;
    for (const inputs of [ANSWERS.subject, ANSWERS.concern, ANSWERS.indicators, ANSWERS.sharing])
      review = await robin.pressForCard(review, findNext(review), inputs);
    expect(textOf(review)).toContain('14 March 2010');
    expect(textOf(review)).not.toContain('2010-03-14');
    const draft = (await hub.as(PERSONA_IDS.referrer).call('GET', '/api/me/draft')).body.draft;
    expect(draft.answers.subject.dateOfBirth).toBe('2010-03-14');
  });

  it('a half-chosen date is named, and kept as chosen on Back', async () => {
    const subject = await subjectCard();
    const half = { ...ANSWERS.subject, 'subject.dateOfBirth.day': '' };
    const again = await robin.pressForCard(subject, 'Next', half);
    expect(textOf(again)).toContain('Choose the day as well, or leave all three empty');
    expect(textOf(again)).not.toContain('Use a date like');
    const back = await robin.pressForCard(again, 'Back', half);
    const forward = await robin.pressForCard(back, 'Next', ANSWERS.referrer);
    expect(inputOf(forward, 'subject.dateOfBirth.year')?.value).toBe('2010');
    expect(inputOf(forward, 'subject.dateOfBirth.month')?.value).toBe('03');
    expect(inputOf(forward, 'subject.dateOfBirth.day')).not.toHaveProperty('value');
  });

  it('a day the month does not have is refused in words', async () => {
    const subject = await subjectCard();
    const again = await robin.pressForCard(subject, 'Next', {
      ...ANSWERS.subject,
      'subject.dateOfBirth.day': '31',
      'subject.dateOfBirth.month': '02',
    });
    expect(textOf(again)).toContain('There is no 31 February 2010: check the day and the month.');
  });
});

describe('after "Send the concern"', () => {
  it('the hub’s "concern received" is not repeated in the chat that has just shown "Concern sent"', async () => {
    const review = await walkToReview(robin);
    const sent = await robin.pressForCard(review, 'Send the concern');
    const reference = /Concern sent: (PRV-\d{4}-\d{4})/.exec(textOf(sent))![1]!;
    // Its heading is not green text (2.1:1 on white) but default text in a "good" box.
    expect(elementsOf(sent).filter((e) => 'color' in e)).toEqual([]);
    await hub.runTimersOnce();
    const received = hub.notifier.delivered.find(
      (n) => n.type === 'concern-submitted' && n.reference === reference,
    )!;
    const me = { objectId: PERSONA_IDS.referrer, channelUserId: `29:${PERSONA_IDS.referrer}` };
    expect(await t.bot.renderNotification(received, me)).toEqual({});
    // A concern sent some other way (the API) still gets its notice.
    const other = await hub.as(PERSONA_IDS.referrer).call('POST', ApiPaths.concerns, submission());
    await hub.runTimersOnce();
    const notice = hub.notifier.delivered.find(
      (n) => n.type === 'concern-submitted' && n.reference === other.body.reference,
    )!;
    expect(textOf((await t.bot.renderNotification(notice, me)).card)).toContain('concern received');
  });

  it('"Welcome back" is news, not a warning: a quiet box, never the immediate-risk style', async () => {
    await walkToReview(robin);
    const back = cardOf(await robin.say('continue my concern'));
    const box = elementsOf(back).find((e) => e.type === 'Container' && textOf(e).includes('Welcome back'))!;
    expect(box.style).toBe('emphasis');
    // Something to change stands out as a warning, still not in the immediate-risk style.
    const risk = await robin.pressForCard(await robin.pressForCard(back, 'Change'), 'Next', {
      immediateRisk: '',
    });
    const warning = elementsOf(risk).find(
      (e) => e.type === 'Container' && textOf(e).includes('Some answers need changing'),
    )!;
    expect(warning.style).toBe('warning');
  });
});

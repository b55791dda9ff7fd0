/**
 * Every card the bot sends, in every state, produced by the real flows, checked with the Adaptive Cards reference
 * parser at version 1.5 (what Teams renders) and against Teams' payload limit, with non-ASCII text at the limits.
 * No Adaptive Cards JSON schema ships in node_modules (searched), so the reference parser is the schema check.
 */
import type * as AdaptiveCards from 'adaptivecards';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's ESM build does not load in Node; its UMD bundle does
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;
import { ApiPaths } from '@pph/contract';
import {
  CardTooLargeError,
  MAX_CARD_BYTES,
  TEMPLATES,
  plain,
  renderCard,
  type AdaptiveCard,
  type TemplateName,
} from '@pph/bot/cards/render';
import { FORM_VERSION } from '@pph/bot/core/intake-form';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { BotUnderTest, actionsOf, cardOf, elementsOf, inputOf, messageCard, textOf } from '../support/bot';
import { ANSWERS } from '../support/intake-answers';
import { submission } from '../support/concerns';

const TEAMS_LIMIT_BYTES = 28 * 1024;

/** Non-ASCII at the limits: CJK is 3 bytes a character in UTF-8, an emoji 4 (two UTF-16 units). */
const CJK = '他在青年俱乐部分享了极端主义视频并赞扬了袭击者。'.repeat(400);
const EMOJI = '😟🚩'.repeat(1000);
const cjk = (n: number) => CJK.slice(0, n);
const emoji = (n: number) => EMOJI.slice(0, n);

/** Every state a card can be in, as produced below. */
const STATES = [
  'welcome',
  'welcome-draft',
  'welcome-approvals',
  'paused',
  'risk',
  'risk-errors',
  'risk-guidance',
  'risk-guidance-recorded',
  'referrer',
  'referrer-errors',
  'after-referrer',
  'after-subject',
  'after-concern',
  'after-indicators',
  'after-sharing',
  'subject-date-and-age-errors',
  'concern-max',
  'subject-max',
  'discard-confirm',
  'discard-broken',
  'draft-choice',
  'draft-choice-pasted',
  'help',
  'review',
  'review-max',
  'review-errors',
  'submitted',
  'my-concerns',
  'my-concerns-empty',
  'my-concerns-answer',
  'approval-open',
  'approval-account-part-2',
  'approval-account-last-part',
  'approval-reason-needed',
  'approval-waiting-for-information',
  'approval-information-supplied',
  'approval-decided',
  'approval-already-decided',
  'approval-not-visible',
  'information-request',
  'information-request-error',
  'information-request-answered',
  'notice',
  'not-personal',
];

let hub: TestHub;
let t: BotUnderTest;
/** The concern written at its maximum length in CJK and emoji. */
let bigReference: string;
/** Every card the bot produced, by state, with the template it came from. */
const produced = new Map<string, { template: TemplateName; card: AdaptiveCard }>();
const put = (name: string, template: TemplateName, card: AdaptiveCard) =>
  produced.set(name, { template, card });

beforeAll(async () => {
  hub = await startTestHub();
  t = new BotUnderTest(hub.url);
  const robin = t.as(PERSONA_IDS.referrer);
  put('welcome', 'welcome', cardOf(await robin.installed()));
  let card = cardOf(await robin.say('raise a concern'));
  put('risk', 'form-step', card);
  put('risk-errors', 'form-step', await robin.pressForCard(card, 'Next', {}));
  put('risk-guidance', 'risk-guidance', await robin.pressForCard(card, 'Next', { immediateRisk: 'yes' }));
  const recorded = await robin.press(produced.get('risk-guidance')!.card, 'Record the concern');
  put('risk-guidance-recorded', 'risk-guidance', cardOf(recorded));
  card = messageCard(recorded);
  put('referrer', 'form-step', card);
  put(
    'referrer-errors',
    'form-step',
    await robin.pressForCard(card, 'Next', { 'referrer.email': 'not-an-email' }),
  );
  for (const [step, inputs] of Object.entries(ANSWERS).slice(1)) {
    card = await robin.pressForCard(
      card,
      /Check my answers/.test(textOf(card)) ? 'Check my answers' : 'Next',
      inputs,
    );
    put(`after-${step}`, /Check your concern/.test(textOf(card)) ? 'review' : 'form-step', card);
  }
  // The subject card again, with both a date of birth and an age filled in, and refused for disagreeing.
  const subject = await robin.pressForCard(produced.get('after-referrer')!.card, 'Next', {
    ...ANSWERS.subject,
    'subject.age': '15',
  });
  put('subject-date-and-age-errors', 'form-step', subject);
  await robin.pressForCard(subject, 'Next', { ...ANSWERS.subject, 'subject.age': '' });
  put('draft-choice', 'draft-choice', cardOf(await robin.say('raise a concern')));
  put('draft-choice-pasted', 'draft-choice', cardOf(await robin.say(`Also: ${'x'.repeat(400)}`)));
  await robin.press(produced.get('draft-choice-pasted')!.card, 'Leave it out');
  card = cardOf(await robin.say('continue my concern'));
  put('discard-confirm', 'discard', await robin.pressForCard(card, 'Discard this draft'));
  put('paused', 'welcome', await robin.pressForCard(card, 'Save and finish later', valuesOf(card)));
  card = cardOf(await robin.say('continue my concern'));
  for (let i = 0; i < 10 && !/Check your concern/.test(textOf(card)); i++)
    card = await robin.pressForCard(
      card,
      /Check my answers/.test(textOf(card)) ? 'Check my answers' : 'Next',
      valuesOf(card),
    );
  put('review', 'review', card);
  put('submitted', 'submitted', await robin.pressForCard(card, 'Send the concern'));
  put('my-concerns', 'my-concerns', cardOf(await robin.say('my concerns')));
  put('my-concerns-empty', 'my-concerns', cardOf(await t.as(PERSONA_IDS.schoolReferrer).say('my concerns')));

  // A review with every answer at its maximum length, in CJK and emoji; and its errors.
  const school = t.as(PERSONA_IDS.schoolReferrer);
  const maxDraft = (step: string, answers: object) =>
    hub.as(PERSONA_IDS.schoolReferrer).call('PUT', '/api/me/draft', {
      draft: { idempotencyKey: 'review-max-0000000001', step, formVersion: FORM_VERSION, answers },
    });
  const maxAnswers = {
    immediateRisk: false,
    whatHappened: cjk(8000),
    howItCameToLight: emoji(4000),
    referrer: {
      name: cjk(200),
      role: emoji(200),
      organisation: cjk(200),
      email: 'a@b.example',
      phone: '01632 960 123',
    },
    subject: {
      name: cjk(200),
      dateOfBirth: '2010-03-14',
      gender: 'male',
      address: emoji(500),
      schoolOrEmployer: cjk(200),
      knownToOtherServices: cjk(1000),
    },
    indicators: ['other'],
    otherIndicators: emoji(2000),
    ideologyCategory: 'other',
    subjectAware: false,
    informationSharingBasis: 'public-task',
    informationSharingNotes: cjk(2000),
  };
  await maxDraft('review', maxAnswers);
  put('review-max', 'review', cardOf(await school.say('continue my concern')));
  await maxDraft('review', { ...maxAnswers, whatHappened: cjk(9000), subject: { name: 'x' } });
  put(
    'review-errors',
    'review',
    await school.pressForCard(produced.get('review-max')!.card, 'Send the concern'),
  );
  await maxDraft('concern', maxAnswers);
  put('concern-max', 'form-step', cardOf(await school.say('continue my concern')));
  await maxDraft('subject', maxAnswers);
  put('subject-max', 'form-step', cardOf(await school.say('continue my concern')));
  put('welcome-draft', 'welcome', cardOf(await school.say('menu')));
  put('help', 'help', cardOf(await school.say('help')));

  // The approver's cards, for a concern written at its maximum length in CJK and emoji.
  const big = await hub.as(PERSONA_IDS.referrer).call(
    'POST',
    ApiPaths.concerns,
    submission({
      whatHappened: cjk(8000),
      howItCameToLight: emoji(4000),
      subject: { name: cjk(200), age: 15, gender: 'female' },
      indicators: ['other'],
      otherIndicators: emoji(2000),
    }),
  );
  bigReference = big.body.reference;
  await hub.runTimersOnce();
  const n = hub.notifier.delivered.find(
    (x) => x.type === 'step-assigned' && x.reference === big.body.reference,
  )!;
  const leadUser = { objectId: PERSONA_IDS.safeguardingLead, channelUserId: '29:lead' };
  const robinUser = { objectId: PERSONA_IDS.referrer, channelUserId: '29:robin' };
  const lead = t.as(PERSONA_IDS.safeguardingLead);
  put('welcome-approvals', 'welcome', cardOf(await lead.installed()));
  const approval = (await t.bot.renderNotification(n, leadUser)).card!;
  put('approval-open', 'approval', approval);
  let part = await lead.pressForCard(approval, nextPart(approval));
  put('approval-account-part-2', 'approval', part);
  while (actionsOf(part).some((a) => a.title.startsWith('Next part')))
    part = await lead.pressForCard(part, nextPart(part));
  put('approval-account-last-part', 'approval', part);
  put(
    'approval-reason-needed',
    'approval',
    await lead.pressForCard(approval, 'Request information', { reason: '' }),
  );
  put(
    'approval-waiting-for-information',
    'approval',
    await lead.pressForCard(approval, 'Request information', { reason: cjk(4000) }),
  );
  await hub.runTimersOnce();
  const asked = hub.notifier.delivered.find(
    (x) => x.type === 'information-requested' && x.reference === big.body.reference,
  )!;
  const request = (await t.bot.renderNotification(asked, robinUser)).card!;
  put('information-request', 'information-request', request);
  put(
    'information-request-error',
    'information-request',
    await robin.pressForCard(request, 'Send answer', { response: emoji(4002) }),
  );
  put(
    'information-request-answered',
    'information-request',
    await robin.pressForCard(request, 'Send answer', { response: emoji(4000) }),
  );
  put('my-concerns-answer', 'my-concerns', cardOf(await robin.say('my concerns')));
  await hub.runTimersOnce();
  const supplied = hub.notifier.delivered.find(
    (x) =>
      x.type === 'information-supplied' &&
      x.reference === big.body.reference &&
      x.recipientId === PERSONA_IDS.safeguardingLead,
  )!;
  put(
    'approval-information-supplied',
    'approval',
    (await t.bot.renderNotification(supplied, leadUser)).card!,
  );
  put('approval-decided', 'approval', await lead.pressForCard(approval, 'Forward'));
  put('approval-already-decided', 'approval', await lead.pressForCard(approval, 'Forward'));
  put(
    'approval-not-visible',
    'notice',
    cardOf(
      await t
        .as(PERSONA_IDS.schoolSafeguardingLead)
        .execute('approval.refresh', { v: 1, reference: big.body.reference, stepId: 's1' }),
    ),
  );
  put(
    'notice',
    'notice',
    (
      await t.bot.renderNotification(
        { ...n, type: 'decided', title: 'Moved on', body: 'Now screened.' },
        leadUser,
      )
    ).card!,
  );
  put(
    'not-personal',
    'notice',
    cardOf(
      await lead
        .in({ conversationType: 'groupChat' })
        .execute('approval.refresh', { v: 1, reference: big.body.reference, stepId: 's1' }),
    ),
  );
  put('discard-broken', 'discard', renderCard('discard', { key: 'k', step: 'concern', broken: true }));
}, 120_000);
afterAll(async () => hub.close());

const nextPart = (card: AdaptiveCard) =>
  actionsOf(card).find((a) => a.title.startsWith('Next part'))?.title ?? 'Next part';

function parseEvents(card: AdaptiveCard): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) events.push(e.message);
  return events;
}

describe('cards the bot sends', () => {
  it('cover every template', () => {
    expect(new Set([...produced.values()].map((p) => p.template))).toEqual(new Set(Object.keys(TEMPLATES)));
  });

  it('every state listed below was produced', () => {
    expect([...produced.keys()].sort()).toEqual([...STATES].sort());
  });

  it.each(STATES)(
    '%s parses as an Adaptive Card 1.5 with no errors, no unbound template expressions, under the size limit',
    (name) => {
      const card = produced.get(name)!.card;
      expect(card.version).toBe('1.5');
      expect(parseEvents(card)).toEqual([]);
      expect(JSON.stringify(card)).not.toContain('${');
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_LIMIT_BYTES);
    },
  );

  it('the parser does catch a broken card (so the check above can fail)', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Input.Bogus' }, { type: 'TextBlock', text: 'x', color: 'purple' }],
    };
    expect(parseEvents(broken as AdaptiveCard)).toHaveLength(2);
  });

  it.each([
    'review-max',
    'approval-open',
    'approval-waiting-for-information',
    'information-request-answered',
  ])('%s: maximum-length non-ASCII answers stay under the limit, shortened on the card', (name) => {
    const card = produced.get(name)!.card;
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
    expect(textOf(card)).toContain('…');
  });

  it.each(['concern-max'])(
    '%s: a form card whose pre-filled answers would be too big leaves the longest off, and says so',
    (name) => {
      const card = produced.get(name)!.card;
      expect(textOf(card)).toContain('too long to show on this card');
      expect(JSON.stringify(card)).toMatch(/"kept":"[^"]+"/);
    },
  );

  it('no card carries client-side checks that block silently or cut text; every form button takes the inputs', () => {
    for (const [name, { template, card }] of produced) {
      const inputs = inputsOf(card);
      for (const input of inputs)
        expect({
          name,
          id: input.id,
          blocking: ['isRequired', 'maxLength', 'min', 'max', 'errorMessage'].filter((k) => k in input),
        }).toEqual({ name, id: input.id, blocking: [] });
      if (template !== 'form-step') continue;
      for (const a of actionsOf(card).filter((x) => x.title !== 'Discard this draft'))
        expect({
          name,
          title: a.title,
          associatedInputs: (a as { associatedInputs?: string }).associatedInputs,
        }).toEqual({ name, title: a.title, associatedInputs: undefined });
    }
  });

  it('the age input holds a number; the date of birth is three lists, the years from this one back', () => {
    const card = produced.get('subject-date-and-age-errors')!.card;
    expect(inputOf(card, 'subject.age')).toMatchObject({ type: 'Input.Number', value: 15 });
    expect(inputOf(card, 'subject.dateOfBirth')).toBeUndefined(); // no Input.Date: it opens on years to come
    expect(inputOf(card, 'subject.dateOfBirth.day')).toMatchObject({ type: 'Input.ChoiceSet', value: '14' });
    expect(inputOf(card, 'subject.dateOfBirth.month')).toMatchObject({
      type: 'Input.ChoiceSet',
      value: '03',
    });
    const year = inputOf(card, 'subject.dateOfBirth.year') as { value: string; choices: { value: string }[] };
    expect(year.value).toBe('2010');
    const thisYear = Number(
      new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }).slice(0, 4),
    );
    expect(year.choices[0]!.value).toBe(String(thisYear));
    expect(year.choices.every((c) => Number(c.value) <= thisYear)).toBe(true);
    expect(year.choices.map((c) => c.value)).toContain('2010');
    expect(textOf(card)).toContain('The date of birth makes them');
  });

  it('dates are written one British way on every card ("14 March 2010")', () => {
    const months = 'January|February|March|April|May|June|July|August|September|October|November|December';
    for (const [name, { card }] of produced) {
      const text = textOf(card);
      expect({ name, iso: text.match(/\b\d{4}-\d{2}-\d{2}\b/g) }).toEqual({ name, iso: null });
      expect({ name, numeric: text.match(/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g) }).toEqual({
        name,
        numeric: null,
      });
      expect({ name, us: text.match(new RegExp(`\\b(${months}) \\d{1,2}, \\d{4}`, 'g')) }).toEqual({
        name,
        us: null,
      });
      expect({
        name,
        short: text.match(/\b\d{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec) \d{4}/g),
      }).toEqual({
        name,
        short: null,
      });
    }
    expect(textOf(produced.get('review')!.card)).toContain('14 March 2010');
    expect(textOf(produced.get('my-concerns')!.card)).toMatch(/raised \d{1,2} [A-Z][a-z]+ \d{4}/);
  });

  it('no text is coloured below 4.5:1 on a white card (WCAG AA): no green "Good" text', () => {
    // Teams' light theme: Good is #92C353, about 2.1:1 on white; Attention #C4314B is 5.4:1.
    const allowed = new Set([undefined, 'Default', 'Dark', 'Attention']);
    for (const [name, { card }] of produced)
      for (const e of elementsOf(card).filter((x) => 'color' in x))
        expect({ name, color: e.color, ok: allowed.has(e.color as string) }).toEqual({
          name,
          color: e.color,
          ok: true,
        });
  });

  it('no card links to the hub’s tabs, which do not exist yet', () => {
    for (const [name, { card }] of produced) {
      expect({ name, openUrl: elementsOf(card).filter((e) => e.type === 'Action.OpenUrl') }).toEqual({
        name,
        openUrl: [],
      });
      expect({ name, teams: JSON.stringify(card).includes('teams.microsoft.com') }).toEqual({
        name,
        teams: false,
      });
    }
  });

  it('the attention style is kept for immediate risk: "Welcome back" and other news are not styled like it', () => {
    for (const [name, { card }] of produced) {
      const attention = elementsOf(card).filter((e) => e.style === 'attention');
      const why = attention.map((e) => textOf(e));
      expect({ name, why: why.filter((t) => !/immediate risk/i.test(t)) }).toEqual({ name, why: [] });
    }
  });

  it('a maximum-length account is readable whole from the approval card, part by part, each under the limit', async () => {
    const view = (await hub.as(PERSONA_IDS.safeguardingLead).call('GET', ApiPaths.concern(bigReference)))
      .body;
    const read: string[] = [];
    let card = produced.get('approval-open')!.card;
    for (let i = 0; i < 10; i++) {
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
      read.push(accountText(card));
      if (!actionsOf(card).some((a) => a.title.startsWith('Next part'))) break;
      card = cardOf(await t.as(PERSONA_IDS.safeguardingLead).press(card, nextPart(card)));
    }
    expect(read.length).toBeGreaterThan(1);
    // Each piece is bidi-isolated on its own (U+2068 … U+2069); the account reads on across them.
    const all = read.join('').replace(/[\s\u2068\u2069]+/g, '');
    for (const field of [view.intake.whatHappened, view.intake.howItCameToLight, view.intake.otherIndicators])
      expect(all).toContain(plain(field).replace(/\s+/g, ''));
  });

  it('refuses to build a card over the limit rather than let Teams drop it', () => {
    expect(() =>
      renderCard('notice', {
        title: 't',
        text: 'x'.repeat(40_000),
        reference: '',
        requestId: '',
        error: '',
        link: '',
      }),
    ).toThrow(CardTooLargeError);
  });

  it('no action data field is called "key" (the Agents Playground renderer fails on it; found in e2e)', () => {
    for (const [name, { card }] of produced)
      expect({ name, hasKey: /"data":\{[^}]*"key":/.test(JSON.stringify(card)) }).toEqual({
        name,
        hasKey: false,
      });
  });

  it('actions carry the card version, so old cards can be recognised', () => {
    for (const [name, { card }] of produced) {
      const json = JSON.stringify(card);
      if (json.includes('Action.Execute'))
        expect({ name, versioned: json.includes('"v":1') }).toEqual({ name, versioned: true });
    }
  });

  it('Markdown in what people typed is escaped, so it shows as typed', () => {
    expect(plain('[x](https://e.example) **b** _i_ `c` <u> ~s~ |t|\n- one\n2. two\n# h\n{{DATE(x)}}')).toBe(
      '\\[x\\](https://e.example) \\*\\*b\\*\\* \\_i\\_ \\`c\\` \\<u\\> \\~s\\~ \\|t\\|\n\\- one\n2\\. two\n\\# h\n{\u200b{DATE(x)}}',
    );
  });
});

/** The texts of the account's blocks on an approval card, in order (headings left out). */
function accountText(card: AdaptiveCard): string {
  const account = elementsOf(card).find((e) => e.id === 'account') as { items: unknown[] } | undefined;
  if (!account) return '';
  return account.items
    .filter((i): i is { type: string; items: { type: string; text?: string }[] } => {
      return (i as { type: string }).type === 'Container';
    })
    .flatMap((c) =>
      c.items
        .slice(1)
        .filter((x) => x.type === 'TextBlock')
        .map((x) => x.text ?? ''),
    )
    .join('');
}

/** What a card's inputs hold, as the client sends them back. */
function valuesOf(card: unknown): Record<string, string> {
  return Object.fromEntries(
    inputsOf(card).map((i) => [String(i.id), i.value === undefined ? '' : String(i.value)]),
  );
}

function inputsOf(card: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.')) found.push(o);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

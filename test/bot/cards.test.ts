/**
 * Every card the bot sends, produced by the real flows, checked with the Adaptive Cards reference parser at
 * version 1.5 (what Teams renders) and against Teams' payload limit.
 */
import type * as AdaptiveCards from 'adaptivecards';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's ESM build does not load in Node; its UMD bundle does
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;
import { ApiPaths } from '@pph/functions/contract';
import { CardTooLargeError, MAX_CARD_BYTES, renderCard, type AdaptiveCard } from '@pph/bot/cards/render';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { BotUnderTest, cardOf, textOf } from '../support/bot';
import { ANSWERS } from '../support/intake-answers';
import { submission } from '../support/concerns';

const TEAMS_LIMIT_BYTES = 28 * 1024;

let hub: TestHub;
const produced = new Map<string, AdaptiveCard>();

beforeAll(async () => {
  hub = await startTestHub();
  const t = new BotUnderTest(hub.url);
  const robin = t.as(PERSONA_IDS.referrer);
  produced.set('welcome', cardOf(await robin.installed()));
  let card = cardOf(await robin.say('raise a concern'));
  produced.set('risk', card);
  produced.set('risk-guidance', await robin.pressForCard(card, 'Next', { immediateRisk: 'yes' }));
  card = await robin.pressForCard(produced.get('risk-guidance')!, 'Record the concern');
  produced.set('referrer', card);
  produced.set(
    'referrer-errors',
    await robin.pressForCard(card, 'Next', { 'referrer.email': 'not-an-email' }),
  );
  for (const [step, inputs] of Object.entries(ANSWERS).slice(1)) {
    card = await robin.pressForCard(
      card,
      /Check my answers/.test(textOf(card)) ? 'Check my answers' : 'Next',
      inputs,
    );
    produced.set(`after-${step}`, card);
  }
  produced.set('submitted', await robin.pressForCard(card, 'Send the concern'));
  produced.set('my-concerns', cardOf(await robin.say('my concerns')));

  const longText = 'Long answer. '.repeat(700).slice(0, 8000);
  // A review of answers at every field's maximum length.
  const school = t.as(PERSONA_IDS.schoolReferrer);
  await hub.as(PERSONA_IDS.schoolReferrer).call('PUT', '/api/me/draft', {
    draft: {
      idempotencyKey: 'review-max-0000000001',
      step: 'review',
      formVersion: 1,
      answers: {
        ...Object.fromEntries(Object.entries(ANSWERS.concern).map(([k]) => [k, longText])),
        referrer: {
          name: 'n'.repeat(200),
          role: 'r'.repeat(200),
          organisation: 'o'.repeat(200),
          email: 'a@b.example',
        },
        subject: {
          name: 's'.repeat(200),
          age: 15,
          gender: 'male',
          address: 'a'.repeat(500),
          knownToOtherServices: 'k'.repeat(1000),
        },
        indicators: ['other'],
        otherIndicators: 'i'.repeat(2000),
        ideologyCategory: 'other',
        informationSharingNotes: 'z'.repeat(2000),
      },
    },
  });
  produced.set('review-max', cardOf(await school.say('continue my concern')));
  const big = await hub
    .as(PERSONA_IDS.referrer)
    .call(
      'POST',
      ApiPaths.concerns,
      submission({ whatHappened: longText, howItCameToLight: longText.slice(0, 4000) }),
    );
  await hub.runTimersOnce();
  const n = hub.notifier.delivered.find(
    (x) => x.type === 'step-assigned' && x.reference === big.body.reference,
  )!;
  const lead = { objectId: PERSONA_IDS.safeguardingLead, channelUserId: '29:lead' };
  const approval = (await t.bot.renderNotification(n, lead)).card!;
  produced.set('approval-open', approval);
  produced.set(
    'approval-decided',
    cardOf(await t.as(PERSONA_IDS.safeguardingLead).press(approval, 'Forward')),
  );
  produced.set(
    'notice',
    (
      await t.bot.renderNotification(
        { ...n, type: 'decided', title: 'Moved on', body: 'Now screened.' },
        lead,
      )
    ).card!,
  );
});
afterAll(async () => hub.close());

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
    expect(produced.size).toBeGreaterThanOrEqual(14);
  });

  it.each([
    'welcome',
    'risk',
    'risk-guidance',
    'referrer',
    'referrer-errors',
    'after-subject',
    'after-sharing',
    'submitted',
    'my-concerns',
    'approval-open',
    'approval-decided',
    'notice',
  ])(
    '%s parses as an Adaptive Card 1.5 with no errors, no unbound template expressions, under the size limit',
    (name) => {
      const card = produced.get(name)!;
      expect(card).toBeDefined();
      expect(card.version).toBe('1.5');
      expect(parseEvents(card)).toEqual([]);
      expect(JSON.stringify(card)).not.toContain('${');
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

  it.each(['review-max', 'approval-open'])(
    '%s: maximum-length answers stay under the limit, shortened on the card',
    (name) => {
      const card = produced.get(name)!;
      expect(parseEvents(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
      expect(textOf(card)).toContain('…');
    },
  );

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
    for (const [name, card] of produced)
      expect({ name, hasKey: /"data":\{[^}]*"key":/.test(JSON.stringify(card)) }).toEqual({
        name,
        hasKey: false,
      });
  });

  it('actions carry the card version, so old cards can be recognised', () => {
    for (const [name, card] of produced) {
      const json = JSON.stringify(card);
      if (json.includes('Action.Execute'))
        expect({ name, versioned: json.includes('"v":1') }).toEqual({ name, versioned: true });
    }
  });
});

/**
 * End to end in the real Teams chat emulator: the hub (SQLite, API), the bot (CloudAdapter) and two Microsoft 365
 * Agents Playgrounds — one signed in as the referrer, one as the safeguarding lead — driven in headless Chromium.
 * Screenshots of each step go to test-results/e2e-bot/.
 */
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { ApiPaths } from '@pph/contract';
import type { BotServer } from '@pph/bot/host/server';
import { playgroundConfigDir, startPlayground, type PlaygroundProcess } from '@pph/bot/host/playground';
import { PERSONA_IDS, type TestHub } from '../support/hub';
import { startHubWithBot, type HubWithBot } from '../support/bot-stack';
import { Screenshots, launchChromium, loopbackPage } from '../support/browser';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '../..');
const PORTS = { referrer: 56170, lead: 56171 }; // beside, not on, the 56150 of a developer's `npm start`

let stack: HubWithBot;
let hub: TestHub;
let bot: BotServer;
let playgrounds: PlaygroundProcess[] = [];
let browser: Browser;
let shots: Screenshots;

beforeAll(async () => {
  browser = await launchChromium(); // first: without Chromium this fails at once (it never skips)
  stack = await startHubWithBot();
  ({ hub, bot } = stack);
  const botUrl = bot.url;
  const logRoot = path.join(hub.dataDir, 'playground');
  playgrounds = await Promise.all([
    startPlayground({
      configFile: path.join(playgroundConfigDir(ROOT, 'referrer'), '.m365agentsplayground.yml'),
      botUrl,
      port: PORTS.referrer,
      logDir: path.join(logRoot, 'referrer'),
      persona: 'referrer',
    }),
    startPlayground({
      configFile: path.join(playgroundConfigDir(ROOT, 'safeguardingLead'), '.m365agentsplayground.yml'),
      botUrl,
      port: PORTS.lead,
      logDir: path.join(logRoot, 'lead'),
      persona: 'safeguardingLead',
    }),
  ]);
  shots = new Screenshots(path.join(ROOT, 'test-results', 'e2e-bot'));
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(playgrounds.map((p) => p.stop()));
  await stack?.close();
});

/** The newest Adaptive Card in the chat. */
const lastCard = (page: Page): Locator => page.locator('.ac-adaptiveCard').last();

async function openChat(port: number): Promise<Page> {
  const page = await loopbackPage(browser);
  await page.goto(`http://127.0.0.1:${port}`);
  await lastCard(page).getByText('Prevent Partnership Hub').waitFor({ timeout: 30_000 });
  return page;
}

async function say(page: Page, text: string) {
  // The playground's compose box is a Lexical rich-text editor, not an <input>.
  const box = page.locator('[data-lexical-editor="true"][role="textbox"]');
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function press(page: Page, button: string, expectText: string | RegExp) {
  await lastCard(page).getByRole('button', { name: button, exact: true }).click();
  await lastCard(page).getByText(expectText).first().waitFor({ timeout: 20_000 });
}

it('a referrer raises a concern through the cards; the lead, opening her chat only afterwards, gets the card and forwards it; the referrer sees the new status', async () => {
  const robin = await openChat(PORTS.referrer);
  await shots.take(robin, 'referrer-welcome');

  await say(robin, 'raise a concern');
  await lastCard(robin).getByText('Step 1 of 7: Immediate risk').waitFor();
  await lastCard(robin).getByText('No', { exact: true }).click();
  await shots.take(robin, 'referrer-immediate-risk');
  await press(robin, 'Next', 'Step 2 of 7: About you');
  await shots.take(robin, 'referrer-about-you-prefilled');
  await press(robin, 'Next', 'Step 3 of 7');

  const card = () => lastCard(robin);
  // "Save and finish later" with required answers still empty: the client sends it (no client-side isRequired)
  // and what was typed is kept.
  await card().getByLabel('Their name').fill('Alex Example');
  await press(robin, 'Save and finish later', 'Your concern is saved.');
  await shots.take(robin, 'referrer-saved-half-typed');
  await say(robin, 'continue my concern');
  await card().getByText('Welcome back').waitFor({ timeout: 20_000 });
  expect(await card().getByLabel('Their name').inputValue()).toBe('Alex Example');

  // The playground's date picker takes clicks on a calendar; the age field is typed (dates are covered by the
  // TestAdapter tests, including one in the future). An age over the limit reaches the hub and its message
  // shows: the card does not clamp it.
  await card().getByRole('spinbutton').fill('150');
  await card().getByText('Not known', { exact: true }).click();
  await press(robin, 'Next', 'Age must be 120 or less.');
  await shots.take(robin, 'referrer-age-refused-by-the-hub');
  await card().getByRole('spinbutton').fill('15');
  await press(robin, 'Next', 'Step 4 of 7: What happened');

  // "Back" carries what is typed: it is there on coming forward again.
  const whatHappened =
    'Shared extremist videos with younger pupils at youth club. Sent them [the school portal](https://evil.example/login).';
  await card().getByLabel('What happened').fill(whatHappened);
  await press(robin, 'Back', 'Step 3 of 7');
  await press(robin, 'Next', 'Step 4 of 7: What happened');
  expect(await card().getByLabel('What happened').inputValue()).toBe(whatHappened);
  await card().getByLabel('How it came to light').fill('Two pupils told a youth worker.');
  await press(robin, 'Next', 'Step 5 of 7');
  await card().getByText('Expressed extremist views', { exact: true }).click();
  await card().getByText('Other (described below)', { exact: true }).click();
  await card().getByText('Extreme right-wing', { exact: true }).click();
  // Bad input: "other" without a description is refused on the card, in the schema's words.
  await press(robin, 'Next', 'Describe the other indicators you chose.');
  await shots.take(robin, 'referrer-bad-input-refused');
  await card().getByLabel('Other indicators, if you chose "Other"').fill('Talks of a coming race war.');
  await press(robin, 'Next', 'Step 6 of 7');
  await card().getByText('No', { exact: true }).click();
  await card().getByText('Public task (UK GDPR 6(1)(e))', { exact: true }).click();
  await press(robin, 'Check my answers', 'Check your concern before you send it');
  await shots.take(robin, 'referrer-review');
  await press(robin, 'Send the concern', /Concern sent: PRV-\d{4}-\d{4}/);
  await shots.take(robin, 'referrer-confirmation');
  const reference = /PRV-\d{4}-\d{4}/.exec(await card().innerText())![0];

  // The outbox runs before the lead has ever opened the bot: nowhere to send her card yet.
  await hub.runTimersOnce();
  const undeliverable = await hub.as(PERSONA_IDS.coordinator).call('GET', '/api/notifications/undeliverable');
  expect(
    undeliverable.body.items.some(
      (i: { reference: string; recipientId: string }) =>
        i.reference === reference && i.recipientId === PERSONA_IDS.safeguardingLead,
    ),
  ).toBe(true);

  // She opens her chat afterwards: the welcome card counts what waits, and the card arrives.
  const lead = await openChat(PORTS.lead);
  await lastCard(lead)
    .getByText(/decisions? (is|are) waiting for you/)
    .waitFor({ timeout: 20_000 });
  await shots.take(lead, 'lead-welcome-counts-waiting-decisions');
  await hub.runTimersOnce();
  const approvals = lead.locator('.ac-adaptiveCard', { hasText: `${reference}:` });
  await approvals.first().getByText('Decision needed').waitFor({ timeout: 30_000 });
  await shots.take(lead, 'lead-approval-card');
  // What the referrer typed shows as typed: her Markdown link is not a link on the lead's card.
  await approvals.first().getByText('the school portal', { exact: false }).waitFor();
  expect(await approvals.first().locator('a[href*="evil.example"]').count()).toBe(0);

  // A group chat gets one sentence and no data, and does not become where her cards go.
  await lead.getByText('Prevent partnership', { exact: true }).first().click();
  await lead.getByText('I only work in a personal chat with you').first().waitFor({ timeout: 20_000 });
  await shots.take(lead, 'lead-group-chat-refused');
  expect(await lead.getByText(reference).count()).toBe(0);
  await lead.getByText('Personal Chat', { exact: true }).first().click();
  await approvals.first().waitFor({ timeout: 20_000 });

  // A day later the reminder brings a second copy of the card into her personal chat.
  hub.clock.advanceDays(1);
  await hub.runTimersOnce();
  await approvals.nth(1).getByText('Due soon: decision needed').waitFor({ timeout: 30_000 });
  const assigned = approvals.nth(0);
  const reminder = approvals.nth(1);

  await assigned.getByRole('button', { name: 'Forward', exact: true }).click();
  await assigned.getByText('Forwarded by Sasha Lindqvist').waitFor({ timeout: 20_000 });
  await shots.take(lead, 'lead-forwarded');
  expect(await assigned.getByRole('button', { name: 'Forward', exact: true }).count()).toBe(0);

  // A second click, on the other copy of the now-decided card, changes nothing and shows where it stands.
  const before = await hub.as(PERSONA_IDS.coordinator).call('GET', ApiPaths.concern(reference));
  await reminder.getByRole('button', { name: 'Forward', exact: true }).click();
  await reminder.getByText('You already decided this, so nothing was changed.').waitFor({ timeout: 20_000 });
  await reminder.getByText('Forwarded by Sasha Lindqvist').waitFor();
  await shots.take(lead, 'lead-second-click-changes-nothing');
  const after = await hub.as(PERSONA_IDS.coordinator).call('GET', ApiPaths.concern(reference));
  expect(after.body.steps).toEqual(before.body.steps);
  expect(after.body.history).toEqual(before.body.history);

  // The referrer sees the new status, as the domain words it for them.
  const status = (await hub.as(PERSONA_IDS.referrer).call('GET', ApiPaths.myConcerns)).body.items.find(
    (c: { reference: string }) => c.reference === reference,
  ).referrerStatus as string;
  await say(robin, 'my concerns');
  const mine = robin.locator('.ac-adaptiveCard', { hasText: 'Your concerns' }).last();
  await mine.getByText(status).first().waitFor({ timeout: 20_000 });
  await shots.take(robin, 'referrer-my-concerns');
  expect(after.body.steps[0].decision.kind).toBe('forward');
});

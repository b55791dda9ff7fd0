/**
 * The Teams tabs end to end in headless Chromium, against the real local hub behind the real tab server: a plain
 * browser is offered the demo personas, a concern step is decided from My work by keyboard alone, a stale decision
 * says what changed, and axe finds no serious or critical violation on any page in any of the three themes.
 * Screenshots go to test-results/e2e-tabs/my-work/.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PERSONA_IDS } from '../support/hub';
import { Screenshots, launchChromium, loopbackPage } from '../support/browser';
import { THEMES, seriousViolations, startTabsStack, tabTo, type TabsStack } from './tabs-stack';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '../..');
let browser: Browser;
let stack: TabsStack;
let shots: Screenshots;

beforeAll(async () => {
  browser = await launchChromium(); // first: without Chromium this fails at once (it never skips)
  stack = await startTabsStack();
  shots = new Screenshots(path.join(ROOT, 'test-results', 'e2e-tabs', 'my-work'));
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function signedIn(personaId: string, at: string): Promise<Page> {
  const page = await loopbackPage(browser);
  await page.goto(`${stack.tabs.url}${at}${at.includes('?') ? '&' : '?'}persona=${personaId}`);
  return page;
}

test('outside Teams the tab says so and offers the demo personas; one is chosen by keyboard', async () => {
  const page = await loopbackPage(browser);
  await page.goto(`${stack.tabs.url}/my-work`);
  await page
    .getByText('This page is open outside Microsoft Teams, on a local hub.', { exact: false })
    .waitFor();
  await shots.take(page, 'persona-picker');
  const select = page.getByRole('combobox', { name: 'Demo person' });
  await tabTo(page, select);
  await select.selectOption({
    label: 'Sasha Lindqvist (Harbourside Borough Council): safeguarding lead, referrer',
  });
  await tabTo(page, page.getByRole('button', { name: 'Sign in' }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
  await page.getByText('Signed in as Sasha Lindqvist, Harbourside Borough Council').waitFor();
  await page.close();
});

test('a concern step decided from My work, by keyboard alone, leaves the list and moves the concern on', async () => {
  const page = await signedIn(PERSONA_IDS.safeguardingLead, '/my-work');
  const item = page
    .getByRole('listitem')
    .filter({ hasText: 'PRV-2026-0001: Designated safeguarding lead review' });
  await item.waitFor();
  // Overdue and immediate risk in words; the waiting-for-information concern of the demo data is there too.
  await page.getByRole('listitem').filter({ hasText: 'PRV-2026-0006' }).getByText('Immediate risk').waitFor();
  await shots.take(page, 'my-work');

  await tabTo(page, item.getByRole('button', { name: 'Decide' }));
  await page.keyboard.press('Enter');
  const forward = item.getByRole('button', { name: 'Forward', exact: true });
  await forward.waitFor();
  await shots.take(page, 'decision-open');
  await tabTo(page, forward);
  await page.keyboard.press('Enter');
  await page.getByText('Forwarded: PRV-2026-0001. Now at: Prevent co-ordinator screening.').waitFor();
  await item.waitFor({ state: 'detached' });
  await shots.take(page, 'decided');

  const lead = stack.hub.as(PERSONA_IDS.safeguardingLead);
  const view = (await lead.get('/api/concerns/PRV-2026-0001')).body;
  expect(view.steps[0].decision).toMatchObject({ kind: 'forward', by: { displayName: 'Sasha Lindqvist' } });
  const coordinatorQueue = (await stack.hub.as(PERSONA_IDS.coordinator).get('/api/me/queue')).body;
  expect(coordinatorQueue.items.map((i: { reference: string }) => i.reference)).toContain('PRV-2026-0001');
  await page.close();
});

test('a decision on a concern someone else changed meanwhile is refused with what changed, keeping the reason', async () => {
  const page = await signedIn(PERSONA_IDS.coordinator, '/my-work');
  const item = page.getByRole('listitem').filter({ hasText: 'PRV-2026-0002' });
  await item.getByRole('button', { name: 'Decide' }).click();
  const reason = item.getByRole('textbox', { name: /Reason or question/ });
  await reason.fill('Please say which group chat, and when.');
  // Meanwhile the school's safeguarding lead adds a note to the same concern.
  const note = await stack.hub
    .as(PERSONA_IDS.schoolSafeguardingLead)
    .post('/api/concerns/PRV-2026-0002/notes', { text: 'Spoke to the referrer by phone.' });
  expect(note.status).toBe(201);
  await item.getByRole('button', { name: 'Request information' }).click();
  await item.getByText('Someone changed this concern while you were deciding').waitFor();
  await item.getByText('A note was added by Tamsin Greaves.').waitFor();
  expect(await reason.inputValue()).toBe('Please say which group chat, and when.');
  await shots.take(page, 'stale-decision');
  // Decided again, knowingly, it goes through with the ETag the 409 brought.
  await item.getByRole('button', { name: 'Request information' }).click();
  await page.getByText('Information requested: PRV-2026-0002.', { exact: false }).waitFor();
  await page.close();
});

test('a concern opens as the person may see it, with its history (where the bot card’s "Open in the hub" leads)', async () => {
  const page = await signedIn(PERSONA_IDS.coordinator, '/concern?ref=PRV-2026-0001');
  await page.getByRole('heading', { name: 'Concern PRV-2026-0001', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'History' }).waitFor();
  await page.getByRole('cell', { name: 'Designated safeguarding lead review: forward' }).waitFor();
  await page.getByRole('button', { name: 'Forward', exact: true }).waitFor();
  await page.screenshot({
    path: path.join(ROOT, 'test-results', 'e2e-tabs', 'my-work', 'concern-full.png'),
    fullPage: true,
  });
  await page.close();
});

test('no serious or critical accessibility violation on any page, in each of the three themes', async () => {
  const pages: [string, string | undefined, string][] = [
    ['persona-picker', undefined, '/my-work'],
    ['my-work', PERSONA_IDS.safeguardingLead, '/my-work'],
    ['concern', PERSONA_IDS.coordinator, '/concern?ref=PRV-2026-0002'],
    ['config', PERSONA_IDS.secretariat, '/config'],
    ['channel', PERSONA_IDS.safeguardingLead, '/channel?view=my-work'],
  ];
  const found: string[] = [];
  for (const theme of THEMES) {
    for (const [name, persona, at] of pages) {
      const page = await loopbackPage(browser);
      const url = `${stack.tabs.url}${at}${at.includes('?') ? '&' : '?'}theme=${theme}${persona ? `&persona=${persona}` : ''}`;
      await page.goto(url);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      found.push(...(await seriousViolations(page)).map((v) => `${theme} ${name}: ${v}`));
      await shots.take(page, `${theme}-${name}`);
      await page.close();
    }
  }
  expect(found).toEqual([]);
});

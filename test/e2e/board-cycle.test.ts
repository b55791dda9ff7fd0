/**
 * A whole Board cycle in headless Chromium, through the SharePoint web part's views in its local harness, against
 * the real local hub: the secretariat schedules a Board meeting, builds its agenda (an item added and moved by
 * keyboard alone), records attendance (the quorum warning, then quorate), writes the minutes with an action,
 * sees the action in the action log, compiles the pack and opens its PDF. axe finds no serious or critical
 * violation on any view, in the three themes. Screenshots go to test-results/e2e-board/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { PERSONA_IDS } from '../support/hub';
import { Screenshots, launchChromium, loopbackPage } from '../support/browser';
import { startBoardStack, type BoardStack } from './board-stack';
import { THEMES, hasFocus, seriousViolations, tabTo } from './tabs-stack';

jest.setTimeout(540_000);

const ROOT = path.resolve(__dirname, '../..');
let browser: Browser;
let stack: BoardStack;
let shots: Screenshots;
const violations: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium(); // first: without Chromium this fails at once (it never skips)
  stack = await startBoardStack();
  shots = new Screenshots(path.join(ROOT, 'test-results', 'e2e-board'));
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function check(page: Page, name: string) {
  await shots.take(page, name);
  for (const v of await seriousViolations(page)) violations.push(`${name}: ${v}`);
}

async function asSecretariat(theme = 'default'): Promise<Page> {
  const page = await loopbackPage(browser);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${stack.harness.url}/?persona=${PERSONA_IDS.secretariat}&theme=${theme}`);
  await page.getByRole('heading', { name: 'Meetings', level: 2 }).waitFor();
  return page;
}

const TITLE = 'Prevent Board, December (test)';
const ITEM = 'Prevent duty training: schools update';

test('the secretariat runs a Board cycle in the web part, from scheduling to the pack', async () => {
  const page = await asSecretariat();
  await page.getByText('Signed in as', { exact: false }).waitFor();
  await check(page, 'meetings');

  // Schedule: the form refuses what is missing, then the hub schedules it.
  await page.getByRole('button', { name: 'Schedule a meeting' }).click();
  await page.getByRole('heading', { name: 'Schedule a meeting' }).waitFor();
  await page.getByRole('button', { name: 'Schedule the meeting' }).click();
  await page.getByText('Give the meeting a title.').waitFor();
  await check(page, 'schedule-refused');
  await page.getByLabel('Title').fill(TITLE);
  await page.getByLabel('Date').fill('2026-12-08');
  await page.getByLabel('Venue').fill('Civic Centre, Committee Room 2');
  await page.getByRole('button', { name: 'Schedule the meeting' }).click();
  await page.getByRole('heading', { name: TITLE, level: 2 }).waitFor();

  // Agenda: the standing items are there; an item is added, then moved up by keyboard alone.
  await page.getByRole('listitem', { name: /\. Any other business$/ }).waitFor();
  await page.getByLabel('Item title').fill(ITEM);
  await page.getByLabel('Presenter').fill('Schools Prevent lead');
  await page.getByRole('button', { name: 'Add to the agenda' }).click();
  const added = page.getByRole('listitem', { name: new RegExp(`^\\d+\\. ${ITEM}$`) });
  await added.waitFor();
  const before = Number((await added.getAttribute('aria-label'))!.split('.')[0]);
  await tabTo(page, added);
  await page.keyboard.press('Alt+ArrowUp');
  await page.getByText(`${ITEM} moved to position ${before - 1} of`, { exact: false }).waitFor();
  expect(await hasFocus(page.getByRole('listitem', { name: `${before - 1}. ${ITEM}` }))).toBe(true);
  await check(page, 'agenda');

  const api = stack.hub.as(PERSONA_IDS.secretariat);
  const list = (await api.get('/api/meetings')).body as { items: { id: string; title: string }[] };
  const id = list.items.find((m) => m.title === TITLE)!.id;
  const agenda = (await api.get(`/api/meetings/${id}/agenda`)).body as {
    items: { title: string; position: number }[];
  };
  expect(agenda.items.find((i) => i.title === ITEM)!.position).toBe(before - 1);

  // The meeting meets: attendance, first not quorate (a clear warning), then quorate; then it is marked held.
  stack.hub.clock.current = new Date('2026-12-08T13:00:00Z');
  await page.getByRole('tab', { name: 'Attendance' }).click();
  await page.getByRole('heading', { name: 'Attendance and quorum' }).waitFor();
  const selects = page.getByRole('combobox', { name: /^Attendance of / });
  const count = await selects.count();
  expect(count).toBeGreaterThan(1);
  await selects.nth(0).selectOption({ label: 'Present' });
  for (let i = 1; i < count; i++) await selects.nth(i).selectOption({ label: 'Apologies' });
  await page.getByRole('button', { name: 'Save attendance' }).click();
  await page.getByText('is not quorate', { exact: false }).waitFor();
  await check(page, 'attendance-not-quorate');
  for (let i = 1; i < count; i++) await selects.nth(i).selectOption({ label: 'Present' });
  await page.getByRole('button', { name: 'Save attendance' }).click();
  await page.getByText('The meeting is quorate', { exact: false }).waitFor();
  await check(page, 'attendance-quorate');
  await page.getByRole('button', { name: 'Mark the meeting held' }).click();
  await page.getByText(/ · Held · papers due /).waitFor();

  // Minutes: a discussion, a decision and an action with its owner; saved as a version, then circulated.
  await page.getByRole('tab', { name: 'Minutes' }).click();
  await page.getByRole('heading', { name: 'Minutes', level: 2 }).waitFor();
  await page
    .getByLabel(`Discussion: ${ITEM}`)
    .fill('The Board heard how many schools have trained their staff.');
  await page.getByLabel(`Decisions: ${ITEM}`).fill('Training to be offered to every primary school.');
  await page.getByRole('button', { name: `Add an action: ${ITEM}` }).click();
  await page.getByLabel(`New action 1: ${ITEM}`).fill('Circulate the training offer to head teachers');
  await page.getByRole('combobox', { name: 'Owner' }).selectOption({ index: 1 });
  await page.getByLabel('Due').fill('2027-01-31');
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await page.getByText('Draft saved as a new version.').waitFor();
  await page.getByText('Version 1', { exact: false }).first().waitFor();
  await check(page, 'minutes');
  await page.getByRole('button', { name: 'Circulate to attendees' }).click();
  await page.getByText('Circulated to the attendees.').waitFor();

  // The action is in the action log.
  await page.getByRole('tab', { name: 'Board pack' }).click();
  await page.getByRole('heading', { name: 'Board pack' }).waitFor();
  await check(page, 'pack-before');

  // The pack: compiled as a job with its progress, then the link to the PDF; the PDF is opened and checked.
  await page.getByRole('button', { name: 'Compile the pack' }).click();
  // No screenshot while it compiles: the hub builds in this test's own process, which Playwright's calls share.
  try {
    await page.getByText(/The pack is ready|The pack was not built/).waitFor({ timeout: 240_000 });
  } finally {
    await shots.take(page, 'pack-outcome');
  }
  await check(page, 'pack-ready');
  const link = page.getByRole('link', { name: /^Board pack, version 1/ });
  const download = page.waitForEvent('download');
  await link.click();
  const file = await download;
  const bytes = fs.readFileSync(await file.path());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const pdf = await PDFDocument.load(bytes);
  expect(pdf.getPageCount()).toBeGreaterThan(1);
  expect(pdf.getTitle()).toBeTruthy();

  // Published to the invitees from the builder (the hub tells each once); then only a supplement is offered.
  await page.getByRole('button', { name: 'Publish version 1 to the invitees' }).click();
  await page.getByText('Published: the invitees have been told.', { exact: false }).waitFor();
  await check(page, 'pack-published');
  expect(await page.getByRole('button', { name: 'Build a late supplement' }).isVisible()).toBe(true);

  await page.getByRole('button', { name: 'Back to meetings' }).click();
  await page.getByRole('tab', { name: 'Action log' }).click();
  await page.getByText('Circulate the training offer to head teachers', { exact: false }).waitFor();
  await check(page, 'action-log');
  await page.close();
  expect(violations).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test.each(THEMES.filter((t) => t !== 'default'))(
  'axe finds nothing serious in the %s theme',
  async (theme) => {
    const page = await asSecretariat(theme);
    await check(page, `meetings-${theme}`);
    await page.getByRole('button', { name: 'Open', exact: false }).first().click();
    await page.getByRole('tab', { name: 'Agenda' }).waitFor();
    await check(page, `meeting-${theme}`);
    await page.close();
    expect(violations).toEqual([]);
  },
);

/**
 * A quarter's returns in the Teams tabs, end to end in headless Chromium against the real local hub (its demo
 * quarter) behind the real tab server: an author files a return from My work, a board member of another agency
 * approves it, another is sent back and resubmitted, two are approved at once, and the Dashboard and its Excel
 * workbook (downloaded and opened with exceljs) show the new totals. axe finds no serious or critical violation
 * on the returns pages in any of the three themes. Screenshots go to test-results/e2e-tabs/returns/.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { CollationView } from '@pph/contract';
import { RETURN_AUTHOR_IDS } from '@pph/functions/hosts/local/personas';
import { PERSONA_IDS } from '../support/hub';
import { Screenshots, launchChromium, loopbackPage } from '../support/browser';
import { THEMES, hasFocus, seriousViolations, startTabsStack, tabTo, type TabsStack } from './tabs-stack';

jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '../..');
const SHOTS = path.join(ROOT, 'test-results', 'e2e-tabs', 'returns');
let browser: Browser;
let stack: TabsStack;
let shots: Screenshots;
let cycleId: string;
let before: CollationView;

const as = (id: string) => stack.hub.as(id);
const collation = async (): Promise<CollationView> =>
  (await as(PERSONA_IDS.secretariat).get(`/api/return-cycles/${cycleId}/collation`)).body;
/** The return of an agency in the cycle being filed, as the secretariat's overview lists it. */
async function returnOf(partnerName: string): Promise<{ reference: string; status: string }> {
  const overview = (await as(PERSONA_IDS.secretariat).get(`/api/return-cycles/${cycleId}`)).body;
  return overview.returns.find((r: { partner: { name: string } }) => r.partner.name === partnerName);
}

beforeAll(async () => {
  browser = await launchChromium(); // first: without Chromium this fails at once (it never skips)
  stack = await startTabsStack();
  shots = new Screenshots(SHOTS);
  const cycles = (await as(PERSONA_IDS.secretariat).get('/api/return-cycles')).body;
  cycleId = cycles.items.find((c: { status: string }) => c.status === 'open').id;
  before = await collation();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function open(personaId: string, at: string, theme?: string): Promise<Page> {
  const page = await loopbackPage(browser);
  const sep = at.includes('?') ? '&' : '?';
  await page.goto(`${stack.tabs.url}${at}${sep}persona=${personaId}${theme ? `&theme=${theme}` : ''}`);
  return page;
}

const fill = async (page: Page, label: string | RegExp, value: string) => {
  const box = page.getByLabel(label, { exact: typeof label === 'string' });
  await box.fill(value);
};

test('an author files the return from My work: saved as typed, refused at the field, then submitted', async () => {
  const page = await open(PERSONA_IDS.returnAuthor, '/my-work');
  const task = page.getByRole('listitem').filter({ hasText: 'Return to write' });
  await task.waitFor();
  await shots.take(page, 'author-my-work');
  await tabTo(page, task.getByRole('link'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /^Harbourside College: return for / }).waitFor();
  await shots.take(page, 'author-form');

  // A fraction is refused at its box, in the contract's words, and the rest is saved as typed.
  await fill(page, 'Teaching and education staff: Specialist (0 to 100,000)', '1.5');
  await page
    .getByText('must be a whole number: people are counted in ones, not fractions.', { exact: false })
    .waitFor();
  await fill(page, 'Teaching and education staff: Specialist (0 to 100,000)', '');
  await fill(page, 'Teaching and education staff: Total (0 to 100,000)', '102');
  await fill(page, 'Learners and students: Total (0 to 100,000)', '310');
  await fill(page, /^Total people trained this quarter/, '412');
  await fill(page, '14 to 17 (0 to 100,000)', '2');
  for (const section of ['Safeguarding', 'Case management', 'Further and higher education'])
    await page
      .getByRole('radiogroup', { name: `${section}: Progress` })
      .getByLabel('Green: on track')
      .check();
  await page
    .getByRole('radiogroup', { name: 'Community resilience: Progress' })
    .getByLabel('Amber: at risk')
    .check();
  await page.getByText(/^All changes saved/).waitFor();

  // Submitting: the problems are listed, each a link to its box.
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'before the return can be submitted' });
  await summary.waitFor();
  await shots.take(page, 'author-problems');
  await summary.getByRole('link', { name: /Community resilience is amber/ }).click();
  const narrative = page.getByLabel(/^Community resilience: What happened this quarter/);
  expect(await hasFocus(narrative)).toBe(true);
  await narrative.fill('Two community events moved to January; the plan is agreed with the council.');
  await summary.getByRole('link', { name: /Give the total number of referrals/ }).click();
  await page.keyboard.type('2');
  await page.getByText(/^All changes saved/).waitFor();
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await page.getByText('Submitted for approval.', { exact: false }).waitFor();
  await shots.take(page, 'author-submitted');
  expect((await returnOf('Harbourside College')).status).toBe('submitted');
  await page.close();
});

test('a board member of another agency approves it', async () => {
  const page = await open(PERSONA_IDS.boardMember, '/returns');
  const row = page.getByRole('row').filter({ hasText: 'Harbourside College' });
  await row.getByRole('link', { name: 'Review the return of Harbourside College' }).click();
  await page.getByRole('heading', { level: 2, name: 'Approve or send back' }).waitFor();
  await shots.take(page, 'board-review');
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await page.getByText('Approved.', { exact: true }).waitFor();
  expect((await returnOf('Harbourside College')).status).toBe('approved');
  await page.close();
});

test('another is sent back with comments, revised by its author and resubmitted', async () => {
  const board = await open(PERSONA_IDS.boardMember, '/returns');
  await board.getByRole('link', { name: 'Review the return of Harbourside Borough Council' }).click();
  const comments = board.getByRole('textbox', { name: /^Comments: what the author should change/ });
  await board.getByRole('button', { name: 'Send back' }).click();
  await board.getByText('The comments for the author is required.').waitFor();
  expect(await comments.getAttribute('aria-invalid')).toBe('true');
  await comments.fill('Give the staff in scope for frontline staff too.');
  await board.getByRole('button', { name: 'Send back' }).click();
  await board.getByText('Sent back to the author with your comments.').waitFor();
  expect((await returnOf('Harbourside Borough Council')).status).toBe('sent-back');
  await board.close();

  const author = await open(RETURN_AUTHOR_IDS.council, '/returns');
  await author.getByRole('link', { name: /^Write the return for / }).click();
  await author.getByText('Give the staff in scope for frontline staff too.', { exact: true }).waitFor();
  await shots.take(author, 'author-sent-back');
  await fill(author, 'Frontline and public-facing staff: Staff in scope (0 to 100,000)', '120');
  await fill(author, 'Frontline and public-facing staff: Trained to date (0 to 100,000)', '96');
  await author.getByText(/^All changes saved/).waitFor();
  await author.getByRole('button', { name: 'Submit for approval' }).click();
  await author.getByText('Submitted for approval.', { exact: false }).waitFor();
  expect((await returnOf('Harbourside Borough Council')).status).toBe('submitted');
  await author.close();
});

test('two returns approved at once by the board chair, each on its own', async () => {
  const page = await open(PERSONA_IDS.boardChair, '/returns');
  await page.getByRole('heading', { name: 'Returns to approve' }).waitFor();
  await page.getByRole('checkbox', { name: 'Select the return of Harbourside Police' }).waitFor();
  // The chair's own agency's return (the council's, resubmitted) is not offered to them.
  expect(
    await page.getByRole('checkbox', { name: 'Select the return of Harbourside Borough Council' }).count(),
  ).toBe(0);
  await page.getByRole('checkbox', { name: 'Select the return of Harbourside Police' }).check();
  await page.getByRole('checkbox', { name: 'Select the return of Probation Service (Harbourside)' }).check();
  await shots.take(page, 'bulk-selected');
  await page.getByRole('button', { name: 'Approve 2 selected returns' }).click();
  await page.getByText('2 returns approved.').waitFor();
  await shots.take(page, 'bulk-approved');
  expect((await returnOf('Harbourside Police')).status).toBe('approved');
  expect((await returnOf('Probation Service (Harbourside)')).status).toBe('approved');
  // The council's resubmitted return, approved by a board member of another agency.
  const council = await returnOf('Harbourside Borough Council');
  const view = (await as(PERSONA_IDS.boardMember).get(`/api/returns/${council.reference}`)).body;
  const approved = await as(PERSONA_IDS.boardMember).post(`/api/returns/${council.reference}/approval`, {
    etag: view.etag,
  });
  expect(approved.status).toBe(200);
  await page.close();
});

test('the Dashboard and its Excel workbook show the new totals', async () => {
  const after = await collation();
  // The college's return is counted now (412 trained); the others were counted before and still are.
  expect(after.trainingByStaffGroup.grandTotal.value).toBe(
    before.trainingByStaffGroup.grandTotal.value! + 412,
  );
  expect(after.completion.approved).toBe(before.completion.approved + 4);

  const page = await open(PERSONA_IDS.secretariat, '/dashboard');
  const table = page.getByRole('table', { name: 'Training by staff group: the figures' });
  await table.waitFor();
  const total = after.trainingByStaffGroup.grandTotal.display;
  await table.locator('tfoot td').last().getByText(total, { exact: true }).waitFor();
  const c = after.completion;
  await page
    .getByText(
      `${c.submitted} of ${c.expected} returns submitted (${c.submittedPercent}%); ${c.approved} approved (${c.approvedPercent}%).`,
    )
    .waitFor();
  await page.locator('figure svg').first().waitFor(); // the charts' chunk, loaded lazily
  await shots.take(page, 'dashboard');
  await page.screenshot({ path: path.join(SHOTS, 'dashboard-full.png'), fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the Excel workbook' }).click(),
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path())!);
  const sheet = workbook.getWorksheet('Training by staff group')!;
  const totals = sheet.getRow(sheet.actualRowCount).values as unknown[];
  expect(totals[1]).toBe('Total');
  expect(totals.at(-1)).toBe(after.trainingByStaffGroup.grandTotal.value);
  const completion = workbook.getWorksheet('Completion')!;
  const approvedRow = completion
    .getRows(1, completion.actualRowCount)!
    .find((r) => r.getCell(1).value === 'Approved')!;
  expect(approvedRow.getCell(2).value).toBe(c.approved);
  await page.getByText(`Downloaded ${download.suggestedFilename()}.`).waitFor();
  await page.close();
});

test('no serious or critical accessibility violation on the returns pages and the dashboard, in each theme', async () => {
  const schools = await returnOf('Harbourside Schools Partnership');
  const pages: [string, string, string, string][] = [
    ['returns-secretariat', PERSONA_IDS.secretariat, '/returns', 'The cycle at a glance'],
    ['returns-board', PERSONA_IDS.boardChair, '/returns', 'Returns to approve'],
    [
      'return-form',
      RETURN_AUTHOR_IDS.schools,
      `/returns?ref=${schools.reference}`,
      'Training delivered this quarter',
    ],
    ['return-read', PERSONA_IDS.boardMember, `/returns?ref=${schools.reference}`, 'History'],
    ['dashboard', PERSONA_IDS.boardMember, '/dashboard', 'Late and missing returns'],
    ['my-work-author', RETURN_AUTHOR_IDS.schools, '/my-work', 'My work'],
  ];
  const found: string[] = [];
  for (const theme of THEMES)
    for (const [name, persona, at, heading] of pages) {
      const page = await open(persona, at, theme);
      await page.getByRole('heading', { name: heading }).first().waitFor();
      if (name === 'dashboard') await page.locator('figure svg').first().waitFor();
      await page.waitForLoadState('networkidle');
      found.push(...(await seriousViolations(page)).map((v) => `${theme} ${name}: ${v}`));
      await shots.take(page, `${theme}-${name}`);
      await page.close();
    }
  expect(found).toEqual([]);
});

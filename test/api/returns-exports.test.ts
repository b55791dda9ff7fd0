/**
 * The collation over HTTP and as files: a real Excel workbook (opened here with exceljs) with a sheet per view,
 * and CSV, both showing what the dashboard shows, suppressed cells as [c], and nothing that can run as a formula.
 */
import ExcelJS from 'exceljs';
import { EXPORT_CONTENT_TYPES, pathOf, ReturnOperations as R, SUPPRESSED_DISPLAY } from '@pph/contract';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ seed: true, start: new Date('2026-12-01T10:00:00Z') });
});
afterAll(() => hub.close());

const Q3 = '2026-27-Q3';
const Q2 = '2026-27-Q2';
const download = async (persona: string, path: string) => {
  const res = await fetch(`${hub.url}${path}`, { headers: { 'x-dev-persona': persona } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
};

it('collates the demo quarter for the Board, with last quarter beside it', async () => {
  const res = await hub.as(PERSONA_IDS.boardMember).get(pathOf(R.getCollation, { cycleId: Q3 }));
  expect(res.status).toBe(200);
  const v = res.body;
  expect(v.completion).toMatchObject({ expected: 7, submitted: 4, approved: 1 });
  expect(v.previousCycle.id).toBe(Q2);
  // The council's 153 social care staff, as its paper counted them.
  const social = v.trainingByStaffGroup.rows.find((r: { key: string }) => r.key === 'social-care');
  expect(social.cells[0].display).toBe('153');
  // No suppressed cell carries its value.
  const cells = JSON.stringify(v);
  expect(cells).not.toMatch(/"value":\d+,"suppressed":true/);
  expect(cells).toContain(SUPPRESSED_DISPLAY);
});

it('refuses the collation to a return author: it is for the Board and the secretariat', async () => {
  const res = await hub.as(PERSONA_IDS.returnAuthor).get(pathOf(R.getCollation, { cycleId: Q3 }));
  expect(res.status).toBe(403);
  expect(res.body.error.message).toBe('Only the Board and the secretariat see the collated returns.');
});

it('exports a workbook with a sheet per view, the same figures, [c] where suppressed', async () => {
  const { res, bytes } = await download(
    PERSONA_IDS.secretariat,
    pathOf(R.exportCollationWorkbook, { cycleId: Q3 }),
  );
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(EXPORT_CONTENT_TYPES.xlsx);
  expect(res.headers.get('content-disposition')).toBe(
    'attachment; filename="prevent-returns-2026-27-Q3.xlsx"',
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual([
    'Completion',
    'Training by staff group',
    'Training by sector',
    'Referrals by sector',
    'Completion rates',
    'Change on last quarter',
    'RAG by section',
    'Late and missing',
    'Notes',
  ]);
  const json = (await hub.as(PERSONA_IDS.secretariat).get(pathOf(R.getCollation, { cycleId: Q3 }))).body;
  const sheet = wb.getWorksheet('Training by staff group')!;
  const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
  const social = rows.find((r) => r[1] === 'Social care staff')!;
  expect(social[2]).toBe(153);
  const total = rows.find((r) => r[1] === 'Total')!;
  expect(total.at(-1)).toBe(json.trainingByStaffGroup.grandTotal.value ?? SUPPRESSED_DISPLAY);
  const referrals = wb.getWorksheet('Referrals by sector')!.getSheetValues().flat();
  expect(referrals).toContain(SUPPRESSED_DISPLAY);
  expect(wb.getWorksheet('Completion')!.getCell('B4').value).toBe(json.completion.submitted);
});

it('exports each view as CSV', async () => {
  const { res, bytes } = await download(
    PERSONA_IDS.boardChair,
    pathOf(R.exportCollationCsv, { cycleId: Q3, view: 'training-by-staff-group' }),
  );
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(EXPORT_CONTENT_TYPES.csv);
  const text = bytes.toString('utf8').replace(/^\ufeff/, '');
  const lines = text.trimEnd().split('\r\n');
  expect(lines[1]).toBe(',Awareness,Workshop,Specialist,Total');
  expect(lines).toContain('Social care staff,153,0,0,153');
  const bad = await hub
    .as(PERSONA_IDS.boardChair)
    .get(pathOf(R.exportCollationCsv, { cycleId: Q3, view: 'everything' as 'rag' }));
  expect(bad.status).toBe(400);
});

it('escapes text that a spreadsheet would run as a formula, in CSV and in the workbook', async () => {
  // An agency named like a formula (the register is typed by people): last quarter it is the missing return.
  await hub.hub.directory.upsertPartner({
    id: 'yos',
    name: '=HYPERLINK("http://evil.example","Click")',
    sector: 'youth-offending',
    owesQuarterlyReturns: true,
  });
  hub.clock.current = new Date(hub.clock.current.getTime() + 61_000); // the register is re-read each minute
  const csv = await download(
    PERSONA_IDS.secretariat,
    pathOf(R.exportCollationCsv, { cycleId: Q2, view: 'late-and-missing' }),
  );
  const text = csv.bytes.toString('utf8');
  expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
  expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  const xlsx = await download(PERSONA_IDS.secretariat, pathOf(R.exportCollationWorkbook, { cycleId: Q2 }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const cells = wb.getWorksheet('Late and missing')!.getSheetValues().flat();
  expect(cells).toContain(`'=HYPERLINK("http://evil.example","Click")`);
  expect(cells.some((c) => typeof c === 'object' && c !== null && 'formula' in c)).toBe(false);
  // Negative changes stay numbers.
  const change = await download(
    PERSONA_IDS.secretariat,
    pathOf(R.exportCollationCsv, { cycleId: Q3, view: 'change-on-previous-quarter' }),
  );
  expect(change.bytes.toString('utf8')).toMatch(/,-\d+\r\n/);
});

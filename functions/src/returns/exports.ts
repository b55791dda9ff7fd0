/**
 * The collation as files: an Excel workbook with a sheet per view, and each view as CSV. Both are built from the
 * one collation view, so they show exactly what the dashboard shows (suppressed cells as [c]); every text cell
 * goes through safeText, so nothing in a file can run as a formula.
 */
import ExcelJS from 'exceljs';
import type { Cell, CollationCsvView, CollationView, CountTable } from '@pph/contract';
import { csvOf, safeText, type SheetValue } from '../kernel/statistics/spreadsheet';

type Sheet = { name: string; rows: SheetValue[][] };

const cell = (c: Cell | { value?: number; display: string }): SheetValue => c.value ?? c.display;

function tableRows(t: CountTable): SheetValue[][] {
  return [
    [t.title],
    ['', ...t.columns.map((c) => c.label), 'Total'],
    ...t.rows.map((r) => [r.label, ...r.cells.map(cell), cell(r.total)]),
    ['Total', ...t.columnTotals.map(cell), cell(t.grandTotal)],
  ];
}

/** Every view as rows of values, in the order the workbook shows them. */
export function views(v: CollationView): Record<CollationCsvView, Sheet> {
  const c = v.completion;
  return {
    completion: {
      name: 'Completion',
      rows: [
        [`Completion: ${v.cycle.label}`],
        ['Measure', 'Returns', 'Per cent of expected'],
        ['Expected', c.expected, 100],
        ['Submitted or approved', c.submitted, c.submittedPercent],
        ['Approved', c.approved, c.approvedPercent],
        ['Late', c.late, null],
        ['Missing', c.missing, null],
      ],
    },
    'training-by-staff-group': { name: 'Training by staff group', rows: tableRows(v.trainingByStaffGroup) },
    'training-by-sector': { name: 'Training by sector', rows: tableRows(v.trainingBySector) },
    'referrals-by-sector': { name: 'Referrals by sector', rows: tableRows(v.referralsBySector) },
    'completion-rates': {
      name: 'Completion rates',
      rows: [
        ['Staff trained to date, of staff in scope'],
        ['Staff group', 'Staff in scope', 'Trained to date', 'Per cent'],
        ...v.completionRates.map((r) => [
          r.label,
          cell(r.staffInScope),
          cell(r.trainedToDate),
          r.percent.value ?? r.percent.display,
        ]),
      ],
    },
    'change-on-previous-quarter': {
      name: 'Change on last quarter',
      rows: [
        [v.previousCycle ? `Change on ${v.previousCycle.label}` : 'No previous quarter to compare with'],
        ['Figure', 'This quarter', 'Previous quarter', 'Change'],
        ...v.changeOnPreviousQuarter.map((r) => [r.label, cell(r.current), cell(r.previous), cell(r.change)]),
      ],
    },
    rag: {
      name: 'RAG by section',
      rows: [
        ['Delivery-plan progress: returns reporting each status'],
        ['Section', 'Red: off track', 'Amber: at risk', 'Green: on track', 'Not reported'],
        ...v.rag.map((r) => [r.label, r.red, r.amber, r.green, r.notReported]),
      ],
    },
    'late-and-missing': {
      name: 'Late and missing',
      rows: [
        ['Returns submitted late or still missing'],
        ['Reference', 'Agency', 'Late or missing', 'Due', 'Submitted', 'Days late'],
        ...v.lateAndMissing.map((r) => [
          r.reference,
          r.partnerName,
          r.kind,
          r.dueOn,
          r.submittedAt ? r.submittedAt.slice(0, 10) : null,
          r.daysLate,
        ]),
      ],
    },
  };
}

export const csvFor = (v: CollationView, view: CollationCsvView) => csvOf(views(v)[view].rows);

export const exportFileName = (v: CollationView, ext: 'xlsx' | 'csv', view?: string) =>
  `prevent-returns-${v.cycle.id}${view ? `-${view}` : ''}.${ext}`;

export async function workbookFor(v: CollationView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Prevent Partnership Hub';
  wb.created = new Date(v.generatedAt);
  for (const sheet of Object.values(views(v))) {
    const ws = wb.addWorksheet(sheet.name);
    for (const row of sheet.rows)
      ws.addRow(row.map((x) => (typeof x === 'string' ? safeText(x) : (x ?? null))));
    ws.getRow(1).font = { bold: true };
    ws.getRow(2).font = { bold: true };
    ws.columns.forEach((col, i) => {
      col.width = i === 0 ? 48 : 18;
    });
  }
  const notes = wb.addWorksheet('Notes');
  for (const line of [
    [`Prevent returns: ${v.cycle.label}`],
    ['Generated', v.generatedAt],
    ['Basis', v.basis],
    ['Suppression', v.suppressionNote],
  ])
    notes.addRow(line.map((x) => safeText(x)));
  notes.getColumn(1).width = 20;
  notes.getColumn(2).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

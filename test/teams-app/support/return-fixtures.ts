/** Returns as the hub answers them, checked against the contract's schemas. */
import {
  CollationViewSchema,
  CycleOverviewSchema,
  MyReturnsResponseSchema,
  QUARTERLY_RETURN_V1,
  ReturnCyclesResponseSchema,
  ReturnViewSchema,
  cycleDates,
  DEFAULT_CYCLE_CONFIG,
  DEFAULT_APPROVAL_RULE,
  describeApprovalRule,
  sectionsFor,
  type ReturnSummary,
  type ReturnView,
} from '@pph/contract';

export const CYCLE_ID = '2026-27-Q3';
export const cycle = {
  ...cycleDates(CYCLE_ID, DEFAULT_CYCLE_CONFIG),
  status: 'open' as const,
  template: { id: 'quarterly-return', version: 1 },
};

const college = { id: 'college', name: 'Harbourside College', sector: 'further-education' as const };
const noActions = { edit: false, submit: false, approve: false, sendBack: false };

export const returnView = (overrides: Partial<ReturnView> = {}): ReturnView =>
  ReturnViewSchema.parse({
    reference: 'RTN-2026-27-Q3-0006',
    etag: '"3"',
    revision: 3,
    cycle,
    partner: college,
    status: 'draft',
    statusLabel: 'Draft',
    template: QUARTERLY_RETURN_V1,
    applicableSections: sectionsFor(QUARTERLY_RETURN_V1, 'further-education').map((s) => ({
      key: s.key,
      label: s.label,
    })),
    content: { training: [], referrals: { byAgeBand: {} }, sections: [], risks: [] },
    dueOn: cycle.dueOn,
    late: false,
    approvals: [],
    approvalRule: DEFAULT_APPROVAL_RULE,
    approvalRuleText: describeApprovalRule(DEFAULT_APPROVAL_RULE),
    history: [{ at: '2026-12-01T09:00:00.000Z', action: 'started', revision: 1, summary: 'Return opened' }],
    can: { ...noActions, edit: true, submit: true },
    ...overrides,
  });

/** A complete, consistent return's content for Harbourside College's sector. */
export const completeContent = () => ({
  training: [{ staffGroup: 'education', counts: { awareness: 40, workshop: 12 }, total: 52 }],
  trainingTotal: 52,
  referrals: { byAgeBand: { '14-17': 3, '18-24': 2 }, total: 5 },
  sections: sectionsFor(QUARTERLY_RETURN_V1, 'further-education').map((s) => ({
    section: s.key,
    rag: 'green' as const,
    actions: [],
  })),
  risks: [],
});

export const summaryOf = (v: ReturnView, overrides: Partial<ReturnSummary> = {}): ReturnSummary => ({
  reference: v.reference,
  etag: v.etag,
  cycleId: v.cycle.id,
  cycleLabel: v.cycle.label,
  partner: v.partner,
  status: v.status,
  statusLabel: v.statusLabel,
  dueOn: v.dueOn,
  late: v.late,
  can: v.can,
  ...overrides,
});

export const submittedBy = (
  partner: { id: string; name: string; sector: ReturnView['partner']['sector'] },
  n: number,
) =>
  returnView({
    reference: `RTN-2026-27-Q3-000${n}`,
    etag: `"${n}0"`,
    partner,
    status: 'submitted',
    statusLabel: 'Submitted, waiting for approval',
    content: completeContent(),
    submittedAt: '2026-12-10T10:00:00.000Z',
    can: { ...noActions, approve: true, sendBack: true },
  });

export const myReturns = (toWrite: ReturnSummary[], toApprove: ReturnSummary[]) =>
  MyReturnsResponseSchema.parse({ toWrite, toApprove });

export const cycles = () =>
  ReturnCyclesResponseSchema.parse({ items: [{ ...cycle, expected: 7, submitted: 2, approved: 1 }] });

export const overview = (returns: ReturnSummary[], canChase = true) =>
  CycleOverviewSchema.parse({
    cycle,
    approvalRuleText: describeApprovalRule(DEFAULT_APPROVAL_RULE),
    returns,
    counts: { expected: 7, notStarted: 3, draft: 1, submitted: 2, approved: 1, sentBack: 0, late: 2 },
    canChase,
  });

const cell = (value: number | undefined) =>
  value === undefined
    ? { suppressed: true, display: '[c]' }
    : { value, suppressed: false, display: String(value) };

export const collation = () =>
  CollationViewSchema.parse({
    cycle,
    generatedAt: '2026-12-15T10:00:00.000Z',
    basis: 'submitted and approved returns',
    suppressionNote:
      '[c] marks a count of 1 to 4 people, and counts withheld so that it cannot be worked out from the totals.',
    completion: {
      expected: 7,
      submitted: 3,
      approved: 1,
      submittedPercent: 43,
      approvedPercent: 14,
      late: 2,
      missing: 4,
    },
    trainingByStaffGroup: {
      title: 'Training by staff group',
      columns: [
        { key: 'awareness', label: 'Awareness' },
        { key: 'workshop', label: 'Workshop' },
      ],
      rows: [
        {
          key: 'education',
          label: 'Teaching and education staff',
          cells: [cell(40), cell(12)],
          total: cell(52),
        },
        {
          key: 'housing',
          label: 'Housing teams',
          cells: [cell(undefined), cell(undefined)],
          total: cell(undefined),
        },
      ],
      columnTotals: [cell(undefined), cell(undefined)],
      grandTotal: cell(60),
    },
    trainingBySector: {
      title: 'Training by sector',
      columns: [{ key: 'awareness', label: 'Awareness' }],
      rows: [{ key: 'further-education', label: 'Further education', cells: [cell(40)], total: cell(40) }],
      columnTotals: [cell(40)],
      grandTotal: cell(40),
    },
    referralsBySector: {
      title: 'Referrals by sector',
      columns: [{ key: '14-17', label: '14 to 17' }],
      rows: [{ key: 'further-education', label: 'Further education', cells: [cell(5)], total: cell(5) }],
      columnTotals: [cell(5)],
      grandTotal: cell(5),
    },
    completionRates: [],
    changeOnPreviousQuarter: [
      { key: 'trained', label: 'People trained', current: cell(60), previous: cell(50), change: cell(10) },
    ],
    rag: [{ section: 'safeguarding', label: 'Safeguarding', red: 0, amber: 1, green: 2, notReported: 0 }],
    lateAndMissing: [
      {
        reference: 'RTN-2026-27-Q3-0002',
        partnerName: 'Harbourside Police',
        status: 'not-started',
        dueOn: cycle.dueOn,
        daysLate: 3,
        kind: 'missing',
      },
    ],
  });

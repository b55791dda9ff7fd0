/**
 * Collation with the council papers' own figures: a council's 410 staff given awareness training, by team
 * (153 social care, 46 managers and directors, 31 school crossing patrol, 65 refuse and recycling, 35 housing,
 * 65 adult learners, 15 at a community group session); 399 of 411 schools completing the safeguarding audit
 * (97%) where the quarter before 345 answered the Prevent questions (84%); six young people under 18 referred.
 * The template here is the council's own list of teams: templates are data.
 */
import {
  DEFAULT_CYCLE_CONFIG,
  QUARTERLY_RETURN_V1,
  ReturnContentSchema,
  ReturnTemplateSchema,
  cycleDates,
  sectionsFor,
  type Partner,
  type ReturnContentInput,
  type ReturnStatus,
  type ReturnTemplate,
} from '@pph/contract';
import { collate, type CycleData } from '@pph/functions/returns/collation';
import type { ReturnRecord } from '@pph/functions/returns/repository';
import { newReturnState } from '@pph/functions/returns/workflow';

const TEMPLATE: ReturnTemplate = ReturnTemplateSchema.parse({
  ...QUARTERLY_RETURN_V1,
  id: 'council-teams',
  staffGroups: [
    { key: 'social-care', label: 'Social care staff' },
    { key: 'managers', label: 'Service managers and directors' },
    { key: 'crossing-patrol', label: 'School crossing patrol staff' },
    { key: 'refuse', label: 'Refuse and recycling' },
    { key: 'housing', label: 'Housing teams' },
    { key: 'adult-learners', label: 'Adult learners' },
    { key: 'community', label: 'Community group awareness session' },
    { key: 'teaching', label: 'Schools' },
  ],
  trainingLevels: [
    { key: 'awareness', label: 'Awareness' },
    { key: 'specialist', label: 'Specialist' },
  ],
});

const PARTNERS = new Map<string, Partner>(
  (
    [
      ['council', 'Stockton-like council', 'local-authority'],
      ['schools', 'Schools partnership', 'schools'],
      ['police', 'Police', 'police'],
      ['yos', 'Youth justice', 'youth-offending'],
    ] as const
  ).map(([id, name, sector]) => [id, { id, name, sector, owesQuarterlyReturns: true }]),
);

const COUNCIL_TEAMS = {
  'social-care': 153,
  managers: 46,
  'crossing-patrol': 31,
  refuse: 65,
  housing: 35,
  'adult-learners': 65,
  community: 15,
};

function record(
  cycleId: string,
  partnerId: string,
  status: ReturnStatus,
  content: Partial<ReturnContentInput>,
  submittedAt?: string,
): ReturnRecord {
  const sector = PARTNERS.get(partnerId)!.sector;
  const parsed = ReturnContentSchema.parse({
    sections: sectionsFor(TEMPLATE, sector).map((s) => ({ section: s.key, rag: 'green' })),
    ...content,
  });
  const state = newReturnState({ id: TEMPLATE.id, version: 1 }, parsed);
  return {
    id: 1,
    etag: '1',
    reference: `RTN-${cycleId}-000${[...PARTNERS.keys()].indexOf(partnerId) + 1}`,
    cycleId,
    partnerId,
    dueOn: cycleDates(cycleId, DEFAULT_CYCLE_CONFIG).dueOn,
    state: { ...state, status, ...(submittedAt ? { submittedAt } : {}) },
    pending: [],
  };
}

const cycle = (id: string, returns: ReturnRecord[]): CycleData => ({
  cycle: { id: 1, dates: cycleDates(id, DEFAULT_CYCLE_CONFIG), template: { id: TEMPLATE.id, version: 1 } },
  template: TEMPLATE,
  returns,
});

const Q3 = '2026-27-Q3';
const Q2 = '2026-27-Q2';
const current = cycle(Q3, [
  record(
    Q3,
    'council',
    'approved',
    {
      training: Object.entries(COUNCIL_TEAMS).map(([staffGroup, n]) => ({
        staffGroup,
        counts: { awareness: n },
      })),
      sections: sectionsFor(TEMPLATE, 'local-authority').map((s) => ({
        section: s.key,
        rag: s.key === 'community-resilience' ? 'amber' : 'green',
      })),
    },
    '2027-01-10T09:00:00Z',
  ),
  record(
    Q3,
    'schools',
    'submitted',
    {
      training: [
        { staffGroup: 'teaching', counts: { awareness: 399 }, staffInScope: 411, trainedToDate: 399 },
      ],
    },
    '2027-01-16T09:00:00Z',
  ),
  record(
    Q3,
    'police',
    'submitted',
    {
      training: [{ staffGroup: 'managers', counts: { awareness: 40, specialist: 3 } }],
      referrals: { byAgeBand: { '14-17': 6, '18-24': 12 } },
    },
    '2027-01-12T09:00:00Z',
  ),
  record(Q3, 'yos', 'not-started', {}),
]);
const previous = cycle(Q2, [
  record(
    Q2,
    'council',
    'approved',
    {
      training: [{ staffGroup: 'social-care', counts: { awareness: 360 } }],
    },
    '2026-10-10T09:00:00Z',
  ),
  record(
    Q2,
    'schools',
    'approved',
    {
      training: [
        { staffGroup: 'teaching', counts: { awareness: 345 }, staffInScope: 411, trainedToDate: 345 },
      ],
    },
    '2026-10-10T09:00:00Z',
  ),
]);

const view = collate(current, previous, PARTNERS, '2027-01-20', '2027-01-20T12:00:00.000Z');
const row = (t: typeof view.trainingByStaffGroup, key: string) => t.rows.find((r) => r.key === key)!;

it("totals the council's 410 by team, as its paper did, with nothing to suppress", () => {
  const council = collate(cycle(Q3, current.returns.slice(0, 1)), undefined, PARTNERS, '2027-01-20', 'x');
  const t = council.trainingByStaffGroup;
  for (const [key, n] of Object.entries(COUNCIL_TEAMS)) expect(row(t, key).cells[0]!.display).toBe(String(n));
  expect(t.grandTotal).toEqual({ value: 410, suppressed: false, display: '410' });
  expect(t.rows.flatMap((r) => [...r.cells, r.total]).some((c) => c.suppressed)).toBe(false);
});

it('as served, no hidden cell of a table falls out of a row or column with one unknown', () => {
  for (const t of [view.trainingByStaffGroup, view.trainingBySector, view.referralsBySector]) {
    const grid = [...t.rows.map((r) => [...r.cells, r.total]), [...t.columnTotals, t.grandTotal]];
    const lines = [...grid, ...grid[0]!.map((_, j) => grid.map((r) => r[j]!))];
    for (const line of lines) expect(line.filter((c) => c.suppressed).length).not.toBe(1);
  }
});

it('suppresses the three specialists, and enough else that they cannot be worked out', () => {
  const t = view.trainingByStaffGroup;
  const managers = row(t, 'managers');
  expect(managers.cells[1]).toEqual({ suppressed: true, display: '[c]' });
  // The specialist column total (3) is itself under 5; so the row and the grand total cannot both be shown
  // with everything else, or 3 falls out of a subtraction.
  expect(t.columnTotals[1]!.suppressed).toBe(true);
  const hiddenInRow = [...managers.cells, managers.total].filter((c) => c.suppressed).length;
  expect(hiddenInRow).toBeGreaterThanOrEqual(2);
  // By sector the same specialist total is hidden too: one figure, one decision.
  expect(view.trainingBySector.columnTotals[1]!.suppressed).toBe(true);
});

it('gives completion rates from staff in scope: 399 of 411 is 97%', () => {
  const teaching = view.completionRates.find((r) => r.key === 'teaching')!;
  expect([teaching.staffInScope.display, teaching.trainedToDate.display, teaching.percent.display]).toEqual([
    '411',
    '399',
    '97%',
  ]);
});

it('compares with the quarter before, when 345 of 411 had (84%), and withholds a change that would reveal a hidden figure', () => {
  const prevSchools = collate(previous, undefined, PARTNERS, '2027-01-20', 'x').completionRates.find(
    (r) => r.key === 'teaching',
  )!;
  expect(prevSchools.percent.display).toBe('84%');
  const change = Object.fromEntries(view.changeOnPreviousQuarter.map((r) => [r.key, r]));
  expect(change['trained']!.previous.display).toBe('705');
  expect(change['group:teaching']!.change.display).toBe('54');
  expect(change['level:specialist']!.change).toEqual({ suppressed: true, display: '[c]' });
});

it('rolls up RAG by section across the returns counted, with the count of those that cover it', () => {
  const resilience = view.rag.find((r) => r.section === 'community-resilience')!;
  expect(resilience).toMatchObject({ red: 0, amber: 1, green: 2, notReported: 0 });
  expect(view.rag.find((r) => r.section === 'schools-childcare')).toMatchObject({ green: 1, amber: 0 });
});

it('counts completion of expected returns and lists the late and the missing', () => {
  expect(view.completion).toEqual({
    expected: 4,
    submitted: 3,
    approved: 1,
    submittedPercent: 75,
    approvedPercent: 25,
    late: 1,
    missing: 1,
  });
  expect(view.lateAndMissing.map((r) => [r.partnerName, r.kind, r.daysLate])).toEqual([
    ['Schools partnership', 'late', 2],
    ['Youth justice', 'missing', 6],
  ]);
});

it('counts referrals by sector and age band, six of them aged 14 to 17', () => {
  const police = view.referralsBySector.rows.find((r) => r.key === 'police')!;
  expect(police.cells[view.referralsBySector.columns.findIndex((c) => c.key === '14-17')]!.display).toBe('6');
  expect(police.total.display).toBe('18');
});

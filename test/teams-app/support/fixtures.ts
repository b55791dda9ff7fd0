/** Views as the hub answers them, checked against the contract's schemas so a fixture cannot drift from it. */
import {
  ConcernViewSchema,
  MeResponseSchema,
  WorkItemsResponseSchema,
  type ConcernView,
  type MeResponse,
  type WorkItemsResponse,
} from '@pph/contract';

export const LEAD_ID = '00000000-0000-4000-8000-000000000002';

export const me = (overrides: Partial<MeResponse['person']> = {}): MeResponse =>
  MeResponseSchema.parse({
    person: {
      id: LEAD_ID,
      displayName: 'Sasha Lindqvist',
      email: 'sasha.lindqvist@harbourside.example',
      partnerId: 'council',
      roles: ['safeguarding-lead', 'referrer'],
      ...overrides,
    },
    partner: {
      id: 'council',
      name: 'Harbourside Borough Council',
      sector: 'local-authority',
      owesQuarterlyReturns: true,
    },
  });

export const queue = (overrides: Partial<WorkItemsResponse> = {}): WorkItemsResponse =>
  WorkItemsResponseSchema.parse({
    items: [
      {
        reference: 'PRV-2026-0001',
        stepId: 's1',
        stepTitle: 'Designated safeguarding lead review',
        stageTitle: 'Safeguarding lead review',
        status: 'open',
        dueOn: '2026-11-25',
        overdue: false,
        escalated: false,
        immediateRisk: false,
      },
      {
        reference: 'PRV-2026-0006',
        stepId: 's1',
        stepTitle: 'Designated safeguarding lead review',
        stageTitle: 'Safeguarding lead review',
        status: 'awaiting-information',
        dueOn: '2026-11-20',
        overdue: true,
        escalated: true,
        immediateRisk: true,
      },
    ],
    reviews: [],
    ...overrides,
  });

export const concern = (overrides: Partial<ConcernView> = {}): ConcernView =>
  ConcernViewSchema.parse({
    reference: 'PRV-2026-0001',
    etag: '"7"',
    status: 'open',
    submittedAt: '2026-11-23T10:00:00.000Z',
    referrerStatus: 'With the safeguarding lead',
    immediateRisk: false,
    stage: { key: 'dsl-review', title: 'Safeguarding lead review' },
    intake: {
      referrer: {
        name: 'Robin Ashdown',
        role: 'Housing officer',
        organisation: 'Harbourside Borough Council',
        email: 'robin.ashdown@harbourside.example',
      },
      subject: { name: 'Demo Subject A', age: 16, gender: 'male' },
      whatHappened: 'Demo data: shared extremist videos in a group chat.',
      howItCameToLight: 'Demo data: reported by a youth worker.',
      indicators: ['online-extremist-material'],
      ideologyCategory: 'extreme-right-wing',
      immediateRisk: false,
      subjectAware: false,
      informationSharingBasis: 'public-task',
      attachments: [],
    },
    steps: [
      {
        id: 's1',
        stageKey: 'dsl-review',
        stepKey: 'dsl',
        title: 'Designated safeguarding lead review',
        decidedBy: { role: 'safeguarding-lead', partnerName: 'Harbourside Borough Council' },
        status: 'open',
        openedAt: '2026-11-23T10:00:00.000Z',
        dueOn: '2026-11-25',
        overdue: false,
        escalated: false,
        allowedDecisions: ['forward', 'request-information', 'close'],
        outcomes: [{ key: 'not-prevent', label: 'Not a Prevent concern', closes: true }],
        canAssign: true,
      },
    ],
    informationRequests: [],
    notes: [],
    reviews: [],
    history: [
      {
        at: '2026-11-23T10:00:00.000Z',
        by: { id: 'r', displayName: 'Robin Ashdown' },
        summary: 'Concern raised',
      },
    ],
    withheld: ['police decisions'],
    canAddNote: true,
    ...overrides,
  });

import { RouteDefinitionSchema, type RouteDefinition, type RouteDefinitionInput } from '@pph/contract';
import { PARTNERSHIP_COORDINATOR } from '../policy';
import { WITH_PREVENT_TEAM } from '../workflow/referrer-status';

const council = { kind: 'sector', sector: 'local-authority' } as const;
const police = { kind: 'sector', sector: 'police' } as const;
/** The partnership's co-ordinator screens concerns and takes most escalations. */
const coordinator = PARTNERSHIP_COORDINATOR;

/**
 * The default Prevent route: safeguarding lead review → Prevent co-ordinator screening → police Prevent triage
 * and deconfliction → Channel panel decision → support plan with monthly reviews → closure, with reviews 6 and
 * 12 months after closure. Data, not code: a new version is a new definition; concerns keep the version they
 * started on.
 */
export const DEFAULT_ROUTE_INPUT: RouteDefinitionInput = {
  id: 'prevent-default',
  // v2: one neutral referrer status from screening on (v1 told the referrer when police passed a concern to
  // the Channel panel and when the panel adopted it). Concerns started on v1 keep it.
  version: 2,
  name: 'Prevent referral (default route)',
  closureReviewMonths: [6, 12],
  stages: [
    {
      key: 'safeguarding-review',
      title: 'Safeguarding lead review',
      referrerStatus: 'With your safeguarding lead',
      completion: 'any',
      steps: [
        {
          key: 'dsl-review',
          title: 'Designated safeguarding lead review',
          decidedBy: { role: 'safeguarding-lead', partner: { kind: 'referrer-partner' } },
          decisions: ['forward', 'request-information', 'close'],
          outcomes: [
            {
              key: 'not-prevent',
              label: 'Not a Prevent concern: handled through usual safeguarding',
              effect: { kind: 'close', scheduleClosureReviews: false },
            },
          ],
          visibility: 'case',
          timeLimitWorkingDays: 2,
          reminderWorkingDaysBefore: 1,
          escalateTo: coordinator,
        },
      ],
    },
    {
      key: 'coordinator-screening',
      title: 'Prevent co-ordinator screening',
      referrerStatus: WITH_PREVENT_TEAM,
      completion: 'any',
      steps: [
        {
          key: 'screening',
          title: 'Prevent co-ordinator screening',
          decidedBy: coordinator,
          decisions: ['forward', 'request-information', 'return', 'close'],
          outcomes: [
            {
              key: 'no-prevent-concern',
              label: 'No Prevent concern: signposted to other support',
              effect: { kind: 'close', scheduleClosureReviews: false },
            },
          ],
          visibility: 'case',
          timeLimitWorkingDays: 3,
          reminderWorkingDaysBefore: 1,
          escalateTo: { role: 'channel-chair', partner: council },
        },
      ],
    },
    {
      key: 'police-triage',
      title: 'Police Prevent triage and deconfliction',
      referrerStatus: WITH_PREVENT_TEAM,
      completion: 'any',
      steps: [
        {
          key: 'police-triage',
          title: 'Police Prevent triage and deconfliction',
          decidedBy: { role: 'police-prevent', partner: police },
          decisions: ['forward', 'request-information', 'return', 'close'],
          outcomes: [
            {
              key: 'police-led',
              label: 'Police-led case management',
              effect: { kind: 'close', scheduleClosureReviews: false },
            },
            {
              key: 'no-further-action',
              label: 'No further action under Prevent',
              effect: { kind: 'close', scheduleClosureReviews: false },
            },
          ],
          visibility: 'police',
          timeLimitWorkingDays: 5,
          reminderWorkingDaysBefore: 2,
          escalateTo: coordinator,
        },
      ],
    },
    {
      key: 'channel-panel',
      title: 'Channel panel decision',
      referrerStatus: WITH_PREVENT_TEAM,
      completion: 'any',
      steps: [
        {
          key: 'panel-decision',
          title: 'Channel panel decision',
          decidedBy: { role: 'channel-chair', partner: council },
          decisions: ['forward', 'request-information', 'return', 'close'],
          outcomes: [
            { key: 'adopt', label: 'Adopt as a Channel case', effect: { kind: 'next' } },
            { key: 'alternative-support', label: 'Alternative support', effect: { kind: 'next' } },
            {
              key: 'police-led',
              label: 'Police-led case management',
              effect: { kind: 'close', scheduleClosureReviews: true },
            },
            {
              key: 'no-further-action',
              label: 'No further action',
              effect: { kind: 'close', scheduleClosureReviews: true },
            },
          ],
          visibility: 'panel',
          timeLimitWorkingDays: 20,
          reminderWorkingDaysBefore: 5,
          escalateTo: coordinator,
        },
      ],
    },
    {
      key: 'support-plan',
      title: 'Support plan',
      referrerStatus: WITH_PREVENT_TEAM,
      completion: 'any',
      reviewEveryMonths: 1,
      steps: [
        {
          key: 'support-plan-closure',
          title: 'Support plan: close when support is complete',
          decidedBy: { role: 'channel-chair', partner: council },
          decisions: ['close', 'return'],
          outcomes: [
            {
              key: 'support-completed',
              label: 'Support completed: risk reduced',
              effect: { kind: 'close', scheduleClosureReviews: true },
            },
            {
              key: 'exited-other',
              label: 'Exited support: referred to other services',
              effect: { kind: 'close', scheduleClosureReviews: true },
            },
          ],
          visibility: 'panel',
          timeLimitWorkingDays: 130,
          reminderWorkingDaysBefore: 10,
          escalateTo: coordinator,
        },
      ],
    },
  ],
};

export const DEFAULT_ROUTE: RouteDefinition = RouteDefinitionSchema.parse(DEFAULT_ROUTE_INPUT);

/**
 * The demo quarter for local runs: this quarter's cycle and the one before, with returns from every agency of
 * the demo partnership in every state (not started, draft, submitted, approved, sent back; last quarter one late
 * and one missing). Figures follow the council papers (a council's 410 staff given awareness training, by
 * team; 399 of 411 schools completing the audit). Made with the workflow's own transitions and checks, by the
 * agencies' return authors and board members of other agencies, so every state is one the workflow reaches.
 */
import {
  cycleDates,
  cycleId,
  emptyReturnContent,
  previousCycleId,
  quarterOf,
  returnProblems,
  sectionsFor,
  shiftDate,
  type ApprovalRule,
  type CycleDates,
  type Rag,
  type ReturnContent,
  type ReturnCycleConfig,
} from '@pph/contract';
import type { Actor } from '../kernel/auth/actor';
import { londonDate } from '../kernel/calendar/working-days';
import type { Directory } from '../kernel/directory/directory';
import type { Counters } from '../kernel/store/counters';
import { retryOnConflict } from '../kernel/store/retry';
import type { CycleOpener } from './cycles';
import type { ReturnRecord, ReturnRepository } from './repository';
import type { ReturnPendingEvent } from './state';
import type { TemplateRepository } from './templates';
import * as flow from './workflow';

type Counts = Partial<Record<'awareness' | 'workshop' | 'specialist', number>>;
type TrainingLine = [staffGroup: string, counts: Counts, inScope?: number, trainedToDate?: number];

interface DemoReturn {
  partnerId: string;
  status: 'not-started' | 'draft' | 'submitted' | 'approved' | 'sent-back';
  training?: TrainingLine[];
  referrals?: Record<string, number>;
  /** RAG per section; sections not named are green. */
  rag?: Record<string, Rag>;
  late?: boolean;
  sentBackComments?: string;
}

const NARRATIVE: Record<Rag, string> = {
  green: 'Demo data: on track; actions for the quarter completed.',
  amber:
    'Demo data: behind plan. Two actions slipped because of staff changes; a recovery plan is agreed and reported to the next Board.',
  red: 'Demo data: off track. The lead post is vacant; the Board is asked to agree interim cover.',
};

/** This quarter, as the demo tells it. */
const CURRENT: DemoReturn[] = [
  {
    partnerId: 'council',
    status: 'submitted',
    // Awareness training by team, as a council reported it to its partnership (410 in all).
    training: [
      ['social-care', { awareness: 153 }, 180, 153],
      ['managers', { awareness: 46 }, 52, 46],
      ['frontline', { awareness: 96 }],
      ['housing', { awareness: 35 }, 40, 35],
      ['learners', { awareness: 65 }],
      ['community', { awareness: 15 }],
    ],
    referrals: { '14-17': 3, '18-24': 2, '25-39': 1 },
    rag: { 'community-resilience': 'amber', 'out-of-school-settings': 'amber' },
  },
  {
    partnerId: 'police',
    status: 'submitted',
    training: [['police-justice', { awareness: 120, workshop: 24, specialist: 6 }, 310, 268]],
    referrals: { 'under-14': 1, '14-17': 6, '18-24': 4, '25-39': 3, '40-plus': 1 },
  },
  {
    partnerId: 'health',
    status: 'approved',
    training: [
      ['health-clinical', { awareness: 640, workshop: 85, specialist: 12 }, 2100, 1790],
      ['other', { awareness: 40 }],
    ],
    referrals: { '18-24': 2, '25-39': 3, '40-plus': 2 },
    rag: { health: 'amber' },
  },
  {
    partnerId: 'probation',
    status: 'submitted',
    training: [['police-justice', { awareness: 48, workshop: 12 }, 75, 71]],
    referrals: { '18-24': 1, '25-39': 2 },
    rag: { probation: 'green' },
  },
  {
    partnerId: 'schools',
    status: 'sent-back',
    // 399 of 411 schools completed the safeguarding audit (97%).
    training: [['education', { awareness: 230, workshop: 41 }, 411, 399]],
    referrals: { 'under-14': 2, '14-17': 5 },
    rag: { 'schools-childcare': 'amber' },
    sentBackComments:
      'Demo data: the schools figure of 411 in scope counts schools, not staff. Give staff numbers, or say in the narrative that these are schools.',
  },
  {
    partnerId: 'college',
    status: 'draft',
    training: [
      ['education', { awareness: 88, workshop: 14 }],
      ['learners', { awareness: 310 }],
    ],
  },
  { partnerId: 'yos', status: 'not-started' },
];

/** Last quarter: all in and approved but one late and one missing. */
const PREVIOUS: DemoReturn[] = [
  {
    partnerId: 'council',
    status: 'approved',
    training: [
      ['social-care', { awareness: 120 }, 180, 125],
      ['managers', { awareness: 30 }, 52, 38],
      ['frontline', { awareness: 80 }],
      ['housing', { awareness: 35 }, 40, 20],
      ['learners', { awareness: 50 }],
      ['community', { awareness: 45 }],
    ],
    referrals: { '14-17': 4, '18-24': 3 },
  },
  {
    partnerId: 'police',
    status: 'approved',
    training: [['police-justice', { awareness: 90, workshop: 20, specialist: 8 }, 310, 230]],
    referrals: { '14-17': 5, '18-24': 5, '25-39': 2 },
  },
  {
    partnerId: 'health',
    status: 'approved',
    training: [['health-clinical', { awareness: 700, workshop: 60, specialist: 10 }, 2100, 1650]],
    referrals: { '25-39': 4, '40-plus': 3 },
  },
  {
    partnerId: 'probation',
    status: 'approved',
    training: [['police-justice', { awareness: 40, workshop: 10 }, 75, 60]],
    referrals: { '25-39': 2 },
  },
  {
    partnerId: 'schools',
    status: 'approved',
    late: true,
    training: [['education', { awareness: 345, workshop: 30 }, 411, 345]],
    referrals: { 'under-14': 1, '14-17': 6 },
    rag: { 'schools-childcare': 'amber' },
  },
  {
    partnerId: 'college',
    status: 'approved',
    training: [
      ['education', { awareness: 60, workshop: 20 }],
      ['learners', { awareness: 250 }],
    ],
    referrals: { '14-17': 2, '18-24': 3 },
    rag: { 'further-higher-education': 'amber' },
  },
  { partnerId: 'yos', status: 'draft', training: [['police-justice', { awareness: 12 }]] },
];

export class ReturnDemo {
  constructor(
    private readonly d: {
      repo: ReturnRepository;
      templates: TemplateRepository;
      opener: CycleOpener;
      directory: Directory;
      counters: Counters;
      config: ReturnCycleConfig;
      rule: ApprovalRule;
      kickRelay: (id: number) => void;
    },
  ) {}

  /** Seeds once (a seed cut short finishes on the next start: each return is moved only from where it is). */
  async seed(now: Date): Promise<boolean> {
    return this.d.counters.once('demo-seed-returns', async () => {
      const today = londonDate(now);
      const { startYear, quarter } = quarterOf(today);
      // This quarter's cycle once it has opened; until then the last one is the one being filed.
      const own = cycleDates(cycleId(startYear, quarter), this.d.config);
      const current = own.opensOn <= today ? own : cycleDates(previousCycleId(own.id), this.d.config);
      const previous = cycleDates(previousCycleId(current.id), this.d.config);
      await this.cycle(previous, PREVIOUS, now, false);
      await this.cycle(current, CURRENT, now, true);
    });
  }

  private async cycle(dates: CycleDates, plan: DemoReturn[], now: Date, live: boolean) {
    await this.d.opener.open(dates, now, { notify: live });
    const actors = await this.d.directory.actors();
    const partners = await this.d.directory.partners();
    for (const r of plan) {
      const record = await this.d.repo.byKey(dates.id, r.partnerId);
      const author = actors.find((a) => a.partnerId === r.partnerId && a.roles.includes('return-author'));
      const partner = partners.get(r.partnerId);
      if (!record || !author || !partner || record.state.status !== 'not-started') continue;
      // Past cycles happened before today: their steps are dated inside the cycle, and told to nobody now.
      const at = (daysFromDue: number, hour: number) =>
        live
          ? new Date(now.getTime() - (12 - hour) * 3_600_000)
          : new Date(`${shiftDate(dates.dueOn, daysFromDue)}T${String(hour).padStart(2, '0')}:00:00Z`);
      await this.play(record, r, dates, partner, author, actors, at, live);
      // Relayed once its story is written: a relay run between two of its steps would move the item under it.
      this.d.kickRelay(record.id);
    }
  }

  private async play(
    start: ReturnRecord,
    r: DemoReturn,
    dates: CycleDates,
    partner: { id: string; name: string; sector: Parameters<typeof sectionsFor>[1] },
    author: Actor,
    actors: Actor[],
    at: (daysFromDue: number, hour: number) => Date,
    live: boolean,
  ) {
    let record = start;
    const template = await this.d.templates.get(record.state.template);
    const person = (a: Actor): flow.ActingPerson => ({
      id: a.id,
      displayName: a.displayName,
      partnerId: a.partnerId,
      partnerName: partner.id === a.partnerId ? partner.name : a.partnerId,
    });
    const approver =
      actors.find(
        (a) => a.roles.includes('board-member') && a.partnerId === 'probation' && a.partnerId !== r.partnerId,
      ) ?? actors.find((a) => a.roles.includes('board-member') && a.partnerId !== r.partnerId);
    const ctx = (now: Date): flow.ChangeContext => ({
      reference: record.reference,
      partnerId: record.partnerId,
      partnerName: partner.name,
      cycleLabel: dates.label,
      dueOn: dates.dueOn,
      now,
    });
    const commit = async (t: flow.Transition | undefined) => {
      if (!t) return;
      const events: ReturnPendingEvent[] = live ? t.events : t.events.filter((e) => e.kind === 'audit');
      const from = JSON.stringify(record.state);
      record = await retryOnConflict(
        async (attempt) => {
          if (attempt > 0) {
            // The relay of what the cycle's opening wrote may clear the item's events under the demo: read it
            // again and write the same step, so long as only that has changed.
            const fresh = await this.d.repo.byId(record.id);
            if (!fresh || JSON.stringify(fresh.state) !== from)
              throw new Error(`The demo return ${record.reference} was changed while the seed wrote it.`);
            record = fresh;
          }
          return this.d.repo.commit(record, t.state, [...record.pending, ...events]);
        },
        { attempts: 6 },
      );
    };
    if (r.status === 'not-started') return;
    const content = this.content(template, partner.sector, r, r.status !== 'draft');
    const submitDay = r.late ? 6 : -3;
    await commit(flow.saveDraft(record.state, content, person(author), ctx(at(submitDay - 2, 9))));
    if (r.status === 'draft') return;
    if (returnProblems(template, partner.sector, content, { forSubmission: true }).length)
      throw new Error(`The demo return of ${partner.id} is not complete.`);
    await commit(flow.submit(record.state, content, person(author), ctx(at(submitDay, 10)), this.d.rule));
    if (!approver) return;
    const board = {
      ...person(approver),
      partnerName: (await this.d.directory.partners()).get(approver.partnerId)?.name ?? approver.partnerId,
    };
    if (r.status === 'approved')
      await commit(flow.approve(record.state, board, ctx(at(submitDay + 4, 11)), this.d.rule, undefined));
    if (r.status === 'sent-back') {
      const chair =
        actors.find((a) => a.roles.includes('board-chair') && a.partnerId !== r.partnerId) ?? approver;
      const by = {
        ...person(chair),
        partnerName: (await this.d.directory.partners()).get(chair.partnerId)?.name ?? chair.partnerId,
      };
      await commit(
        flow.sendBack(
          record.state,
          by,
          ctx(at(submitDay + 1, 11)),
          r.sentBackComments ?? 'Demo data: please check the totals.',
        ),
      );
    }
  }

  /** The return's content: its lines, every applicable section (green unless said), totals from the parts. */
  private content(
    template: Parameters<typeof sectionsFor>[0],
    sector: Parameters<typeof sectionsFor>[1],
    r: DemoReturn,
    complete: boolean,
  ): ReturnContent {
    const training = (r.training ?? []).map(([staffGroup, counts, inScope, trained]) => {
      const clean = Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== undefined)) as Record<
        string,
        number
      >;
      return {
        staffGroup,
        counts: clean,
        ...(complete ? { total: Object.values(clean).reduce((a, b) => a + b, 0) } : {}),
        ...(inScope !== undefined ? { staffInScope: inScope, trainedToDate: trained! } : {}),
      };
    });
    const byAgeBand = r.referrals ?? {};
    const base = emptyReturnContent();
    if (!complete) return { ...base, training };
    return {
      ...base,
      training,
      trainingTotal: training.reduce((a, row) => a + (row.total ?? 0), 0),
      referrals: { byAgeBand, total: Object.values(byAgeBand).reduce((a, b) => a + b, 0) },
      sections: sectionsFor(template, sector).map((s) => {
        const rag = r.rag?.[s.key] ?? 'green';
        return {
          section: s.key,
          rag,
          narrative: NARRATIVE[rag],
          actions: [`Demo: ${s.label} actions for the quarter`],
        };
      }),
      risks: [
        {
          kind: 'risk',
          description: 'Demo data: training capacity falls in the summer holidays.',
          mitigation: 'Demo data: e-learning offered instead.',
        },
      ],
      goodPractice: 'Demo data: joint briefing with the community safety partnership.',
      priorities: 'Demo data: refresh awareness training for new starters.',
    };
  }
}

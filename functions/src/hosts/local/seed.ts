/**
 * Seeds a fictional partnership on first run: agencies, a persona for every role, and a handful of concerns
 * at different steps, made through the domain services so that every state is one the workflow can reach.
 */
import type { ConcernIntakeInput, SubmitConcernRequest } from '@pph/contract';
import { ConcernIntakeSchema } from '@pph/contract';
import type { Actor } from '../../kernel/auth/actor';
import type { Hub } from '../../hub';
import { firstWhere } from '../../kernel/store/paging';
import { KernelLists } from '../../kernel/lists';
import { DEMO_PARTNERS, DEMO_PEOPLE, PERSONA_IDS } from './personas';

export function demoIntake(overrides: Partial<ConcernIntakeInput> = {}): ConcernIntakeInput {
  return {
    referrer: {
      name: 'Robin Ashdown',
      role: 'Housing officer',
      organisation: 'Harbourside Borough Council',
      email: 'robin.ashdown@harbourside.example',
    },
    subject: {
      name: 'Demo Subject A',
      age: 16,
      gender: 'male',
      address: '1 Example Row, Harbourside',
      schoolOrEmployer: 'Harbourside Academy (demo)',
      knownToOtherServices: 'Early help (demo data)',
    },
    whatHappened:
      'Demo data: a young person shared extremist videos in a group chat and spoke approvingly of violence.',
    howItCameToLight: 'Demo data: reported by a youth worker during a routine visit.',
    indicators: ['online-extremist-material', 'changes-in-behaviour'],
    ideologyCategory: 'extreme-right-wing',
    immediateRisk: false,
    subjectAware: false,
    informationSharingBasis: 'public-task',
    attachments: [],
    ...overrides,
  };
}

const submit = (key: string, overrides: Partial<ConcernIntakeInput> = {}): SubmitConcernRequest => ({
  idempotencyKey: `demo-seed-concern-${key}`,
  concern: ConcernIntakeSchema.parse(demoIntake(overrides)),
});

const SEEDED = 'demo-seed-complete';

/**
 * Returns whether it created demo concerns: false when the demo data is already there. A seed cut short (the process stopped half-way) is
 * finished on the next start: agencies and people are upserted, concerns are submitted with fixed idempotency
 * keys, and a concern's decisions are made only when it was newly created.
 */
export async function seedDemoData(hub: Hub): Promise<boolean> {
  const store = hub.ports.store;
  if ((await firstWhere(store, KernelLists.counters, 'CounterKey', SEEDED)) !== undefined) {
    // A store seeded before quarterly returns existed gets the demo quarter once.
    await hub.returnsDemo.seed(hub.ports.clock.now());
    await hub.meetingsDemo.seed(hub.ports.clock.now());
    await hub.minutesDemo.seed(hub.ports.clock.now());
    return false;
  }
  for (const p of DEMO_PARTNERS) await hub.directory.upsertPartner(p);
  for (const p of DEMO_PEOPLE) await hub.directory.upsertPerson(p);

  const as = async (id: string) => {
    const person = await hub.directory.person(id);
    return hub.directory.actorFor(person!);
  };
  const referrer = await as(PERSONA_IDS.referrer);
  const schoolReferrer = await as(PERSONA_IDS.schoolReferrer);
  const dsl = await as(PERSONA_IDS.safeguardingLead);
  const schoolDsl = await as(PERSONA_IDS.schoolSafeguardingLead);
  const coordinator = await as(PERSONA_IDS.coordinator);
  const police = await as(PERSONA_IDS.police);
  const chair = await as(PERSONA_IDS.channelChair);
  const c = hub.concerns;
  // The decider's own work queue names the step (reading the concern would put reads in the audit trail
  // that no person made). The relay keeps the queue, so the relay just kicked finishes first.
  const firstOpenStep = async (ref: string, actor: Actor) => {
    await hub.settle();
    return (await hub.myWork.queue(actor)).items.find((i) => i.reference === ref)!.stepId;
  };
  /** Submits; the decisions that follow run only for a concern created now, not one from a cut-short seed. */
  let created = 0;
  const raise = async (actor: Actor, req: SubmitConcernRequest, then: (ref: string) => Promise<unknown>) => {
    const res = await c.submit(actor, req);
    if (!res.created) return;
    created++;
    await then(res.reference);
  };

  // 1. Just raised: waiting for the council's safeguarding lead.
  await raise(referrer, submit('0001'), async () => {});
  // 2. A school's concern, forwarded by the school's lead: with the Prevent co-ordinator.
  await raise(
    schoolReferrer,
    submit('0002', {
      subject: { name: 'Demo Subject B', age: 14, gender: 'female' },
      ideologyCategory: 'mixed-unclear-unstable',
      referrer: {
        name: 'Nico Halloran',
        role: 'Teacher',
        organisation: 'Harbourside Schools Partnership',
        email: 'nico.halloran@schools.harbourside.example',
      },
    }),
    async (r) => c.decide(schoolDsl, r, await firstOpenStep(r, schoolDsl), { decision: 'forward' }),
  );
  const forwardBy = async (r: string, ...actors: Actor[]) => {
    for (const a of actors) await c.decide(a, r, await firstOpenStep(r, a), { decision: 'forward' });
  };
  // 3. With police Prevent for triage and deconfliction.
  await raise(
    referrer,
    submit('0003', {
      subject: { name: 'Demo Subject C', dateOfBirth: '2004-03-09', gender: 'male' },
      ideologyCategory: 'islamist',
    }),
    (r) => forwardBy(r, dsl, coordinator),
  );
  // 4. Adopted by the Channel panel: support plan with monthly reviews.
  await raise(
    referrer,
    submit('0004', {
      subject: { name: 'Demo Subject D', age: 19, gender: 'non-binary' },
      ideologyCategory: 'school-massacre',
    }),
    async (r) => {
      await forwardBy(r, dsl, coordinator, police);
      await c.decide(chair, r, await firstOpenStep(r, chair), { decision: 'forward', outcome: 'adopt' });
    },
  );
  // 5. Screened out by the co-ordinator.
  await raise(
    referrer,
    submit('0005', {
      subject: { name: 'Demo Subject E', age: 34, gender: 'female' },
      ideologyCategory: 'other',
    }),
    async (r) => {
      await forwardBy(r, dsl);
      await c.decide(coordinator, r, await firstOpenStep(r, coordinator), {
        decision: 'close',
        outcome: 'no-prevent-concern',
        reason: 'Demo: family support need, referred to early help.',
      });
    },
  );
  // 6. The safeguarding lead asked the referrer for more information.
  await raise(
    referrer,
    submit('0006', {
      subject: { name: 'Demo Subject F', age: 15, gender: 'not-known' },
      immediateRisk: true,
    }),
    async (r) =>
      c.decide(dsl, r, await firstOpenStep(r, dsl), {
        decision: 'request-information',
        reason: 'Demo: which group chat was this, and when?',
      }),
  );

  await hub.returnsDemo.seed(hub.ports.clock.now());
  await hub.meetingsDemo.seed(hub.ports.clock.now());
  await hub.minutesDemo.seed(hub.ports.clock.now());
  await store.create(KernelLists.counters, { CounterKey: SEEDED, Value: 1 });
  await hub.settle();
  await hub.pumpOnce();
  return created > 0;
}

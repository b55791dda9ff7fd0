/**
 * Seeds a fictional partnership on first run: agencies, a persona for every role, and a handful of concerns
 * at different steps, made through the domain services so that every state is one the workflow can reach.
 */
import type { ConcernIntakeInput, SubmitConcernRequest } from '../../contract';
import { ConcernIntakeSchema } from '../../contract';
import type { Hub } from '../../domain/services/hub';
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

/** Returns false when the store already holds data (seeding only ever happens once). */
export async function seedDemoData(hub: Hub): Promise<boolean> {
  if ((await hub.directory.partners()).size > 0) return false;
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
  const firstOpenStep = async (ref: string, actor = coordinator) =>
    (await c.read(actor, ref)).steps.find((s) => s.status === 'open')!.id;

  // 1. Just raised: waiting for the council's safeguarding lead.
  await c.submit(referrer, submit('0001'));
  // 2. A school's concern, forwarded by the school's lead: with the Prevent co-ordinator.
  const r2 = (
    await c.submit(
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
    )
  ).reference;
  await c.decide(schoolDsl, r2, await firstOpenStep(r2), { decision: 'forward' });
  // 3. With police Prevent for triage and deconfliction.
  const r3 = (
    await c.submit(
      referrer,
      submit('0003', {
        subject: { name: 'Demo Subject C', dateOfBirth: '2004-03-09', gender: 'male' },
        ideologyCategory: 'islamist',
      }),
    )
  ).reference;
  await c.decide(dsl, r3, await firstOpenStep(r3), { decision: 'forward' });
  await c.decide(coordinator, r3, await firstOpenStep(r3), { decision: 'forward' });
  // 4. Adopted by the Channel panel: support plan with monthly reviews.
  const r4 = (
    await c.submit(
      referrer,
      submit('0004', {
        subject: { name: 'Demo Subject D', age: 19, gender: 'non-binary' },
        ideologyCategory: 'school-massacre',
      }),
    )
  ).reference;
  await c.decide(dsl, r4, await firstOpenStep(r4), { decision: 'forward' });
  await c.decide(coordinator, r4, await firstOpenStep(r4), { decision: 'forward' });
  await c.decide(police, r4, await firstOpenStep(r4), { decision: 'forward' });
  await c.decide(chair, r4, await firstOpenStep(r4), { decision: 'forward', outcome: 'adopt' });
  // 5. Screened out by the co-ordinator.
  const r5 = (
    await c.submit(
      referrer,
      submit('0005', {
        subject: { name: 'Demo Subject E', age: 34, gender: 'female' },
        ideologyCategory: 'other',
      }),
    )
  ).reference;
  await c.decide(dsl, r5, await firstOpenStep(r5), { decision: 'forward' });
  await c.decide(coordinator, r5, await firstOpenStep(r5), {
    decision: 'close',
    outcome: 'no-prevent-concern',
    reason: 'Demo: family support need, referred to early help.',
  });
  // 6. The safeguarding lead asked the referrer for more information.
  const r6 = (
    await c.submit(
      referrer,
      submit('0006', {
        subject: { name: 'Demo Subject F', age: 15, gender: 'not-known' },
        immediateRisk: true,
      }),
    )
  ).reference;
  await c.decide(dsl, r6, await firstOpenStep(r6), {
    decision: 'request-information',
    reason: 'Demo: which group chat was this, and when?',
  });

  await hub.settle();
  await hub.pumpOnce();
  return true;
}

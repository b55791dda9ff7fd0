/**
 * Every API route × every role × own/other agency, against the seeded partnership. Expected statuses are
 * written out per persona so that a change in the policy shows up here as a changed row.
 */
import { ApiPaths } from '@pph/contract';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { submission } from '../support/concerns';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub.close());

type P = keyof typeof PERSONA_IDS;
const PERSONAS = Object.keys(PERSONA_IDS) as P[];

// Seeded concerns (see hosts/local/seed.ts): raised by the council referrer unless noted.
const AT_DSL = 'PRV-2026-0001'; // with the council's safeguarding lead
const SCHOOL_AT_SCREENING = 'PRV-2026-0002'; // raised in the schools partnership, with the co-ordinator
const AT_POLICE = 'PRV-2026-0003'; // with police Prevent
const IN_SUPPORT = 'PRV-2026-0004'; // adopted by the panel, support plan

/** Rows: operation; columns: personas in PERSONA_IDS order. */
const EXPECT: Record<string, [() => [string, string, unknown?], Partial<Record<P, number>>, number]> = {
  'read concern at DSL review (council)': [
    () => ['GET', ApiPaths.concern(AT_DSL)],
    { referrer: 200, safeguardingLead: 200, deputySafeguardingLead: 200, coordinator: 200 },
    403,
  ],
  'read school concern at screening': [
    () => ['GET', ApiPaths.concern(SCHOOL_AT_SCREENING)],
    { schoolReferrer: 200, schoolSafeguardingLead: 200, coordinator: 200 },
    403,
  ],
  'read concern at police triage': [
    () => ['GET', ApiPaths.concern(AT_POLICE)],
    { referrer: 200, safeguardingLead: 200, deputySafeguardingLead: 200, coordinator: 200, police: 200 },
    403,
  ],
  'read concern in support plan': [
    () => ['GET', ApiPaths.concern(IN_SUPPORT)],
    {
      referrer: 200,
      safeguardingLead: 200,
      deputySafeguardingLead: 200,
      coordinator: 200,
      police: 200,
      channelChair: 200,
      channelMember: 200,
    },
    403,
  ],
  'add note to concern at DSL review': [
    () => ['POST', ApiPaths.notes(AT_DSL), { text: 'Matrix note' }],
    { referrer: 201, safeguardingLead: 201, deputySafeguardingLead: 201, coordinator: 201 },
    403,
  ],
  'submit a concern': [
    () => ['POST', ApiPaths.concerns, submission()],
    {
      referrer: 201,
      safeguardingLead: 201,
      deputySafeguardingLead: 201,
      coordinator: 201,
      police: 201,
      channelMember: 201,
      returnAuthor: 201,
      schoolReferrer: 201,
      schoolSafeguardingLead: 201,
    },
    403,
  ],
  'my concerns': [
    () => ['GET', ApiPaths.myConcerns],
    {
      referrer: 200,
      safeguardingLead: 200,
      deputySafeguardingLead: 200,
      coordinator: 200,
      police: 200,
      channelMember: 200,
      returnAuthor: 200,
      schoolReferrer: 200,
      schoolSafeguardingLead: 200,
    },
    403,
  ],
  'my work queue': [() => ['GET', ApiPaths.myQueue], {}, 200],
  'who am I': [() => ['GET', ApiPaths.me], {}, 200],
  'list routes': [
    () => ['GET', ApiPaths.routes],
    {
      safeguardingLead: 200,
      deputySafeguardingLead: 200,
      coordinator: 200,
      police: 200,
      channelChair: 200,
      administrator: 200,
      schoolSafeguardingLead: 200,
    },
    403,
  ],
  'verify audit chain': [() => ['GET', ApiPaths.auditVerify], { administrator: 200 }, 403],
  'undeliverable notifications': [
    () => ['GET', '/api/notifications/undeliverable'],
    { coordinator: 200, administrator: 200 },
    403,
  ],
  'read my chat draft': [
    () => ['GET', '/api/me/draft'],
    {
      referrer: 200,
      safeguardingLead: 200,
      deputySafeguardingLead: 200,
      coordinator: 200,
      police: 200,
      channelMember: 200,
      returnAuthor: 200,
      schoolReferrer: 200,
      schoolSafeguardingLead: 200,
    },
    403,
  ],
  'decide a step that does not exist': [
    () => ['POST', ApiPaths.decide(AT_POLICE, 'sX'), { decision: 'forward' }],
    { referrer: 404, safeguardingLead: 404, deputySafeguardingLead: 404, coordinator: 404, police: 404 },
    403,
  ],
  'record a support-plan review': [
    () => ['POST', ApiPaths.review(IN_SUPPORT, 'v0'), { summary: 'x' }],
    { coordinator: 404, channelChair: 404 },
    403,
  ],
};

describe.each(Object.entries(EXPECT))('%s', (_name, [request, allowed, otherwise]) => {
  it.each(PERSONAS)('as %s', async (persona) => {
    const [method, path, body] = request();
    const res = await hub.as(PERSONA_IDS[persona]).call(method, path, body);
    expect(res.status).toBe(allowed[persona] ?? otherwise);
    if (res.status >= 400) expect(res.body.error.code).toEqual(expect.any(String));
  });
});

/**
 * Changes, each tried by every persona on a fresh concern (so one persona's success cannot hide another's):
 * setup returns the request; expected statuses as above.
 */
const freshCouncilConcern = async () => {
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body
    .reference as string;
  const view = (await hub.as(PERSONA_IDS.coordinator).get(ApiPaths.concern(ref))).body;
  return { ref, stepId: view.steps[0].id as string };
};
const CHANGES: Record<
  string,
  [() => Promise<[string, string, unknown]>, Partial<Record<P, number>>, number]
> = {
  'decide the safeguarding review of a council concern': [
    async () => {
      const { ref, stepId } = await freshCouncilConcern();
      return ['POST', ApiPaths.decide(ref, stepId), { decision: 'forward' }];
    },
    { safeguardingLead: 200, deputySafeguardingLead: 200 },
    403,
  ],
  'pass the safeguarding review to the deputy': [
    async () => {
      const { ref, stepId } = await freshCouncilConcern();
      return [
        'POST',
        ApiPaths.assign(ref, stepId),
        { toUserId: PERSONA_IDS.deputySafeguardingLead, reason: 'Leave' },
      ];
    },
    { safeguardingLead: 200, deputySafeguardingLead: 200, coordinator: 200 },
    403,
  ],
  'answer a request for information put to the referrer': [
    async () => {
      const { ref, stepId } = await freshCouncilConcern();
      const asked = await hub
        .as(PERSONA_IDS.safeguardingLead)
        .post(ApiPaths.decide(ref, stepId), { decision: 'request-information', reason: 'When?' });
      const requestId = asked.body.informationRequests[0].id as string;
      return ['POST', ApiPaths.supplyInformation(ref, requestId), { response: 'Last Tuesday.' }];
    },
    { referrer: 200 },
    403,
  ],
};

describe.each(Object.entries(CHANGES))('%s', (_name, [setup, allowed, otherwise]) => {
  it.each(PERSONAS)('as %s', async (persona) => {
    const [method, path, body] = await setup();
    const res = await hub.as(PERSONA_IDS[persona]).call(method, path, body);
    expect(res.status).toBe(allowed[persona] ?? otherwise);
  });
});

describe('work queues hold only what the persona may decide', () => {
  const WAITING: Partial<Record<P, string[]>> = {
    safeguardingLead: [AT_DSL],
    deputySafeguardingLead: [AT_DSL],
    coordinator: [SCHOOL_AT_SCREENING],
    police: [AT_POLICE],
    channelChair: [IN_SUPPORT],
  };
  it.each(PERSONAS)('%s', async (persona) => {
    const queue = (await hub.as(PERSONA_IDS[persona]).get(ApiPaths.myQueue)).body;
    const seeded = new Set([
      AT_DSL,
      SCHOOL_AT_SCREENING,
      AT_POLICE,
      IN_SUPPORT,
      'PRV-2026-0005',
      'PRV-2026-0006',
    ]);
    const refs = queue.items
      .map((i: { reference: string }) => i.reference)
      .filter((r: string) => seeded.has(r));
    const expected = [...(WAITING[persona] ?? [])];
    // The concern waiting on the referrer's answer sits with the council's safeguarding leads too.
    if (persona === 'safeguardingLead' || persona === 'deputySafeguardingLead')
      expected.push('PRV-2026-0006');
    expect(refs.sort()).toEqual(expected.sort());
  });
});

describe('decisions are scoped by role and partner agency', () => {
  const policeStep = async () =>
    (await hub.as(PERSONA_IDS.police).get(ApiPaths.concern(AT_POLICE))).body.steps.find(
      (s: { status: string }) => s.status === 'open',
    ).id as string;

  it.each(PERSONAS.filter((p) => p !== 'police'))('%s cannot decide the police step', async (persona) => {
    const res = await hub
      .as(PERSONA_IDS[persona])
      .post(ApiPaths.decide(AT_POLICE, await policeStep()), { decision: 'forward' });
    expect(res.status).toBe(403);
  });

  it('the school safeguarding lead cannot decide a council concern, the council lead can', async () => {
    const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
    const step = (await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.concern(ref))).body.steps[0].id;
    expect(
      (
        await hub
          .as(PERSONA_IDS.schoolSafeguardingLead)
          .post(ApiPaths.decide(ref, step), { decision: 'forward' })
      ).status,
    ).toBe(403);
    expect(
      (await hub.as(PERSONA_IDS.safeguardingLead).post(ApiPaths.decide(ref, step), { decision: 'forward' }))
        .status,
    ).toBe(200);
  });

  it('a safeguarding lead who raised a concern cannot review it; their deputy can', async () => {
    const ref = (await hub.as(PERSONA_IDS.safeguardingLead).post(ApiPaths.concerns, submission())).body
      .reference;
    const view = (await hub.as(PERSONA_IDS.deputySafeguardingLead).get(ApiPaths.concern(ref))).body;
    const step = view.steps[0].id;
    const own = await hub
      .as(PERSONA_IDS.safeguardingLead)
      .post(ApiPaths.decide(ref, step), { decision: 'forward' });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/you raised this concern/i);
    expect(
      (
        await hub
          .as(PERSONA_IDS.deputySafeguardingLead)
          .post(ApiPaths.decide(ref, step), { decision: 'forward' })
      ).status,
    ).toBe(200);
  });
});

describe('redaction by field', () => {
  it('the safeguarding lead sees the case file but not the police or panel steps', async () => {
    const view = (await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.concern(IN_SUPPORT))).body;
    expect(view.intake.subject.name).toBe('Demo Subject D');
    expect(view.steps.map((s: { stageKey: string }) => s.stageKey)).toEqual([
      'safeguarding-review',
      'coordinator-screening',
    ]);
    expect(view.withheld).toContain('steps outside your role (police or panel)');
    expect(view.reviews).toEqual([]);
  });

  it('police Prevent and the Channel chair see every step', async () => {
    for (const persona of [PERSONA_IDS.police, PERSONA_IDS.channelChair]) {
      const view = (await hub.as(persona).get(ApiPaths.concern(IN_SUPPORT))).body;
      expect(view.steps.map((s: { stageKey: string }) => s.stageKey)).toEqual([
        'safeguarding-review',
        'coordinator-screening',
        'police-triage',
        'channel-panel',
        'support-plan',
      ]);
      expect(view.withheld).toEqual([]);
    }
  });

  it('the referrer sees their submission and status only', async () => {
    const view = (await hub.as(PERSONA_IDS.referrer).get(ApiPaths.concern(IN_SUPPORT))).body;
    expect(view.referrerStatus).toBe('With the Prevent team');
    expect(view.steps).toEqual([]);
    expect(view.stage).toBeUndefined();
    expect(view.history.map((h: { summary: string }) => h.summary)).toEqual(['Concern submitted']);
  });

  it('a board member never sees a concern record', async () => {
    const res = await hub.as(PERSONA_IDS.boardChair).get(ApiPaths.concern(AT_DSL));
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain('Demo Subject');
  });
});

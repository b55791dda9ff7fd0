/**
 * A caller who is not involved in a concern learns nothing from trying, not even whether the reference exists:
 * a concern they may not see and one that does not exist get the same answer, for reads and writes alike. And
 * every refused write is audited, as refused reads are, so references cannot be tried through writes unseen.
 */
import { ApiPaths } from '@pph/contract';
import { KernelLists } from '@pph/functions/kernel/lists';
import { ConcernLists } from '@pph/functions/concerns/lists';
import { PERSONA_IDS, startTestHub, type ApiResult, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub.close());

/** Seeded: PRV-2026-0001 waits for the safeguarding lead, so the police are not involved yet. */
const EXISTING = 'PRV-2026-0001';
const MISSING = 'PRV-2026-9999';

const auditEntries = async () => {
  await hub.hub.settle();
  await hub.hub.relay.runOnce();
  return (await hub.hub.ports.store.query(KernelLists.audit, { orderBy: { column: 'Seq' }, top: 5000 }))
    .items;
};

/** The answer with the reference taken out, which is all that may differ. */
const shape = (res: ApiResult, ref: string) => ({
  status: res.status,
  code: res.body.error.code,
  message: String(res.body.error.message).replaceAll(ref, '<ref>'),
});

const WRITES: [string, string, (ref: string) => string, unknown][] = [
  ['police add a note', PERSONA_IDS.police, ApiPaths.notes, { text: 'Checking in.' }],
  ['police decide a step', PERSONA_IDS.police, (r) => ApiPaths.decide(r, 's1'), { decision: 'forward' }],
  [
    'police pass a step on',
    PERSONA_IDS.police,
    (r) => ApiPaths.assign(r, 's1'),
    { toUserId: PERSONA_IDS.police, reason: 'Mine now' },
  ],
  [
    'another referrer answers an information request',
    PERSONA_IDS.schoolReferrer,
    (r) => ApiPaths.supplyInformation(r, 'r1'),
    { response: 'An answer' },
  ],
  [
    'the Channel chair records a review',
    PERSONA_IDS.channelChair,
    (r) => ApiPaths.review(r, 'v1'),
    { summary: 'Reviewed' },
  ],
];

describe.each(WRITES)('%s', (_name, persona, path, body) => {
  it('is answered the same whether the concern exists or not, with a message that says what to do', async () => {
    const existing = await hub.as(persona).post(path(EXISTING), body);
    const missing = await hub.as(persona).post(path(MISSING), body);
    expect(shape(existing, EXISTING)).toEqual(shape(missing, MISSING));
    expect(existing.status).toBe(403);
    expect(existing.body.error.message).toMatch(/Check the reference/);
    expect(JSON.stringify(existing.body)).not.toMatch(/Demo Subject|intake/);
  });

  it('is audited as refused, for the concern that exists and the one that does not', async () => {
    const before = (await auditEntries()).length;
    await hub.as(persona).post(path(EXISTING), body);
    await hub.as(persona).post(path(MISSING), body);
    const added = (await auditEntries()).slice(before);
    expect(added.map((e) => [e.fields.Action, e.fields.ActorId, e.fields.Target])).toEqual([
      ['concern.write.refused', persona, `${ConcernLists.concerns}/${EXISTING}`],
      ['concern.write.refused', persona, `${ConcernLists.concerns}/${MISSING}`],
    ]);
  });
});

it('a read is answered the same way, and audited as refused, whether the concern exists or not', async () => {
  const before = (await auditEntries()).length;
  const existing = await hub.as(PERSONA_IDS.police).get(ApiPaths.concern(EXISTING));
  const missing = await hub.as(PERSONA_IDS.police).get(ApiPaths.concern(MISSING));
  expect(shape(existing, EXISTING)).toEqual(shape(missing, MISSING));
  const added = (await auditEntries()).slice(before);
  expect(added.map((e) => e.fields.Action)).toEqual(['concern.read.refused', 'concern.read.refused']);
});

it('someone involved who may not make this change is told why, and that is audited too', async () => {
  // PRV-2026-0003 is with the police; the council's safeguarding lead decided its first step.
  const view = (await hub.as(PERSONA_IDS.police).get(ApiPaths.concern('PRV-2026-0003'))).body;
  const policeStep = view.steps.find((s: { status: string }) => s.status === 'open').id as string;
  const before = (await auditEntries()).length;
  const res = await hub
    .as(PERSONA_IDS.safeguardingLead)
    .post(ApiPaths.decide('PRV-2026-0003', policeStep), { decision: 'forward' });
  expect(res.status).toBe(403);
  expect(res.body.error.message).toMatch(/someone else to decide/);
  const added = (await auditEntries()).slice(before);
  expect(added.map((e) => [e.fields.Action, e.fields.ActorId])).toEqual([
    ['concern.write.refused', PERSONA_IDS.safeguardingLead],
  ]);
});

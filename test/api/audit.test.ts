/** Every read and change of a concern is audited in a hash chain; tampering is found and named. */
import { createHash } from 'node:crypto';
import { ApiPaths } from '@pph/functions/contract';
import { Lists } from '@pph/functions/ports/lists';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { submission } from '../support/concerns';

let hub: TestHub;
beforeEach(async () => {
  hub = await startTestHub();
});
afterEach(async () => hub.close());

const entries = async () => {
  await hub.hub.settle();
  await hub.hub.relay.runOnce();
  return (await hub.hub.ports.store.query(Lists.audit, { orderBy: { column: 'Seq' }, top: 5000 })).items;
};
const admin = () => hub.as(PERSONA_IDS.administrator);

it('records who read and changed what, with digests and no content in clear', async () => {
  const body = submission({ whatHappened: 'Distinctive narrative text 7f3a' });
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, body)).body.reference;
  await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.concern(ref));
  const log = await entries();
  const mine = log.filter((e) => e.fields.Target === `${Lists.concerns}/${ref}`);
  expect(mine.map((e) => [e.fields.Action, e.fields.ActorId])).toEqual([
    ['concern.submit', PERSONA_IDS.referrer],
    ['concern.read', PERSONA_IDS.safeguardingLead],
  ]);
  expect(JSON.stringify(log)).not.toContain('Distinctive narrative text');
  expect(JSON.stringify(log)).not.toContain('Test Subject');
  const verify = await admin().get(ApiPaths.auditVerify);
  expect(verify.body).toMatchObject({ ok: true });
  expect(verify.body.entriesChecked).toBe(log.length);
});

it('a refused read leaves no data and is recorded as refused, not as a read', async () => {
  const before = (await entries()).length;
  const res = await hub.as(PERSONA_IDS.boardMember).get(ApiPaths.concern('PRV-2026-0001'));
  expect(res.status).toBe(403);
  expect(JSON.stringify(res.body)).not.toMatch(/Demo Subject|intake/);
  const other = await hub.as(PERSONA_IDS.schoolSafeguardingLead).get(ApiPaths.concern('PRV-2026-0001'));
  expect(other.status).toBe(403);
  const added = (await entries()).slice(before);
  expect(added.map((e) => [e.fields.Action, e.fields.ActorId, e.fields.Target])).toEqual([
    ['concern.read.refused', PERSONA_IDS.boardMember, `${Lists.concerns}/PRV-2026-0001`],
    ['concern.read.refused', PERSONA_IDS.schoolSafeguardingLead, `${Lists.concerns}/PRV-2026-0001`],
  ]);
});

it('names the first altered entry', async () => {
  const log = await entries();
  const victim = log[3]!;
  await hub.hub.ports.store.update(Lists.audit, victim.id, victim.etag, { ActorId: 'someone-else' });
  const verify = await admin().get(ApiPaths.auditVerify);
  expect(verify.body).toMatchObject({
    ok: false,
    firstBroken: { seq: 4, reason: 'Entry 4 has been altered.' },
  });
});

it('names a deleted entry', async () => {
  const log = await entries();
  const victim = log[5]!;
  await hub.hub.ports.store.delete(Lists.audit, victim.id, victim.etag);
  const verify = await admin().get(ApiPaths.auditVerify);
  expect(verify.body).toMatchObject({ ok: false, firstBroken: { seq: 6, reason: 'Entry 6 is missing.' } });
});

it('detects a rewritten entry even when its own hash is recomputed without the key', async () => {
  const log = await entries();
  const victim = log[2]!;
  const forged = createHash('sha256').update('forged').digest('hex');
  await hub.hub.ports.store.update(Lists.audit, victim.id, victim.etag, { Digest: forged, Hash: forged });
  const verify = await admin().get(ApiPaths.auditVerify);
  expect(verify.body.ok).toBe(false);
  expect(verify.body.firstBroken.seq).toBe(3);
});

it('hashes the time as the store keeps it (whole seconds, as on SharePoint), so a clock with milliseconds verifies', async () => {
  hub.clock.current = new Date('2026-11-23T10:00:07.678Z');
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
  expect((await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.concern(ref))).status).toBe(200);
  const mine = (await entries()).filter((e) => e.fields.Target === `${Lists.concerns}/${ref}`);
  expect(mine.map((e) => e.fields.At)).toEqual(['2026-11-23T10:00:07.000Z', '2026-11-23T10:00:07.000Z']);
  const verify = await admin().get(ApiPaths.auditVerify);
  expect(verify.body).toMatchObject({ ok: true });
});

it('stores content digests keyed, so a short note cannot be confirmed by guessing', async () => {
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
  const text = 'No concerns.';
  expect((await hub.as(PERSONA_IDS.safeguardingLead).post(ApiPaths.notes(ref), { text })).status).toBe(201);
  const note = (await entries()).find(
    (e) => e.fields.Target === `${Lists.concerns}/${ref}` && e.fields.Action === 'concern.add-note',
  )!;
  const content = { reference: ref, content: { text } };
  const guess = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  expect(note.fields.Digest).not.toBe(guess);
  expect(JSON.stringify(await entries())).not.toContain(guess);
  expect(note.fields.Digest).toBe(hub.hub.audit.digestFor(content));
  expect(note.fields.Digest).not.toBe(
    hub.hub.audit.digestFor({ reference: ref, content: { text: 'No concern.' } }),
  );
  expect((await admin().get(ApiPaths.auditVerify)).body).toMatchObject({ ok: true });
});

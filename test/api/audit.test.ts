/** Every read and change of a concern is audited in a hash chain; tampering is found and named. */
import { createHash, createHmac } from 'node:crypto';
import { ApiPaths } from '@pph/contract';
import { headMac } from '@pph/functions/kernel/audit/chain';
import { AuditLog } from '@pph/functions/kernel/audit/audit-log';
import { KernelLists } from '@pph/functions/kernel/lists';
import { ConcernLists } from '@pph/functions/concerns/lists';
import type { Store } from '@pph/functions/ports/store';
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
  return (await hub.hub.ports.store.query(KernelLists.audit, { orderBy: { column: 'Seq' }, top: 5000 }))
    .items;
};
const admin = () => hub.as(PERSONA_IDS.administrator);

it('records who read and changed what, with digests and no content in clear', async () => {
  const body = submission({ whatHappened: 'Distinctive narrative text 7f3a' });
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, body)).body.reference;
  await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.concern(ref));
  const log = await entries();
  const mine = log.filter((e) => e.fields.Target === `${ConcernLists.concerns}/${ref}`);
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
    ['concern.read.refused', PERSONA_IDS.boardMember, `${ConcernLists.concerns}/PRV-2026-0001`],
    ['concern.read.refused', PERSONA_IDS.schoolSafeguardingLead, `${ConcernLists.concerns}/PRV-2026-0001`],
  ]);
});

it('names the first altered entry', async () => {
  const log = await entries();
  const victim = log[3]!;
  await hub.hub.ports.store.update(KernelLists.audit, victim.id, victim.etag, { ActorId: 'someone-else' });
  const verify = await admin().get(ApiPaths.auditVerify);
  expect(verify.body).toMatchObject({
    ok: false,
    firstBroken: { seq: 4, reason: 'Entry 4 has been altered.' },
  });
});

it('names a deleted entry', async () => {
  const log = await entries();
  const victim = log[5]!;
  await hub.hub.ports.store.delete(KernelLists.audit, victim.id, victim.etag);
  const verify = await admin().get(ApiPaths.auditVerify);
  expect(verify.body).toMatchObject({ ok: false, firstBroken: { seq: 6, reason: 'Entry 6 is missing.' } });
});

it('detects a rewritten entry even when its own hash is recomputed without the key', async () => {
  const log = await entries();
  const victim = log[2]!;
  const forged = createHash('sha256').update('forged').digest('hex');
  await hub.hub.ports.store.update(KernelLists.audit, victim.id, victim.etag, {
    Digest: forged,
    Hash: forged,
  });
  const verify = await admin().get(ApiPaths.auditVerify);
  expect(verify.body.ok).toBe(false);
  expect(verify.body.firstBroken.seq).toBe(3);
});

it('hashes the time as the store keeps it (whole seconds, as on SharePoint), so a clock with milliseconds verifies', async () => {
  hub.clock.current = new Date('2026-11-23T10:00:07.678Z');
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
  expect((await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.concern(ref))).status).toBe(200);
  const mine = (await entries()).filter((e) => e.fields.Target === `${ConcernLists.concerns}/${ref}`);
  expect(mine.map((e) => e.fields.At)).toEqual(['2026-11-23T10:00:07.000Z', '2026-11-23T10:00:07.000Z']);
  const verify = await admin().get(ApiPaths.auditVerify);
  expect(verify.body).toMatchObject({ ok: true });
});

it('stores content digests keyed, so a short note cannot be confirmed by guessing', async () => {
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
  const text = 'No concerns.';
  expect((await hub.as(PERSONA_IDS.safeguardingLead).post(ApiPaths.notes(ref), { text })).status).toBe(201);
  const note = (await entries()).find(
    (e) => e.fields.Target === `${ConcernLists.concerns}/${ref}` && e.fields.Action === 'concern.add-note',
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

describe('the checkpoint (head) catches entries cut off the end of the trail', () => {
  const store = () => hub.hub.ports.store;
  const head = async () =>
    (await store().query(KernelLists.auditHead, { where: [{ column: 'HeadKey', op: 'eq', value: 'audit' }] }))
      .items[0];
  const cut = async (items: typeof log) => {
    for (const e of items) await store().delete(KernelLists.audit, e.id, e.etag);
  };
  const verify = async () => (await admin().get(ApiPaths.auditVerify)).body;
  let log: Awaited<ReturnType<typeof entries>>;
  beforeEach(async () => {
    expect((await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.concern('PRV-2026-0001'))).status).toBe(
      200,
    );
    log = await entries();
    expect(log.at(-1)!.fields.Action).toBe('concern.read');
    expect((await head())?.fields).toMatchObject({
      Seq: log.length,
      Hash: log.at(-1)!.fields.Hash,
      Since: 1,
    });
  });

  it('names the first missing entry when the newest two are deleted', async () => {
    const n = log.length;
    await cut(log.slice(-2));
    expect(await verify()).toMatchObject({
      ok: false,
      entriesChecked: n - 2,
      firstBroken: {
        seq: n - 1,
        reason: `Entries after ${n - 2} are missing: the checkpoint is at entry ${n}.`,
      },
    });
  });

  it('refuses a checkpoint moved back without the key', async () => {
    const n = log.length;
    await cut(log.slice(-2));
    const h = (await head())!;
    const forged = { seq: n - 2, hash: String(log[n - 3]!.fields.Hash), since: 1 };
    const mac = createHmac('sha256', 'a guessed key').update(JSON.stringify(forged)).digest('hex');
    await store().update(KernelLists.auditHead, h.id, h.etag, {
      Seq: forged.seq,
      Hash: forged.hash,
      Mac: mac,
    });
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: { seq: n - 1, reason: 'The audit checkpoint has been altered.' },
    });
    // Appends do not re-sign a head that fails its HMAC (that would launder it), and the next entry is chained
    // to the newest one this hub wrote, so the cut stays visible as a gap.
    expect((await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.concern('PRV-2026-0001'))).status).toBe(
      200,
    );
    await hub.hub.settle();
    expect((await head())?.fields).toMatchObject({ Seq: forged.seq, Mac: mac });
    expect((await verify()).firstBroken).toEqual({ seq: n - 1, reason: `Entry ${n - 1} is missing.` });
  });

  it('names a checkpoint that does not match its entry', async () => {
    const n = log.length;
    const h = (await head())!;
    const other = { seq: n, hash: String(log[0]!.fields.Hash), since: 1 };
    await store().update(KernelLists.auditHead, h.id, h.etag, {
      Hash: other.hash,
      Mac: headMac(hub.hub.ports.auditKey, other),
    });
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: { seq: n, reason: `Entry ${n} does not match the checkpoint.` },
    });
  });

  it('names a deleted checkpoint, and still after the next append re-creates it', async () => {
    const n = log.length;
    const h = (await head())!;
    await store().delete(KernelLists.auditHead, h.id, h.etag);
    await cut(log.slice(-2));
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: {
        seq: n - 1,
        reason: `The audit checkpoint is missing: entries after ${n - 2} may have been removed.`,
      },
    });
    // The next append re-creates the checkpoint at its entry, which follows the newest entry this hub wrote:
    // the two entries cut off are still named as missing.
    expect((await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.concern('PRV-2026-0001'))).status).toBe(
      200,
    );
    await hub.hub.settle();
    expect((await head())?.fields).toMatchObject({ Seq: n + 1, Since: n + 1 });
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: { seq: n - 1, reason: `Entry ${n - 1} is missing.` },
    });
  });

  it('names a checkpoint re-created after entries that had one, when the tail is read afresh', async () => {
    // A hub that has not written the tail itself (restarted, or another instance) reads it from the list.
    const n = log.length;
    const h = (await head())!;
    await store().delete(KernelLists.auditHead, h.id, h.etag);
    await cut(log.slice(-2));
    const fresh = new AuditLog(store(), hub.hub.ports.auditKey);
    await fresh.append({
      eventKey: 'after-the-cut',
      at: '2026-11-23T10:00:00Z',
      actorId: PERSONA_IDS.administrator,
      action: 'test.append',
      target: `${ConcernLists.concerns}/PRV-2026-0001`,
      digest: 'x',
    });
    await fresh.settled();
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: {
        seq: n - 1,
        reason: `The audit checkpoint was re-created at entry ${n - 1}: entries before it may have been removed.`,
      },
    });
  });

  it('accepts a checkpoint left behind by a crash between append and head write; a retry moves it on', async () => {
    let failHead = false;
    const inner = store();
    const guard = (list: string) => {
      if (failHead && list === KernelLists.auditHead) throw new Error('crashed before the head write');
    };
    const flaky: Store = Object.assign(Object.create(inner) as Store, {
      create: async (list: string, fields: Parameters<Store['create']>[1]) => (
        guard(list),
        inner.create(list, fields)
      ),
      update: async (list: string, id: number, etag: string, fields: Parameters<Store['update']>[3]) => (
        guard(list),
        inner.update(list, id, etag, fields)
      ),
    });
    const warnings: string[] = [];
    const logger = { ...hub.hub.ports.logger, warn: (msg: string) => void warnings.push(msg) };
    const audit = new AuditLog(flaky, hub.hub.ports.auditKey, logger);
    const record = (eventKey: string) => ({
      eventKey,
      at: '2026-11-23T10:00:00Z',
      actorId: PERSONA_IDS.administrator,
      action: 'test.crash',
      target: `${ConcernLists.concerns}/PRV-2026-0001`,
      digest: 'x',
    });
    const n = log.length;
    failHead = true;
    // Knowing no checkpoint yet (as after a restart), the append waits for it, and fails with it.
    await expect(audit.append(record('crash-test-event'))).rejects.toThrow('crashed before the head write');
    failHead = false;
    expect((await head())?.fields.Seq).toBe(n);
    expect(await verify()).toMatchObject({ ok: true, entriesChecked: n + 1 });
    // The retried event appends nothing, but moves the checkpoint to its entry.
    await audit.append(record('crash-test-event'));
    expect((await head())?.fields.Seq).toBe(n + 1);
    // Knowing it now, the next append answers without waiting; the move after it fails, and is logged.
    failHead = true;
    await audit.append(record('second-event'));
    await audit.settled();
    expect(warnings).toEqual(['audit checkpoint not moved; the next append moves it']);
    failHead = false;
    expect((await head())?.fields.Seq).toBe(n + 1);
    expect(await verify()).toMatchObject({ ok: true, entriesChecked: n + 2 });
    await audit.append(record('third-event'));
    await audit.settled();
    expect((await head())?.fields.Seq).toBe(n + 3);
    const after = await entries();
    expect(after).toHaveLength(n + 3);
    await cut(after.slice(-1));
    expect((await verify()).firstBroken).toEqual({
      seq: n + 3,
      reason: `Entries after ${n + 2} are missing: the checkpoint is at entry ${n + 3}.`,
    });
  });
});

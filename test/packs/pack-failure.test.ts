/**
 * A pack build that fails says which part failed and leaves no version, and a build whose instance died
 * part-way is marked failed (naming the part it had reached) rather than left running or half-published.
 */
import fs from 'node:fs';
import nodePath from 'node:path';
import type { MeetingForPack, PackBuildView, PackVersionsResponse } from '@pph/contract';
import { PackLists } from '@pph/functions/packs/lists';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { newKey } from '../support/concerns';
import { base64, paperPdf } from './support';

jest.setTimeout(300_000);

let t: TestHub;
let meeting: MeetingForPack;
const secretariat = () => t.as(PERSONA_IDS.secretariat);
const path = (rest: string) => `/api/meetings/${meeting.meeting.id}/pack${rest}`;

beforeAll(async () => {
  t = await startTestHub({ seed: true });
  const actor = await t.hub.directory.resolve({ userId: PERSONA_IDS.secretariat, via: 'dev-persona' });
  const next = (await t.hub.meetings.list(actor)).items.find(
    (m) => m.kind === 'prevent-board' && m.status === 'scheduled',
  )!;
  meeting = await t.hub.meetings.forPack(next.id);
});
afterAll(() => t.close());

it('names the part that failed, keeps no version, and can be built again once it is put right', async () => {
  const item = meeting.items.find((i) => i.title === 'Channel panel annual report (demo)')!;
  const up = await secretariat().post(`/api/meetings/${meeting.meeting.id}/agenda/${item.id}/papers`, {
    fileName: 'Vanishing paper.pdf',
    contentType: 'application/pdf',
    contentBase64: base64(await paperPdf('Vanishing paper', 2)),
  });
  expect(up.status).toBe(201);
  // The paper goes missing from the library (deleted there by hand) after it was put on the agenda.
  const dir = nodePath.join(t.dataDir, 'documents', up.body.library as string, up.body.name as string);
  fs.rmSync(dir, { recursive: true, force: true });

  const started = await secretariat().post(path('/builds'), { clientRequestId: newKey() });
  expect(started.status).toBe(201);
  await t.hub.packJobs.settle();
  const build = (await secretariat().get(`/api/pack-builds/${started.body.buildId}`)).body as PackBuildView;
  expect(build.status).toBe('failed');
  expect(build.failedPart?.title).toBe('Public copy: Vanishing paper.pdf');
  expect(build.message).toMatch(/is not in the document library/);
  expect(build.version).toBeUndefined();

  const versions = (await secretariat().get(path('/versions'))).body as PackVersionsResponse;
  expect(versions.items).toEqual([]);
  // The secretariat sees the failed build with the list; a new build is allowed.
  expect(versions.build?.status).toBe('failed');
  expect(versions.can.build).toBe(true);
});

it('marks failed a build whose instance stopped answering, naming the part it had reached', async () => {
  const now = t.clock.now();
  const state: PackBuildView & { clientRequestId: string } = {
    buildId: 'PKB-2026-999999',
    meetingId: meeting.meeting.id,
    kind: 'pack',
    status: 'running',
    statusLabel: 'Being built',
    partsDone: 3,
    partsTotal: 20,
    currentPart: { id: 'public:item-ITM-0004', title: 'Public copy: 4. Partner returns summary' },
    requestedBy: { id: PERSONA_IDS.secretariat, displayName: 'Secretariat' },
    requestedAt: now.toISOString(),
    startedAt: now.toISOString(),
    clientRequestId: newKey(),
  };
  // As an instance leaves it when it dies mid-build: running, its lease about to run out.
  await t.hub.ports.store.create(PackLists.builds, {
    BuildId: state.buildId,
    RequestKey: `${state.meetingId}|${state.clientRequestId}`,
    MeetingId: state.meetingId,
    Status: 'running',
    LeaseUntil: new Date(now.getTime() + 60_000).toISOString(),
    State: JSON.stringify(state),
  });
  expect(await t.hub.packJobs.runDue()).toEqual({ checked: 0, changed: 0 });
  t.clock.advanceDays(1);
  expect((await t.hub.packJobs.runDue()).changed).toBe(1);
  const b = (await secretariat().get(`/api/pack-builds/${state.buildId}`)).body as PackBuildView;
  expect(b.status).toBe('failed');
  expect(b.failedPart).toEqual(state.currentPart);
  expect(b.message).toMatch(/stopped at "Public copy: 4. Partner returns summary" without finishing/);
  const versions = (await secretariat().get(path('/versions'))).body as PackVersionsResponse;
  expect(versions.items).toEqual([]);
});

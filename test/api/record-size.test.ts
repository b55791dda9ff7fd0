/**
 * A concern's record outgrows one SharePoint multi-line column (63,999 characters) and still works; notes stop
 * before the record is full, so decisions can always be made.
 */
import { ApiPaths } from '@pph/contract';
import { chunkColumns, readChunks, writeChunks } from '@pph/functions/ports/chunked-note';
import { ConcernLists, ConcernNotes } from '@pph/functions/concerns/lists';
import { NOTE_MAX_CHARS, type Item } from '@pph/functions/ports/store';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { submission } from '../support/concerns';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub.close());

const note = (i: number) =>
  `Note ${i}: ${'spoke to the family support worker again. '.repeat(95)}`.slice(0, 4000).trim();

it('a concern with more than 64k characters of notes is stored across columns of its one item', async () => {
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
  const lead = hub.as(PERSONA_IDS.safeguardingLead);
  for (let i = 0; i < 20; i++)
    expect((await lead.post(ApiPaths.notes(ref), { text: note(i) })).status).toBe(201);
  const item = (
    await hub.hub.ports.store.query(ConcernLists.concerns, {
      where: [{ column: 'Reference', op: 'eq', value: ref }],
      top: 1,
    })
  ).items[0]!;
  expect(String(item.fields.Workflow).length).toBe(NOTE_MAX_CHARS);
  expect(String(item.fields.Workflow2).length).toBeGreaterThan(0);
  const view = (await lead.get(ApiPaths.concern(ref))).body;
  expect(view.notes).toHaveLength(20);
  expect(view.notes[19].text).toBe(note(19));
  const step = view.steps[0];
  expect((await lead.post(ApiPaths.decide(ref, step.id), { decision: 'forward' })).status).toBe(200);
});

it('notes stop at three quarters of the room, with a message; decisions still go through', async () => {
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
  const lead = hub.as(PERSONA_IDS.safeguardingLead);
  let refused;
  for (let i = 0; i < 200 && !refused; i++) {
    const res = await lead.post(ApiPaths.notes(ref), { text: note(i) });
    if (res.status !== 201) refused = res;
  }
  expect(refused?.status).toBe(413);
  expect(refused?.body.error.message).toMatch(/as many notes as it can.*decisions can still be made/);
  const step = (await lead.get(ApiPaths.concern(ref))).body.steps[0];
  expect(
    (
      await lead.post(ApiPaths.decide(ref, step.id), {
        decision: 'request-information',
        reason: 'x'.repeat(4000),
      })
    ).status,
  ).toBe(200);
});

describe('chunked notes', () => {
  const asItem = (fields: Item['fields']): Item => ({
    id: 1,
    etag: '"1,1"',
    created: '',
    modified: '',
    fields,
  });

  it('round-trips, empties unused parts, and never splits a surrogate pair', () => {
    const text = `${'a'.repeat(NOTE_MAX_CHARS - 1)}😀${'b'.repeat(10)}`;
    const fields = writeChunks(ConcernNotes.workflow, text, 'Concerns');
    expect(Object.keys(fields)).toEqual(chunkColumns(ConcernNotes.workflow));
    expect(String(fields.Workflow)).toHaveLength(NOTE_MAX_CHARS - 1);
    expect(String(fields.Workflow2).startsWith('😀')).toBe(true);
    expect(fields.Workflow3).toBeNull();
    expect(readChunks(ConcernNotes.workflow, asItem(fields))).toBe(text);
    expect(writeChunks(ConcernNotes.intake, '', 'Concerns')).toEqual({ Intake: '', Intake2: null });
  });

  it('refuses what would not fit, naming the limit', () => {
    expect(() => writeChunks(ConcernNotes.pending, 'x'.repeat(2 * NOTE_MAX_CHARS + 1), 'Concerns')).toThrow(
      /holds at most 127998/,
    );
  });
});

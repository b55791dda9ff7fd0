/**
 * A change cut short half-way: the document library fails while a draft's files are stored. The version is
 * saved (one write), its action created once; the next read finishes the files, and nothing is done twice
 * (one version, one action, one audit entry, one notice to the owner).
 */
import { pathOf, MeetingOperations as M, MinutesOperations as N } from '@pph/contract';
import { MemoryDocumentStore } from '@pph/functions/adapters/documents/memory-documents';
import { KernelLists } from '@pph/functions/kernel/lists';
import { allItems } from '@pph/functions/kernel/store/paging';
import type { DocumentStore } from '@pph/functions/ports/documents';
import { PERSONA_IDS, sentTwice, startTestHub, type TestHub } from '../support/hub';

/** The memory store, failing the puts it is told to. */
class FlakyDocuments implements DocumentStore {
  readonly kind = 'memory' as const;
  failPuts = 0;
  private readonly inner = new MemoryDocumentStore();
  put: DocumentStore['put'] = (...args) => {
    if (this.failPuts > 0) {
      this.failPuts--;
      return Promise.reject(new Error('library unavailable'));
    }
    return this.inner.put(...args);
  };
  get: DocumentStore['get'] = (...args) => this.inner.get(...args);
  versions: DocumentStore['versions'] = (...args) => this.inner.versions(...args);
  list: DocumentStore['list'] = (...args) => this.inner.list(...args);
}

const documents = new FlakyDocuments();
let hub: TestHub;
let next: string;

beforeAll(async () => {
  hub = await startTestHub({ seed: true, start: new Date('2026-11-23T10:00:00Z'), documents });
  const list = (await hub.as(PERSONA_IDS.secretariat).get(pathOf(M.listMeetings))).body.items as {
    id: string;
    status: string;
    date: string;
  }[];
  next = list.find((m) => m.status === 'scheduled' && m.date > '2026-11-23')!.id;
  hub.clock.current = new Date('2027-01-12T11:00:00Z');
});
afterAll(() => hub.close());

it('finishes a draft whose files failed on the next read, doing nothing twice', async () => {
  const sec = hub.as(PERSONA_IDS.secretariat);
  const agenda = (await sec.get(pathOf(M.getMeeting, { meetingId: next }))).body.agenda as { id: string }[];
  const items = [
    {
      agendaItemId: agenda[1]!.id,
      discussion: 'Demo: agreed.',
      actions: [{ ownerId: PERSONA_IDS.boardMember, dueOn: '2027-02-01', text: 'Demo: report back.' }],
    },
  ];
  documents.failPuts = 1;
  const failed = await sec.call('PUT', pathOf(N.saveMinutesDraft, { meetingId: next }), { items });
  expect(failed.status).toBe(500);

  const read = await sec.get(pathOf(N.getMinutes, { meetingId: next }));
  expect(read.status).toBe(200);
  expect(read.body.versions).toHaveLength(1);
  expect(read.body.versions[0].documents.map((d: { format: string }) => d.format).sort()).toEqual(
    ['docx', 'pdf', 'docx', 'pdf'].sort(),
  );
  // Sent again as it was (the client retrying): no new version, no second action.
  const retried = await sec.call('PUT', pathOf(N.saveMinutesDraft, { meetingId: next }), {
    items,
    etag: read.body.etag,
  });
  expect(retried.body.version).toBe(1);
  const log = (await sec.get(pathOf(N.listActions, { view: 'all' }))).body.items.filter(
    (a: { meetingId: string }) => a.meetingId === next,
  );
  expect(log).toHaveLength(1);

  await hub.hub.settle();
  await hub.hub.pumpOnce();
  expect(hub.calls.filter((n) => n.type === 'action-assigned')).toHaveLength(1);
  expect(sentTwice(hub.calls)).toEqual([]);
  const audit: string[] = [];
  for await (const item of allItems(hub.hub.ports.store, KernelLists.audit, {
    where: [{ column: 'Target', op: 'eq', value: `MeetingMinutes/${next}` }],
    top: 100,
  }))
    audit.push(String(item.fields.Action));
  expect(audit).toEqual(['minutes.save']);
});

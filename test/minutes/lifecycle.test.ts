/**
 * The minutes' life cycle through the real HTTP host: the demo Board's minutes circulated with a Word and a PDF
 * per version; approved only at the next Board, once (a second approval refused with what happened); a draft
 * saved again unchanged makes no version; a restricted item's minutes absent from the public copy (checked in
 * the Word file with jszip and in the PDF with pdf.js) and in the restricted copy for those cleared.
 */
import { pathOf, MeetingOperations as M, MinutesOperations as N, type MinutesView } from '@pph/contract';
import { KernelLists } from '@pph/functions/kernel/lists';
import { allItems } from '@pph/functions/kernel/store/paging';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { docxText, pdfTagging, pdfText } from './documents';

let hub: TestHub;
let past: string;
let next: string;
const SECRET = 'Demo: lessons from the case review, exempt information';

beforeAll(async () => {
  hub = await startTestHub({ seed: true, start: new Date('2026-11-23T10:00:00Z') });
  const list = (await hub.as(PERSONA_IDS.secretariat).get(pathOf(M.listMeetings))).body.items as {
    id: string;
    status: string;
    date: string;
  }[];
  past = list.find((m) => m.status === 'held')!.id;
  next = list.find((m) => m.status === 'scheduled' && m.date > '2026-11-23')!.id;
});
afterAll(() => hub.close());

const sec = () => hub.as(PERSONA_IDS.secretariat);
const minutesOf = async (persona: string, meetingId: string) =>
  hub.as(persona).get(pathOf(N.getMinutes, { meetingId }));
const download = async (persona: string, meetingId: string, version: number, format: 'docx' | 'pdf') => {
  const res = await fetch(
    `${hub.url}${pathOf(N.downloadMinutes, { meetingId, version: String(version), format })}`,
    { headers: { 'x-dev-persona': persona } },
  );
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
};
const auditActions = async (target: string) => {
  await hub.hub.settle();
  const out: string[] = [];
  for await (const item of allItems(hub.hub.ports.store, KernelLists.audit, {
    where: [{ column: 'Target', op: 'eq', value: target }],
    top: 500,
  }))
    out.push(String(item.fields.Action));
  return out;
};

it("keeps the demo Board's minutes, circulated, with every version's Word and PDF files", async () => {
  const member = await minutesOf(PERSONA_IDS.boardMember, past);
  expect(member.status).toBe(200);
  const view = member.body as MinutesView;
  expect(view.status).toBe('circulated');
  // The draft before it is the secretariat's; invitees see what was circulated.
  expect(view.versions.map((v) => [v.version, v.status])).toEqual([[2, 'circulated']]);
  const all = (await minutesOf(PERSONA_IDS.secretariat, past)).body as MinutesView;
  expect(all.versions.map((v) => [v.version, v.status])).toEqual([
    [1, 'draft'],
    [2, 'circulated'],
  ]);
  for (const v of all.versions)
    expect(v.documents.map((d) => `${d.copy}.${d.format}`).sort()).toEqual(['public.docx', 'public.pdf']);

  const word = await download(PERSONA_IDS.boardMember, past, 2, 'docx');
  expect(word.status).toBe(200);
  expect(word.type).toMatch(/wordprocessingml/);
  const text = await docxText(word.bytes);
  expect(text).toContain('Minutes of the Prevent Partnership Board');
  expect(text).toContain('Circulated to attendees, version 2');
  expect(text).toContain('Demo: bring a recovery plan for the two amber delivery-plan actions');
  const pdf = await download(PERSONA_IDS.boardMember, past, 2, 'pdf');
  expect(pdf.type).toBe('application/pdf');
  const read = pdfText(pdf.bytes);
  expect(read.title).toMatch(/^Minutes of the Prevent Partnership Board/);
  expect(read.pages.join(' ')).toContain('Delivery plan progress');
  expect(await pdfTagging(pdf.bytes)).toEqual({ lang: 'en-GB', marked: true, structured: true });
  // A draft is not for invitees.
  expect((await download(PERSONA_IDS.boardMember, past, 1, 'docx')).status).toBe(404);
  expect((await download(PERSONA_IDS.secretariat, past, 1, 'docx')).status).toBe(200);
});

it('shows minutes to nobody before they are circulated, and only to invitees and the secretariat after', async () => {
  expect((await minutesOf(PERSONA_IDS.referrer, past)).status).toBe(403);
  const none = await minutesOf(PERSONA_IDS.boardMember, next);
  expect(none.status).toBe(403);
  expect(none.body.error.message).toMatch(/have not been circulated yet/);
  expect((await minutesOf(PERSONA_IDS.secretariat, next)).body.status).toBe('none');
  // Only the secretariat writes them.
  const refused = await hub
    .as(PERSONA_IDS.boardChair)
    .call('PUT', pathOf(N.saveMinutesDraft, { meetingId: next }), { items: [] });
  expect(refused.status).toBe(403);
});

it('writes no minutes for a meeting that has not started', async () => {
  const res = await sec().call('PUT', pathOf(N.saveMinutesDraft, { meetingId: next }), { items: [] });
  expect(res.status).toBe(409);
  expect(res.body.error.message).toMatch(/once it has started/);
});

it('approves the minutes at the next Board only, once: approving twice is refused with what happened', async () => {
  const etag = (await minutesOf(PERSONA_IDS.secretariat, past)).body.etag as string;
  const approve = (atMeetingId: string, e = etag) =>
    sec().post(pathOf(N.approveMinutes, { meetingId: past }), { atMeetingId, etag: e });
  expect((await approve(next)).body.error.message).toMatch(/once it has started/);
  hub.clock.current = new Date('2027-01-12T11:00:00Z');
  const self = await approve(past);
  expect(self.status).toBe(409);
  expect(self.body.error.message).toMatch(/approved at the next Prevent Board/);
  const unknown = await approve('MTG-2099-0001');
  expect(unknown.status).toBe(400);

  const ok = await approve(next);
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ status: 'approved', version: 3, approved: { atMeetingId: next } });
  expect(ok.body.versions.map((v: { status: string }) => v.status)).toEqual([
    'draft',
    'circulated',
    'approved',
  ]);

  const twice = await approve(next, ok.body.etag);
  expect(twice.status).toBe(409);
  expect(twice.body.error.message).toMatch(
    /approved already.*Minutes are approved once; nothing was changed\./,
  );
  const stale = await approve(next);
  expect(stale.status).toBe(409);
  expect((await minutesOf(PERSONA_IDS.secretariat, past)).body.version).toBe(3);
  // Approved minutes are final.
  const edit = await sec().call('PUT', pathOf(N.saveMinutesDraft, { meetingId: past }), {
    items: [],
    etag: ok.body.etag,
  });
  expect(edit.status).toBe(409);
  const word = await download(PERSONA_IDS.boardMember, past, 3, 'docx');
  expect(await docxText(word.bytes)).toMatch(
    /Approved, version 3: approved at the meeting on 12 January 2027/,
  );
  expect(await auditActions(`MeetingMinutes/${past}`)).toEqual(
    expect.arrayContaining(['minutes.save', 'minutes.circulate', 'minutes.approve']),
  );
});

it("keeps a restricted item's minutes to those cleared, and out of the public copy", async () => {
  const meeting = (await sec().get(pathOf(M.getMeeting, { meetingId: next }))).body as {
    agenda: { id: string; restricted: boolean; standing?: string }[];
  };
  const restricted = meeting.agenda.find((i) => i.restricted)!.id;
  const returns = meeting.agenda.find((i) => i.standing === 'partner-returns')!.id;
  const items = [
    { agendaItemId: returns, discussion: 'Demo: every partner’s return was in on time this quarter.' },
    {
      agendaItemId: restricted,
      discussion: SECRET,
      decisions: ['Demo: the panel’s recommendations are accepted.'],
      actions: [
        { ownerId: PERSONA_IDS.police, dueOn: '2027-02-12', text: 'Demo: brief the panel on the review.' },
      ],
    },
  ];
  const put = (body: unknown) => sec().call('PUT', pathOf(N.saveMinutesDraft, { meetingId: next }), body);
  const first = await put({ items });
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ status: 'draft', version: 1 });
  // The same draft again (a retry) makes no version and no second action.
  const again = await put({ items, etag: first.body.etag });
  expect(again.body.version).toBe(1);
  const second = await put({
    items: [...items, { agendaItemId: meeting.agenda.at(-1)!.id, discussion: 'None.' }],
    etag: first.body.etag,
  });
  expect(second.body.version).toBe(2);
  const circulated = await sec().post(pathOf(N.circulateMinutes, { meetingId: next }), {
    etag: second.body.etag,
  });
  expect(circulated.body).toMatchObject({ status: 'circulated', version: 3 });
  expect(
    circulated.body.items.find((i: { agendaItemId: string }) => i.agendaItemId === restricted).actions,
  ).toHaveLength(1);

  // A board member not cleared: the item is left out of the view and of the files.
  const member = (await minutesOf(PERSONA_IDS.boardMember, next)).body as MinutesView;
  expect(member.items.map((i) => i.agendaItemId)).not.toContain(restricted);
  expect(member.restrictedWithheld).toBe(1);
  expect(JSON.stringify(member)).not.toContain(SECRET);
  const publicWord = await docxText((await download(PERSONA_IDS.boardMember, next, 3, 'docx')).bytes);
  expect(publicWord).toContain('every partner’s return was in on time');
  expect(publicWord).not.toContain(SECRET);
  expect(publicWord).not.toContain('Case review');
  expect(publicWord).toContain('1 restricted item is not included in this copy.');
  const publicPdf = pdfText((await download(PERSONA_IDS.boardMember, next, 3, 'pdf')).bytes).pages.join(' ');
  expect(publicPdf).toContain('every partner’s return was in on time');
  expect(publicPdf).not.toContain('lessons from the case review');

  // Police Prevent, cleared for it: the restricted copy.
  const cleared = (await minutesOf(PERSONA_IDS.police, next)).body as MinutesView;
  expect(cleared.items.find((i) => i.agendaItemId === restricted)?.discussion).toBe(SECRET);
  const restrictedWord = await docxText((await download(PERSONA_IDS.police, next, 3, 'docx')).bytes);
  expect(restrictedWord).toContain(SECRET);
  expect(restrictedWord).toContain('(restricted: exempt information)');
  const restrictedPdf = pdfText((await download(PERSONA_IDS.police, next, 3, 'pdf')).bytes).pages.join(' ');
  expect(restrictedPdf).toContain('lessons from the case review');
  expect(restrictedPdf).toContain('Restricted: includes exempt information, not for publication');
  expect(publicPdf).not.toContain('Restricted: includes');

  // The owner hears of the new action once; the invitees of the circulation once each.
  await hub.hub.settle();
  await hub.hub.pumpOnce();
  expect(hub.calls.filter((n) => n.type === 'action-assigned').map((n) => n.recipientId)).toEqual([
    PERSONA_IDS.police,
  ]);
  const told = hub.calls.filter((n) => n.type === 'minutes-circulated' && n.reference === next);
  expect(told.map((n) => n.recipientId)).toEqual(
    expect.arrayContaining([PERSONA_IDS.boardMember, PERSONA_IDS.police]),
  );
  expect(new Set(told.map((n) => n.recipientId)).size).toBe(told.length);

  // Every version's files are in the document library, with their metadata.
  const stored = await hub.hub.ports.documents.list('minutes', `${next}--`);
  expect(stored.map((d) => d.name).sort()).toEqual(
    [1, 2, 3]
      .flatMap((v) =>
        ['public', 'restricted'].flatMap((c) => [
          `${next}--minutes-v${v}-${c}.docx`,
          `${next}--minutes-v${v}-${c}.pdf`,
        ]),
      )
      .sort(),
  );
  expect(stored.find((d) => d.name === `${next}--minutes-v3-public.pdf`)!.metadata).toMatchObject({
    meetingId: next,
    status: 'circulated',
    version: 3,
    copy: 'public',
  });
});

it('refuses what does not fit the agenda or the directory, saving nothing', async () => {
  const current = (await minutesOf(PERSONA_IDS.secretariat, next)).body as MinutesView;
  const res = await sec().call('PUT', pathOf(N.saveMinutesDraft, { meetingId: next }), {
    etag: current.etag,
    items: [
      { agendaItemId: 'ITM-0999', discussion: 'x' },
      {
        agendaItemId: current.items[0]!.agendaItemId,
        actions: [
          { ownerId: 'nobody-here', dueOn: '2027-02-01', text: 'x' },
          { ownerId: PERSONA_IDS.police, dueOn: '2026-01-01', text: 'y' },
        ],
      },
    ],
  });
  expect(res.status).toBe(400);
  expect(res.body.error.fieldErrors.map((f: { path: string }) => f.path)).toEqual([
    'items.0.agendaItemId',
    'items.1.actions.0.ownerId',
    'items.1.actions.1.dueOn',
  ]);
  // As long as the limits allow on every item: too long for one record, refused before anything is written.
  const long = await sec().call('PUT', pathOf(N.saveMinutesDraft, { meetingId: next }), {
    etag: current.etag,
    items: current.items.map((i) => ({
      agendaItemId: i.agendaItemId,
      discussion: 'd'.repeat(8000),
      decisions: Array.from({ length: 20 }, (_, k) => `${k}`.padEnd(1000, 'x')),
    })),
  });
  expect(long.status).toBe(400);
  expect(long.body.error.message).toMatch(/too long to keep as one record\. Nothing was saved/);
  const stale = await sec().call('PUT', pathOf(N.saveMinutesDraft, { meetingId: next }), {
    etag: `"${next}.1"`,
    items: [],
  });
  expect(stale.status).toBe(409);
  expect(stale.body.error.message).toMatch(/changed since you opened them/);
  expect((await minutesOf(PERSONA_IDS.secretariat, next)).body.version).toBe(current.version);
});

/**
 * Meetings through the real HTTP host: the secretariat schedules a Board series, builds the agenda, uploads
 * papers, records attendance and marks it held; board members, the chair and invitees read what they may; bad
 * input is refused with a message and leaves nothing written; a retried schedule adds nothing.
 */
import http from 'node:http';
import { Document, Packer, Paragraph } from 'docx';
import { PDFDocument } from 'pdf-lib';
import { startTestHub, sentTwice, PERSONA_IDS, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ start: new Date('2027-02-01T09:00:00Z') });
});
afterAll(() => hub.close());

const secretariat = () => hub.as(PERSONA_IDS.secretariat);
let PDF: Buffer;
let DOCX: Buffer;
beforeAll(async () => {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('Case review (demo paper)');
  PDF = Buffer.from(await pdf.save());
  DOCX = await Packer.toBuffer(
    new Document({ sections: [{ children: [new Paragraph('Delivery plan progress (demo paper)')] }] }),
  );
});

const series = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: 'test-board-series-2027-0001',
  kind: 'prevent-board',
  title: 'Prevent Partnership Board',
  start: '2027-03-01T10:00',
  end: '2027-03-01T12:00',
  location: { venue: 'Committee Room 2', online: true },
  invitees: {
    byRole: [
      { partnerId: 'council', role: 'board-chair' },
      { partnerId: 'probation', role: 'board-member' },
      { partnerId: 'police', role: 'police-prevent' },
    ],
  },
  papersDueWorkingDays: 5,
  recurrence: { every: 'quarter', weekday: 'TU', nth: 2, count: 2 },
  ...over,
});

async function listIds(): Promise<string[]> {
  const res = await secretariat().get('/api/meetings');
  return (res.body.items as { id: string }[]).map((m) => m.id);
}

let march: string;
let june: string;

describe('scheduling', () => {
  it('schedules a series on the second Tuesday, with the standing items, in London time', async () => {
    const res = await secretariat().post('/api/meetings', series());
    expect(res.status).toBe(201);
    const [first, second] = res.body.scheduled;
    march = first.id;
    june = second.id;
    expect([first.start, second.start]).toEqual(['2027-03-09T10:00', '2027-06-08T10:00']);
    expect([first.startsAt, second.startsAt]).toEqual([
      '2027-03-09T10:00:00.000Z',
      '2027-06-08T09:00:00.000Z',
    ]);
    expect(first.seriesId).toBe(second.seriesId);
    expect(first.papersDueOn).toBe('2027-03-02');
    const m = res.body.meeting;
    expect(m.agenda.map((i: { standing?: string }) => i.standing)).toEqual([
      'apologies',
      'previous-minutes',
      'action-log',
      'partner-returns',
      'delivery-plan',
      'threat-picture',
      'any-other-business',
    ]);
    expect(m.invitees.map((i: { personId: string }) => i.personId).sort()).toEqual(
      [PERSONA_IDS.boardChair, PERSONA_IDS.boardMember, PERSONA_IDS.police].sort(),
    );
    expect(m.invitees.find((i: { chair: boolean }) => i.chair).personId).toBe(PERSONA_IDS.boardChair);
    expect(m.recurrence).toMatch(/^Quarterly on the second Tuesday/);
  });

  it('a retried request adds nothing and answers with the same meetings', async () => {
    const before = await listIds();
    const res = await secretariat().post('/api/meetings', series({ title: 'Typed again' }));
    expect(res.status).toBe(200);
    expect(res.body.scheduled.map((m: { id: string }) => m.id)).toEqual([march, june]);
    expect(await listIds()).toEqual(before);
  });

  it('a retry after a series was cut short half-way makes the rest, and only the rest', async () => {
    const key = 'test-cut-short-series-0001';
    const first = await secretariat().post(
      '/api/meetings',
      series({ idempotencyKey: key, title: 'Cut short' }),
    );
    const [kept, lost] = first.body.scheduled.map((m: { id: string }) => m.id);
    // As if the process had stopped before writing the second meeting.
    const store = hub.hub.ports.store;
    const item = (await store.query('Meetings', { where: [{ column: 'MeetingId', op: 'eq', value: lost }] }))
      .items[0]!;
    await store.delete('Meetings', item.id, item.etag);
    const retry = await secretariat().post(
      '/api/meetings',
      series({ idempotencyKey: key, title: 'Cut short' }),
    );
    expect(retry.status).toBe(201);
    const ids = retry.body.scheduled.map((m: { id: string }) => m.id);
    expect(ids[0]).toBe(kept);
    expect(ids).toHaveLength(2);
    const all = (await secretariat().get('/api/meetings')).body.items.filter(
      (m: { title: string }) => m.title === 'Cut short',
    );
    expect(all).toHaveLength(2);
  });

  it('invites everyone once, whatever the retries', async () => {
    await hub.runTimersOnce();
    const invited = hub.calls.filter((n) => n.type === 'meeting-invited' && n.reference === march);
    expect(invited.map((n) => n.recipientId).sort()).toEqual(
      [PERSONA_IDS.boardChair, PERSONA_IDS.boardMember, PERSONA_IDS.police].sort(),
    );
    expect(sentTwice(hub.calls)).toEqual([]);
  });

  it('refuses a meeting in the past, and one that ends before it starts, writing nothing', async () => {
    const before = await listIds();
    const past = await secretariat().post(
      '/api/meetings',
      series({
        idempotencyKey: 'test-past-meeting-000001',
        start: '2027-01-12T10:00',
        end: '2027-01-12T12:00',
        recurrence: undefined,
      }),
    );
    expect(past.status).toBe(400);
    expect(past.body.error.fieldErrors).toEqual([
      { path: 'start', message: expect.stringMatching(/Tuesday 12 January 2027 at 10:00 is in the past/) },
    ]);
    const backwards = await secretariat().post(
      '/api/meetings',
      series({
        idempotencyKey: 'test-backwards-0000001',
        start: '2027-05-12T12:00',
        end: '2027-05-12T10:00',
      }),
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fieldErrors).toEqual([
      { path: 'end', message: 'The meeting must end after it starts.' },
    ]);
    expect(await listIds()).toEqual(before);
  });

  it('only the secretariat schedules; board members read; others who are not invited see nothing', async () => {
    const refused = await hub
      .as(PERSONA_IDS.boardMember)
      .post('/api/meetings', series({ idempotencyKey: 'test-board-member-001' }));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('Only the secretariat schedules meetings.');
    expect((await hub.as(PERSONA_IDS.referrer).get('/api/meetings')).status).toBe(403);
    const member = await hub.as(PERSONA_IDS.boardMember).get(`/api/meetings/${march}`);
    expect(member.status).toBe(200);
    expect(member.body.permissions).toEqual({ edit: false, recordAttendance: false, markHeld: false });
    const notInvited = await hub.as(PERSONA_IDS.channelMember).get(`/api/meetings/${march}`);
    expect(notInvited.status).toBe(404);
  });
});

describe('agenda and papers', () => {
  let restricted: string;
  let paper: string;

  it('adds an item before any other business, restricted to those cleared, and moves it', async () => {
    const res = await secretariat().post(`/api/meetings/${march}/agenda`, {
      title: 'Case review (exempt information)',
      presenterId: PERSONA_IDS.police,
      restricted: true,
      clearedFor: [PERSONA_IDS.police],
    });
    expect(res.status).toBe(201);
    const items = res.body.items;
    restricted = items.at(-2).id;
    expect(items.at(-2)).toMatchObject({
      title: 'Case review (exempt information)',
      restricted: true,
      position: 7,
    });
    expect(items.at(-2).presenter.personId).toBe(PERSONA_IDS.police);
    const moved = await secretariat().call('PUT', `/api/meetings/${march}/agenda/${restricted}/position`, {
      position: 2,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.items[1].id).toBe(restricted);
  });

  it('takes a PDF or Word paper, and refuses anything else by its content', async () => {
    const pdf = await secretariat().post(`/api/meetings/${march}/agenda/${restricted}/papers`, {
      fileName: 'Case review.pdf',
      contentType: 'application/pdf',
      contentBase64: PDF.toString('base64'),
    });
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({
      contentType: 'application/pdf',
      size: PDF.length,
      late: false,
      version: 1,
    });
    paper = pdf.body.id;
    const word = await secretariat().post(`/api/meetings/${march}/agenda/ITM-0005/papers`, {
      fileName: 'Delivery plan.docx',
      contentType: 'application/octet-stream',
      contentBase64: DOCX.toString('base64'),
    });
    expect(word.status).toBe(201);
    const text = await secretariat().post(`/api/meetings/${march}/agenda/ITM-0005/papers`, {
      fileName: 'Notes.pdf',
      contentType: 'application/pdf',
      contentBase64: Buffer.from('just some text').toString('base64'),
    });
    expect(text.status).toBe(415);
    expect(text.body.error.message).toMatch(/is not a PDF or a Word document/);
  });

  it('refuses a 200 MB paper before reading it', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${hub.url}/api/meetings/${march}/agenda/${restricted}/papers`);
      const req = http.request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Math.ceil((200 * 1024 * 1024 * 4) / 3)),
          'x-dev-persona': PERSONA_IDS.secretariat,
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.write('{"fileName":"Big.pdf","contentType":"application/pdf","contentBase64":"');
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error.message).toMatch(/A paper can be at most 50 MB/);
  });

  it("shows a restricted item's papers only to those cleared, and refuses the download to anyone else", async () => {
    const member = hub.as(PERSONA_IDS.boardMember);
    const agenda = await member.get(`/api/meetings/${march}/agenda`);
    const item = agenda.body.items.find((i: { id: string }) => i.id === restricted);
    expect(item).toMatchObject({ restricted: true, cleared: false, clearedFor: [] });
    expect(item.papers).toBeUndefined();
    const papers = await member.get(`/api/meetings/${march}/papers`);
    expect(papers.body.items.map((p: { id: string }) => p.id)).not.toContain(paper);
    const refused = await member.get(`/api/meetings/${march}/papers/${paper}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/restricted item: its papers are only for those cleared/);
    for (const cleared of [PERSONA_IDS.police, PERSONA_IDS.boardChair, PERSONA_IDS.secretariat]) {
      const res = await fetch(`${hub.url}/api/meetings/${march}/papers/${paper}`, {
        headers: { 'x-dev-persona': cleared },
      });
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF);
    }
  });

  it('hands the pack job every item in order, with who is cleared', async () => {
    const pack = await hub.hub.meetings.forPack(march);
    expect(pack.items.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const item = pack.items.find((i) => i.id === restricted)!;
    expect(item.clearedFor.sort()).toEqual(
      [PERSONA_IDS.boardChair, PERSONA_IDS.police, PERSONA_IDS.secretariat].sort(),
    );
    expect(item.papers).toEqual([
      expect.objectContaining({ library: 'meeting-papers', version: 1, late: false }),
    ]);
    expect(pack.quorum.met).toBe(false);
  });

  it('flags a paper uploaded after the papers deadline as late', async () => {
    hub.clock.current = new Date('2027-03-04T09:00:00Z');
    const late = await secretariat().post(`/api/meetings/${march}/agenda/ITM-0004/papers`, {
      fileName: 'Returns summary.pdf',
      contentType: 'application/pdf',
      contentBase64: PDF.toString('base64'),
    });
    expect(late.status).toBe(201);
    expect(late.body.late).toBe(true);
  });
});

describe('reminders, attendance and holding the meeting', () => {
  it('reminds invitees the meeting is soon once, however often the timer runs', async () => {
    hub.clock.current = new Date('2027-03-05T09:00:00Z');
    await hub.runTimersOnce();
    await hub.runTimersOnce();
    const soon = hub.calls.filter((n) => n.type === 'meeting-soon' && n.reference === march);
    expect(soon).toHaveLength(3);
    expect(sentTwice(hub.calls)).toEqual([]);
  });

  it('offers the invitation as an .ics file', async () => {
    const res = await fetch(`${hub.url}/api/meetings/${march}/invitation`, {
      headers: { 'x-dev-persona': PERSONA_IDS.boardMember },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await res.text();
    expect(ics).toMatch(/BEGIN:VCALENDAR/);
    expect(ics).toMatch(/DTSTART:20270309T100000Z/);
    expect(ics).toMatch(/METHOD:REQUEST/);
    // The invitation the hub sent (the embedded default's calendar): the .ics kept in the document library.
    const sent = await hub.hub.ports.documents.get('meeting-invitations', `${march}.ics`);
    expect(sent!.doc.contentType).toMatch(/^text\/calendar/);
    expect(Buffer.from(sent!.bytes).toString()).toMatch(/UID:mtg-2027-\d+@prevent-hub/);
  });

  it('records attendance and warns when the meeting is not quorate', async () => {
    hub.clock.current = new Date('2027-03-09T12:30:00Z');
    const res = await secretariat().call('PUT', `/api/meetings/${march}/attendance`, {
      entries: [
        { personId: PERSONA_IDS.boardChair, status: 'present' },
        { personId: PERSONA_IDS.boardMember, status: 'present' },
        { personId: PERSONA_IDS.police, status: 'apologies' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.quorum.met).toBe(false);
    expect(res.body.quorum.warning).toMatch(/^The meeting is not quorate: no one from the police is present/);
    const deputy = await secretariat().call('PUT', `/api/meetings/${march}/attendance`, {
      entries: [{ personId: PERSONA_IDS.police, status: 'deputy', deputyName: 'A police deputy (demo)' }],
    });
    expect(deputy.body.quorum).toMatchObject({ met: true, partnersRepresented: 3, partnersInvited: 3 });
    const stranger = await secretariat().call('PUT', `/api/meetings/${march}/attendance`, {
      entries: [{ personId: PERSONA_IDS.referrer, status: 'present' }],
    });
    expect(stranger.status).toBe(400);
  });

  it('once held, refuses new agenda items and papers', async () => {
    const held = await secretariat().post(`/api/meetings/${march}/held`, {});
    expect(held.status).toBe(200);
    expect(held.body.status).toBe('held');
    const item = await secretariat().post(`/api/meetings/${march}/agenda`, { title: 'Too late' });
    expect(item.status).toBe(409);
    expect(item.body.error.message).toMatch(
      /was held on 2027-03-09: it can no longer be given new agenda items/,
    );
    const agenda = await secretariat().get(`/api/meetings/${march}/agenda`);
    expect(agenda.body.items.map((i: { title: string }) => i.title)).not.toContain('Too late');
  });

  it('reschedules with a reason and tells the invitees; a stale ETag is refused', async () => {
    const current = await secretariat().get(`/api/meetings/${june}`);
    const moved = await secretariat().post(`/api/meetings/${june}/reschedule`, {
      etag: current.body.etag,
      start: '2027-06-15T14:00',
      end: '2027-06-15T16:00',
      reason: 'The venue is being refurbished.',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      status: 'rescheduled',
      statusReason: 'The venue is being refurbished.',
    });
    expect(moved.body.startsAt).toBe('2027-06-15T13:00:00.000Z');
    const stale = await secretariat().post(`/api/meetings/${june}/cancellation`, {
      etag: current.body.etag,
      reason: 'No longer needed.',
    });
    expect(stale.status).toBe(409);
    await hub.runTimersOnce();
    expect(hub.calls.filter((n) => n.type === 'meeting-changed' && n.reference === june)).toHaveLength(3);
  });

  it('edits and removes agenda items, changes the details, and cancels with a reason', async () => {
    const one = await secretariat().post('/api/meetings', {
      ...series({
        idempotencyKey: 'test-steering-group-0001',
        kind: 'steering-group',
        recurrence: undefined,
      }),
      title: 'Prevent steering group',
      start: '2027-04-20T14:00',
      end: '2027-04-20T15:30',
    });
    expect(one.status).toBe(201);
    const id = one.body.meeting.id;
    expect(one.body.meeting.agenda).toEqual([]);
    const added = await secretariat().post(`/api/meetings/${id}/agenda`, {
      title: 'Refresh the local risk picture',
    });
    const itemId = added.body.items[0].id;
    const edited = await secretariat().call('PATCH', `/api/meetings/${id}/agenda/${itemId}`, {
      title: 'Local risk picture',
      presenterName: 'A guest presenter (demo)',
      minutes: 20,
    });
    expect(edited.body.items[0]).toMatchObject({
      title: 'Local risk picture',
      presenter: { displayName: 'A guest presenter (demo)' },
      minutes: 20,
    });
    const removed = await secretariat().call('DELETE', `/api/meetings/${id}/agenda/${itemId}`);
    expect(removed.body.items).toEqual([]);
    const changed = await secretariat().call('PATCH', `/api/meetings/${id}`, {
      title: 'Prevent steering group (spring)',
      location: { online: true },
    });
    expect(changed.body).toMatchObject({
      title: 'Prevent steering group (spring)',
      location: { online: true },
    });
    const cancelled = await secretariat().post(`/api/meetings/${id}/cancellation`, {
      reason: 'Merged with the Board.',
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusReason: 'Merged with the Board.' });
    const ics = await fetch(`${hub.url}/api/meetings/${id}/invitation`, {
      headers: { 'x-dev-persona': PERSONA_IDS.secretariat },
    });
    expect(await ics.text()).toMatch(/METHOD:CANCEL/);
    const again = await secretariat().post(`/api/meetings/${id}/agenda`, { title: 'After cancelling' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/was cancelled/);
  });

  it('the demo Board has one meeting held last quarter and the next one scheduled', async () => {
    const list = await hub.as(PERSONA_IDS.boardChair).get('/api/meetings');
    const demo = (list.body.items as { title: string; status: string }[]).filter(
      (m) => m.title === 'Prevent Partnership Board' && !['held', 'cancelled'].includes(m.status),
    );
    expect(demo.length).toBeGreaterThan(0);
    expect(list.body.items.some((m: { status: string }) => m.status === 'held')).toBe(true);
    // Its next meeting has an agenda with papers, one of them on a restricted item.
    const next = (list.body.items as { id: string; status: string; location: { venue?: string } }[]).find(
      (m) => m.status === 'scheduled' && m.location.venue?.endsWith('(demo)'),
    )!;
    const pack = await hub.hub.meetings.forPack(next.id);
    expect(pack.items.filter((i) => i.papers.length > 0).map((i) => i.restricted)).toEqual([false, true]);
    const restricted = pack.items.find((i) => i.restricted)!;
    expect(restricted.clearedFor).toContain(PERSONA_IDS.police);
    const paper = await hub.hub.ports.documents.get(
      restricted.papers[0]!.library,
      restricted.papers[0]!.name,
    );
    expect(Buffer.from(paper!.bytes).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

/**
 * Meetings on the SharePoint adapter over the REST double (PPH_STORE=sharepoint-double): the Meetings list is
 * provisioned from its definition like any other, and a Board meeting is scheduled, given an agenda item and a
 * paper, its attendance recorded and its pack view read, every query accepted by SharePoint's rules.
 */
import { PDFDocument } from 'pdf-lib';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';

jest.setTimeout(240_000);

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({
    start: new Date('2027-02-01T09:00:00Z'),
    env: { ...process.env, PPH_STORE: 'sharepoint-double' },
  });
}, 180_000);
afterAll(async () => hub.close());

it('runs a Board meeting on SharePoint lists', async () => {
  const sec = hub.as(PERSONA_IDS.secretariat);
  const res = await sec.post('/api/meetings', {
    idempotencyKey: 'sharepoint-board-0000001',
    kind: 'prevent-board',
    title: 'Prevent Partnership Board',
    start: '2027-03-09T10:00',
    end: '2027-03-09T12:00',
    location: { online: true },
    invitees: {
      byRole: [
        { partnerId: 'council', role: 'board-chair' },
        { partnerId: 'police', role: 'police-prevent' },
      ],
    },
  });
  expect(res.status).toBe(201);
  const id = res.body.meeting.id;
  const added = await sec.post(`/api/meetings/${id}/agenda`, { title: 'Channel annual report' });
  expect(added.status).toBe(201);
  const pdf = await PDFDocument.create();
  pdf.addPage();
  const paper = await sec.post(`/api/meetings/${id}/agenda/${added.body.items[6].id}/papers`, {
    fileName: 'Channel annual report.pdf',
    contentType: 'application/pdf',
    contentBase64: Buffer.from(await pdf.save()).toString('base64'),
  });
  expect(paper.status).toBe(201);
  const attendance = await sec.call('PUT', `/api/meetings/${id}/attendance`, {
    entries: [
      { personId: PERSONA_IDS.boardChair, status: 'present' },
      { personId: PERSONA_IDS.police, status: 'present' },
    ],
  });
  expect(attendance.body.quorum.met).toBe(true);
  const list = await hub.as(PERSONA_IDS.boardChair).get('/api/meetings');
  expect(list.body.items.map((m: { id: string }) => m.id)).toContain(id);
  const pack = await hub.hub.meetings.forPack(id);
  expect(pack.items[6]!.papers).toHaveLength(1);
});

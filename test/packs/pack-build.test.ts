/**
 * The board pack job end to end over the real local hub: the demo Board (a held meeting with its minutes and
 * actions, the next one with its agenda and a restricted item), papers uploaded through the meetings' API, the
 * demo quarter's returns and concerns raised in it; the pack built as a job and polled, opened with pdf-lib
 * (bookmarks) and pdf.js (text): the restricted item absent from the public copy, no count under 5 in the
 * statistics. Then retries, authorisation, publishing and a supplement.
 */
import { PDFDocument } from 'pdf-lib';
import {
  CONCERN_AGE_BANDS,
  IDEOLOGY_LABELS,
  SECTOR_LABELS,
  type MeetingForPack,
  type PackBuildView,
  type PackVersionsResponse,
} from '@pph/contract';
import { KernelLists } from '@pph/functions/kernel/lists';
import { allItems } from '@pph/functions/kernel/store/paging';
import { pdfText, readOutline } from '../documents/pdf-inspect';
import { PERSONA_IDS, sentTwice, startTestHub, type TestHub } from '../support/hub';
import { newKey } from '../support/concerns';
import { againOnReset, base64, download, paperPdf, raiseConcerns } from './support';

jest.setTimeout(600_000);

let t: TestHub;
let meeting: MeetingForPack;
const P = PERSONA_IDS;
const restrictedTitle = 'Case review: lessons learned (exempt information, demo)';

const as = (id: string) => t.hub.directory.resolve({ userId: id, via: 'dev-persona' });
const secretariat = () => t.as(P.secretariat);
const path = (rest: string) => `/api/meetings/${meeting.meeting.id}/pack${rest}`;

async function built(build: PackBuildView): Promise<PackBuildView> {
  await t.hub.packJobs.settle();
  const polled = await againOnReset(() => secretariat().get(`/api/pack-builds/${build.buildId}`));
  expect(polled.status).toBe(200);
  return polled.body as PackBuildView;
}

beforeAll(async () => {
  t = await startTestHub({ seed: true });
  // Concerns in the quarter the pack reports (the demo quarter, July to September 2026).
  await raiseConcerns(t, '2026-08-04T10:00:00Z', 7, 'extreme-right-wing');
  await raiseConcerns(t, '2026-08-11T10:00:00Z', 6, 'islamist', 19);
  await raiseConcerns(t, '2026-09-08T10:00:00Z', 2, 'mixed-unclear-unstable', 44);
  const list = await t.hub.meetings.list(await as(P.secretariat));
  const next = list.items.find((m) => m.kind === 'prevent-board' && m.status === 'scheduled')!;
  meeting = await t.hub.meetings.forPack(next.id);
  const item = (title: string) => meeting.items.find((i) => i.title === title)!;
  const upload = async (itemId: string, fileName: string, bytes: Uint8Array) => {
    const r = await secretariat().post(`/api/meetings/${meeting.meeting.id}/agenda/${itemId}/papers`, {
      fileName,
      contentType: 'application/pdf',
      contentBase64: base64(bytes),
    });
    expect(r.status).toBe(201);
  };
  await upload(
    item('Channel panel annual report (demo)').id,
    'Channel annual report.pdf',
    await paperPdf('Channel annual report', 3),
  );
  await upload(item(restrictedTitle).id, 'Lessons learned.pdf', await paperPdf('Exempt lessons paper', 2));
  meeting = await t.hub.meetings.forPack(next.id);
});

afterAll(() => t.close());

describe('building the pack', () => {
  let build: PackBuildView;
  const clientRequestId = newKey();

  it('starts a job for the secretariat, which any instance can poll to done', async () => {
    const started = await secretariat().post(path('/builds'), { clientRequestId });
    expect(started.status).toBe(201);
    expect(['queued', 'running', 'done']).toContain(started.body.status);
    build = await built(started.body as PackBuildView);
    expect(build).toMatchObject({ status: 'done', version: 1, meetingId: meeting.meeting.id });
    expect(build.partsTotal).toBeGreaterThan(10);
    expect(build.partsDone).toBe(build.partsTotal);
  });

  it('answers a retried start with the same build, and starts no second one', async () => {
    const again = await secretariat().post(path('/builds'), { clientRequestId });
    expect(again.status).toBe(200);
    expect(again.body.buildId).toBe(build.buildId);
    await t.hub.packJobs.settle();
    const versions = (await secretariat().get(path('/versions'))).body as PackVersionsResponse;
    expect(versions.items.map((v) => v.version)).toEqual([1]);
    // A new request for a built pack is told to issue a supplement instead.
    const other = await secretariat().post(path('/builds'), { clientRequestId: newKey() });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(/issue a supplement/);
  });

  it('stores a draft with a public and a restricted copy', async () => {
    const versions = (await secretariat().get(path('/versions'))).body as PackVersionsResponse;
    const v = versions.items[0]!;
    expect(v).toMatchObject({ version: 1, status: 'draft', kind: 'pack', restrictedItems: 1 });
    expect(v.copies.map((c) => [c.copy, c.available])).toEqual([
      ['public', true],
      ['restricted', true],
    ]);
    expect(versions.can).toEqual({ build: false, supplement: true, publish: true });
  });

  it('has bookmarks that match the agenda, and leaves the restricted item out of the public copy entirely', async () => {
    const pub = await download(t, P.secretariat, path('/versions/1/public'));
    expect(pub.status).toBe(200);
    expect(pub.contentType).toBe('application/pdf');
    const res = await download(t, P.secretariat, path('/versions/1/restricted'));
    expect(res.status).toBe(200);

    const agenda = [...meeting.items].sort((a, b) => a.position - b.position);
    const publicItems = agenda.filter((i) => !i.restricted).map((i, n) => `${n + 1}. ${i.title}`);
    const allItems_ = agenda.map((i, n) => `${n + 1}. ${i.title}`);
    const titles = async (bytes: Uint8Array) =>
      readOutline(await PDFDocument.load(bytes)).map((o) => o.title);
    const publicOutline = await titles(pub.bytes);
    expect(publicOutline.filter((x) => /^\d+\. /.test(x))).toEqual(publicItems);
    expect((await titles(res.bytes)).filter((x) => /^\d+\. /.test(x))).toEqual(allItems_);

    const publicText = pdfText(pub.bytes).pages.join('\n');
    const restrictedText = pdfText(res.bytes).pages.join('\n');
    expect(publicText).toContain('Channel annual report page 3');
    expect(publicText).not.toContain('lessons learned');
    expect(publicText).not.toContain('Exempt lessons paper');
    expect(restrictedText).toContain('Exempt lessons paper page 2');
    expect(restrictedText).toContain(restrictedTitle);
    expect((await PDFDocument.load(pub.bytes)).getPageCount()).toBeLessThan(
      (await PDFDocument.load(res.bytes)).getPageCount(),
    );
  });

  it('shows no count under 5 in its concern statistics tables', async () => {
    const pub = await download(t, P.secretariat, path('/versions/1/public'));
    const text = pdfText(pub.bytes).pages.join(' ');
    const start = text.indexOf('Concerns raised:');
    expect(start).toBeGreaterThan(0);
    const end = text.indexOf('[c] marks a count', start);
    const tables = text.slice(start, end);
    // Each row reads "<label> <count>": every count after a row label is [c], 0 or 5 and more.
    const labels = [
      ...CONCERN_AGE_BANDS.map((b) => b.label),
      'Age not known',
      ...Object.values(IDEOLOGY_LABELS),
      ...Object.values(SECTOR_LABELS),
      'July 2026',
      'August 2026',
      'September 2026',
      'Still open',
      'Total',
    ];
    const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const counts = [...tables.matchAll(new RegExp(`(?:${labels.map(escape).join('|')}) (\\S+)`, 'g'))].map(
      (m) => m[1]!,
    );
    const numbers = counts.filter((c) => /^(\[c\]|\d+)$/.test(c));
    expect(numbers.length).toBeGreaterThanOrEqual(20);
    expect(numbers.filter((c) => !(c === '[c]' || c === '0' || Number(c) >= 5))).toEqual([]);
    expect(tables).toMatch(/Extreme right-wing 7/);
    // The two mixed-ideology concerns are withheld, and the next smallest count with them (or the total would
    // give them away).
    expect(tables).toMatch(/Mixed, unclear or unstable \[c\]/);
    expect(tables).toMatch(/Islamist \[c\]/);
    expect(tables).toMatch(/Total 15/);
  });
});

describe('who may do what', () => {
  it('keeps a draft from the Board, and refuses builds to everyone but the secretariat', async () => {
    const member = t.as(P.boardMember);
    const seen = (await againOnReset(() => member.get(path('/versions')))).body as PackVersionsResponse;
    expect(seen.items).toEqual([]);
    expect((await download(t, P.boardMember, path('/versions/1/public'))).status).toBe(404);
    const refused = await member.post(path('/builds'), { clientRequestId: newKey() });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('Only the secretariat builds board packs.');
    expect((await t.as(P.referrer).get(path('/versions'))).status).toBe(403);
    expect((await member.post(path('/versions/1/publication'), {})).status).toBe(403);
  });

  it('publishes once, telling each invitee once however often it is pressed', async () => {
    const first = await secretariat().post(path('/versions/1/publication'), {});
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('published');
    const again = await secretariat().post(path('/versions/1/publication'), {});
    expect(again.body.publishedAt).toBe(first.body.publishedAt);
    await t.hub.pumpOnce();
    const entries = [];
    for await (const item of allItems(t.hub.ports.store, KernelLists.outbox, { top: 1000 }))
      if (item.fields.EventType === 'pack-published') entries.push(item);
    const recipients = entries.map((e) => e.fields.RecipientId);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect([...recipients].sort()).toEqual(meeting.invitees.map((i) => i.personId).sort());
    expect(sentTwice(t.calls)).toEqual([]);
  });

  it('gives a board member the public copy and only those cleared the restricted one', async () => {
    const member = (await t.as(P.boardMember).get(path('/versions'))).body as PackVersionsResponse;
    expect(member.items[0]!.copies.map((c) => [c.copy, c.available])).toEqual([
      ['public', true],
      ['restricted', false],
    ]);
    expect((await download(t, P.boardMember, path('/versions/1/public'))).status).toBe(200);
    const refused = await t.as(P.boardMember).get(path('/versions/1/restricted'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/only for those cleared/);
    expect((await download(t, P.police, path('/versions/1/restricted'))).status).toBe(200);
  });
});

describe('a late supplement', () => {
  it('is a new version, the first kept as it was', async () => {
    const late = meeting.items.find((i) => i.title === 'Channel panel annual report (demo)')!;
    const up = await secretariat().post(`/api/meetings/${meeting.meeting.id}/agenda/${late.id}/papers`, {
      fileName: 'Late addendum.pdf',
      contentType: 'application/pdf',
      contentBase64: base64(await paperPdf('Late addendum', 1)),
    });
    expect(up.status).toBe(201);
    const started = await secretariat().post(path('/supplements'), {
      clientRequestId: newKey(),
      reason: 'The Channel panel addendum arrived after the deadline.',
    });
    expect(started.status).toBe(201);
    const done = await built(started.body as PackBuildView);
    expect(done).toMatchObject({ status: 'done', version: 2, kind: 'supplement' });
    const versions = (await secretariat().get(path('/versions'))).body as PackVersionsResponse;
    expect(versions.items.map((v) => [v.version, v.status, v.kind])).toEqual([
      [2, 'draft', 'supplement'],
      [1, 'published', 'pack'],
    ]);
    const v2 = pdfText((await download(t, P.secretariat, path('/versions/2/public'))).bytes).pages.join(' ');
    expect(v2).toContain('Late addendum page 1');
    expect(v2).toContain('The Channel panel addendum arrived after the deadline.');
    const v1 = pdfText((await download(t, P.secretariat, path('/versions/1/public'))).bytes).pages.join(' ');
    expect(v1).not.toContain('Late addendum');
  });

  it('is refused while another build is under way, naming it, and reads no concern for the refusal', async () => {
    const first = await secretariat().post(path('/supplements'), {
      clientRequestId: newKey(),
      reason: 'A second late paper.',
    });
    expect(first.status).toBe(201);
    // A conflict about a build is not about a concern: there is no concern's current view to attach to it.
    const reads = jest.spyOn(t.hub.concerns, 'read');
    try {
      const second = await secretariat().post(path('/supplements'), {
        clientRequestId: newKey(),
        reason: 'The same paper, pressed again.',
      });
      expect(second.status).toBe(409);
      expect(second.body.error.message).toContain(
        `A build of this pack is under way (${first.body.buildId})`,
      );
      expect(second.body.error.current).toBeUndefined();
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
    expect(await built(first.body as PackBuildView)).toMatchObject({ status: 'done', version: 3 });
  });

  it('is refused for a meeting with no pack yet', async () => {
    const list = await t.hub.meetings.list(await as(P.secretariat));
    const held = list.items.find((m) => m.kind === 'prevent-board' && m.status === 'held')!;
    const body = { clientRequestId: newKey(), reason: 'Late paper' };
    const r = await againOnReset(() => secretariat().post(`/api/meetings/${held.id}/pack/supplements`, body));
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/build the pack first/);
  });
});

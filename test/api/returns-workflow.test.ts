/**
 * A quarter's returns over HTTP, as the demo personas: an author saves as typed and submits, a board member of
 * another agency approves, another return is sent back and resubmitted, several are approved at once, and the
 * secretariat sees the cycle at a glance and chases. Bad input is refused at the field with nothing lost.
 */
import { ApiPaths, pathOf, ReturnOperations as R, sectionsFor, QUARTERLY_RETURN_V1 } from '@pph/contract';
import { RETURN_AUTHOR_IDS } from '@pph/functions/hosts/local/personas';
import { KernelLists } from '@pph/functions/kernel/lists';
import { PERSONA_IDS, startTestHub, type ApiClient, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ seed: true, start: new Date('2026-12-01T10:00:00Z') });
});
afterAll(() => hub.close());

const Q3 = '2026-27-Q3';
const elliot = () => hub.as(PERSONA_IDS.returnAuthor);
const rowan = () => hub.as(PERSONA_IDS.boardMember);
const kit = () => hub.as(PERSONA_IDS.boardChair);
const jamie = () => hub.as(PERSONA_IDS.secretariat);
const put = (c: ApiClient, path: string, body: unknown, headers: Record<string, string> = {}) =>
  c.call('PUT', path, body, headers);
const returnPath = (ref: string) => pathOf(R.getReturn, { ref });
const draftPath = (ref: string) => pathOf(R.saveReturnDraft, { ref });
const submitPath = (ref: string) => pathOf(R.submitReturn, { ref });
const approvePath = (ref: string) => pathOf(R.approveReturn, { ref });
const sendBackPath = (ref: string) => pathOf(R.sendBackReturn, { ref });

/** The Q3 return of an agency, from the cycle at a glance. */
async function refOf(partnerId: string, cycleId = Q3): Promise<string> {
  const overview = await jamie().get(pathOf(R.getReturnCycle, { cycleId }));
  return overview.body.returns.find((r: { partner: { id: string } }) => r.partner.id === partnerId).reference;
}

const complete = (sector: Parameters<typeof sectionsFor>[1], awareness = 120) => ({
  training: [
    {
      staffGroup: 'education',
      counts: { awareness, workshop: 14 },
      total: awareness + 14,
      staffInScope: 180,
      trainedToDate: 150,
    },
  ],
  trainingTotal: awareness + 14,
  referrals: { byAgeBand: { '14-17': 3, '18-24': 2 }, total: 5 },
  sections: sectionsFor(QUARTERLY_RETURN_V1, sector).map((s) => ({
    section: s.key,
    rag: s.key === 'further-higher-education' ? 'amber' : 'green',
    narrative:
      'Two colleges of the group have trained all new staff; the third is behind after a restructure.',
    actions: ['FE1: awareness for all new staff'],
  })),
  goodPractice: 'Student union briefing.',
});

const notified = (type: string, recipientId: string) =>
  hub.calls.filter((n) => n.type === type && n.recipientId === recipientId);

describe('an author files a return', () => {
  let ref: string;
  let etag: string;

  it('finds it in My returns and My work, saves as typed and gets the new ETag', async () => {
    const mine = await elliot().get(pathOf(R.myReturns));
    expect(mine.status).toBe(200);
    ref = mine.body.toWrite.find((r: { cycleId: string }) => r.cycleId === Q3).reference;
    const queue = await elliot().get(ApiPaths.myQueue);
    expect(queue.body.tasks).toEqual([
      expect.objectContaining({
        kind: 'return-write',
        itemRef: ref,
        open: { entityId: 'returns', subEntityId: `return:${ref}` },
      }),
    ]);
    const view = await elliot().get(returnPath(ref));
    expect(view.headers.get('etag')).toBe(view.body.etag);
    const saved = await put(elliot(), draftPath(ref), {
      etag: view.body.etag,
      content: { training: [{ staffGroup: 'education', counts: { awareness: 100 } }] },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.status).toBe('draft');
    expect(saved.body.etag).not.toBe(view.body.etag);
    expect(saved.body.history.at(-1)).toMatchObject({ action: 'saved', changed: ['training'] });
    etag = saved.body.etag;
  });

  it.each([
    [
      'a negative count',
      { training: [{ staffGroup: 'education', counts: { awareness: -4 } }] },
      'content.training.0.counts.awareness',
      'cannot be negative',
    ],
    [
      'a fractional count',
      { training: [{ staffGroup: 'education', counts: { workshop: 2.5 } }] },
      'content.training.0.counts.workshop',
      'whole number',
    ],
    [
      'a narrative of 200 KB',
      { sections: [{ section: 'safeguarding', rag: 'red', narrative: 'n'.repeat(200 * 1024) }] },
      'content.sections.0.narrative',
      '4000 characters or fewer',
    ],
    ['a field the template does not have', { training: [], colour: 'red' }, 'content', 'no field "colour"'],
    [
      'a staff group the template does not have',
      { training: [{ staffGroup: 'wizards', counts: { awareness: 1 } }] },
      'content.training.0.staffGroup',
      'not a staff group',
    ],
  ])('refuses %s at the field, and keeps the draft as it was', async (_what, content, path, says) => {
    const res = await put(elliot(), draftPath(ref), { etag, content });
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors).toEqual([
      expect.objectContaining({ path, message: expect.stringContaining(says) }),
    ]);
    const now = await elliot().get(returnPath(ref));
    expect(now.body.etag).toBe(etag);
    expect(now.body.content.training).toEqual([{ staffGroup: 'education', counts: { awareness: 100 } }]);
  });

  it('refuses a stale edit with who changed what, at the fields they changed, and saves nothing', async () => {
    const stale = etag;
    const second = await put(elliot(), draftPath(ref), {
      etag,
      content: {
        training: [{ staffGroup: 'education', counts: { awareness: 110 } }],
        goodPractice: 'Briefings.',
      },
    });
    etag = second.body.etag;
    const res = await put(elliot(), draftPath(ref), { etag: stale, content: { training: [] } });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(
      /changed since you opened it: draft saved: training and good practice \(Elliot Brannagh on 1 December/,
    );
    expect(res.body.error.message).toContain('Nothing you sent was saved');
    expect(res.body.error.fieldErrors.map((f: { path: string }) => f.path)).toEqual([
      'content.training',
      'content.goodPractice',
      'etag',
    ]);
    expect((await elliot().get(returnPath(ref))).body.content.training[0].counts.awareness).toBe(110);
  });

  it('refuses a change without an ETag, so nothing is overwritten unseen', async () => {
    const res = await put(elliot(), draftPath(ref), { content: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors[0].path).toBe('etag');
  });

  it('refuses to submit an incomplete return, field by field, and keeps the draft', async () => {
    const res = await elliot().post(submitPath(ref), { etag });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('not ready to submit');
    const paths = res.body.error.fieldErrors.map((f: { path: string }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'content.training.0.total',
        'content.trainingTotal',
        'content.referrals.total',
        'content.sections',
      ]),
    );
    expect((await elliot().get(returnPath(ref))).body.status).toBe('draft');
  });

  it('submits with the content in one write; the task moves to the board members of other agencies', async () => {
    const res = await elliot().post(submitPath(ref), { etag, content: complete('further-education') });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('submitted');
    expect(res.body.submittedBy.displayName).toBe('Elliot Brannagh');
    etag = res.body.etag;
    await hub.hub.settle();
    expect((await elliot().get(ApiPaths.myQueue)).body.tasks).toEqual([]);
    for (const approver of [rowan(), kit()])
      expect(
        (await approver.get(ApiPaths.myQueue)).body.tasks.map((t: { itemRef: string }) => t.itemRef),
      ).toContain(ref);
    // Once submitted it is not the author's to change.
    const again = await put(elliot(), draftPath(ref), { etag, content: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('only if a board member sends it back');
  });

  it('refuses approval by someone who is not a board member', async () => {
    const res = await jamie().post(approvePath(ref), { etag });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Only board members approve or send back returns.');
  });

  it('is approved by a board member of another agency; the author hears of it; it leaves My work', async () => {
    const res = await rowan().post(approvePath(ref), { etag, comments: 'Thank you.' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('approved');
    expect(res.body.approvals).toEqual([
      expect.objectContaining({ partnerName: 'Probation Service (Harbourside)' }),
    ]);
    await hub.hub.settle();
    await hub.hub.pumpOnce();
    expect(notified('return-approved', PERSONA_IDS.returnAuthor)).toHaveLength(1);
    expect(
      (await kit().get(ApiPaths.myQueue)).body.tasks.map((t: { itemRef: string }) => t.itemRef),
    ).not.toContain(ref);
  });
});

describe('nobody approves their own agency', () => {
  it("the council's board chair cannot approve the council's return: refused and audited", async () => {
    const ref = await refOf('council');
    const view = await kit().get(returnPath(ref));
    expect(view.body.can).toMatchObject({
      approve: false,
      approveRefusal: expect.stringContaining('own agency'),
    });
    const res = await kit().post(approvePath(ref), { etag: view.body.etag });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("Nobody approves their own agency's return");
    const audit = (await hub.hub.ports.store.query(KernelLists.audit, { top: 5000 })).items;
    expect(
      audit.some(
        (e) => e.fields.Action === 'return.approve.refused' && e.fields.ActorId === PERSONA_IDS.boardChair,
      ),
    ).toBe(true);
    expect(
      (await kit().get(ApiPaths.myQueue)).body.tasks.map((t: { itemRef: string }) => t.itemRef),
    ).not.toContain(ref);
  });
});

describe('sent back with comments, revised and resubmitted', () => {
  it('keeps the whole history', async () => {
    const ref = await refOf('police');
    const frankie = hub.as(RETURN_AUTHOR_IDS.police);
    let view = (await kit().get(returnPath(ref))).body;
    const back = await kit().post(sendBackPath(ref), {
      etag: view.etag,
      comments: 'Split the training by level, please.',
    });
    expect(back.status).toBe(200);
    expect(back.body.status).toBe('sent-back');
    await hub.hub.settle();
    expect((await frankie.get(ApiPaths.myQueue)).body.tasks).toEqual([
      expect.objectContaining({ itemRef: ref, kind: 'return-write' }),
    ]);
    view = (await frankie.get(returnPath(ref))).body;
    expect(view.sentBack.comments).toBe('Split the training by level, please.');
    const content = { ...view.content, goodPractice: 'Joint briefing with the college.' };
    const saved = await put(frankie, draftPath(ref), { etag: view.etag, content });
    expect(saved.body.history.at(-1).summary).toBe('Revised after being sent back: good practice');
    const resubmitted = await frankie.post(submitPath(ref), { etag: saved.body.etag });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.history.map((h: { action: string }) => h.action).slice(-4)).toEqual([
      'submitted',
      'sent-back',
      'saved',
      'submitted',
    ]);
    expect(resubmitted.body.history.at(-1).summary).toBe('Resubmitted for approval');
  });
});

describe('several approved at once', () => {
  it('checks and audits each on its own, with a result per return', async () => {
    const [police, probation, council, health] = (await Promise.all(
      ['police', 'probation', 'council', 'health'].map((p) => refOf(p)),
    )) as [string, string, string, string];
    const etagOf = async (ref: string) => (await kit().get(returnPath(ref))).body.etag as string;
    const before = (await hub.hub.ports.store.query(KernelLists.audit, { top: 5000 })).items.length;
    const res = await kit().post(pathOf(R.bulkApproveReturns), {
      items: [
        { reference: police, etag: await etagOf(police) },
        { reference: probation, etag: await etagOf(probation) },
        { reference: council, etag: await etagOf(council) },
        { reference: health, etag: `"${health}.0"` },
      ],
    });
    expect(res.status).toBe(200);
    expect(
      res.body.results.map((r: { reference: string; outcome: string }) => [r.reference, r.outcome]),
    ).toEqual([
      [police, 'approved'],
      [probation, 'approved'],
      [council, 'refused'],
      [health, 'conflict'],
    ]);
    expect(res.body.results[2].message).toContain('own agency');
    expect(res.body).toMatchObject({ approved: 2, refused: 2 });
    await hub.hub.settle();
    await hub.hub.relay.runOnce();
    const actions = (await hub.hub.ports.store.query(KernelLists.audit, { top: 5000 })).items
      .slice(before)
      .map((e) => `${e.fields.Action} ${String(e.fields.Target).split('/')[1]}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        `return.approve ${police}`,
        `return.approve ${probation}`,
        `return.approve.refused ${council}`,
      ]),
    );
  });
});

describe('a closed cycle', () => {
  it('refuses a return for it, saying when it closed', async () => {
    const ref = await refOf('yos', '2026-27-Q2');
    const jude = hub.as(RETURN_AUTHOR_IDS.yos);
    const view = (await jude.get(returnPath(ref))).body;
    expect(view.cycle.status).toBe('closed');
    expect(view.can.edit).toBe(false);
    const res = await put(jude, draftPath(ref), { etag: view.etag, content: view.content });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('This cycle closed on 2026-11-29');
  });
});

describe('the secretariat sees the cycle at a glance and chases', () => {
  it('counts every state and names who is outstanding', async () => {
    const res = await jamie().get(pathOf(R.getReturnCycle, { cycleId: Q3 }));
    expect(res.status).toBe(200);
    expect(res.body.counts.expected).toBe(7);
    expect(res.body.canChase).toBe(true);
    const yos = res.body.returns.find((r: { partner: { id: string } }) => r.partner.id === 'yos');
    expect(yos.status).toBe('not-started');
    // A draft's content is its agency's own: the overview shows status, not RAG.
    expect(
      res.body.returns.find((r: { partner: { id: string } }) => r.partner.id === 'schools').rag,
    ).toBeUndefined();
  });

  it('chases the outstanding once a day however often pressed', async () => {
    const path = pathOf(R.chaseReturns, { cycleId: Q3 });
    const first = await jamie().post(path, { message: 'The Board meets on 20 January.' });
    expect(first.status).toBe(200);
    const chased = first.body.results.filter((r: { chased: boolean }) => r.chased);
    expect(chased.map((r: { partnerName: string }) => r.partnerName).sort()).toEqual([
      'Harbourside Schools Partnership',
      'Harbourside Youth Justice Service',
    ]);
    const second = await jamie().post(path, {});
    expect(
      second.body.results.every(
        (r: { chased: boolean; message: string }) => !r.chased && r.message.includes('already today'),
      ),
    ).toBe(true);
    await hub.hub.settle();
    await hub.hub.pumpOnce();
    expect(notified('return-chased', RETURN_AUTHOR_IDS.yos)).toHaveLength(1);
    expect(notified('return-chased', RETURN_AUTHOR_IDS.yos)[0]!.body).toContain(
      'The Board meets on 20 January.',
    );
    // A board member cannot chase.
    expect((await rowan().post(path, {})).status).toBe(403);
  });
});

describe('who sees what', () => {
  it('a referrer sees no return, and another agency never sees a draft', async () => {
    const ref = await refOf('yos');
    const robin = await hub.as(PERSONA_IDS.referrer).get(returnPath(ref));
    expect(robin.status).toBe(403);
    const elliotSees = await elliot().get(returnPath(ref));
    expect(elliotSees.status).toBe(403);
    expect(elliotSees.body.error.message).toContain(`There is no return ${ref} that you can see`);
    const schools = await rowan().get(returnPath(await refOf('schools')));
    expect(schools.status).toBe(200);
    expect(schools.body.content).toBeUndefined();
  });

  it('My work keeps its concern items and reviews as they were, with returns beside them', async () => {
    const lead = await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.myQueue);
    expect(lead.body.items.length).toBeGreaterThan(0);
    expect(lead.body.tasks).toEqual([]);
  });
});

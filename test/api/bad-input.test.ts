/**
 * Input the hub cannot use is the caller's mistake: a 400 with a message that says what to change, never a
 * 500. Overlong references, and JSON nested deeper than any form of the hub's needs (which made recursive
 * validation overflow the stack).
 */
import { ApiPaths } from '@pph/contract';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';

const DRAFT = '/api/me/draft';
const CONVERSATION_REFERENCE = '/api/me/conversation-reference';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub.close());

const lead = () => hub.as(PERSONA_IDS.safeguardingLead);
const referrer = () => hub.as(PERSONA_IDS.referrer);

describe('a reference far longer than any the hub makes is a 400', () => {
  const long = `PRV-2026-${'1'.repeat(247)}`;
  it.each([
    ['GET', 'the concern', ApiPaths.concern(long), undefined],
    ['POST', 'a decision', ApiPaths.decide(long, 's1'), { decision: 'forward' }],
    ['POST', 'a note', ApiPaths.notes(long), { text: 'A note' }],
  ])('%s %s', async (method, _what, path, body) => {
    const res = await lead().call(method, path, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.message).toMatch(/PRV-2026-0001/);
  });
});

/** `[[[…"x"…]]]`, `depth` arrays deep. */
const nestedArray = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
/** `{"a":{"a":…{}…}}`, `depth` objects deep. */
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}`;

describe('JSON nested deeper than the hub allows is a 400 that says so', () => {
  const draft = (answers: string) =>
    `{"draft":{"idempotencyKey":"6f1c0f0e-6d5b-4c1e-9a55-3f0b8f4b1a10","step":"about-you","formVersion":1,"answers":{"q":${answers}}}}`;
  const reference = (extra: string) =>
    `{"reference":{"channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/uk/","conversation":{"id":"a:1","conversationType":"personal"},"extra":${extra}}}`;

  it.each([
    ['a draft with answers 2,000 arrays deep', DRAFT, draft(nestedArray(2000))],
    ['a draft with answers 20,000 objects deep', DRAFT, draft(nestedObject(20000))],
    ['a conversation reference with a key 5,000 deep', CONVERSATION_REFERENCE, reference(nestedObject(5000))],
  ])('%s', async (_name, path, body) => {
    const res = await referrer().call('PUT', path, body, { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.message).toMatch(/nested more than \d+ levels deep/);
  });

  it("a draft's answers nested past the form's own bound are a field error", async () => {
    const res = await referrer().call('PUT', DRAFT, draft(nestedArray(20)), {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors).toEqual([
      { path: 'draft.answers', message: expect.stringMatching(/nested more than 16 levels deep/) },
    ]);
  });

  it('a draft with a little nesting is still saved', async () => {
    const res = await referrer().call('PUT', DRAFT, draft(nestedArray(3)), {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(200);
  });

  it('brackets inside strings do not count as nesting', async () => {
    const res = await referrer().call('PUT', DRAFT, draft(JSON.stringify('['.repeat(5000))), {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(200);
  });
});

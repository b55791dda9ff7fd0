/** Concern intake over HTTP: validation at the boundary, idempotent retries, monotonic references. */
import { ApiPaths } from '@pph/contract';
import { ConcernLists } from '@pph/functions/concerns/lists';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { newKey, submission } from '../support/concerns';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub.close());

const countConcerns = async () =>
  (await hub.hub.ports.store.query(ConcernLists.concerns, { top: 5000 })).items.length;

it('makes one concern however many concurrent retries share a key', async () => {
  const before = await countConcerns();
  const body = submission();
  const results = await Promise.all(
    Array.from({ length: 12 }, () => hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, body)),
  );
  const references = new Set(results.map((r) => r.body.reference));
  expect(references.size).toBe(1);
  expect(results.filter((r) => r.status === 201)).toHaveLength(1);
  expect(results.filter((r) => r.status === 200).every((r) => r.body.created === false)).toBe(true);
  expect(await countConcerns()).toBe(before + 1);
  // And a later retry still answers with the first result.
  const later = await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, body);
  expect(later.body).toMatchObject({ reference: [...references][0], created: false });
});

it('refuses a key reused by someone else without revealing their concern', async () => {
  const body = submission();
  const first = await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, body);
  const other = await hub.as(PERSONA_IDS.schoolReferrer).post(ApiPaths.concerns, body);
  expect(other.status).toBe(409);
  expect(JSON.stringify(other.body)).not.toContain(first.body.reference);
});

it('a key reused by the same person with different answers is refused, naming the concern already sent', async () => {
  const body = submission();
  const first = await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, body);
  expect(first.status).toBe(201);
  const changed = { ...body, concern: { ...body.concern, whatHappened: 'Something else entirely.' } };
  const res = await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, changed);
  expect(res.status).toBe(409);
  expect(res.body.error.message).toContain(`already sent as ${first.body.reference}`);
  // The same answers again are still a retry.
  const again = await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, body);
  expect(again.body).toMatchObject({ reference: first.body.reference, created: false });
});

it('numbers concerns uniquely and in order within the year', async () => {
  const refs: string[] = [];
  for (let i = 0; i < 3; i++)
    refs.push((await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference);
  const numbers = refs.map((r) => Number(r.split('-')[2]));
  expect(numbers[1]).toBeGreaterThan(numbers[0]!);
  expect(numbers[2]).toBeGreaterThan(numbers[1]!);
  const parallel = await Promise.all(
    Array.from({ length: 8 }, () => hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())),
  );
  expect(new Set(parallel.map((r) => r.body.reference)).size).toBe(8);
});

describe('bad input gets a clear error and writes nothing', () => {
  const cases: [string, unknown, string, RegExp][] = [
    [
      'missing subject name',
      { ...submission(), concern: { ...submission().concern, subject: { age: 15, gender: 'male' } } },
      'concern.subject.name',
      /name is required/i,
    ],
    [
      'date of birth in the future',
      {
        ...submission(),
        concern: {
          ...submission().concern,
          subject: { name: 'X', dateOfBirth: '2099-01-01', gender: 'male' },
        },
      },
      'concern.subject.dateOfBirth',
      /cannot be in the future/,
    ],
    [
      'neither age nor date of birth',
      { ...submission(), concern: { ...submission().concern, subject: { name: 'X', gender: 'male' } } },
      'concern.subject.dateOfBirth',
      /approximate age/,
    ],
    [
      'no indicators',
      { ...submission(), concern: { ...submission().concern, indicators: [] } },
      'concern.indicators',
      /at least one indicator/,
    ],
    [
      'unknown ideology',
      { ...submission(), concern: { ...submission().concern, ideologyCategory: 'anarchist' } },
      'concern.ideologyCategory',
      /^Choose the ideology category: islamist, extreme-right-wing, .* or other\.$/,
    ],
    [
      'age sent as text',
      {
        ...submission(),
        concern: { ...submission().concern, subject: { name: 'X', age: '15', gender: 'male' } },
      },
      'concern.subject.age',
      /whole number of years, like 15/,
    ],
    [
      'an age that disagrees with the date of birth',
      {
        ...submission(),
        concern: {
          ...submission().concern,
          subject: { name: 'X', dateOfBirth: '2010-01-01', age: 30, gender: 'male' },
        },
      },
      'concern.subject.age',
      /date of birth makes them \d+, but the age given is 30/,
    ],
    [
      'the same indicator twice',
      {
        ...submission(),
        concern: {
          ...submission().concern,
          indicators: ['changes-in-behaviour', 'changes-in-behaviour'],
        },
      },
      'concern.indicators',
      /Choose each indicator once/,
    ],
    [
      'an empty attachment',
      {
        ...submission(),
        concern: {
          ...submission().concern,
          attachments: [{ fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: 0 }],
        },
      },
      'concern.attachments.0.sizeBytes',
      /cannot be empty/,
    ],
    [
      'over-long narrative',
      { ...submission(), concern: { ...submission().concern, whatHappened: 'x'.repeat(8001) } },
      'concern.whatHappened',
      /8000 characters or fewer/,
    ],
    ['bad idempotency key', { ...submission(), idempotencyKey: 'short' }, 'idempotencyKey', /16-100 letters/],
    [
      'immediate risk not answered',
      { ...submission(), concern: { ...submission().concern, immediateRisk: undefined } },
      'concern.immediateRisk',
      /immediate risk/,
    ],
  ];
  it.each(cases)('%s', async (_name, body, path, message) => {
    const before = await countConcerns();
    const res = await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fieldErrors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]),
    );
    expect(await countConcerns()).toBe(before);
  });

  it('reports every answer to correct at once, the form-level ones too', async () => {
    const concern = submission().concern;
    const res = await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, {
      ...submission(),
      concern: {
        ...concern,
        whatHappened: '',
        subject: { name: 'X', gender: 'male' },
        indicators: ['other'],
        otherIndicators: undefined,
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors.map((f: { path: string }) => f.path).sort()).toEqual([
      'concern.otherIndicators',
      'concern.subject.dateOfBirth',
      'concern.whatHappened',
    ]);
  });

  it('a decision or outcome not on offer is named with what is', async () => {
    const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
    const lead = hub.as(PERSONA_IDS.safeguardingLead);
    const step = (await lead.get(ApiPaths.concern(ref))).body.steps[0].id;
    const unknown = await lead.post(ApiPaths.decide(ref, step), { decision: 'approve' });
    expect(unknown.body.error.fieldErrors).toEqual([
      { path: 'decision', message: 'Choose a decision: forward, request-information, return or close.' },
    ]);
    const notHere = await lead.post(ApiPaths.decide(ref, step), { decision: 'return', reason: 'x' });
    expect(notHere.body.error.fieldErrors).toEqual([
      {
        path: 'decision',
        message: 'Choose a decision this step allows: forward, request-information or close.',
      },
    ]);
    const outcome = await lead.post(ApiPaths.decide(ref, step), { decision: 'close', reason: 'x' });
    expect(outcome.body.error.fieldErrors[0].message).toBe(
      'Choose an outcome: "not-prevent" (Not a Prevent concern: handled through usual safeguarding).',
    );
  });

  it('malformed JSON → 400, wrong content type → 415, oversized → 413, no sign-in → 401, unknown concern → 403 (as for one you are not involved in)', async () => {
    const api = hub.as(PERSONA_IDS.referrer);
    const malformed = await api.call('POST', ApiPaths.concerns, '{"idempotencyKey": ', {
      'content-type': 'application/json',
    });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'bad_request']);
    const text = await api.call('POST', ApiPaths.concerns, 'hello', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const huge = await api.post(ApiPaths.concerns, { ...submission(), padding: 'x'.repeat(300 * 1024) });
    expect([huge.status, huge.body.error.code]).toEqual([413, 'payload_too_large']);
    const anonymous = await fetch(`${hub.url}${ApiPaths.myQueue}`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    const unknownPersona = await hub.as('not-a-persona').get(ApiPaths.myQueue);
    expect(unknownPersona.status).toBe(401);
    const missing = await api.get(ApiPaths.concern('PRV-2026-9999'));
    expect([missing.status, missing.body.error.message]).toEqual([
      403,
      expect.stringMatching(/no concern PRV-2026-9999/),
    ]);
    const badRef = await api.get(ApiPaths.concern('nonsense'));
    expect(badRef.status).toBe(400);
  });

  it('validation messages say what to do: a reason is required for anything but forward', async () => {
    const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
    const step = (await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.concern(ref))).body.steps[0].id;
    const res = await hub
      .as(PERSONA_IDS.safeguardingLead)
      .post(ApiPaths.decide(ref, step), { decision: 'close', outcome: 'not-prevent' });
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors).toEqual([
      { path: 'reason', message: 'Give a reason for anything but forwarding.' },
    ]);
  });
});

it('uses a new key per submission in the helper (sanity of the test support)', () => {
  expect(newKey()).not.toEqual(newKey());
});

/**
 * Text is taken only if it is text a person can read as it is: control characters (bar tabs and line breaks),
 * invisible direction controls (U+202A–U+202E, U+2066–U+2069) and lone surrogates are refused with a message
 * that says what to do. Right-to-left names, emoji and line breaks are fine, and isolateBidi keeps user text's
 * direction from spilling into what the hub shows around it.
 */
import { ApiPaths, PersonSchema, isolateBidi } from '@pph/contract';
import { submission } from '../support/concerns';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub.close());

const referrer = () => hub.as(PERSONA_IDS.referrer);
/** JSON written by hand, so a lone surrogate (\ud800) goes over the wire as it would from a broken client. */
const raw = (path: string, json: string) =>
  referrer().call('POST', path, json, { 'content-type': 'application/json' });

describe('refused, with the field named and what to do', () => {
  it.each([
    [
      'a NUL byte in the name',
      { subject: { name: 'Ali\u0000ce', age: 15, gender: 'female' } },
      'concern.subject.name',
      /control character \(U\+0000\)/,
    ],
    [
      'an escape character in the narrative',
      { whatHappened: 'Said \u001b[31mthis' },
      'concern.whatHappened',
      /control character \(U\+001B\)/,
    ],
    [
      'a right-to-left override in the name',
      { subject: { name: 'Ali\u202Eecil', age: 15, gender: 'female' } },
      'concern.subject.name',
      /text-direction character \(U\+202E\)/,
    ],
    [
      'a directional isolate in optional text',
      { otherIndicators: 'x\u2066y', indicators: ['other'] },
      'concern.otherIndicators',
      /text-direction character \(U\+2066\)/,
    ],
  ])('%s', async (_name, overrides, path, message) => {
    const res = await referrer().post(ApiPaths.concerns, submission(overrides as never));
    expect(res.status).toBe(400);
    const problem = res.body.error.fieldErrors.find((f: { path: string }) => f.path === path);
    expect(problem?.message).toMatch(message);
    expect(problem?.message).toMatch(/Type it again rather than pasting it/);
  });

  it('a lone surrogate in the name', async () => {
    const body = JSON.stringify(submission()).replace('"Test Subject"', '"Test \\ud800Subject"');
    const res = await raw(ApiPaths.concerns, body);
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors).toEqual([
      { path: 'concern.subject.name', message: expect.stringMatching(/broken character/) },
    ]);
  });

  it('a lone surrogate in a note', async () => {
    const res = await raw(ApiPaths.notes('PRV-2026-0001'), '{"text":"half an emoji: \\udc00"}');
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors[0].message).toMatch(/The note contains a broken character/);
  });
});

it('takes right-to-left names, emoji, tabs and line breaks as they are', async () => {
  const res = await referrer().post(
    ApiPaths.concerns,
    submission({
      subject: { name: 'ليلى حداد', age: 15, gender: 'female' },
      whatHappened: 'First line\n\tSecond line 👩‍👧 with a family emoji, and a mark \u200F here.',
    }),
  );
  expect(res.status).toBe(201);
  expect(res.body.concern.intake.subject.name).toBe('ليلى حداد');
});

it("a directory entry whose name is not plain text is not taken as that person's name", () => {
  const person = {
    id: '00000000-0000-4000-8000-000000000999',
    email: 'pat@council.example',
    partnerId: 'council',
    roles: ['referrer'],
  };
  expect(PersonSchema.safeParse({ ...person, displayName: 'Pat Example' }).success).toBe(true);
  for (const displayName of ['Pat\u0000', 'Pat\u202Eelpmaxe', 'Pat\nExample', 'Pat \ud83d'])
    expect(PersonSchema.safeParse({ ...person, displayName }).success).toBe(false);
});

describe('isolateBidi', () => {
  it('wraps text in FSI…PDI', () => {
    expect(isolateBidi('ليلى')).toBe('\u2068ليلى\u2069');
  });
  it('takes out direction controls inside, so none can end the isolation early', () => {
    expect(isolateBidi('a\u2069b\u202Ec')).toBe('\u2068abc\u2069');
  });
});

/**
 * @jest-environment jsdom
 */
/** Writing a return: saved as it is typed, errors at the field with the contract's words, submitted when whole. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ReturnPage } from '../../teams-app/src/returns/ReturnPage';
import { FakeHub } from './support/fake-hub';
import { me } from './support/fixtures';
import { completeContent, returnView } from './support/return-fixtures';
import { findLabelled, labelled } from './support/labelled';
import { renderSignedIn } from './support/render';

jest.setTimeout(20_000);

const REF = 'RTN-2026-27-Q3-0006';
const DRAFT = `/api/returns/${REF}/draft`;
const SUBMIT = `/api/returns/${REF}/submission`;
const author = me({
  id: '00000000-0000-4000-8000-000000000010',
  displayName: 'Elliot Brannagh',
  roles: ['return-author'],
});

function hub(view = returnView()) {
  let revision = 3;
  return new FakeHub().on('GET', `/api/returns/${REF}`, { body: view }).on('PUT', DRAFT, (req) => {
    revision += 1;
    const body = req.body as { content: object };
    return { body: returnView({ ...view, etag: `"${revision}"`, revision, content: body.content as never }) };
  });
}

const box = (name: RegExp | string) => labelled(name);
const type = (name: RegExp | string, value: string) => fireEvent.change(box(name), { target: { value } });
const button = (name: string) => screen.getByText(name, { selector: 'button' });
const findButton = (name: string) => screen.findByText(name, { selector: 'button' });
const messageOf = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

beforeEach(() => window.localStorage.clear());

test('each box says its limit, and a count that is not a whole number is refused at the box in the contract’s words', async () => {
  renderSignedIn(<ReturnPage reference={REF} />, { hub: hub(), me: author });
  const cell = await findLabelled('Teaching and education staff: Awareness (0 to 100,000)');
  fireEvent.change(cell, { target: { value: '2.5' } });
  await waitFor(() => expect(cell.getAttribute('aria-invalid')).toBe('true'));
  expect(messageOf(cell)).toContain('must be a whole number: people are counted in ones, not fractions.');
  type('Teaching and education staff: Workshop (0 to 100,000)', '-3');
  expect(messageOf(box('Teaching and education staff: Workshop (0 to 100,000)'))).toContain(
    'cannot be negative',
  );
  expect(
    labelled('Safeguarding: What happened this quarter (required when amber or red; up to 4,000 characters)'),
  ).toBeTruthy();
});

test('the draft is saved as it is typed, with the ETag, leaving out only what is not valid yet', async () => {
  const h = hub();
  renderSignedIn(<ReturnPage reference={REF} />, { hub: h, me: author });
  await findLabelled('Teaching and education staff: Awareness (0 to 100,000)');
  type('Teaching and education staff: Awareness (0 to 100,000)', '40');
  type('Teaching and education staff: Workshop (0 to 100,000)', 'twelve');
  await waitFor(() => expect(h.sent('PUT', DRAFT)).toHaveLength(1), { timeout: 4000 });
  const [save] = h.sent('PUT', DRAFT);
  const body = save!.body as {
    etag: string;
    content: { training: { staffGroup: string; counts: object }[] };
  };
  expect(body.etag).toBe('"3"');
  expect(body.content.training).toEqual([{ staffGroup: 'education', counts: { awareness: 40 } }]);
  expect(
    await screen.findByText('Saved, except the answers marked below: correct them and they are saved too.'),
  ).toBeTruthy();
  type('Teaching and education staff: Workshop (0 to 100,000)', '12');
  await waitFor(() => expect(h.sent('PUT', DRAFT)).toHaveLength(2), { timeout: 4000 });
  expect((h.sent('PUT', DRAFT)[1]!.body as { etag: string }).etag).toBe('"4"');
  expect(await screen.findByText(/All changes saved/)).toBeTruthy();
  // What was typed is in this browser until the hub has all of it.
  await waitFor(() => expect(window.localStorage.getItem(`pph.return-typed.${REF}`)).toBeNull());
});

test('submitting an incomplete return lists each problem with a link to its box, and sends nothing', async () => {
  const h = hub();
  renderSignedIn(<ReturnPage reference={REF} />, { hub: h, me: author });
  await findLabelled('Teaching and education staff: Awareness (0 to 100,000)');
  type('Teaching and education staff: Awareness (0 to 100,000)', '40');
  type('Teaching and education staff: Total (0 to 100,000)', '45');
  const safeguarding = labelled('Safeguarding: Progress');
  fireEvent.click(within(safeguarding).getByLabelText('Amber: at risk'));
  fireEvent.click(button('Submit for approval'));
  const title = await screen.findByText(/answers need changing before the return can be submitted/);
  const summary = title.closest('[role="alert"]') as HTMLElement;
  expect(
    within(summary).getByRole('link', {
      name: 'Teaching and education staff: the total is 45 but the training levels add up to 40.',
    }),
  ).toBeTruthy();
  expect(
    within(summary).getByRole('link', {
      name: 'Safeguarding is amber: say what is behind it and what is being done.',
    }),
  ).toBeTruthy();
  expect(
    within(summary).getByRole('link', { name: 'Give the total number of referrals (0 if there were none).' }),
  ).toBeTruthy();
  // The same message at the box itself.
  expect(messageOf(labelled(/^Safeguarding: What happened this quarter/))).toContain('Safeguarding is amber');
  expect(h.sent('POST', SUBMIT)).toHaveLength(0);
});

test('a complete return is submitted with its content and the latest ETag', async () => {
  const view = returnView({ content: completeContent() });
  const h = hub(view).on('POST', SUBMIT, {
    body: returnView({
      ...view,
      status: 'submitted',
      statusLabel: 'Submitted, waiting for approval',
      can: { edit: false, submit: false, approve: false, sendBack: false },
    }),
  });
  renderSignedIn(<ReturnPage reference={REF} />, { hub: h, me: author });
  fireEvent.click(await findButton('Submit for approval'));
  expect(await screen.findByText(/Submitted for approval/)).toBeTruthy();
  const [sent] = h.sent('POST', SUBMIT);
  expect((sent!.body as { etag: string }).etag).toBe('"3"');
  expect((sent!.body as { content: unknown }).content).toEqual(completeContent());
  expect(screen.queryByRole('button', { name: 'Submit for approval' })).toBeNull();
});

test('a save refused because someone else changed the return says so, saves nothing over it and keeps the typing', async () => {
  const h = hub().on('PUT', DRAFT, {
    status: 409,
    body: {
      error: {
        code: 'conflict',
        message:
          'Dara Penhallow changed the training and the referrals at 10:31, after you opened the return.',
        fieldErrors: [{ path: 'content.training', message: 'Changed by Dara Penhallow.' }],
      },
    },
  });
  renderSignedIn(<ReturnPage reference={REF} />, { hub: h, me: author });
  await findLabelled('Teaching and education staff: Awareness (0 to 100,000)');
  type('Teaching and education staff: Awareness (0 to 100,000)', '40');
  expect(await screen.findByText('Someone else changed this return', {}, { timeout: 4000 })).toBeTruthy();
  expect(screen.getByText(/Dara Penhallow changed the training and the referrals/)).toBeTruthy();
  expect((box('Teaching and education staff: Awareness (0 to 100,000)') as HTMLInputElement).value).toBe(
    '40',
  );
  type('Teaching and education staff: Workshop (0 to 100,000)', '3');
  await new Promise((r) => setTimeout(r, 1500));
  expect(h.sent('PUT', DRAFT)).toHaveLength(1); // stopped until the author chooses
  expect(button('Save mine over theirs')).toBeTruthy();
});

test('what was typed but never reached the hub is offered back when the return is opened again', async () => {
  window.localStorage.setItem(
    `pph.return-typed.${REF}`,
    JSON.stringify({
      ...JSON.parse('{}'),
      training: {},
      trainingTotal: '77',
      referrals: { byAgeBand: {}, total: '' },
      sections: {},
      risks: [],
      goodPractice: '',
      priorities: '',
    }),
  );
  renderSignedIn(<ReturnPage reference={REF} />, { hub: hub(), me: author });
  fireEvent.click(await findButton('Put back what I typed'));
  expect((box(/Total people trained this quarter/) as HTMLInputElement).value).toBe('77');
});

test('a return sent back shows the board member’s comments above the form', async () => {
  renderSignedIn(<ReturnPage reference={REF} />, {
    hub: hub(
      returnView({
        status: 'sent-back',
        statusLabel: 'Sent back for changes',
        sentBack: {
          by: { id: 'b', displayName: 'Rowan Fairweather' },
          at: '2026-12-11T10:00:00.000Z',
          comments: 'Split the workshop figures by staff group.',
        },
      }),
    ),
    me: author,
  });
  expect(await screen.findByText('Sent back for changes', { selector: '*:not(span)' })).toBeTruthy();
  expect(screen.getByText('Split the workshop figures by staff group.')).toBeTruthy();
  expect(screen.getByText(/By Rowan Fairweather on 11 December 2026/)).toBeTruthy();
});

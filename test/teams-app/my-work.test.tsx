/**
 * @jest-environment jsdom
 */
/** My work: the queue overdue first, and a step decided from it with the bot card's decisions and the ETag. */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import MyWorkPage from '../../teams-app/src/pages/MyWorkPage';
import { FakeHub } from './support/fake-hub';
import { concern, queue } from './support/fixtures';
import { renderSignedIn } from './support/render';

const DECISION = '/api/concerns/PRV-2026-0001/steps/s1/decision';

function hubWithWork() {
  return new FakeHub()
    .on('GET', '/api/me/queue', { body: queue() })
    .on('GET', '/api/concerns/PRV-2026-0001', { body: concern() });
}

async function openDecision(reference = 'PRV-2026-0001') {
  const item = (await screen.findByRole('heading', { name: new RegExp(reference) })).closest('li')!;
  fireEvent.click(within(item).getByRole('button', { name: 'Decide' }));
  await within(item).findByRole('form', { name: /Decision: Designated safeguarding lead review/ });
  return item;
}

test('lists what waits, overdue first, with the due date and the urgency in words', async () => {
  renderSignedIn(<MyWorkPage />, { hub: hubWithWork() });
  const headings = await screen.findAllByRole('heading', { level: 2 });
  expect(headings.map((h) => h.textContent)).toEqual([
    'PRV-2026-0006: Designated safeguarding lead review',
    'PRV-2026-0001: Designated safeguarding lead review',
  ]);
  const first = headings[0]!.closest('li')!;
  expect(within(first).getByText('Due 20 November 2026')).toBeTruthy();
  expect(within(first).getByText('Overdue')).toBeTruthy();
  expect(within(first).getByText('Immediate risk')).toBeTruthy();
  expect(within(first).getByText('Waiting for information')).toBeTruthy();
  const second = headings[1]!.closest('li')!;
  expect(within(second).getByText('Due 25 November 2026')).toBeTruthy();
  expect(within(second).queryByText('Overdue')).toBeNull();
  expect(screen.getByText('2 items waiting')).toBeTruthy();
});

test('more work than a page: "Show more work" reads the next page with its token, adds it and focuses it', async () => {
  const first = queue({ nextPageToken: 'page-2' });
  const later = {
    ...first.items[1]!,
    reference: 'PRV-2026-0009',
    stepTitle: 'Prevent co-ordinator screening',
  };
  const hub = new FakeHub().on('GET', '/api/me/queue', (req) => ({
    body: req.query.pageToken === 'page-2' ? queue({ items: [later], reviews: [] }) : first,
  }));
  renderSignedIn(<MyWorkPage />, { hub });
  expect(await screen.findByText('More work waits than is shown here.')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Show more work' }));
  const added = await screen.findByRole('heading', { name: 'PRV-2026-0009: Prevent co-ordinator screening' });
  expect(hub.sent('GET', '/api/me/queue').map((r) => r.query)).toEqual([{}, { pageToken: 'page-2' }]);
  expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(3);
  expect(screen.getByText('3 items waiting')).toBeTruthy();
  await waitFor(() => expect(document.activeElement).toBe(added.closest('li')));
  // The last page: nothing more to show.
  expect(screen.queryByRole('button', { name: 'Show more work' })).toBeNull();
});

test('says so when nothing waits', async () => {
  renderSignedIn(<MyWorkPage />, {
    hub: new FakeHub().on('GET', '/api/me/queue', { body: queue({ items: [] }) }),
  });
  expect(await screen.findByText(/Nothing is waiting for you/)).toBeTruthy();
});

test('a decision that needs a reason is refused at the reason box, and nothing is sent', async () => {
  const hub = hubWithWork();
  renderSignedIn(<MyWorkPage />, { hub });
  const item = await openDecision();
  fireEvent.click(within(item).getByRole('button', { name: 'Request information' }));
  const box = within(item).getByRole('textbox', { name: /Reason or question/ });
  await waitFor(() => expect(box.getAttribute('aria-invalid')).toBe('true'));
  // The message is tied to the field, so a screen reader reads it with the box.
  const describedBy = box.getAttribute('aria-describedby')!;
  expect(document.getElementById(describedBy.split(' ')[0]!)!.textContent).toBe(
    'Give a reason for anything but forwarding.',
  );
  expect(hub.sent('POST', DECISION)).toHaveLength(0);
});

test('Record outcome asks for an outcome first', async () => {
  const hub = hubWithWork();
  renderSignedIn(<MyWorkPage />, { hub });
  const item = await openDecision();
  fireEvent.click(within(item).getByRole('button', { name: 'Record outcome' }));
  expect(await within(item).findByText('Choose an outcome first.')).toBeTruthy();
  expect(hub.sent('POST', DECISION)).toHaveLength(0);
});

test('forwarding sends the decision with the ETag, says where the concern is now and refreshes the list', async () => {
  const hub = hubWithWork().on('POST', DECISION, () => ({
    body: concern({ etag: '"8"', stage: { key: 'screening', title: 'Prevent co-ordinator screening' } }),
  }));
  renderSignedIn(<MyWorkPage />, { hub });
  const item = await openDecision();
  hub.on('GET', '/api/me/queue', { body: queue({ items: queue().items.slice(1) }) });
  fireEvent.click(within(item).getByRole('button', { name: 'Forward' }));
  expect(
    await screen.findByText(/Forwarded: PRV-2026-0001\. Now at: Prevent co-ordinator screening\./),
  ).toBeTruthy();
  const [sent] = hub.sent('POST', DECISION);
  expect(sent!.headers['if-match']).toBe('"7"');
  expect(sent!.body).toEqual({ decision: 'forward' });
  await waitFor(() => expect(screen.queryByRole('heading', { name: /PRV-2026-0001/ })).toBeNull());
});

test('closing with an outcome sends the outcome and the reason', async () => {
  const hub = hubWithWork().on('POST', DECISION, { body: concern({ status: 'closed' }) });
  renderSignedIn(<MyWorkPage />, { hub });
  const item = await openDecision();
  fireEvent.click(within(item).getByRole('radio', { name: 'Not a Prevent concern' }));
  fireEvent.change(within(item).getByRole('textbox', { name: /Reason or question/ }), {
    target: { value: 'Handled through early help.' },
  });
  await act(async () => {
    fireEvent.click(within(item).getByRole('button', { name: 'Record outcome' }));
  });
  await waitFor(() => expect(hub.sent('POST', DECISION)).toHaveLength(1));
  expect(hub.sent('POST', DECISION)[0]!.body).toEqual({
    decision: 'close',
    outcome: 'not-prevent',
    reason: 'Handled through early help.',
  });
});

test('a stale decision (409) shows what changed and keeps what was typed', async () => {
  const decidedByDeputy = concern({
    etag: '"9"',
    steps: [
      {
        ...concern().steps[0]!,
        status: 'decided',
        allowedDecisions: [],
        decision: {
          kind: 'forward',
          by: { id: 'd', displayName: 'Dara Penhallow' },
          at: '2026-11-23T11:00:00.000Z',
        },
      },
    ],
    notes: [
      {
        id: 'n1',
        text: 'Seen',
        by: { id: 'd', displayName: 'Dara Penhallow' },
        at: '2026-11-23T11:00:00.000Z',
      },
    ],
  });
  const hub = hubWithWork().on('POST', DECISION, {
    status: 409,
    body: { error: { code: 'conflict', message: 'The concern changed.', current: decidedByDeputy } },
  });
  renderSignedIn(<MyWorkPage />, { hub });
  const item = await openDecision();
  fireEvent.change(within(item).getByRole('textbox', { name: /Reason or question/ }), {
    target: { value: 'Please say which group chat.' },
  });
  fireEvent.click(within(item).getByRole('button', { name: 'Request information' }));
  expect(await within(item).findByText('Someone changed this concern while you were deciding')).toBeTruthy();
  expect(
    within(item).getByText('Designated safeguarding lead review: Forwarded by Dara Penhallow.'),
  ).toBeTruthy();
  expect(within(item).getByText('A note was added by Dara Penhallow.')).toBeTruthy();
  expect(within(item).getByText(/Forwarded by Dara Penhallow on 23 November 2026/)).toBeTruthy();
  expect(hub.sent('POST', DECISION)).toHaveLength(1);
});

test('a stale decision on a step still open keeps the reason and sends the new ETag next time', async () => {
  const withNote = concern({
    etag: '"8"',
    notes: [
      {
        id: 'n1',
        text: 'Seen',
        by: { id: 'd', displayName: 'Dara Penhallow' },
        at: '2026-11-23T11:00:00.000Z',
      },
    ],
  });
  let calls = 0;
  const hub = hubWithWork().on('POST', DECISION, () =>
    ++calls === 1
      ? { status: 409, body: { error: { code: 'conflict', message: 'Changed.', current: withNote } } }
      : { body: withNote },
  );
  renderSignedIn(<MyWorkPage />, { hub });
  const item = await openDecision();
  const box = within(item).getByRole('textbox', { name: /Reason or question/ });
  fireEvent.change(box, { target: { value: 'Which group chat?' } });
  fireEvent.click(within(item).getByRole('button', { name: 'Request information' }));
  expect(await within(item).findByText('A note was added by Dara Penhallow.')).toBeTruthy();
  expect(
    (within(item).getByRole('textbox', { name: /Reason or question/ }) as HTMLTextAreaElement).value,
  ).toBe('Which group chat?');
  fireEvent.click(within(item).getByRole('button', { name: 'Request information' }));
  await waitFor(() => expect(hub.sent('POST', DECISION)).toHaveLength(2));
  expect(hub.sent('POST', DECISION)[1]!.headers['if-match']).toBe('"8"');
});

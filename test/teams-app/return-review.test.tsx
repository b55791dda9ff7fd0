/**
 * @jest-environment jsdom
 */
/** A board member on a submitted return: approve (comments optional) or send back (comments required). */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ReturnPage } from '../../teams-app/src/returns/ReturnPage';
import { FakeHub } from './support/fake-hub';
import { me } from './support/fixtures';
import { submittedBy } from './support/return-fixtures';
import { labelled } from './support/labelled';
import { renderSignedIn } from './support/render';

const probation = { id: 'probation', name: 'Probation Service (Harbourside)', sector: 'probation' as const };
const college = { id: 'college', name: 'Harbourside College', sector: 'further-education' as const };
const view = submittedBy(college, 6);
const REF = view.reference;
const boardMember = me({
  id: '00000000-0000-4000-8000-000000000007',
  displayName: 'Rowan Fairweather',
  partnerId: probation.id,
  roles: ['board-member'],
});
const COMMENTS = /^Comments: what the author should change/;
const button = (name: string) => screen.getByText(name, { selector: 'button' });

const hub = () => new FakeHub().on('GET', `/api/returns/${REF}`, { body: view });

test('shows the submitted figures in tables and the RAG in words', async () => {
  renderSignedIn(<ReturnPage reference={REF} />, { hub: hub(), me: boardMember });
  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: 'Harbourside College: return for Q3 2026/27 (October to December 2026)',
    }),
  ).toBeTruthy();
  expect(screen.getByRole('rowheader', { name: 'Teaching and education staff' })).toBeTruthy();
  expect(screen.getAllByText('Green: on track').length).toBeGreaterThan(0);
  expect(screen.getAllByText(/Approved by one board member of another agency/).length).toBeGreaterThan(0);
});

test('sending back needs comments, at the comments box; with them it is sent with the ETag', async () => {
  const h = hub().on('POST', `/api/returns/${REF}/send-back`, {
    body: {
      ...view,
      status: 'sent-back',
      statusLabel: 'Sent back for changes',
      can: { edit: false, submit: false, approve: false, sendBack: false },
    },
  });
  renderSignedIn(<ReturnPage reference={REF} />, { hub: h, me: boardMember });
  await screen.findByText('Send back', { selector: 'button' });
  fireEvent.click(button('Send back'));
  const box = labelled(COMMENTS);
  await waitFor(() => expect(box.getAttribute('aria-invalid')).toBe('true'));
  expect(h.sent('POST', `/api/returns/${REF}/send-back`)).toHaveLength(0);
  fireEvent.change(box, { target: { value: 'Split the workshop figures by staff group.' } });
  fireEvent.click(button('Send back'));
  expect(await screen.findByText('Sent back to the author with your comments.')).toBeTruthy();
  expect(h.sent('POST', `/api/returns/${REF}/send-back`)[0]!.body).toEqual({
    etag: view.etag,
    comments: 'Split the workshop figures by staff group.',
  });
});

test('approving sends the ETag and says whether the return is now approved', async () => {
  const h = hub().on('POST', `/api/returns/${REF}/approval`, {
    body: {
      ...view,
      status: 'approved',
      statusLabel: 'Approved',
      can: { edit: false, submit: false, approve: false, sendBack: false },
    },
  });
  renderSignedIn(<ReturnPage reference={REF} />, { hub: h, me: boardMember });
  fireEvent.click(await screen.findByText('Approve', { selector: 'button' }));
  expect(await screen.findByText('Approved.')).toBeTruthy();
  expect(h.sent('POST', `/api/returns/${REF}/approval`)[0]!.body).toEqual({ etag: view.etag });
});

test('someone who may not approve is told why, and offered no button', async () => {
  const own = {
    ...view,
    can: {
      edit: false,
      submit: false,
      approve: false,
      sendBack: false,
      approveRefusal: 'nobody approves their own agency’s return.',
    },
  };
  renderSignedIn(<ReturnPage reference={REF} />, {
    hub: new FakeHub().on('GET', `/api/returns/${REF}`, { body: own }),
    me: boardMember,
  });
  expect(
    await screen.findByText('You cannot approve this return: nobody approves their own agency’s return.'),
  ).toBeTruthy();
  expect(screen.queryByText('Approve', { selector: 'button' })).toBeNull();
});

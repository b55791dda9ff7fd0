/**
 * @jest-environment jsdom
 */
/** The Returns tab's front page: returns to write, several approved at once, the cycle at a glance. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ReturnsHome } from '../../teams-app/src/returns/ReturnsHome';
import { FakeHub } from './support/fake-hub';
import {
  CYCLE_ID,
  cycles,
  myReturns,
  overview,
  returnView,
  submittedBy,
  summaryOf,
} from './support/return-fixtures';
import { me } from './support/fixtures';
import { renderSignedIn } from './support/render';

const college = submittedBy({ id: 'college', name: 'Harbourside College', sector: 'further-education' }, 3);
const health = submittedBy({ id: 'health', name: 'Harbourside Health NHS Trust', sector: 'health' }, 4);
const police = submittedBy({ id: 'police', name: 'Harbourside Police', sector: 'police' }, 2);
const schools = returnView({
  reference: 'RTN-2026-27-Q3-0005',
  partner: { id: 'schools', name: 'Harbourside Schools Partnership', sector: 'schools' },
  status: 'not-started',
  statusLabel: 'Not started',
});
const ownAgency = {
  ...summaryOf(police),
  can: {
    edit: false,
    submit: false,
    approve: false,
    sendBack: false,
    approveRefusal: 'It is your own agency’s return.',
  },
};

function hub() {
  return new FakeHub()
    .on('GET', '/api/me/returns', {
      body: myReturns([summaryOf(returnView())], [summaryOf(college), summaryOf(health), ownAgency]),
    })
    .on('GET', '/api/return-cycles', { body: cycles() })
    .on('GET', `/api/return-cycles/${CYCLE_ID}`, {
      body: overview([summaryOf(health), summaryOf(schools, { late: true })]),
    });
}

test('lists your agency’s return to write with a link to it', async () => {
  renderSignedIn(<ReturnsHome cycle={null} />, { hub: hub() });
  const link = await screen.findByRole('link', {
    name: 'Write the return for Q3 2026/27 (October to December 2026)',
  });
  expect(link.getAttribute('href')).toBe('/returns?ref=RTN-2026-27-Q3-0006');
});

test('two returns approved at once: each with its own ETag, and a result for each', async () => {
  const h = hub().on('POST', '/api/returns/approvals', {
    body: {
      results: [
        { reference: college.reference, outcome: 'approved' },
        { reference: health.reference, outcome: 'conflict', message: 'Dara Penhallow changed it at 10:31.' },
      ],
      approved: 1,
      refused: 1,
    },
  });
  renderSignedIn(<ReturnsHome cycle={null} />, { hub: h });
  const own = await screen.findByRole('checkbox', { name: 'Select the return of Harbourside Police' });
  expect((own as HTMLInputElement).disabled).toBe(true);
  expect(screen.getByText(/It is your own agency’s return\./)).toBeTruthy();
  fireEvent.click(screen.getByRole('checkbox', { name: 'Select the return of Harbourside College' }));
  fireEvent.click(
    screen.getByRole('checkbox', { name: 'Select the return of Harbourside Health NHS Trust' }),
  );
  fireEvent.click(screen.getByRole('button', { name: 'Approve 2 selected returns' }));
  expect(await screen.findByText('1 return approved; 1 was not: see below.')).toBeTruthy();
  expect(
    screen.getByText(
      'Harbourside Health NHS Trust: Changed since you opened it: not approved. Dara Penhallow changed it at 10:31.',
    ),
  ).toBeTruthy();
  expect(h.sent('POST', '/api/returns/approvals')[0]!.body).toEqual({
    items: [
      { reference: college.reference, etag: college.etag },
      { reference: health.reference, etag: health.etag },
    ],
  });
});

test('approving the last returns waiting keeps the answer on screen above "nothing to approve"', async () => {
  let approved = false;
  const h = hub()
    .on('GET', '/api/me/returns', () => ({
      body: myReturns([summaryOf(returnView())], approved ? [] : [summaryOf(college), summaryOf(health)]),
    }))
    .on('POST', '/api/returns/approvals', () => {
      approved = true;
      return {
        body: {
          results: [
            { reference: college.reference, outcome: 'approved' },
            { reference: health.reference, outcome: 'approved' },
          ],
          approved: 2,
          refused: 0,
        },
      };
    });
  // A board chair, as in the tab: the returns-to-approve section is theirs even when it is empty.
  renderSignedIn(<ReturnsHome cycle={null} />, { hub: h, me: me({ roles: ['board-chair'] }) });
  fireEvent.click(await screen.findByRole('checkbox', { name: 'Select the return of Harbourside College' }));
  fireEvent.click(
    screen.getByRole('checkbox', { name: 'Select the return of Harbourside Health NHS Trust' }),
  );
  fireEvent.click(screen.getByRole('button', { name: 'Approve 2 selected returns' }));
  // The list is read again and is empty now: the answer must not vanish with it.
  await waitFor(() => expect(h.sent('GET', '/api/me/returns').length).toBe(2));
  expect(await screen.findByText('2 returns approved.')).toBeTruthy();
  expect(screen.queryByRole('checkbox', { name: /Select the return of/ })).toBeNull();
});

test('approving with none selected says so and sends nothing', async () => {
  const h = hub();
  renderSignedIn(<ReturnsHome cycle={null} />, { hub: h });
  fireEvent.click(await screen.findByRole('button', { name: 'Approve selected' }));
  expect(await screen.findByText('Select at least one return to approve.')).toBeTruthy();
  expect(h.sent('POST', '/api/returns/approvals')).toHaveLength(0);
});

test('the cycle at a glance: counts, who is late, and chase now', async () => {
  const h = hub().on('POST', `/api/return-cycles/${CYCLE_ID}/chase`, {
    body: {
      results: [
        {
          reference: 'RTN-2026-27-Q3-0005',
          partnerName: 'Harbourside Schools Partnership',
          chased: true,
          recipients: 1,
          message: 'Chased: 1 return author told.',
        },
      ],
    },
  });
  renderSignedIn(<ReturnsHome cycle={null} />, { hub: h });
  const section = (await screen.findByRole('heading', { name: 'The cycle at a glance' })).closest('section')!;
  expect(await within(section).findByText(/7 expected: 1 approved, 2 submitted and waiting/)).toBeTruthy();
  const lateRow = within(section)
    .getByRole('rowheader', { name: 'Harbourside Schools Partnership' })
    .closest('tr')!;
  expect(within(lateRow).getByText('Late')).toBeTruthy();
  expect(within(section).getAllByText('Late')).toHaveLength(1);
  // Only what is outstanding can be chased, one agency at a time as well as all at once.
  expect(within(lateRow).getByRole('button', { name: 'Chase Harbourside Schools Partnership' })).toBeTruthy();
  expect(within(section).queryByRole('button', { name: 'Chase Harbourside Health NHS Trust' })).toBeNull();
  fireEvent.click(within(section).getByRole('button', { name: 'Chase every outstanding return now' }));
  expect(
    await within(section).findByText('Harbourside Schools Partnership: Chased: 1 return author told.'),
  ).toBeTruthy();
  expect(h.sent('POST', `/api/return-cycles/${CYCLE_ID}/chase`)[0]!.body).toEqual({});
});

test('someone the hub does not let see the cycle is not shown it', async () => {
  const h = hub().on('GET', `/api/return-cycles/${CYCLE_ID}`, {
    status: 403,
    body: {
      error: { code: 'forbidden', message: 'Only the secretariat and the Board see a cycle at a glance.' },
    },
  });
  renderSignedIn(<ReturnsHome cycle={null} />, { hub: h });
  await screen.findByRole('heading', { name: 'Returns to approve' });
  await waitFor(() => expect(h.sent('GET', `/api/return-cycles/${CYCLE_ID}`)).toHaveLength(1));
  expect(screen.queryByRole('heading', { name: 'The cycle at a glance' })).toBeNull();
  expect(screen.queryByRole('alert')).toBeNull();
});

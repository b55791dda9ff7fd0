/**
 * @jest-environment jsdom
 */
/** The minutes editor: per item discussion, decisions a line each and new actions, sent as a new draft version. */
import './support/jsdom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { MinutesItemInput } from '@pph/contract';
import { MinutesEditor } from '../../spfx/src/webparts/boardSecretariat/components/MinutesEditor';
import { AGENDA, meeting, minutes } from './support/fixtures';
import { renderView } from './support/render';

const TWO = AGENDA.slice(1, 3);

function setup() {
  const onSave = jest.fn(async (_items: MinutesItemInput[], _etag: string) =>
    minutes({
      status: 'draft',
      statusLabel: 'Draft',
      version: 1,
      etag: '"m1"',
      can: { edit: true, circulate: true, approve: false },
    }),
  );
  const onCirculate = jest.fn(async () => minutes());
  renderView(
    <MinutesEditor
      minutes={minutes()}
      agenda={TWO}
      people={meeting().invitees}
      onSave={onSave}
      onCirculate={onCirculate}
    />,
  );
  return { onSave, onCirculate };
}

test('each item’s discussion, its decisions a line each and a new action go to the hub with the ETag', async () => {
  const { onSave } = setup();
  fireEvent.change(screen.getByRole('textbox', { name: 'Discussion: Minutes of the last meeting' }), {
    target: { value: ' Agreed as a true record. ' },
  });
  fireEvent.change(screen.getByRole('textbox', { name: /Decisions: Channel panel referrals review/ }), {
    target: { value: 'First decision\n\n Second decision ' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Add an action: Channel panel referrals review' }));
  fireEvent.change(screen.getByRole('textbox', { name: 'New action 1: Channel panel referrals review' }), {
    target: { value: 'Write to the panel' },
  });
  fireEvent.change(screen.getByRole('combobox', { name: 'Owner' }), { target: { value: 'p-police' } });
  fireEvent.change(screen.getByLabelText('Due'), { target: { value: '2027-02-01' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save the draft' }));
  await screen.findByText('Draft saved as a new version.');
  expect(onSave).toHaveBeenCalledWith(
    [
      { agendaItemId: 'ITM-0002', discussion: 'Agreed as a true record.', decisions: [], actions: [] },
      {
        agendaItemId: 'ITM-0003',
        decisions: ['First decision', 'Second decision'],
        actions: [{ ownerId: 'p-police', dueOn: '2027-02-01', text: 'Write to the panel' }],
      },
    ],
    '"m0"',
  );
  expect(screen.getByText('Version 1')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Circulate to attendees' })).toBeTruthy();
});

test('a new action without its owner or due date is refused before the hub is asked', async () => {
  const { onSave } = setup();
  fireEvent.click(screen.getByRole('button', { name: 'Add an action: Minutes of the last meeting' }));
  fireEvent.click(screen.getByRole('button', { name: 'Save the draft' }));
  await screen.findByText('Say who owns the action.');
  expect(screen.getByText('Give the date it is due.')).toBeTruthy();
  expect(screen.getByText('Say what the action is.')).toBeTruthy();
  await waitFor(() => expect(onSave).not.toHaveBeenCalled());
});

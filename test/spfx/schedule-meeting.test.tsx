/**
 * @jest-environment jsdom
 */
/** Scheduling: the request the hub takes (London wall-clock, one idempotency key per form, the ticked invitees). */
import './support/jsdom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError, type ScheduleMeetingInput } from '@pph/contract';
import { ScheduleMeetingForm } from '../../spfx/src/webparts/boardSecretariat/components/ScheduleMeetingForm';
import { meeting } from './support/fixtures';
import { renderView } from './support/render';

const candidates = meeting().invitees;
const answer = { meeting: meeting(), scheduled: [], moved: [] };

function fill() {
  fireEvent.change(screen.getByRole('textbox', { name: /Title/ }), {
    target: { value: ' Prevent Board, March ' },
  });
  fireEvent.change(screen.getByLabelText(/^Date/), { target: { value: '2027-03-09' } });
  fireEvent.change(screen.getByLabelText(/^Venue/), { target: { value: 'Civic Centre' } });
}

test('the hub is sent London wall-clock times, the venue, the ticked invitees and one key however often it is sent', async () => {
  const onSchedule = jest.fn(async (_: ScheduleMeetingInput) => answer);
  const onScheduled = jest.fn();
  renderView(
    <ScheduleMeetingForm
      candidates={candidates}
      onSchedule={onSchedule}
      onScheduled={onScheduled}
      newKey={() => 'key-0123456789abcdef'}
    />,
  );
  fill();
  fireEvent.click(screen.getByRole('checkbox', { name: 'Jordan Police (Harbourside Police)' }));
  fireEvent.click(screen.getByRole('button', { name: 'Schedule the meeting' }));
  await waitFor(() => expect(onScheduled).toHaveBeenCalledWith(answer));
  expect(onSchedule.mock.calls[0]![0]).toEqual({
    idempotencyKey: 'key-0123456789abcdef',
    kind: 'prevent-board',
    title: 'Prevent Board, March',
    start: '2027-03-09T10:00',
    end: '2027-03-09T12:00',
    location: { venue: 'Civic Centre', online: false },
    invitees: { byRole: [], people: ['p-chair'] },
    papersDueWorkingDays: 5,
  });
  fireEvent.click(screen.getByRole('button', { name: 'Schedule the meeting' }));
  await waitFor(() => expect(onSchedule).toHaveBeenCalledTimes(2));
  expect(onSchedule.mock.calls[1]![0].idempotencyKey).toBe('key-0123456789abcdef');
});

test('a missing title and date are refused before the hub is asked', async () => {
  const onSchedule = jest.fn();
  renderView(<ScheduleMeetingForm candidates={candidates} onSchedule={onSchedule} onScheduled={jest.fn()} />);
  fireEvent.click(screen.getByRole('button', { name: 'Schedule the meeting' }));
  await screen.findByText('Give the meeting a title.');
  expect(screen.getByText('Choose the date of the meeting.')).toBeTruthy();
  expect(onSchedule).not.toHaveBeenCalled();
});

test('what the hub refuses is shown by the field it concerns', async () => {
  const onSchedule = jest.fn(async () => {
    throw new ApiError(400, {
      error: {
        code: 'validation_failed',
        message: 'The request is not valid.',
        fieldErrors: [{ path: 'start', message: 'A meeting cannot be scheduled in the past.' }],
      },
    });
  });
  renderView(<ScheduleMeetingForm candidates={candidates} onSchedule={onSchedule} onScheduled={jest.fn()} />);
  fill();
  fireEvent.click(screen.getByRole('button', { name: 'Schedule the meeting' }));
  await screen.findByText('A meeting cannot be scheduled in the past.');
});

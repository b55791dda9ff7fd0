/**
 * @jest-environment jsdom
 */
/** Attendance: statuses and a named deputy sent to the hub; the quorum it answers with, warning and all. */
import './support/jsdom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { RecordAttendanceRequest } from '@pph/contract';
import { AttendanceRecorder } from '../../spfx/src/webparts/boardSecretariat/components/AttendanceRecorder';
import { attendance } from './support/fixtures';
import { renderView } from './support/render';

const notQuorate = attendance({
  entries: attendance().entries.map((e, i) => ({ ...e, status: i === 0 ? 'present' : 'apologies' })),
  quorum: {
    met: false,
    warning: 'The police are not represented.',
    partnersRepresented: 1,
    partnersInvited: 2,
    checks: [
      { rule: 'The chair is present', met: true },
      { rule: 'The police are represented', met: false },
    ],
  },
});

test('statuses are sent, and the quorum warning says what is missing', async () => {
  const onRecord = jest.fn(async (_: RecordAttendanceRequest['entries']) => notQuorate);
  renderView(<AttendanceRecorder attendance={attendance()} editable onRecord={onRecord} />);
  expect(screen.getByText('Attendance has not been recorded yet.')).toBeTruthy();
  fireEvent.change(screen.getByRole('combobox', { name: 'Attendance of Morgan Chair' }), {
    target: { value: 'present' },
  });
  fireEvent.change(screen.getByRole('combobox', { name: 'Attendance of Jordan Police' }), {
    target: { value: 'apologies' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Save attendance' }));
  await screen.findByText('The police are not represented.');
  expect(onRecord).toHaveBeenCalledWith([
    { personId: 'p-chair', status: 'present' },
    { personId: 'p-police', status: 'apologies' },
  ]);
  expect(screen.getByText('Not met: The police are represented')).toBeTruthy();
});

test('a deputy must be named before anything is sent; named, the deputy goes with the status', async () => {
  const onRecord = jest.fn(async () => attendance());
  renderView(<AttendanceRecorder attendance={attendance()} editable onRecord={onRecord} />);
  fireEvent.change(screen.getByRole('combobox', { name: 'Attendance of Jordan Police' }), {
    target: { value: 'deputy' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Save attendance' }));
  await screen.findByText("Name the deputy who came in Jordan Police's place.");
  expect(onRecord).not.toHaveBeenCalled();
  fireEvent.change(screen.getByRole('textbox', { name: /Deputy for Jordan Police/ }), {
    target: { value: 'Alex Deputy' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Save attendance' }));
  await waitFor(() =>
    expect(onRecord).toHaveBeenCalledWith([
      { personId: 'p-police', status: 'deputy', deputyName: 'Alex Deputy' },
    ]),
  );
});

/**
 * @jest-environment jsdom
 */
/** The agenda builder: reordered by keyboard (Alt+Arrow, Move up/down) and by mouse (drag and drop), said aloud. */
import './support/jsdom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError, type AgendaResponse } from '@pph/contract';
import { AgendaBuilder } from '../../spfx/src/webparts/boardSecretariat/components/AgendaBuilder';
import { moveTo, positionAfterStep } from '../../spfx/src/webparts/boardSecretariat/components/agenda-order';
import { AGENDA } from './support/fixtures';
import { renderView } from './support/render';

const answerMove = (itemId: string, position: number): AgendaResponse => ({
  items: moveTo(AGENDA, itemId, position),
});

type OnMove = (itemId: string, position: number) => Promise<AgendaResponse>;

function setup(
  onMove: jest.Mock<ReturnType<OnMove>, Parameters<OnMove>> = jest.fn(
    async (itemId: string, position: number) => answerMove(itemId, position),
  ),
) {
  const onAdd = jest.fn(async () => ({ items: AGENDA }));
  const onRemove = jest.fn(async () => ({ items: AGENDA }));
  renderView(<AgendaBuilder items={AGENDA} editable onMove={onMove} onAdd={onAdd} onRemove={onRemove} />);
  return { onMove, onAdd, onRemove };
}

const order = () =>
  within(screen.getByRole('list', { name: 'Agenda items in order' }))
    .getAllByRole('listitem')
    .filter((li) => li.getAttribute('aria-label'))
    .map((li) => li.getAttribute('aria-label'));

test('positions: one step up or down, none past either end', () => {
  expect(positionAfterStep(AGENDA, 'ITM-0002', 1)).toBe(3);
  expect(positionAfterStep(AGENDA, 'ITM-0002', -1)).toBe(1);
  expect(positionAfterStep(AGENDA, 'ITM-0001', -1)).toBeUndefined();
  expect(positionAfterStep(AGENDA, 'ITM-0004', 1)).toBeUndefined();
  expect(moveTo(AGENDA, 'ITM-0003', 1).map((i) => `${i.position}:${i.id}`)).toEqual([
    '1:ITM-0003',
    '2:ITM-0001',
    '3:ITM-0002',
    '4:ITM-0004',
  ]);
});

test('Alt+Up on an item moves it up, keeps the focus on it and says where it went', async () => {
  const { onMove } = setup();
  const restricted = screen.getByRole('listitem', { name: '3. Channel panel referrals review' });
  restricted.focus();
  fireEvent.keyDown(restricted, { key: 'ArrowUp', altKey: true });
  await waitFor(() => expect(onMove).toHaveBeenCalledWith('ITM-0003', 2));
  await screen.findByText('Channel panel referrals review moved to position 2 of 4.');
  expect(order()).toEqual([
    '1. Welcome, introductions and apologies',
    '2. Channel panel referrals review',
    '3. Minutes of the last meeting',
    '4. Any other business',
  ]);
  expect(document.activeElement).toBe(
    screen.getByRole('listitem', { name: '2. Channel panel referrals review' }),
  );
});

test('an Arrow key without Alt, or Alt+Arrow on a button inside the item, moves nothing', () => {
  const { onMove } = setup();
  const item = screen.getByRole('listitem', { name: '2. Minutes of the last meeting' });
  fireEvent.keyDown(item, { key: 'ArrowDown' });
  fireEvent.keyDown(screen.getByRole('button', { name: 'Move down: Minutes of the last meeting' }), {
    key: 'ArrowDown',
    altKey: true,
  });
  expect(onMove).not.toHaveBeenCalled();
});

test('Move down and Move up buttons; the first item cannot move up nor the last down', async () => {
  const { onMove } = setup();
  expect(
    screen.getByRole('button', { name: 'Move up: Welcome, introductions and apologies' }),
  ).toHaveProperty('disabled', true);
  expect(screen.getByRole('button', { name: 'Move down: Any other business' })).toHaveProperty(
    'disabled',
    true,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Move down: Minutes of the last meeting' }));
  await waitFor(() => expect(onMove).toHaveBeenCalledWith('ITM-0002', 3));
});

test('dragged with the mouse onto another item, it takes that place', async () => {
  const { onMove } = setup();
  const dragged = screen.getByRole('listitem', { name: '3. Channel panel referrals review' });
  const target = screen.getByRole('listitem', { name: '1. Welcome, introductions and apologies' });
  const dataTransfer = { setData: jest.fn(), getData: () => 'ITM-0003', effectAllowed: '' };
  fireEvent.dragStart(dragged, { dataTransfer });
  fireEvent.dragOver(target, { dataTransfer });
  fireEvent.drop(target, { dataTransfer });
  await waitFor(() => expect(onMove).toHaveBeenCalledWith('ITM-0003', 1));
  await screen.findByText('Channel panel referrals review moved to position 1 of 4.');
});

test('a move the hub refuses is put back, with the hub’s words', async () => {
  const refuse = jest.fn(async (_itemId: string, _position: number): Promise<AgendaResponse> => {
    throw new ApiError(409, {
      error: { code: 'conflict', message: 'Any other business always comes last.' },
    });
  });
  setup(refuse);
  fireEvent.click(screen.getByRole('button', { name: 'Move down: Channel panel referrals review' }));
  await screen.findByText('Any other business always comes last.');
  expect(order()[2]).toBe('3. Channel panel referrals review');
});

test('restricted items and late papers are marked; a held meeting’s agenda is closed', async () => {
  const withPaper = AGENDA.map((i) =>
    i.id === 'ITM-0002'
      ? {
          ...i,
          papers: [
            {
              id: 'PAP-0001',
              itemId: 'ITM-0002',
              fileName: 'draft-minutes.pdf',
              library: 'Papers',
              name: 'MTG-2027-0001/draft-minutes.pdf',
              version: 1,
              contentType: 'application/pdf',
              size: 1000,
              late: true,
              uploadedAt: '2027-01-08T09:00:00.000Z',
              uploadedBy: { id: 'p-sec', displayName: 'Sam Secretariat' },
            },
          ],
        }
      : i,
  );
  await act(async () => {
    renderView(
      <AgendaBuilder
        items={withPaper}
        editable={false}
        onMove={jest.fn()}
        onAdd={jest.fn()}
        onRemove={jest.fn()}
      />,
    );
  });
  expect(screen.getByText('Restricted')).toBeTruthy();
  expect(screen.getByText('Late paper')).toBeTruthy();
  expect(screen.getByText('The meeting has been held: its agenda is closed.')).toBeTruthy();
  expect(screen.queryByRole('button', { name: /Move up/ })).toBeNull();
});

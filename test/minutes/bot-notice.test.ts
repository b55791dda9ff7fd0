/**
 * The bot has no wording of its own for the minutes' notifications: it shows them as a notice with the hub's
 * title and body (its fallback for any type it does not render specially), and asks the hub nothing.
 */
import { NotificationTypeSchema, type Notification } from '@pph/contract';
import type { HubClient } from '@pph/bot/api/hub-client';
import { Approvals } from '@pph/bot/core/approvals';
import { Notifications } from '@pph/bot/core/notifications';

const MINUTES_TYPES = [
  'minutes-circulated',
  'minutes-approved',
  'action-assigned',
  'action-overdue',
] as const;

it('knows the minutes notification types', () => {
  for (const type of MINUTES_TYPES) expect(NotificationTypeSchema.safeParse(type).success).toBe(true);
});

it.each(MINUTES_TYPES)('shows %s as a notice with its title and body', async (type) => {
  // Any call to the hub would fail: a notice needs none.
  const hub = new Proxy({}, { get: () => () => Promise.reject(new Error('not expected')) }) as HubClient;
  const n: Notification = {
    dedupeKey: `${type}:k`,
    type,
    recipientId: 'p1',
    reference: 'ACT-2026-0001',
    title: 'Overdue: action ACT-2026-0001 was due on 27 October 2026',
    body: 'Demo: circulate the collated returns is still open.',
  };
  const out = await new Notifications(hub, new Approvals(hub)).render(n, {
    objectId: 'p1',
    channelUserId: '29:p1',
  });
  const text = JSON.stringify(out.card);
  expect(text).toContain('Overdue: action ACT-2026-0001 was due on 27 October 2026');
  expect(text).toContain('Demo: circulate the collated returns is still open.');
});

/** The meetings the secretariat looks after, soonest first: each one opens its agenda, attendance, minutes and pack. */
import * as React from 'react';
import { Badge, Button } from '@fluentui/react-components';
import type { MeetingSummary } from '@pph/contract';
import { formatDateTime } from './format';
import { useShared } from './styles';

export function MeetingsList({
  meetings,
  onOpen,
}: {
  meetings: readonly MeetingSummary[];
  onOpen: (meetingId: string) => void;
}) {
  const s = useShared();
  if (meetings.length === 0) return <p className={s.paragraph}>No meetings are scheduled yet.</p>;
  return (
    <table className={s.table}>
      <caption className={s.muted} style={{ textAlign: 'left' }}>
        Meetings, soonest upcoming first
      </caption>
      <thead>
        <tr>
          <th className={s.cell} scope="col">
            Meeting
          </th>
          <th className={s.cell} scope="col">
            When
          </th>
          <th className={s.cell} scope="col">
            Where
          </th>
          <th className={s.cell} scope="col">
            Status
          </th>
          <th className={s.cell} scope="col">
            <span className={s.hidden}>Open</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {meetings.map((m) => (
          <tr key={m.id}>
            <th className={s.cell} scope="row">
              {m.title}
              <div className={s.muted}>{`${m.kindLabel} · ${m.id}`}</div>
            </th>
            <td className={s.cell}>{formatDateTime(m.start, m.end)}</td>
            <td className={s.cell}>
              {[m.location.venue, m.location.online ? 'Online' : undefined].filter(Boolean).join(' and ')}
            </td>
            <td className={s.cell}>
              <Badge
                appearance="tint"
                color={m.status === 'cancelled' ? 'danger' : m.status === 'held' ? 'success' : 'brand'}
              >
                {m.statusLabel}
              </Badge>
              {m.statusReason ? <div className={s.muted}>{m.statusReason}</div> : null}
            </td>
            <td className={s.cell}>
              <Button onClick={() => onOpen(m.id)} aria-label={`Open ${m.title}, ${m.date}`}>
                Open
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

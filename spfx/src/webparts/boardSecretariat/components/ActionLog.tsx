/**
 * The action log: open, overdue or every action, overdue ones highlighted; the secretariat (or the owner) moves
 * an action on, and a dropped one needs a note saying why.
 */
import * as React from 'react';
import { Badge, Button, Field, Input, Select, Tab, TabList } from '@fluentui/react-components';
import {
  ACTION_STATUS_LABELS,
  type ActionLogResponse,
  type ActionLogView,
  type ActionStatus,
  type ActionSummary,
  type UpdateActionRequest,
} from '@pph/contract';
import { fieldErrorsOf, problemText } from '../api/problems';
import { formatDate } from './format';
import { Loading, Problem } from './Status';
import { useShared } from './styles';
import { useLoad } from './use-load';

export interface ActionLogProps {
  load: (view: ActionLogView) => Promise<ActionLogResponse>;
  onUpdate: (actionId: string, change: UpdateActionRequest) => Promise<unknown>;
}

const VIEW_LABELS: Record<ActionLogView, string> = { open: 'Open', overdue: 'Overdue', all: 'All' };

export function ActionLog({ load, onUpdate }: ActionLogProps) {
  const s = useShared();
  const [view, setView] = React.useState<ActionLogView>('open');
  const { loaded, reload } = useLoad(() => load(view), [view]);
  const log = loaded.value;
  return (
    <section className={s.stack} aria-labelledby="pph-actions-heading">
      <h2 id="pph-actions-heading" className={s.heading}>
        Action log
      </h2>
      <TabList
        selectedValue={view}
        onTabSelect={(_, d) => setView(d.value as ActionLogView)}
        aria-label="Which actions"
      >
        {(['open', 'overdue', 'all'] as const).map((v) => (
          <Tab key={v} value={v}>
            {log && v !== 'all' ? `${VIEW_LABELS[v]} (${log.counts[v]})` : VIEW_LABELS[v]}
          </Tab>
        ))}
      </TabList>
      {loaded.state === 'failed' ? <Problem onRetry={reload}>{problemText(loaded.error)}</Problem> : null}
      {loaded.state === 'loading' && !log ? <Loading label="Loading the action log…" /> : null}
      {log && log.items.length === 0 ? <p className={s.paragraph}>No actions here.</p> : null}
      {log && log.items.length > 0 ? (
        <ul className={s.list} aria-label={`${VIEW_LABELS[view]} actions`}>
          {log.items.map((a) => (
            <li key={a.id}>
              <ActionRow
                action={a}
                onUpdate={async (change) => {
                  await onUpdate(a.id, change);
                  reload();
                }}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ActionRow({
  action,
  onUpdate,
}: {
  action: ActionSummary;
  onUpdate: (c: UpdateActionRequest) => Promise<void>;
}) {
  const s = useShared();
  const [status, setStatus] = React.useState<ActionStatus>(action.status);
  const [note, setNote] = React.useState('');
  const [error, setError] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const save = async () => {
    setError('');
    if (status === 'dropped' && !note.trim())
      return setError('Say why the action is dropped: a note is needed.');
    setBusy(true);
    try {
      await onUpdate({ status, ...(note.trim() ? { note: note.trim() } : {}), etag: action.etag });
    } catch (e) {
      setError(fieldErrorsOf(e).note ?? problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={s.card}>
      <span>
        <strong>{`${action.id}: ${action.text}`}</strong>{' '}
        {action.overdue ? (
          <Badge appearance="filled" color="danger">
            Overdue
          </Badge>
        ) : null}
      </span>
      <span className={s.muted}>
        {`Owner: ${action.owner.displayName} · due ${formatDate(action.dueOn)} · ${action.statusLabel} · from the meeting of ${formatDate(action.meetingDate)}`}
      </span>
      {action.can.update ? (
        <div className={s.row}>
          <Field label={`Status of ${action.id}`}>
            <Select value={status} onChange={(_, d) => setStatus(d.value as ActionStatus)}>
              {(Object.keys(ACTION_STATUS_LABELS) as ActionStatus[]).map((st) => (
                <option key={st} value={st}>
                  {ACTION_STATUS_LABELS[st]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={`Note on ${action.id}`} validationMessage={error || undefined}>
            <Input value={note} onChange={(_, d) => setNote(d.value)} />
          </Field>
          <Button disabled={busy} onClick={() => void save()}>
            {`Update ${action.id}`}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

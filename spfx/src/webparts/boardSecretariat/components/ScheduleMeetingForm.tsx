/**
 * Schedules a meeting: its kind, title, date and times (London), venue or online, the papers deadline and who is
 * invited. The hub checks the rest (a meeting
 * in the past, an end before its start) and its words are shown by the field they concern. Invitees are chosen
 * by name from those of an earlier meeting (the Board's members as the hub's directory has them), all ticked.
 */
import * as React from 'react';
import { Button, Checkbox, Field, Input, Select } from '@fluentui/react-components';
import type { Invitee } from '@pph/contract';
import {
  MEETING_KINDS,
  MEETING_KIND_LABELS,
  type MeetingKind,
  type ScheduleMeetingInput,
  type ScheduleMeetingResponse,
} from '@pph/contract';
import { fieldErrorsOf, problemText } from '../api/problems';
import { Problem } from './Status';
import { useShared } from './styles';

export interface ScheduleMeetingFormProps {
  /** People who may be invited (those of an earlier meeting): all are ticked to start with. */
  candidates: readonly Pick<Invitee, 'personId' | 'displayName' | 'partnerName'>[];
  onSchedule: (request: ScheduleMeetingInput) => Promise<ScheduleMeetingResponse>;
  onScheduled: (response: ScheduleMeetingResponse) => void;
  onCancel?: () => void;
  /** A new idempotency key per form (a retried submit schedules one meeting). */
  newKey?: () => string;
}

const randomKey = () => crypto.randomUUID();

export function ScheduleMeetingForm({
  candidates,
  onSchedule,
  onScheduled,
  onCancel,
  newKey = randomKey,
}: ScheduleMeetingFormProps) {
  const s = useShared();
  const [key] = React.useState(newKey);
  const [kind, setKind] = React.useState<MeetingKind>('prevent-board');
  const [title, setTitle] = React.useState('');
  const [date, setDate] = React.useState('');
  const [startTime, setStartTime] = React.useState('10:00');
  const [endTime, setEndTime] = React.useState('12:00');
  const [venue, setVenue] = React.useState('');
  const [online, setOnline] = React.useState(false);
  const [papersDue, setPapersDue] = React.useState('5');
  const [invited, setInvited] = React.useState<ReadonlySet<string>>(
    () => new Set(candidates.map((c) => c.personId)),
  );
  React.useEffect(() => setInvited(new Set(candidates.map((c) => c.personId))), [candidates]);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [problem, setProblem] = React.useState('');
  const [busy, setBusy] = React.useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!title.trim()) local.title = 'Give the meeting a title.';
    if (!date) local.start = 'Choose the date of the meeting.';
    if (!/^\d+$/.test(papersDue))
      local.papersDueWorkingDays = 'Give a whole number of working days, 0 to 30.';
    setErrors(local);
    setProblem('');
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const answer = await onSchedule({
        idempotencyKey: key,
        kind,
        title: title.trim(),
        start: `${date}T${startTime}`,
        end: `${date}T${endTime}`,
        location: { ...(venue.trim() ? { venue: venue.trim() } : {}), online },
        invitees: { byRole: [], people: candidates.map((c) => c.personId).filter((id) => invited.has(id)) },
        papersDueWorkingDays: Number(papersDue),
      });
      onScheduled(answer);
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  };
  const error = (path: string) => errors[path] || undefined;

  return (
    <form
      className={s.form}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="pph-schedule-heading"
    >
      <h2 id="pph-schedule-heading" className={s.heading}>
        Schedule a meeting
      </h2>
      {problem ? <Problem>{problem}</Problem> : null}
      <Field label="Kind of meeting" required validationMessage={error('kind')}>
        <Select value={kind} onChange={(_, d) => setKind(d.value as MeetingKind)}>
          {MEETING_KINDS.map((k) => (
            <option key={k} value={k}>
              {MEETING_KIND_LABELS[k]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Title" required validationMessage={error('title')}>
        <Input value={title} onChange={(_, d) => setTitle(d.value)} />
      </Field>
      <div className={s.row}>
        <Field label="Date" required validationMessage={error('start')}>
          <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
        </Field>
        <Field label="Starts (London time)" required>
          <Input type="time" value={startTime} onChange={(_, d) => setStartTime(d.value)} />
        </Field>
        <Field label="Ends (London time)" required validationMessage={error('end')}>
          <Input type="time" value={endTime} onChange={(_, d) => setEndTime(d.value)} />
        </Field>
      </div>
      <Field label="Venue" validationMessage={error('location.venue') ?? error('location')}>
        <Input value={venue} onChange={(_, d) => setVenue(d.value)} />
      </Field>
      <Checkbox
        label="Online as well (a Teams meeting)"
        checked={online}
        onChange={(_, d) => setOnline(d.checked === true)}
      />
      <Field
        label="Papers due (working days before the meeting)"
        validationMessage={error('papersDueWorkingDays')}
        hint="Papers uploaded after that day are flagged late."
      >
        <Input type="number" min={0} max={30} value={papersDue} onChange={(_, d) => setPapersDue(d.value)} />
      </Field>
      <fieldset className={s.card}>
        <legend>Invitees</legend>
        {errors.invitees ? <Problem>{errors.invitees}</Problem> : null}
        {candidates.length === 0 ? (
          <p className={s.paragraph}>No earlier meeting to take the invitees from.</p>
        ) : (
          candidates.map((c) => (
            <Checkbox
              key={c.personId}
              label={`${c.displayName} (${c.partnerName})`}
              checked={invited.has(c.personId)}
              onChange={(_, d) =>
                setInvited((now) => {
                  const next = new Set(now);
                  if (d.checked === true) next.add(c.personId);
                  else next.delete(c.personId);
                  return next;
                })
              }
            />
          ))
        )}
      </fieldset>
      <div className={s.row}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {busy ? 'Scheduling…' : 'Schedule the meeting'}
        </Button>
        {onCancel ? <Button onClick={onCancel}>Cancel</Button> : null}
      </div>
    </form>
  );
}

/** Adds an item to the agenda (before any other business): title, presenter, time, and whether it is restricted. */
import * as React from 'react';
import { Button, Checkbox, Field, Input } from '@fluentui/react-components';
import type { AddAgendaItemInput } from '@pph/contract';
import { fieldErrorsOf, problemText } from '../api/problems';
import { Problem } from './Status';
import { useShared } from './styles';

export function AddAgendaItemForm({ onAdd }: { onAdd: (item: AddAgendaItemInput) => Promise<void> }) {
  const s = useShared();
  const [title, setTitle] = React.useState('');
  const [presenter, setPresenter] = React.useState('');
  const [minutes, setMinutes] = React.useState('');
  const [restricted, setRestricted] = React.useState(false);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [problem, setProblem] = React.useState('');
  const [busy, setBusy] = React.useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!title.trim()) local.title = 'Give the item a title.';
    if (minutes && !/^\d+$/.test(minutes)) local.minutes = 'Give the time as a whole number of minutes.';
    setErrors(local);
    setProblem('');
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      await onAdd({
        title: title.trim(),
        ...(presenter.trim() ? { presenterName: presenter.trim() } : {}),
        ...(minutes ? { minutes: Number(minutes) } : {}),
        restricted,
      });
      setTitle('');
      setPresenter('');
      setMinutes('');
      setRestricted(false);
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className={s.form}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="pph-add-item-heading"
    >
      <h3 id="pph-add-item-heading" className={s.subheading}>
        Add an item
      </h3>
      {problem ? <Problem>{problem}</Problem> : null}
      <Field label="Item title" required validationMessage={errors.title || undefined}>
        <Input value={title} onChange={(_, d) => setTitle(d.value)} />
      </Field>
      <div className={s.row}>
        <Field label="Presenter" validationMessage={errors.presenterName || undefined}>
          <Input value={presenter} onChange={(_, d) => setPresenter(d.value)} />
        </Field>
        <Field label="Time (minutes)" validationMessage={errors.minutes || undefined}>
          <Input type="number" min={0} max={480} value={minutes} onChange={(_, d) => setMinutes(d.value)} />
        </Field>
      </div>
      <Checkbox
        label="Restricted (exempt information: papers and minutes only for those cleared)"
        checked={restricted}
        onChange={(_, d) => setRestricted(d.checked === true)}
      />
      <div>
        <Button type="submit" disabled={busy}>
          {busy ? 'Adding…' : 'Add to the agenda'}
        </Button>
      </div>
    </form>
  );
}

/**
 * One box of text and a button that sends it (a note, an answer, a review summary), checked first with the
 * contract's schema so the message is the hub's own, shown at the field; what was typed stays until it is sent.
 */
import { Button, Field, Spinner, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf, problemText } from '../api/problems';
import { useStrings } from '../strings';
import { Notice, Problem } from './Status';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '48rem' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** What the form needs of a contract schema (any zod object schema has it). */
interface Schema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
}

interface Props<T> {
  label: string;
  submitLabel: string;
  doneText: string;
  /** The request's schema: its one text field is `field`. */
  schema: Schema<T>;
  field: string;
  send: (body: T) => Promise<unknown>;
}

export function TextForm<T>({ label, submitLabel, doneText, schema, field, send }: Props<T>) {
  const t = useStrings();
  const styles = useStyles();
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem('');
    setDone(false);
    const checked = schema.safeParse({ [field]: value });
    if (!checked.success) return setError(checked.error.issues.map((i) => i.message).join(' '));
    setError('');
    setBusy(true);
    try {
      await send(checked.data);
      setValue('');
      setDone(true);
    } catch (err) {
      const fields = fieldErrorsOf(err);
      if (fields[field]) setError(fields[field]);
      else setProblem(problemText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
      <Field label={label} validationMessage={error || undefined}>
        <Textarea value={value} rows={3} resize="vertical" onChange={(_, d) => setValue(d.value)} />
      </Field>
      {problem ? <Problem>{problem}</Problem> : null}
      {done ? <Notice intent="success">{doneText}</Notice> : null}
      <div className={styles.actions}>
        <Button type="submit" disabled={busy}>
          {submitLabel}
        </Button>
        {busy ? <Spinner size="tiny" role="status" label={t.app.loading} labelPosition="after" /> : null}
      </div>
    </form>
  );
}

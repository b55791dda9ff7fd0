/** Local mode outside Teams: choose which demo person to be (the hub lists them; every one is invented). */
import { Button, Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { PersonasResponse } from '@pph/contract';
import { useStrings } from '../strings';
import { PageHeading } from './PageHeading';

type Persona = PersonasResponse['items'][number];

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxWidth: '40rem',
    padding: tokens.spacingHorizontalXL,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export function PersonaPicker({
  personas,
  onChoose,
  initial,
}: {
  personas: Persona[];
  onChoose: (persona: Persona) => void;
  initial?: string;
}) {
  const t = useStrings();
  const styles = useStyles();
  const [chosen, setChosen] = useState(initial ?? '');
  const [error, setError] = useState('');
  const roleWords = (p: Persona) =>
    p.roles.map((r) => (t.roles as Record<string, string>)[r] ?? r).join(', ');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const persona = personas.find((p) => p.id === chosen);
    if (!persona) return setError(t.personas.required);
    onChoose(persona);
  };
  const selected = personas.find((p) => p.id === chosen);
  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <PageHeading>{t.personas.title}</PageHeading>
      <Text>{t.personas.intro}</Text>
      <Field
        label={t.personas.label}
        required
        validationMessage={error || undefined}
        hint={selected ? t.personas.roles(roleWords(selected)) : undefined}
      >
        <Select
          value={chosen}
          onChange={(_, d) => {
            setChosen(d.value);
            setError('');
          }}
        >
          <option value="">{t.personas.placeholder}</option>
          {personas.map((p) => (
            <option key={p.id} value={p.id}>
              {`${p.displayName} (${p.partnerName}): ${roleWords(p)}`}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit">
          {t.personas.signIn}
        </Button>
      </div>
    </form>
  );
}

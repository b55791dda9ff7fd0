/**
 * The minutes editor: per agenda item, the discussion, the decisions (one a line) and new actions with an owner
 * and a due date. Saving makes a new draft version; the draft is then circulated to the attendees, and approved
 * as an item of the next meeting. Every version's Word and PDF files are listed.
 */
import * as React from 'react';
import { Badge, Button, Field, Input, Select, Textarea } from '@fluentui/react-components';
import type { AgendaItemView, Invitee, MinutesItemInput, MinutesView } from '@pph/contract';
import { fieldErrorsOf, problemText } from '../api/problems';
import { draftFrom, incomplete, requestItems, type DraftItem } from './minutes-draft';
import { MinutesVersions } from './MinutesVersions';
import { Notice, Problem } from './Status';
import { useShared } from './styles';

export interface MinutesEditorProps {
  minutes: MinutesView;
  agenda: readonly AgendaItemView[];
  /** Who may own an action. */
  people: readonly Pick<Invitee, 'personId' | 'displayName' | 'partnerName'>[];
  onSave: (items: MinutesItemInput[], etag: string) => Promise<MinutesView>;
  onCirculate: (etag: string) => Promise<MinutesView>;
  onDownload?: (version: number, format: 'docx' | 'pdf') => void;
}

export function MinutesEditor({
  minutes: given,
  agenda,
  people,
  onSave,
  onCirculate,
  onDownload,
}: MinutesEditorProps) {
  const s = useShared();
  const [minutes, setMinutes] = React.useState(given);
  const [draft, setDraft] = React.useState<DraftItem[]>(() => draftFrom(agenda, given));
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [problem, setProblem] = React.useState('');
  const [saved, setSaved] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  React.useEffect(() => {
    setMinutes(given);
    setDraft(draftFrom(agenda, given));
  }, [given, agenda]);

  const patch = (i: number, p: Partial<DraftItem>) =>
    setDraft((d) => d.map((x, n) => (n === i ? { ...x, ...p } : x)));
  const editable = minutes.can.edit;

  const run = async (work: () => Promise<MinutesView>, done: string) => {
    setProblem('');
    setSaved('');
    setBusy(true);
    try {
      const answer = await work();
      setMinutes(answer);
      setDraft(draftFrom(agenda, answer));
      setErrors({});
      setSaved(done);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  };
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const local = incomplete(draft);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    void run(() => onSave(requestItems(draft), minutes.etag), 'Draft saved as a new version.');
  };

  return (
    <section className={s.stack} aria-labelledby="pph-minutes-heading">
      <h2 id="pph-minutes-heading" className={s.heading}>
        Minutes
      </h2>
      <div className={s.paragraph}>
        <Badge appearance="tint" color={minutes.status === 'approved' ? 'success' : 'brand'}>
          {minutes.statusLabel}
        </Badge>{' '}
        {minutes.version > 0 ? `Version ${minutes.version}` : 'No draft saved yet'}
      </div>
      {minutes.restrictedWithheld > 0 ? (
        <Notice>{`${minutes.restrictedWithheld} restricted item(s) are not shown: you are not cleared for them.`}</Notice>
      ) : null}
      {problem ? <Problem>{problem}</Problem> : null}
      <form className={s.stack} onSubmit={save} noValidate>
        {draft.map((item, i) => (
          <fieldset key={item.agendaItemId} className={s.card}>
            <legend>
              <strong>{item.title}</strong>
              {item.restricted ? ' (restricted)' : ''}
            </legend>
            <Field
              label={`Discussion: ${item.title}`}
              validationMessage={errors[`items.${i}.discussion`] || undefined}
            >
              <Textarea
                resize="vertical"
                disabled={!editable}
                value={item.discussion}
                onChange={(_, d) => patch(i, { discussion: d.value })}
              />
            </Field>
            <Field
              label={`Decisions: ${item.title}`}
              hint="One decision a line."
              validationMessage={errors[`items.${i}.decisions`] || undefined}
            >
              <Textarea
                resize="vertical"
                disabled={!editable}
                value={item.decisions}
                onChange={(_, d) => patch(i, { decisions: d.value })}
              />
            </Field>
            {item.existingActions.length > 0 ? (
              <ul className={s.list} aria-label={`Actions already agreed: ${item.title}`}>
                {item.existingActions.map((a) => (
                  <li
                    key={a.id}
                  >{`${a.id}: ${a.text} (${a.owner.displayName}, due ${a.dueOn}, ${a.statusLabel})`}</li>
                ))}
              </ul>
            ) : null}
            {item.newActions.map((a, j) => {
              const at = `items.${i}.actions.${j}`;
              const setAction = (p: Partial<typeof a>) =>
                patch(i, { newActions: item.newActions.map((x, n) => (n === j ? { ...x, ...p } : x)) });
              return (
                <div key={j} className={s.row}>
                  <Field
                    label={`New action ${j + 1}: ${item.title}`}
                    validationMessage={errors[`${at}.text`] || undefined}
                  >
                    <Input value={a.text} onChange={(_, d) => setAction({ text: d.value })} />
                  </Field>
                  <Field label="Owner" validationMessage={errors[`${at}.ownerId`] || undefined}>
                    <Select value={a.ownerId} onChange={(_, d) => setAction({ ownerId: d.value })}>
                      <option value="">Choose the owner</option>
                      {people.map((p) => (
                        <option key={p.personId} value={p.personId}>
                          {`${p.displayName} (${p.partnerName})`}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <Field label="Due" validationMessage={errors[`${at}.dueOn`] || undefined}>
                    <Input type="date" value={a.dueOn} onChange={(_, d) => setAction({ dueOn: d.value })} />
                  </Field>
                </div>
              );
            })}
            {editable ? (
              <div>
                <Button
                  size="small"
                  onClick={() =>
                    patch(i, { newActions: [...item.newActions, { ownerId: '', dueOn: '', text: '' }] })
                  }
                >
                  {`Add an action: ${item.title}`}
                </Button>
              </div>
            ) : null}
          </fieldset>
        ))}
        <div className={s.row}>
          {editable ? (
            <Button appearance="primary" type="submit" disabled={busy}>
              {busy ? 'Saving…' : 'Save the draft'}
            </Button>
          ) : null}
          {minutes.can.circulate ? (
            <Button
              disabled={busy}
              onClick={() => void run(() => onCirculate(minutes.etag), 'Circulated to the attendees.')}
            >
              Circulate to attendees
            </Button>
          ) : null}
          {saved ? <span role="status">{saved}</span> : null}
        </div>
      </form>
      <MinutesVersions versions={minutes.versions} {...(onDownload ? { onDownload } : {})} />
    </section>
  );
}

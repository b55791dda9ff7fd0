/**
 * Writing a return: the editor, saved as it is typed (and kept in this browser until the hub has it), and the
 * submission, checked first with the contract's own rules so each problem is shown at its box and listed above
 * the button with a link to it.
 */
import { Button, Link, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, type ReturnView } from '@pph/contract';
import { problemText } from '../api/problems';
import { useSession } from '../app/session';
import { Notice, Problem } from '../components/Status';
import { formatDateTime, useStrings } from '../strings';
import {
  contentFromForm,
  domId,
  formFromContent,
  restoreForm,
  submissionProblems,
  type ReturnForm,
  type Section,
} from './form-state';
import { ReturnEditor } from './ReturnEditor';
import { useAutosave } from './use-autosave';

const useStyles = makeStyles({
  bar: {
    position: 'sticky',
    bottom: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    padding: `${tokens.spacingVerticalM} 0`,
    marginTop: tokens.spacingVerticalXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  summary: { ':focus': { outlineStyle: 'none' } },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingInlineStart: tokens.spacingHorizontalXL },
  actions: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    marginTop: tokens.spacingVerticalS,
  },
});

const backupKey = (reference: string) => `pph.return-typed.${reference}`;
const readBackup = (reference: string): unknown => {
  try {
    const raw = window.localStorage.getItem(backupKey(reference));
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
};
const writeBackup = (reference: string, form: ReturnForm | undefined) => {
  try {
    if (form) window.localStorage.setItem(backupKey(reference), JSON.stringify(form));
    else window.localStorage.removeItem(backupKey(reference));
  } catch {
    /* storage full or blocked: the hub's copy is the only one */
  }
};

export function AuthorForm({ view, onView }: { view: ReturnView; onView: (view: ReturnView) => void }) {
  const t = useStrings();
  const r = t.returns;
  const styles = useStyles();
  const { api } = useSession();
  const sections: Section[] = view.applicableSections;
  // The form starts from the hub's copy once; after that what is typed is the truth, saved as it goes.
  const [initial] = useState(() => formFromContent(view.template, sections, view.content));
  const [form, setForm] = useState<ReturnForm>(initial);
  const [offer, setOffer] = useState<ReturnForm | undefined>(() => {
    const saved = readBackup(view.reference);
    if (saved === undefined) return undefined;
    const backup = restoreForm(view.template, sections, saved);
    // Risk ids are made afresh: compare what was typed, not the ids.
    const typed = (f: ReturnForm) =>
      JSON.stringify({ ...f, risks: f.risks.map(({ id: _id, ...rest }) => rest) });
    return typed(backup) !== typed(initial) ? backup : undefined;
  });
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<{ field?: string; message: string }[]>([]);
  const [submitErrors, setSubmitErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const built = useMemo(
    () => contentFromForm(view.template, sections, form),
    [view.template, sections, form],
  );

  const autosave = useAutosave({
    etag: view.etag,
    save: (content, etag) =>
      api.saveReturnDraft({ params: { ref: view.reference }, body: { content, etag } }),
    onSaved: (saved) => {
      setServerErrors({});
      onView(saved);
    },
  });
  const { state } = autosave;

  // The hub refused a save at some boxes: show its messages there.
  useEffect(() => {
    if (state.kind === 'failed' && state.error instanceof ApiError && state.error.fieldErrors.length) {
      const byField: Record<string, string> = {};
      for (const f of state.error.fieldErrors) {
        const id = built.fieldOf(f.path);
        if (id) byField[id] = f.message;
      }
      setServerErrors(byField);
    }
  }, [state, built]);
  // Once the hub holds everything typed, this browser's copy is no longer needed.
  useEffect(() => {
    if (state.kind === 'saved' && Object.keys(built.errors).length === 0)
      writeBackup(view.reference, undefined);
  }, [state, built, view.reference]);

  const change = (next: ReturnForm, changed: string) => {
    setForm(next);
    writeBackup(view.reference, next);
    const clear = (errors: Record<string, string>) => {
      if (!(changed in errors)) return errors;
      const rest = { ...errors };
      delete rest[changed];
      return rest;
    };
    setServerErrors(clear);
    setSubmitErrors(clear);
    autosave.change(contentFromForm(view.template, sections, next).content);
  };

  const focusSummary = () => setTimeout(() => summaryRef.current?.focus(), 0);
  const submit = async () => {
    setProblem('');
    const problems = submissionProblems(view.template, view.partner.sector, built);
    if (problems.list.length) {
      setSubmitErrors(problems.byField);
      setSummary(problems.list);
      return focusSummary();
    }
    setSubmitErrors({});
    setSummary([]);
    setSubmitting(true);
    try {
      await autosave.flush();
      const after = await api.submitReturn({
        params: { ref: view.reference },
        body: { content: built.content, etag: autosave.currentEtag() },
      });
      writeBackup(view.reference, undefined);
      onView(after);
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) {
        const byField: Record<string, string> = {};
        const list = e.fieldErrors.map((f) => {
          const id = built.fieldOf(f.path);
          if (id) byField[id] = byField[id] ? `${byField[id]} ${f.message}` : f.message;
          return { ...(id ? { field: id } : {}), message: f.message };
        });
        setSubmitErrors(byField);
        setSummary(e.status === 409 ? [{ message: e.message }, ...list] : list);
        focusSummary();
      } else setProblem(problemText(t, e));
    } finally {
      setSubmitting(false);
    }
  };

  const loadTheirs = async () => {
    writeBackup(view.reference, form);
    const latest = await api.getReturn({ params: { ref: view.reference } });
    const theirs = formFromContent(latest.template, latest.applicableSections, latest.content);
    setForm(theirs);
    setOffer(form);
    autosave.resume(latest.etag);
    onView(latest);
  };
  const saveMine = async () => {
    const latest = await api.getReturn({ params: { ref: view.reference } });
    autosave.resume(latest.etag, built.content);
    await autosave.flush();
  };

  const errors = { ...built.errors, ...submitErrors, ...serverErrors };
  const status =
    state.kind === 'saving'
      ? r.save.saving
      : state.kind === 'pending'
        ? r.save.pending
        : state.kind === 'saved'
          ? Object.keys(built.errors).length
            ? r.save.invalid
            : r.save.saved(formatDateTime(t, state.at))
          : state.kind === 'failed'
            ? r.save.failed(problemText(t, state.error))
            : '';

  return (
    <>
      {offer ? (
        <Notice intent="warning" title={r.save.restore}>
          <div className={styles.actions}>
            <Button
              onClick={() => {
                change(offer, '');
                setOffer(undefined);
              }}
            >
              {r.save.restoreButton}
            </Button>
            <Button
              onClick={() => {
                writeBackup(view.reference, undefined);
                setOffer(undefined);
              }}
            >
              {r.save.discardButton}
            </Button>
          </div>
        </Notice>
      ) : null}
      {state.kind === 'conflict' ? (
        <Notice intent="warning" title={r.save.conflictTitle}>
          {state.message} {r.save.conflictKeep}
          <div className={styles.actions}>
            <Button onClick={() => void loadTheirs()}>{r.save.loadTheirs}</Button>
            <Button onClick={() => void saveMine()}>{r.save.saveMine}</Button>
          </div>
        </Notice>
      ) : null}
      <div ref={summaryRef} tabIndex={-1} className={styles.summary}>
        {summary.length ? (
          <Problem title={r.problemsTitle(summary.length)}>
            <ul className={styles.list}>
              {summary.map((p, i) => (
                <li key={i}>
                  {p.field ? (
                    <Link
                      href={`#${domId(p.field)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        const box = document.getElementById(domId(p.field!));
                        box?.scrollIntoView?.({ block: 'center' });
                        box?.querySelector<HTMLElement>('input, textarea, select')?.focus();
                      }}
                    >
                      {p.message}
                    </Link>
                  ) : (
                    p.message
                  )}
                </li>
              ))}
            </ul>
          </Problem>
        ) : null}
      </div>
      <ReturnEditor
        template={view.template}
        sections={sections}
        form={form}
        onChange={change}
        errors={errors}
      />
      {problem ? <Problem>{problem}</Problem> : null}
      <div className={styles.bar}>
        <Button appearance="primary" disabled={submitting} onClick={() => void submit()}>
          {r.submit}
        </Button>
        {submitting ? <Spinner size="tiny" label={r.submitting} labelPosition="after" /> : null}
        <Text role="status" aria-live="polite">
          {status}
        </Text>
      </div>
    </>
  );
}

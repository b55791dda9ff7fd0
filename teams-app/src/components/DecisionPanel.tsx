/**
 * A step's decisions, the same as on the bot's approval card: Forward, Record outcome (with the outcome chosen),
 * Request information and Return, with the reason box a reason is needed for. The concern's ETag goes with the
 * decision (If-Match); a 409 shows what changed and keeps what was typed.
 */
import {
  Button,
  Field,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import {
  ApiError,
  DecideStepRequestSchema,
  type ConcernView,
  type DecideStepRequest,
  type DecisionKind,
  type StepView,
} from '@pph/contract';
import { fieldErrorsOf, issuesByPath, problemText } from '../api/problems';
import { useSession } from '../app/session';
import { formatDateTime, useStrings } from '../strings';
import { concernChanges } from './concern-changes';
import { Notice, Problem } from './Status';

const REASON_MAX = 4000;

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '48rem' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  changes: { margin: `${tokens.spacingVerticalXS} 0`, paddingInlineStart: tokens.spacingHorizontalXL },
});

export const isActive = (s: StepView) => s.status === 'open' || s.status === 'awaiting-information';

interface Props {
  view: ConcernView;
  stepId: string;
  /** The concern as the hub answered the decision (or a 409 with): the caller keeps it as the current view. */
  onView: (view: ConcernView) => void;
  onDecided: (view: ConcernView, decision: DecisionKind) => void;
}

export function DecisionPanel({ view, stepId, onView, onDecided }: Props) {
  const t = useStrings();
  const styles = useStyles();
  const { api } = useSession();
  const ids = useId();
  const [outcome, setOutcome] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState('');
  const [changes, setChanges] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const step = view.steps.find((s) => s.id === stepId);
  if (!step) return <Text>{t.decisions.nothingToDecide}</Text>;
  const open = isActive(step) && step.allowedDecisions.length > 0;
  const can = (k: DecisionKind) => open && step.allowedDecisions.includes(k);
  const canForward = can('forward') && !step.outcomes.some((o) => !o.closes);
  const canRecordOutcome = step.outcomes.some((o) => (o.closes ? can('close') : can('forward')));

  const conflict =
    changes.length > 0 ? (
      <Notice intent="warning" title={t.decisions.conflictTitle}>
        {t.decisions.conflictIntro}
        <ul className={styles.changes}>
          {changes.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ul>
        {open ? t.decisions.conflictKeep : null}
      </Notice>
    ) : null;

  if (!open)
    return (
      <div className={styles.form}>
        {conflict}
        {step.decision ? (
          <Text>
            {t.decisions.decidedBy(
              `${t.decisions.done[step.decision.kind]}${step.decision.outcome ? `: ${step.decision.outcome.label}` : ''}`,
              step.decision.by.displayName,
              formatDateTime(t, step.decision.at),
            )}
          </Text>
        ) : (
          <Text>{t.decisions.nothingToDecide}</Text>
        )}
      </div>
    );

  const decide = async (kind: DecisionKind | 'outcome') => {
    setProblem('');
    let decision: DecisionKind = kind === 'outcome' ? 'forward' : kind;
    let outcomeKey: string | undefined;
    if (kind === 'outcome') {
      const [effect, key] = outcome.split(':');
      if (!key) return setErrors({ outcome: t.decisions.outcomeRequired });
      decision = effect === 'close' ? 'close' : 'forward';
      outcomeKey = key;
    }
    const body: DecideStepRequest = {
      decision,
      ...(outcomeKey ? { outcome: outcomeKey } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    };
    const checked = DecideStepRequestSchema.safeParse(body);
    if (!checked.success) return setErrors(issuesByPath(checked.error.issues));
    setErrors({});
    setBusy(true);
    try {
      const after = await api.decideStep({
        params: { ref: view.reference, stepId },
        body: checked.data,
        headers: { 'if-match': view.etag },
      });
      setChanges([]);
      onView(after);
      onDecided(after, decision);
    } catch (e) {
      const current = e instanceof ApiError && e.status === 409 ? e.body?.error.current : undefined;
      if (current) {
        setChanges(concernChanges(t, view, current, stepId));
        onView(current);
      } else if (e instanceof ApiError && e.fieldErrors.length) setErrors(fieldErrorsOf(e));
      else setProblem(problemText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const tooLong = reason.length > REASON_MAX ? t.decisions.reasonTooLong(reason.length) : '';
  return (
    <form
      className={styles.form}
      aria-labelledby={`${ids}-heading`}
      onSubmit={(e) => e.preventDefault()}
      noValidate
    >
      <Text as="h3" weight="semibold" id={`${ids}-heading`}>
        {`${t.decisions.heading}: ${step.title}`}
      </Text>
      {conflict}
      {step.outcomes.length > 0 ? (
        <Field
          label={t.decisions.outcome}
          hint={t.decisions.outcomeHint}
          validationMessage={errors.outcome || undefined}
        >
          <RadioGroup
            value={outcome}
            onChange={(_, d) => {
              setOutcome(d.value);
              setErrors((x) => ({ ...x, outcome: '' }));
            }}
          >
            {step.outcomes
              .filter((o) => (o.closes ? can('close') : can('forward')))
              .map((o) => (
                <Radio key={o.key} value={`${o.closes ? 'close' : 'forward'}:${o.key}`} label={o.label} />
              ))}
          </RadioGroup>
        </Field>
      ) : null}
      <Field label={t.decisions.reason} validationMessage={errors.reason || tooLong || undefined}>
        <Textarea
          value={reason}
          resize="vertical"
          rows={4}
          onChange={(_, d) => {
            setReason(d.value);
            setErrors((x) => ({ ...x, reason: '' }));
          }}
        />
      </Field>
      {problem ? <Problem>{problem}</Problem> : null}
      <div className={styles.actions}>
        {canForward ? (
          <Button appearance="primary" disabled={busy} onClick={() => void decide('forward')}>
            {t.decisions.labels.forward}
          </Button>
        ) : null}
        {canRecordOutcome ? (
          <Button
            appearance={canForward ? 'secondary' : 'primary'}
            disabled={busy}
            onClick={() => void decide('outcome')}
          >
            {t.decisions.recordOutcome}
          </Button>
        ) : null}
        {can('request-information') ? (
          <Button disabled={busy} onClick={() => void decide('request-information')}>
            {t.decisions.labels['request-information']}
          </Button>
        ) : null}
        {can('return') ? (
          <Button disabled={busy} onClick={() => void decide('return')}>
            {t.decisions.labels.return}
          </Button>
        ) : null}
        {busy ? <Spinner size="tiny" label={t.decisions.saving} labelPosition="after" role="status" /> : null}
      </div>
    </form>
  );
}

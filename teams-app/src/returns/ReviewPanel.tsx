/**
 * A board member's decision on a submitted return: approve (comments optional) or send back (comments required),
 * with the return's ETag; when they may not approve, the hub's reason why.
 */
import { Button, Field, Spinner, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError, SendBackReturnRequestSchema, type ReturnView } from '@pph/contract';
import { problemText } from '../api/problems';
import { useSession } from '../app/session';
import { useShared } from '../components/shared-styles';
import { Problem } from '../components/Status';
import { useStrings } from '../strings';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '48rem' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

export function ReviewPanel({
  view,
  onView,
  onDone,
}: {
  view: ReturnView;
  onView: (view: ReturnView) => void;
  /** Said above the return: this panel goes once the return is no longer waiting for approval. */
  onDone: (text: string) => void;
}) {
  const t = useStrings();
  const r = t.returns;
  const shared = useShared();
  const styles = useStyles();
  const { api } = useSession();
  const [comments, setComments] = useState('');
  const [error, setError] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState<'' | 'approve' | 'send-back'>('');

  if (!view.can.approve && !view.can.sendBack)
    return view.can.approveRefusal && view.status === 'submitted' ? (
      <Text as="p" block>
        {r.cannotApprove(view.can.approveRefusal ?? '')}
      </Text>
    ) : null;

  const run = async (kind: 'approve' | 'send-back') => {
    setProblem('');
    setError('');
    const trimmed = comments.trim();
    if (kind === 'send-back') {
      const checked = SendBackReturnRequestSchema.safeParse({ comments: trimmed, etag: view.etag });
      if (!checked.success)
        return setError(
          checked.error.issues.find((i) => i.path[0] === 'comments')?.message ?? checked.error.message,
        );
    }
    setBusy(kind);
    try {
      const after =
        kind === 'approve'
          ? await api.approveReturn({
              params: { ref: view.reference },
              body: { etag: view.etag, ...(trimmed ? { comments: trimmed } : {}) },
            })
          : await api.sendBackReturn({
              params: { ref: view.reference },
              body: { etag: view.etag, comments: trimmed },
            });
      onDone(
        kind === 'send-back' ? r.sentBackDone : after.status === 'approved' ? r.approved : r.approvalRecorded,
      );
      setComments('');
      onView(after);
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.some((f) => f.path === 'comments'))
        setError(e.fieldErrors.find((f) => f.path === 'comments')!.message);
      else setProblem(problemText(t, e));
      if (e instanceof ApiError && e.status === 409)
        api.getReturn({ params: { ref: view.reference } }).then(onView, () => undefined);
    } finally {
      setBusy('');
    }
  };

  return (
    <section className={shared.section} aria-labelledby="review-heading">
      <h2 id="review-heading" className={shared.h2}>
        {r.reviewHeading}
      </h2>
      <Text as="p" block>
        {r.rule(view.approvalRuleText)}
      </Text>
      <form
        className={styles.form}
        onSubmit={(e) => e.preventDefault()}
        noValidate
        aria-labelledby="review-heading"
      >
        <Field label={r.reviewComments} validationMessage={error || undefined}>
          <Textarea resize="vertical" rows={4} value={comments} onChange={(_, d) => setComments(d.value)} />
        </Field>
        {problem ? <Problem>{problem}</Problem> : null}
        <div className={styles.actions}>
          {view.can.approve ? (
            <Button appearance="primary" disabled={busy !== ''} onClick={() => void run('approve')}>
              {r.approve}
            </Button>
          ) : null}
          {view.can.sendBack ? (
            <Button disabled={busy !== ''} onClick={() => void run('send-back')}>
              {r.sendBack}
            </Button>
          ) : null}
          {busy ? (
            <Spinner
              size="tiny"
              labelPosition="after"
              label={busy === 'approve' ? r.approving : r.sendingBack}
              role="status"
            />
          ) : null}
        </div>
        {!view.can.approve && view.can.approveRefusal ? (
          <Text as="p" block>
            {r.cannotApprove(view.can.approveRefusal)}
          </Text>
        ) : null}
      </form>
    </section>
  );
}

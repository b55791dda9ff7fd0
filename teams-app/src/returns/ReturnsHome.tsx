/**
 * The Returns tab's front page: your agency's returns to write, other agencies' returns to approve (one or several
 * at once), and, for those who may see it, the cycle at a glance (who has filed, who is late, chase now).
 */
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import {
  ApiError,
  BulkApproveRequestSchema,
  type BulkApproveResponse,
  type ReturnSummary,
} from '@pph/contract';
import { problemText } from '../api/problems';
import { useLoad } from '../api/use-load';
import { TabLink } from '../app/router';
import { useSession } from '../app/session';
import { useShared } from '../components/shared-styles';
import { Loading, Notice, Problem } from '../components/Status';
import { usePageTitle } from '../components/page-title';
import { formatDate, formatDateTime, useStrings } from '../strings';
import { CycleAtAGlance } from './CycleAtAGlance';
import { PageHeading } from '../components/PageHeading';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    marginTop: tokens.spacingVerticalS,
    maxWidth: '48rem',
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  results: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

export function ReturnsHome({ cycle }: { cycle: string | null }) {
  const t = useStrings();
  const r = t.returns;
  const shared = useShared();
  const { api, me } = useSession();
  usePageTitle(r.title);
  const { loaded, reload } = useLoad(() => api.myReturns(), [api]);
  const roles: readonly string[] = me.person.roles;
  const writes = roles.includes('return-author') || (loaded.value?.toWrite.length ?? 0) > 0;
  const approves =
    roles.includes('board-member') ||
    roles.includes('board-chair') ||
    (loaded.value?.toApprove.length ?? 0) > 0;
  // Someone with no returns of their own to write or approve (the secretariat) is refused My returns: that is no
  // problem to show them, only the cycle at a glance.
  const refused =
    loaded.state === 'failed' && loaded.error instanceof ApiError && loaded.error.status === 403;
  return (
    <>
      <PageHeading>{r.title}</PageHeading>
      <Text as="p" block>
        {r.intro}
      </Text>
      {loaded.state === 'failed' && !refused ? (
        <Problem onRetry={reload}>{problemText(t, loaded.error)}</Problem>
      ) : null}
      {!loaded.value && loaded.state === 'loading' ? <Loading label={r.loading} /> : null}
      {loaded.value ? (
        <>
          {writes ? (
            <section className={shared.section} aria-labelledby="to-write">
              <h2 id="to-write" className={shared.h2}>
                {r.toWrite}
              </h2>
              {loaded.value.toWrite.length ? (
                <SummaryTable rows={loaded.value.toWrite} kind="write" />
              ) : (
                <Text>{r.toWriteEmpty}</Text>
              )}
            </section>
          ) : null}
          {approves ? (
            <section className={shared.section} aria-labelledby="to-approve">
              <h2 id="to-approve" className={shared.h2}>
                {r.toApprove}
              </h2>
              <BulkApproval
                rows={loaded.value.toApprove}
                onDone={reload}
                empty={<Text>{r.toApproveEmpty}</Text>}
              />
            </section>
          ) : null}
        </>
      ) : null}
      <CycleAtAGlance initialCycle={cycle} />
    </>
  );
}

function SummaryTable({ rows, kind }: { rows: ReturnSummary[]; kind: 'write' | 'approve' }) {
  const t = useStrings();
  const r = t.returns;
  const shared = useShared();
  return (
    <div className={shared.scroller} role="region" aria-label={r.toWrite} tabIndex={0}>
      <table className={shared.table}>
        <thead>
          <tr>
            <th scope="col" className={shared.cell}>
              {r.columns.cycle}
            </th>
            <th scope="col" className={shared.cell}>
              {r.columns.status}
            </th>
            <th scope="col" className={shared.cell}>
              {r.columns.due}
            </th>
            <th scope="col" className={shared.cell}>
              {r.columns.action}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.reference}>
              <th scope="row" className={shared.cell}>
                {row.cycleLabel}
              </th>
              <td className={shared.cell}>
                {row.statusLabel}{' '}
                {row.late ? (
                  <Badge appearance="filled" color="danger">
                    {r.late}
                  </Badge>
                ) : null}
              </td>
              <td className={shared.cell}>{formatDate(t, row.dueOn)}</td>
              <td className={shared.cell}>
                <TabLink to={`/returns?ref=${encodeURIComponent(row.reference)}`}>
                  {kind === 'write' && row.can.edit
                    ? r.write(row.cycleLabel)
                    : r.open(row.partner.name, row.cycleLabel)}
                </TabLink>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Returns to approve, each with a checkbox; "Approve selected" approves them together, each on its own. */
/**
 * The returns to approve with their bulk approval. It stays mounted when the last of them is approved, so its
 * answer ("2 returns approved.") stays on screen above `empty` rather than vanishing with the list.
 */
function BulkApproval({
  rows,
  onDone,
  empty,
}: {
  rows: ReturnSummary[];
  onDone: () => void;
  empty: ReactNode;
}) {
  const t = useStrings();
  const r = t.returns;
  const shared = useShared();
  const styles = useStyles();
  const { api } = useSession();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [comments, setComments] = useState('');
  const [error, setError] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BulkApproveResponse>();
  const approvable = rows.filter((row) => row.can.approve);
  const toggle = (ref: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(ref);
      else next.delete(ref);
      return next;
    });
  const allOn = approvable.length > 0 && approvable.every((row) => selected.has(row.reference));

  const approve = async () => {
    setProblem('');
    const body = {
      items: rows
        .filter((row) => selected.has(row.reference))
        .map((row) => ({ reference: row.reference, etag: row.etag })),
      ...(comments.trim() ? { comments: comments.trim() } : {}),
    };
    if (body.items.length === 0) return setProblem(r.bulkNone);
    const checked = BulkApproveRequestSchema.safeParse(body);
    if (!checked.success) {
      const onComments = checked.error.issues.find((i) => i.path[0] === 'comments');
      return onComments ? setError(onComments.message) : setProblem(checked.error.issues[0]!.message);
    }
    setError('');
    setBusy(true);
    try {
      const answer = await api.bulkApproveReturns({ body: checked.data });
      setResult(answer);
      setSelected(new Set());
      setComments('');
      onDone();
    } catch (e) {
      setProblem(problemText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const names = new Map(rows.map((row) => [row.reference, row.partner.name]));
  return (
    <>
      {result ? (
        <Notice
          intent={result.refused ? 'warning' : 'success'}
          title={r.bulkDone(result.approved, result.refused)}
        >
          <ul className={styles.results}>
            {result.results.map((x) => (
              <li key={x.reference}>
                {`${names.get(x.reference) ?? x.return?.partner.name ?? x.reference}: ${r.bulkOutcome[x.outcome] ?? x.outcome}${x.message ? `. ${x.message}` : ''}`}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {rows.length === 0 ? (
        empty
      ) : (
        <>
          <div className={shared.scroller} role="region" aria-label={r.toApprove} tabIndex={0}>
            <table className={shared.table}>
              <thead>
                <tr>
                  <th scope="col" className={shared.cell}>
                    <Checkbox
                      aria-label={r.selectAll}
                      checked={allOn ? true : selected.size > 0 ? 'mixed' : false}
                      disabled={approvable.length === 0}
                      onChange={(_, d) =>
                        setSelected(
                          d.checked === true ? new Set(approvable.map((row) => row.reference)) : new Set(),
                        )
                      }
                    />
                  </th>
                  <th scope="col" className={shared.cell}>
                    {r.columns.agency}
                  </th>
                  <th scope="col" className={shared.cell}>
                    {r.columns.cycle}
                  </th>
                  <th scope="col" className={shared.cell}>
                    {r.columns.submitted}
                  </th>
                  <th scope="col" className={shared.cell}>
                    {r.columns.status}
                  </th>
                  <th scope="col" className={shared.cell}>
                    {r.columns.action}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.reference}>
                    <td className={shared.cell}>
                      <Checkbox
                        aria-label={r.selectOne(row.partner.name)}
                        checked={selected.has(row.reference)}
                        disabled={!row.can.approve}
                        onChange={(_, d) => toggle(row.reference, d.checked === true)}
                      />
                    </td>
                    <th scope="row" className={shared.cell}>
                      {row.partner.name}
                    </th>
                    <td className={shared.cell}>{row.cycleLabel}</td>
                    <td className={shared.cell}>
                      {row.submittedAt ? formatDateTime(t, row.submittedAt) : r.notSubmitted}
                    </td>
                    <td className={shared.cell}>
                      {row.statusLabel}
                      {!row.can.approve && row.can.approveRefusal ? `. ${row.can.approveRefusal}` : ''}
                    </td>
                    <td className={shared.cell}>
                      <TabLink to={`/returns?ref=${encodeURIComponent(row.reference)}`}>
                        {r.review(row.partner.name)}
                      </TabLink>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form
            className={styles.form}
            onSubmit={(e) => e.preventDefault()}
            noValidate
            aria-label={r.toApprove}
          >
            <Field label={r.bulkComments} validationMessage={error || undefined}>
              <Textarea
                resize="vertical"
                rows={2}
                value={comments}
                onChange={(_, d) => setComments(d.value)}
              />
            </Field>
            {problem ? <Problem>{problem}</Problem> : null}
            <div className={styles.actions}>
              <Button appearance="primary" disabled={busy} onClick={() => void approve()}>
                {r.approveSelected(selected.size)}
              </Button>
              {busy ? (
                <Spinner
                  size="tiny"
                  labelPosition="after"
                  label={r.bulkWorking(selected.size)}
                  role="status"
                />
              ) : null}
            </div>
          </form>
        </>
      )}
    </>
  );
}

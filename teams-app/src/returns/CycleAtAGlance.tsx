/**
 * A cycle at a glance for the secretariat and the Board: every expected return, its status, who is late, when
 * each was last chased, and "chase now" (all outstanding, or one agency). Shown only to those the hub lets see it.
 */
import {
  Badge,
  Button,
  Field,
  Select,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError, type ChaseResponse, type ReturnCyclesResponse } from '@pph/contract';
import { problemText } from '../api/problems';
import { useLoad } from '../api/use-load';
import { TabLink } from '../app/router';
import { useSession } from '../app/session';
import { useShared } from '../components/shared-styles';
import { Loading, Notice, Problem } from '../components/Status';
import { formatDate, formatDateTime, useStrings } from '../strings';
import { RagBadge } from './ReturnContentView';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  rag: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  results: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  chase: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '48rem' },
  select: { maxWidth: '32rem' },
});

const forbidden = (e: unknown) => e instanceof ApiError && (e.status === 403 || e.status === 401);

/** The cycle to show first: the one asked for, else the open one, else the newest. */
export function pickCycle(cycles: ReturnCyclesResponse['items'], wanted: string | null): string | undefined {
  return (
    cycles.find((c) => c.id === wanted?.toUpperCase())?.id ??
    cycles.find((c) => c.status === 'open')?.id ??
    cycles[0]?.id
  );
}

export function CycleSelect({
  cycles,
  value,
  onChange,
}: {
  cycles: ReturnCyclesResponse['items'];
  value: string;
  onChange: (id: string) => void;
}) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <Field label={t.returns.cycle} hint={t.returns.cycleHint} className={styles.select}>
      <Select value={value} onChange={(_, d) => onChange(d.value)}>
        {cycles.map((c) => (
          <option key={c.id} value={c.id}>
            {`${c.label}: ${t.returns.cycleStatus[c.status]}`}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function CycleAtAGlance({ initialCycle }: { initialCycle: string | null }) {
  const t = useStrings();
  const { api } = useSession();
  const cycles = useLoad(() => api.listReturnCycles(), [api]);
  const [chosen, setChosen] = useState<string>();
  if (cycles.loaded.state === 'failed')
    return forbidden(cycles.loaded.error) ? null : (
      <Problem onRetry={cycles.reload}>{problemText(t, cycles.loaded.error)}</Problem>
    );
  if (!cycles.loaded.value) return null;
  const items = cycles.loaded.value.items;
  const cycleId = chosen ?? pickCycle(items, initialCycle);
  if (!cycleId) return null;
  return <Overview cycles={items} cycleId={cycleId} onCycle={setChosen} />;
}

function Overview({
  cycles,
  cycleId,
  onCycle,
}: {
  cycles: ReturnCyclesResponse['items'];
  cycleId: string;
  onCycle: (id: string) => void;
}) {
  const t = useStrings();
  const r = t.returns;
  const shared = useShared();
  const styles = useStyles();
  const { api } = useSession();
  const { loaded, reload } = useLoad(() => api.getReturnCycle({ params: { cycleId } }), [api, cycleId]);
  const [message, setMessage] = useState('');
  const [chasing, setChasing] = useState<string>();
  const [chased, setChased] = useState<ChaseResponse>();
  const [problem, setProblem] = useState('');
  // Those who may not see a cycle at a glance (authors, caseworkers) are not shown that it exists.
  if (loaded.state === 'failed' && forbidden(loaded.error)) return null;

  const chase = async (references?: string[]) => {
    setProblem('');
    setChasing(references?.[0] ?? 'all');
    try {
      const answer = await api.chaseReturns({
        params: { cycleId },
        body: {
          ...(references ? { references } : {}),
          ...(message.trim() ? { message: message.trim() } : {}),
        },
      });
      setChased(answer);
      reload();
    } catch (e) {
      setProblem(problemText(t, e));
    } finally {
      setChasing(undefined);
    }
  };

  const o = loaded.value;
  const outstanding = (status: string) => status !== 'submitted' && status !== 'approved';
  return (
    <section className={shared.section} aria-labelledby="glance-heading">
      <h2 id="glance-heading" className={shared.h2}>
        {r.cycleAtAGlance}
      </h2>
      <div className={styles.row}>
        <CycleSelect cycles={cycles} value={cycleId} onChange={onCycle} />
      </div>
      {loaded.state === 'failed' ? <Problem onRetry={reload}>{problemText(t, loaded.error)}</Problem> : null}
      {!o ? <Loading label={r.loading} /> : null}
      {o ? (
        <>
          <Text as="p" block role="status">
            {r.counts(o.counts)}
          </Text>
          <Text as="p" block>
            {r.dates(
              formatDate(t, o.cycle.opensOn),
              formatDate(t, o.cycle.dueOn),
              formatDate(t, o.cycle.closesOn),
            )}{' '}
            {r.rule(o.approvalRuleText)}
          </Text>
          {chased ? (
            <Notice intent="success" title={r.chased}>
              <ul className={styles.results}>
                {chased.results.map((c) => (
                  <li key={c.reference}>{r.chaseResult(c.partnerName, c.message)}</li>
                ))}
              </ul>
            </Notice>
          ) : null}
          <div className={shared.scroller} role="region" aria-labelledby="glance-heading" tabIndex={0}>
            <table className={shared.table}>
              <thead>
                <tr>
                  <th scope="col" className={shared.cell}>
                    {r.columns.agency}
                  </th>
                  <th scope="col" className={shared.cell}>
                    {r.columns.status}
                  </th>
                  <th scope="col" className={shared.cell}>
                    {r.columns.submitted}
                  </th>
                  <th scope="col" className={shared.cell}>
                    {r.columns.chased}
                  </th>
                  <th scope="col" className={shared.cell}>
                    {r.columns.rag}
                  </th>
                  <th scope="col" className={shared.cell}>
                    {r.columns.action}
                  </th>
                </tr>
              </thead>
              <tbody>
                {o.returns.map((row) => {
                  const rags = Object.values(row.rag ?? {});
                  return (
                    <tr key={row.reference}>
                      <th scope="row" className={shared.cell}>
                        <TabLink to={`/returns?ref=${encodeURIComponent(row.reference)}`}>
                          {row.partner.name}
                        </TabLink>
                      </th>
                      <td className={shared.cell}>
                        {row.statusLabel}{' '}
                        {row.late ? (
                          <Badge appearance="filled" color="danger">
                            {r.late}
                          </Badge>
                        ) : null}
                      </td>
                      <td className={shared.cell}>
                        {row.submittedAt ? formatDateTime(t, row.submittedAt) : r.notSubmitted}
                      </td>
                      <td className={shared.cell}>
                        {row.lastChasedAt ? formatDateTime(t, row.lastChasedAt) : r.never}
                      </td>
                      <td className={shared.cell}>
                        {rags.length ? (
                          <span className={styles.rag}>
                            {(['red', 'amber', 'green'] as const).map((k) => {
                              const n = rags.filter((x) => x === k).length;
                              return n ? (
                                <span key={k}>
                                  <RagBadge rag={k} /> {`× ${n}`}
                                </span>
                              ) : null;
                            })}
                          </span>
                        ) : (
                          r.noFigure
                        )}
                      </td>
                      <td className={shared.cell}>
                        {o.canChase && outstanding(row.status) ? (
                          <Button
                            size="small"
                            disabled={chasing !== undefined}
                            onClick={() => void chase([row.reference])}
                          >
                            {r.chaseOne(row.partner.name)}
                          </Button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {o.canChase ? (
            <form
              className={styles.chase}
              onSubmit={(e) => e.preventDefault()}
              noValidate
              aria-label={r.chaseAll}
            >
              <Field label={r.chaseMessage}>
                <Textarea
                  resize="vertical"
                  rows={2}
                  value={message}
                  onChange={(_, d) => setMessage(d.value)}
                />
              </Field>
              {problem ? <Problem>{problem}</Problem> : null}
              <div className={styles.row}>
                <Button appearance="primary" disabled={chasing !== undefined} onClick={() => void chase()}>
                  {r.chaseAll}
                </Button>
                {chasing ? (
                  <Spinner size="tiny" labelPosition="after" label={r.chasing} role="status" />
                ) : null}
              </div>
            </form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/**
 * One return: its status and dates, the comments it was sent back with, then what the signed-in person may do
 * with it (write and submit it, or approve or send it back), its approvals and its history.
 */
import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { type ReturnView } from '@pph/contract';
import { problemText } from '../api/problems';
import { useLoad } from '../api/use-load';
import { TabLink } from '../app/router';
import { useSession } from '../app/session';
import { useShared } from '../components/shared-styles';
import { Loading, Notice, Problem } from '../components/Status';
import { usePageTitle } from '../components/page-title';
import { formatDate, formatDateTime, useStrings } from '../strings';
import { AuthorForm } from './AuthorForm';
import { ReturnContentView } from './ReturnContentView';
import { ReviewPanel } from './ReviewPanel';
import { PageHeading } from '../components/PageHeading';

const useStyles = makeStyles({
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  badges: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  quote: { whiteSpace: 'pre-wrap', margin: 0 },
});

export function ReturnPage({ reference }: { reference: string }) {
  const t = useStrings();
  const r = t.returns;
  const { api } = useSession();
  const { loaded, reload, set } = useLoad(
    () => api.getReturn({ params: { ref: reference } }),
    [api, reference],
  );
  const [notice, setNotice] = useState('');
  const view = loaded.value;
  usePageTitle(view ? r.returnTitle(view.partner.name, view.cycle.label) : r.title);
  if (loaded.state === 'failed' && !view)
    return (
      <>
        <TabLink to="/returns">{r.backToReturns}</TabLink>
        <Problem onRetry={reload}>{problemText(t, loaded.error)}</Problem>
      </>
    );
  if (!view) return <Loading label={r.loading} />;
  const onView = (next: ReturnView) => {
    if (view.status !== 'submitted' && next.status === 'submitted') setNotice(r.submitted);
    set(next);
  };
  return <ReturnBody view={view} onView={onView} notice={notice} onNotice={setNotice} />;
}

function ReturnBody({
  view,
  onView,
  notice,
  onNotice,
}: {
  view: ReturnView;
  onView: (v: ReturnView) => void;
  /** What the person's last action did (submitted, approved, sent back), said where they look. */
  notice: string;
  onNotice: (text: string) => void;
}) {
  const t = useStrings();
  const r = t.returns;
  const shared = useShared();
  const styles = useStyles();
  return (
    <>
      <div className={styles.header}>
        <TabLink to="/returns">{r.backToReturns}</TabLink>
        <PageHeading>{r.returnTitle(view.partner.name, view.cycle.label)}</PageHeading>
        <div className={styles.badges}>
          <Badge appearance="outline">{view.statusLabel}</Badge>
          {view.late ? (
            <Badge appearance="filled" color="danger">
              {r.late}
            </Badge>
          ) : null}
        </div>
        <Text>{`${view.reference}. ${r.dueLine(formatDate(t, view.dueOn))}. ${r.rule(view.approvalRuleText)}`}</Text>
        <Text>{r.template(view.template.title, view.template.version)}</Text>
        <div role="status">{notice ? <Notice intent="success">{notice}</Notice> : null}</div>
        {view.sentBack && view.status === 'sent-back' ? (
          <Notice intent="warning" title={r.sentBackTitle}>
            {r.sentBackBy(view.sentBack.by.displayName, formatDateTime(t, view.sentBack.at))}
            <p className={styles.quote} dir="auto">
              {view.sentBack.comments}
            </p>
          </Notice>
        ) : null}
      </div>

      {view.can.edit ? (
        <AuthorForm key={view.reference} view={view} onView={onView} />
      ) : view.content ? (
        <ReturnContentView
          template={view.template}
          sections={view.applicableSections}
          content={view.content}
        />
      ) : (
        <Text as="p" block>
          {r.statusOnly}
        </Text>
      )}

      {view.status === 'submitted' ? <ReviewPanel view={view} onView={onView} onDone={onNotice} /> : null}

      <section className={shared.section} aria-labelledby="approvals-heading">
        <h2 id="approvals-heading" className={shared.h2}>
          {r.approvals}
        </h2>
        {view.approvals.length ? (
          <ul>
            {view.approvals.map((a, i) => (
              <li key={i}>
                {r.approvalBy(a.by.displayName, a.partnerName, formatDateTime(t, a.at))}
                {a.comments ? `: ${a.comments}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <Text>{r.noApprovals}</Text>
        )}
      </section>

      <section className={shared.section} aria-labelledby="history-heading">
        <h2 id="history-heading" className={shared.h2}>
          {r.history}
        </h2>
        <div className={shared.scroller} role="region" aria-labelledby="history-heading" tabIndex={0}>
          <table className={shared.table}>
            <thead>
              <tr>
                <th scope="col" className={shared.cell}>
                  {r.historyWhen}
                </th>
                <th scope="col" className={shared.cell}>
                  {r.historyWho}
                </th>
                <th scope="col" className={shared.cell}>
                  {r.historyWhat}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...view.history].reverse().map((h, i) => (
                <tr key={i}>
                  <td className={shared.cell}>{formatDateTime(t, h.at)}</td>
                  <td className={shared.cell}>{h.by?.displayName ?? r.system}</td>
                  <td className={shared.cell}>
                    {h.summary}
                    {h.comments ? `: ${h.comments}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

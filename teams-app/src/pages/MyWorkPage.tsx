/**
 * My work: everything waiting for the signed-in person (GET /api/me/queue), overdue first. A concern step is
 * decided here, with the same decisions as the bot's card; a review opens its concern.
 */
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState, type Ref } from 'react';
import type { ConcernView, DecisionKind, WorkItemsResponse } from '@pph/contract';
import { problemText } from '../api/problems';
import { useLoad } from '../api/use-load';
import { TabLink } from '../app/router';
import { useSession } from '../app/session';
import { DecisionPanel } from '../components/DecisionPanel';
import { Due } from '../components/Due';
import { Loading, Notice, Problem } from '../components/Status';
import { usePageTitle } from '../components/page-title';
import { workEntries, type WorkEntry } from '../components/work-items';
import { useStrings } from '../strings';
import { PageHeading } from '../components/PageHeading';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    padding: 0,
    margin: `${tokens.spacingVerticalL} 0 0`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  item: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  overdue: {
    borderInlineStartWidth: tokens.strokeWidthThickest,
    borderInlineStartColor: tokens.colorPaletteRedBorder2,
  },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  decision: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
  },
  status: { marginTop: tokens.spacingVerticalM, ':focus': { outlineStyle: 'none' } },
  more: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    marginTop: tokens.spacingVerticalL,
  },
});

/** The pages read so far as one response: each page's steps and reviews, the other work from the first. */
function together(first: WorkItemsResponse, later: WorkItemsResponse[]): WorkItemsResponse {
  const pages = [first, ...later];
  const next = pages[pages.length - 1]!.nextPageToken;
  return {
    items: pages.flatMap((p) => p.items),
    reviews: pages.flatMap((p) => p.reviews),
    ...(first.tasks ? { tasks: first.tasks } : {}),
    ...(next ? { nextPageToken: next } : {}),
  };
}

export default function MyWorkPage() {
  const t = useStrings();
  const styles = useStyles();
  const { api } = useSession();
  usePageTitle(t.myWork.title);
  const { loaded, reload } = useLoad(() => api.myQueue(), [api]);
  const [done, setDone] = useState('');
  const doneRef = useRef<HTMLDivElement>(null);
  // Pages after the first, read on request; the first read again (after a decision) starts over from it.
  const [later, setLater] = useState<{
    pages: WorkItemsResponse[];
    state: 'idle' | 'loading' | 'failed';
    error?: unknown;
  }>({ pages: [], state: 'idle' });
  const firstNewRef = useRef<HTMLLIElement>(null);
  const [firstNewKey, setFirstNewKey] = useState<string>();
  useEffect(() => setLater({ pages: [], state: 'idle' }), [loaded.value]);
  useEffect(() => {
    if (firstNewKey) firstNewRef.current?.focus();
  }, [firstNewKey]);

  const onDecided = (view: ConcernView, decision: DecisionKind) => {
    const where = view.stage?.title ?? view.referrerStatus;
    setDone(`${t.decisions.success(t.decisions.done[decision], view.reference)} ${t.decisions.nowAt(where)}`);
    reload();
    // The item leaves the list: focus goes to the message saying so, not to the top of the page.
    setTimeout(() => doneRef.current?.focus(), 0);
  };

  const shown = loaded.value ? together(loaded.value, later.pages) : undefined;
  // A task that moved up between two reads may be on both pages: it is shown once.
  const entries = shown
    ? workEntries(shown).filter((e, i, all) => all.findIndex((o) => o.key === e.key) === i)
    : [];
  const showMore = async () => {
    if (!shown?.nextPageToken) return;
    const before = new Set(entries.map((e) => e.key));
    setLater((l) => ({ ...l, state: 'loading' }));
    try {
      const page = await api.myQueue({ query: { pageToken: shown.nextPageToken } });
      setLater((l) => ({ pages: [...l.pages, page], state: 'idle' }));
      // Keyboard and screen reader users go on from the first item the page added.
      setFirstNewKey(workEntries(page).find((e) => !before.has(e.key))?.key);
    } catch (error) {
      setLater((l) => ({ ...l, state: 'failed', error }));
    }
  };
  return (
    <>
      <PageHeading>{t.myWork.title}</PageHeading>
      <Text as="p" block>
        {t.myWork.intro}
      </Text>
      <div ref={doneRef} tabIndex={-1} className={styles.status}>
        {done ? <Notice intent="success">{done}</Notice> : null}
      </div>
      {loaded.state === 'failed' ? <Problem onRetry={reload}>{problemText(t, loaded.error)}</Problem> : null}
      {loaded.state === 'loading' && !loaded.value ? <Loading label={t.myWork.loading} /> : null}
      {loaded.value ? (
        entries.length === 0 ? (
          <Text as="p" block>
            {t.myWork.empty}
          </Text>
        ) : (
          <>
            <Text as="p" block role="status">
              {t.myWork.count(entries.length)}
            </Text>
            <ul className={styles.list} aria-busy={loaded.state === 'loading'}>
              {entries.map((e) => (
                <WorkItem
                  key={e.key}
                  entry={e}
                  onDecided={onDecided}
                  {...(e.key === firstNewKey ? { itemRef: firstNewRef } : {})}
                />
              ))}
            </ul>
            {shown?.nextPageToken ? (
              <div className={styles.more}>
                <Text as="p" block>
                  {t.myWork.more}
                </Text>
                <Button
                  appearance="secondary"
                  disabledFocusable={later.state === 'loading'}
                  onClick={() => void showMore()}
                >
                  {later.state === 'loading' ? t.myWork.loadingMore : t.myWork.showMore}
                </Button>
              </div>
            ) : null}
            {later.state === 'failed' ? (
              <Problem onRetry={() => void showMore()}>{problemText(t, later.error)}</Problem>
            ) : null}
          </>
        )
      ) : null}
    </>
  );
}

function WorkItem({
  entry,
  onDecided,
  itemRef,
}: {
  entry: WorkEntry;
  onDecided: (view: ConcernView, decision: DecisionKind) => void;
  /** The first item a "show more" added: focused once it is shown. */
  itemRef?: Ref<HTMLLIElement>;
}) {
  const t = useStrings();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const panelId = `decide-${entry.key.replace(/[^A-Za-z0-9-]/g, '-')}`;
  const kind =
    entry.kind === 'step'
      ? t.myWork.kinds.step
      : entry.kind === 'review'
        ? t.myWork.kinds.review
        : t.myWork.taskKind(entry.taskKind);
  return (
    <li
      ref={itemRef}
      tabIndex={itemRef ? -1 : undefined}
      className={entry.overdue ? `${styles.item} ${styles.overdue}` : styles.item}
    >
      <div className={styles.badges}>
        <Badge appearance="outline" color="informative">
          {kind}
        </Badge>
        {entry.kind === 'step' && entry.immediateRisk ? (
          <Badge appearance="filled" color="warning">
            {t.myWork.immediateRisk}
          </Badge>
        ) : null}
        {entry.kind === 'step' && entry.escalated ? (
          <Badge appearance="tint" color="danger">
            {t.myWork.escalated}
          </Badge>
        ) : null}
        {entry.kind === 'step' && entry.waitingForInformation ? (
          <Badge appearance="tint" color="subtle">
            {t.myWork.waitingForInformation}
          </Badge>
        ) : null}
      </div>
      <h2 className={styles.heading}>
        {entry.kind === 'task' ? entry.title : `${entry.reference}: ${entry.title}`}
      </h2>
      {entry.kind === 'step' ? <Text>{t.myWork.stepOf(entry.stage)}</Text> : null}
      {entry.kind === 'task' && entry.detail ? <Text>{entry.detail}</Text> : null}
      <Due dueOn={entry.dueOn} overdue={entry.overdue} />
      <div className={styles.actions}>
        {entry.kind === 'step' ? (
          <>
            <Button
              appearance={open ? 'secondary' : 'primary'}
              aria-expanded={open}
              aria-controls={panelId}
              onClick={() => setOpen((o) => !o)}
            >
              {open ? t.myWork.hideDecision : t.myWork.decide}
            </Button>
            <TabLink
              to={`/concern?ref=${encodeURIComponent(entry.reference)}&step=${encodeURIComponent(entry.stepId)}`}
            >
              {t.myWork.openConcern(entry.reference)}
            </TabLink>
          </>
        ) : entry.kind === 'review' ? (
          <TabLink to={`/concern?ref=${encodeURIComponent(entry.reference)}`}>
            {t.myWork.openReview(entry.reference)}
          </TabLink>
        ) : (
          <TabLink to={entry.to}>{t.myWork.openTask(entry.title)}</TabLink>
        )}
      </div>
      {entry.kind === 'step' && open ? (
        <div id={panelId} className={styles.decision}>
          <StepDecision reference={entry.reference} stepId={entry.stepId} onDecided={onDecided} />
        </div>
      ) : null}
    </li>
  );
}

/** Reads the concern (the step's decisions, its ETag) only when the person opens the decision. */
function StepDecision({
  reference,
  stepId,
  onDecided,
}: {
  reference: string;
  stepId: string;
  onDecided: (view: ConcernView, decision: DecisionKind) => void;
}) {
  const t = useStrings();
  const { api } = useSession();
  const { loaded, reload, set } = useLoad(
    () => api.getConcern({ params: { ref: reference } }),
    [api, reference],
  );
  if (loaded.state === 'failed' && !loaded.value)
    return <Problem onRetry={reload}>{problemText(t, loaded.error)}</Problem>;
  if (!loaded.value) return <Loading label={t.decisions.loadingStep} />;
  return <DecisionPanel view={loaded.value} stepId={stepId} onView={set} onDecided={onDecided} />;
}

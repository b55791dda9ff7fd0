/**
 * The Dashboard: a cycle's returns collated for the Board, as charts (loaded lazily) with the table of every
 * figure beside each, suppressed by the hub (counts of 1 to 4 and what would give them away show as [c]), and the
 * Excel workbook and CSVs to download.
 */
import { Button, Field, Select, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useState, type ReactNode } from 'react';
import {
  CollationCsvViewSchema,
  RETURN_STATUS_LABELS,
  ReturnOperations,
  type CollationCsvView,
  type CollationView,
  type CountTable,
} from '@pph/contract';
import { problemText } from '../api/problems';
import { useLoad } from '../api/use-load';
import { useLocation } from '../app/router';
import { useSession } from '../app/session';
import { useShared } from '../components/shared-styles';
import { Loading, Notice, Problem } from '../components/Status';
import { usePageTitle } from '../components/page-title';
import { CellText, CountTableView, FigureTable } from '../dashboard/FigureTable';
import { loadCharts } from '../dashboard/load-charts';
import { saveFile } from '../dashboard/save-file';
import { CycleSelect, pickCycle } from '../returns/CycleAtAGlance';
import { formatDate, formatDateTime, useStrings } from '../strings';
import { PageHeading } from '../components/PageHeading';

// Asked for as soon as this page's code runs, so the charts arrive while the figures are being fetched; nothing
// waits for them (each figure's table is drawn first).
void loadCharts().catch(() => undefined);
const BarChart = lazy(() => loadCharts().then((m) => ({ default: m.BarChart })));
const RagChart = lazy(() => loadCharts().then((m) => ({ default: m.RagChart })));

const useStyles = makeStyles({
  figure: {
    margin: `${tokens.spacingVerticalXL} 0 0`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  chart: { maxWidth: '48rem', minHeight: '6rem' },
  exports: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'flex-end',
    marginTop: tokens.spacingVerticalM,
  },
});

export default function DashboardPage() {
  const t = useStrings();
  const d = t.dashboard;
  const { api } = useSession();
  const { query } = useLocation();
  usePageTitle(d.title);
  const cycles = useLoad(() => api.listReturnCycles(), [api]);
  const [chosen, setChosen] = useState<string>();
  const items = cycles.loaded.value?.items ?? [];
  const cycleId = chosen ?? pickCycle(items, query.get('cycle'));
  return (
    <>
      <PageHeading>{d.title}</PageHeading>
      <Text as="p" block>
        {d.intro}
      </Text>
      {cycles.loaded.state === 'failed' ? (
        <Problem onRetry={cycles.reload}>{problemText(t, cycles.loaded.error)}</Problem>
      ) : null}
      {!cycles.loaded.value && cycles.loaded.state === 'loading' ? <Loading label={d.loading} /> : null}
      {cycles.loaded.value && !cycleId ? (
        <Text as="p" block>
          {t.returns.noCycles}
        </Text>
      ) : null}
      {cycleId ? (
        <>
          <CycleSelect cycles={items} value={cycleId} onChange={setChosen} />
          <Collation key={cycleId} cycleId={cycleId} />
        </>
      ) : null}
    </>
  );
}

function Collation({ cycleId }: { cycleId: string }) {
  const t = useStrings();
  const d = t.dashboard;
  const { api } = useSession();
  const { loaded, reload } = useLoad(() => api.getCollation({ params: { cycleId } }), [api, cycleId]);
  if (loaded.state === 'failed' && !loaded.value)
    return <Problem onRetry={reload}>{problemText(t, loaded.error)}</Problem>;
  if (!loaded.value) return <Loading label={d.loading} />;
  const c = loaded.value;
  return (
    <>
      <Text as="p" block>
        {d.basis(c.basis)} {d.generated(formatDateTime(t, c.generatedAt))}{' '}
        {c.previousCycle ? d.previous(c.previousCycle.label) : ''}
      </Text>
      <Text as="p" block>
        {c.suppressionNote}
      </Text>
      <Exports cycleId={cycleId} />
      <Figures c={c} />
    </>
  );
}

function Exports({ cycleId }: { cycleId: string }) {
  const t = useStrings();
  const d = t.dashboard;
  const styles = useStyles();
  const { download } = useSession();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [problem, setProblem] = useState('');
  const [view, setView] = useState<CollationCsvView>('completion');
  const fetchFile = async (get: () => ReturnType<typeof download>) => {
    setBusy(true);
    setProblem('');
    setDone('');
    try {
      const file = await get();
      saveFile(file.blob, file.fileName);
      setDone(d.downloaded(file.fileName));
    } catch (e) {
      setProblem(problemText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <div className={styles.exports}>
        <Button
          appearance="primary"
          disabled={busy}
          onClick={() =>
            void fetchFile(() =>
              download(
                ReturnOperations.exportCollationWorkbook,
                { cycleId },
                `prevent-returns-${cycleId}.xlsx`,
              ),
            )
          }
        >
          {d.download}
        </Button>
        <Field label={d.csvView}>
          <Select value={view} onChange={(_, x) => setView(CollationCsvViewSchema.parse(x.value))}>
            {CollationCsvViewSchema.options.map((v) => (
              <option key={v} value={v}>
                {d.csvViews[v] ?? v}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          disabled={busy}
          onClick={() =>
            void fetchFile(() =>
              download(
                ReturnOperations.exportCollationCsv,
                { cycleId, view },
                `prevent-returns-${cycleId}-${view}.csv`,
              ),
            )
          }
        >
          {d.downloadCsv}
        </Button>
        {busy ? <Spinner size="tiny" labelPosition="after" label={d.downloading} role="status" /> : null}
      </div>
      <div role="status">{done ? <Notice intent="success">{done}</Notice> : null}</div>
      {problem ? <Problem>{problem}</Problem> : null}
    </>
  );
}

/** A figure: its heading, the chart (lazily) and, always, the table of the same figures. */
function Figure({
  id,
  title,
  chart,
  children,
}: {
  id: string;
  title: string;
  chart?: ReactNode;
  children: ReactNode;
}) {
  const t = useStrings();
  const shared = useShared();
  const styles = useStyles();
  return (
    <section className={styles.figure} aria-labelledby={id}>
      <h2 id={id} className={shared.h2}>
        {title}
      </h2>
      {chart ? (
        <figure className={styles.chart} aria-label={t.dashboard.chartOf(title)}>
          <Suspense fallback={<Loading label={t.dashboard.chartLoading} />}>{chart}</Suspense>
        </figure>
      ) : null}
      {children}
    </section>
  );
}

/** The rows of a count table that can be drawn (suppressed totals are left out). */
const barsOf = (table: CountTable) =>
  table.rows
    .filter((r) => !r.total.suppressed && r.total.value !== undefined)
    .map((r) => ({ label: r.label, value: r.total.value! }));
const anySuppressed = (table: CountTable) => table.rows.some((r) => r.total.suppressed);

function Figures({ c }: { c: CollationView }) {
  const t = useStrings();
  const d = t.dashboard;
  const comp = c.completion;
  const outstanding = Math.max(0, comp.expected - comp.submitted);
  const pct = (n: number) => (comp.expected ? Math.round((n / comp.expected) * 100) : 0);
  const countFigure = (id: string, title: string, table: CountTable) => (
    <Figure id={id} title={title} chart={<BarChart title={title} bars={barsOf(table)} />}>
      {anySuppressed(table) ? <Text>{d.chartSuppressed}</Text> : null}
      <CountTableView table={table} caption={d.tableOf(title)} />
    </Figure>
  );
  return (
    <>
      <Figure
        id="completion"
        title={d.completion}
        chart={
          <BarChart
            title={d.completion}
            bars={[
              { label: d.completionRows.submitted, value: comp.submitted },
              { label: d.completionRows.approved, value: comp.approved },
              { label: d.completionRows.outstanding, value: outstanding },
            ]}
          />
        }
      >
        <Text as="p" block>
          {d.completionLine(comp)} {d.lateLine(comp.late, comp.missing)}
        </Text>
        <FigureTable
          caption={d.tableOf(d.completion)}
          head={['', d.returnsColumn, d.percentColumn]}
          rows={[
            {
              key: 'submitted',
              label: d.completionRows.submitted,
              cells: [comp.submitted, `${comp.submittedPercent}%`],
            },
            {
              key: 'approved',
              label: d.completionRows.approved,
              cells: [comp.approved, `${comp.approvedPercent}%`],
            },
            {
              key: 'outstanding',
              label: d.completionRows.outstanding,
              cells: [outstanding, `${pct(outstanding)}%`],
            },
          ]}
          foot={{ label: d.total, cells: [comp.expected, '100%'] }}
        />
      </Figure>
      {countFigure('by-staff-group', d.trainingByStaffGroup, c.trainingByStaffGroup)}
      {countFigure('by-sector', d.trainingBySector, c.trainingBySector)}
      {countFigure('referrals', d.referralsBySector, c.referralsBySector)}
      <Figure
        id="completion-rates"
        title={d.completionRates}
        chart={
          <BarChart
            title={d.completionRates}
            bars={c.completionRates
              .filter((r) => !r.percent.suppressed && r.percent.value !== undefined)
              .map((r) => ({ label: r.label, value: r.percent.value! }))}
          />
        }
      >
        <FigureTable
          caption={d.tableOf(d.completionRates)}
          head={[
            d.completionRateColumns.group,
            d.completionRateColumns.inScope,
            d.completionRateColumns.trained,
            d.completionRateColumns.percent,
          ]}
          rows={c.completionRates.map((r) => ({
            key: r.key,
            label: r.label,
            cells: [
              <CellText key="s" cell={r.staffInScope} />,
              <CellText key="t" cell={r.trainedToDate} />,
              <CellText key="p" cell={r.percent} />,
            ],
          }))}
        />
      </Figure>
      <Figure id="change" title={d.change}>
        <FigureTable
          caption={d.tableOf(d.change)}
          head={[
            d.changeColumns.figure,
            d.changeColumns.current,
            d.changeColumns.previous,
            d.changeColumns.change,
          ]}
          rows={c.changeOnPreviousQuarter.map((r) => ({
            key: r.key,
            label: r.label,
            cells: [
              <CellText key="c" cell={r.current} />,
              <CellText key="p" cell={r.previous} />,
              <CellText key="x" cell={r.change} />,
            ],
          }))}
        />
      </Figure>
      <Figure
        id="rag"
        title={d.rag}
        chart={
          <RagChart
            rows={c.rag
              .filter((r) => r.red + r.amber + r.green > 0)
              .map((r) => ({
                label: r.label,
                counts: { red: r.red, amber: r.amber, green: r.green },
                labels: { red: d.ragColumns.red, amber: d.ragColumns.amber, green: d.ragColumns.green },
              }))}
          />
        }
      >
        <FigureTable
          caption={d.tableOf(d.rag)}
          head={[
            d.ragColumns.section,
            d.ragColumns.red,
            d.ragColumns.amber,
            d.ragColumns.green,
            d.ragColumns.none,
          ]}
          rows={c.rag.map((r) => ({
            key: r.section,
            label: r.label,
            cells: [r.red, r.amber, r.green, r.notReported],
          }))}
        />
      </Figure>
      <Figure id="late" title={d.lateAndMissing}>
        {c.lateAndMissing.length === 0 ? (
          <Text>{d.noneLate}</Text>
        ) : (
          <FigureTable
            caption={d.tableOf(d.lateAndMissing)}
            head={[
              d.lateColumns.agency,
              d.lateColumns.kind,
              d.lateColumns.status,
              d.lateColumns.due,
              d.lateColumns.days,
            ]}
            rows={c.lateAndMissing.map((r) => ({
              key: r.reference,
              label: r.partnerName,
              cells: [
                d.lateKinds[r.kind],
                RETURN_STATUS_LABELS[r.status],
                formatDate(t, r.dueOn),
                r.daysLate,
              ],
            }))}
          />
        )}
      </Figure>
    </>
  );
}

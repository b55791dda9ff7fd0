/**
 * The dashboard's charts (@fluentui/react-charts, with its d3 dependencies): imported only by the dashboard, and
 * only lazily, so no other page loads them. Colours come from the charts' own data-visualisation palette; the
 * same figures are always in a table beside each chart.
 */
import {
  DataVizPalette,
  HorizontalBarChart,
  HorizontalBarChartWithAxis,
  getColorFromToken,
} from '@fluentui/react-charts';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { Rag } from '@pph/contract';

export interface Bar {
  label: string;
  value: number;
}

/** Ticks at whole numbers, 1, 2 or 5 times a power of ten apart, at most about six of them. */
export function wholeTicks(most: number): number[] {
  const rough = Math.max(1, most / 5);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v <= most + step - 1 && ticks.length < 12; v += step) ticks.push(v);
  return ticks;
}

/** One bar per row, in the order given from the top, each labelled in full; whole-number ticks. */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const colour = getColorFromToken(DataVizPalette.color1);
  const most = Math.max(1, ...bars.map((b) => b.value));
  const longest = Math.max(0, ...bars.map((b) => b.label.length));
  return (
    <HorizontalBarChartWithAxis
      chartTitle={title}
      // The chart draws its first point at the bottom.
      data={[...bars].reverse().map((b) => ({ x: b.value, y: b.label, color: colour, legend: b.label }))}
      hideLegend
      showYAxisLables
      // Room for the longest label (the chart's own measure of it falls short by a few letters).
      margins={{ left: Math.min(360, 7 * longest + 24) }}
      tickValues={wholeTicks(most)}
      height={Math.max(120, bars.length * 36 + 60)}
      enableReflow
    />
  );
}

export interface RagRow {
  label: string;
  counts: Record<Rag, number>;
  labels: Record<Rag, string>;
}

const RAG_COLOURS: Record<Rag, string> = {
  red: getColorFromToken(DataVizPalette.error),
  amber: getColorFromToken(DataVizPalette.warning),
  green: getColorFromToken(DataVizPalette.success),
};

const useStyles = makeStyles({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    listStyleType: 'none',
    padding: 0,
    margin: `${tokens.spacingVerticalS} 0 0`,
  },
  item: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  swatch: {
    display: 'inline-block',
    width: tokens.spacingHorizontalM,
    height: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
});

/**
 * Each section's returns as one bar, split red, amber and green, with one legend of the three in words (the
 * chart's own repeats its legend for every bar).
 */
export function RagChart({ rows }: { rows: RagRow[] }) {
  const styles = useStyles();
  const labels = rows[0]?.labels;
  return (
    <>
      <HorizontalBarChart
        legendProps={{ legends: [] }}
        data={rows.map((row) => ({
          chartTitle: row.label,
          chartData: (['red', 'amber', 'green'] as const).map((k) => ({
            legend: row.labels[k],
            horizontalBarChartdata: {
              x: row.counts[k],
              total: row.counts.red + row.counts.amber + row.counts.green,
            },
            color: RAG_COLOURS[k],
          })),
        }))}
        hideRatio={rows.map(() => false)}
      />
      {labels ? (
        <ul className={styles.legend}>
          {(['red', 'amber', 'green'] as const).map((k) => (
            <li key={k} className={styles.item}>
              <span
                className={styles.swatch}
                style={{ backgroundColor: RAG_COLOURS[k] }}
                aria-hidden="true"
              />
              {labels[k]}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/**
 * The dashboard's charts (@fluentui/react-charts, with its d3 dependencies): imported only by the dashboard, and
 * only lazily, so no other page loads them. Colours come from the charts' own data-visualisation palette; the
 * same figures are always in a table beside each chart.
 */
import { DataVizPalette, HorizontalBarChart, HorizontalBarChartWithAxis } from '@fluentui/react-charts';
import type { Rag } from '@pph/contract';

export interface Bar {
  label: string;
  value: number;
}

/** One bar per row, longest first as given. */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  return (
    <HorizontalBarChartWithAxis
      chartTitle={title}
      data={bars.map((b) => ({ x: b.value, y: b.label, color: DataVizPalette.color1, legend: b.label }))}
      hideLegend
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
  red: DataVizPalette.error,
  amber: DataVizPalette.warning,
  green: DataVizPalette.success,
};

/** Each section's returns as one bar, split red, amber and green (each with its word in the legend). */
export function RagChart({ rows }: { rows: RagRow[] }) {
  return (
    <HorizontalBarChart
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
  );
}

/**
 * The table behind a chart: every figure as text, suppressed ones as [c] (with "suppressed" for screen readers),
 * row and column totals, a caption naming it.
 */
import type { Cell, CountTable } from '@pph/contract';
import type { ReactNode } from 'react';
import { useShared } from '../components/shared-styles';
import { useStrings } from '../strings';

export function CellText({ cell }: { cell: Pick<Cell, 'display' | 'suppressed'> }) {
  const shared = useShared();
  const t = useStrings();
  if (!cell.suppressed) return <>{cell.display}</>;
  return (
    <>
      <span aria-hidden="true">{cell.display}</span>
      <span className={shared.visuallyHidden}>{t.dashboard.suppressed}</span>
    </>
  );
}

/** A table of columns and rows of cells, with a caption; the first column holds the rows' names. */
export function FigureTable({
  caption,
  head,
  rows,
  foot,
  textColumns = [],
}: {
  caption: string;
  head: string[];
  /** Columns (0 is the first after the rows' names) that hold words, set flush left; the rest are figures. */
  textColumns?: number[];
  rows: { key: string; label: string; cells: ReactNode[] }[];
  foot?: { label: string; cells: ReactNode[] };
}) {
  const shared = useShared();
  const num = `${shared.cell} ${shared.number}`;
  const at = (i: number) => (textColumns.includes(i) ? shared.cell : num);
  return (
    <div className={shared.scroller} role="region" aria-label={caption} tabIndex={0}>
      <table className={shared.table}>
        <caption className={shared.visuallyHidden}>{caption}</caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col" className={i === 0 ? shared.cell : at(i - 1)}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" className={shared.cell}>
                {row.label}
              </th>
              {row.cells.map((c, i) => (
                <td key={i} className={at(i)}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {foot ? (
          <tfoot>
            <tr>
              <th scope="row" className={shared.cell}>
                {foot.label}
              </th>
              {foot.cells.map((c, i) => (
                <td key={i} className={num}>
                  {c}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

/** A collation's count table (rows × columns with totals) as a FigureTable. */
export function CountTableView({ table, caption }: { table: CountTable; caption: string }) {
  const t = useStrings();
  return (
    <FigureTable
      caption={caption}
      head={['', ...table.columns.map((c) => c.label), t.dashboard.total]}
      rows={table.rows.map((row) => ({
        key: row.key,
        label: row.label,
        cells: [
          ...row.cells.map((c, i) => <CellText key={i} cell={c} />),
          <CellText key="total" cell={row.total} />,
        ],
      }))}
      foot={{
        label: t.dashboard.total,
        cells: [
          ...table.columnTotals.map((c, i) => <CellText key={i} cell={c} />),
          <CellText key="grand" cell={table.grandTotal} />,
        ],
      }}
    />
  );
}

/**
 * Small-number suppression for every board-level figure: the dashboard, the exports and (later) the board pack
 * all go through here, so a cell hidden in one is hidden in all.
 *
 * Primary suppression hides counts of 1 to 4 (a true zero is shown). Secondary suppression then hides more
 * cells until no hidden cell can be worked out from what is shown: a table is a set of sums (each row adds up to
 * its total, each column to its total, the totals to the grand total), and a hidden cell can be worked out
 * exactly when those sums pin it down, i.e. when it is determined by the linear system whose unknowns are the
 * hidden cells. We test that with Gaussian elimination and, while some hidden cell is determined, hide the
 * cheapest further cell of a sum it appears in (small counts first, totals last). Tables that share totals
 * (training by staff group and by sector share the totals per level) are suppressed as one system, so a total
 * hidden in one is hidden in the other.
 */
import { SUPPRESSED_DISPLAY, SUPPRESSION_THRESHOLD } from '@pph/contract';

export interface SuppressedCell {
  value: number;
  suppressed: boolean;
}

/** A cell as the contract shows it: the number, or no number and [c]. */
export const shown = (c: SuppressedCell) =>
  c.suppressed
    ? { suppressed: true, display: SUPPRESSED_DISPLAY }
    : { value: c.value, suppressed: false, display: String(c.value) };

/** Counts under the threshold are hidden; zero is not (a true zero identifies nobody). */
export const isSmall = (value: number, threshold = SUPPRESSION_THRESHOLD) => value > 0 && value < threshold;

/** One sum of the system: the total cell equals the sum of the part cells (cells by index). */
export interface SumEquation {
  total: number;
  parts: readonly number[];
}

export interface SystemInput {
  values: readonly number[];
  equations: readonly SumEquation[];
  /** Cells that must be hidden whatever their value (e.g. hidden elsewhere). */
  forced?: Iterable<number>;
  /** Cells that are totals: hidden only when nothing cheaper will do. */
  totals?: ReadonlySet<number>;
  threshold?: number;
}

const EPS = 1e-9;

/**
 * The hidden cells whose value the shown cells and the sums pin down. Unknowns are the hidden cells; each sum
 * involving one is a row of the matrix (total +1, parts −1). A hidden cell is determined exactly when its unit
 * vector lies in the row space: in reduced row echelon form, its column is a pivot whose row has no entry in
 * any free column.
 */
export function determinedCells(hidden: ReadonlySet<number>, equations: readonly SumEquation[]): number[] {
  const vars = [...hidden].sort((a, b) => a - b);
  const col = new Map(vars.map((v, i) => [v, i]));
  const rows: number[][] = [];
  for (const eq of equations) {
    const row = new Array<number>(vars.length).fill(0);
    let any = false;
    const add = (cell: number, coef: number) => {
      const c = col.get(cell);
      if (c === undefined) return;
      row[c]! += coef;
      any = true;
    };
    add(eq.total, 1);
    for (const p of eq.parts) add(p, -1);
    if (any) rows.push(row);
  }
  const pivots: { row: number; col: number }[] = [];
  let r = 0;
  for (let c = 0; c < vars.length && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++)
      if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i;
    if (Math.abs(rows[best]![c]!) < EPS) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pivotRow = rows[r]!;
    const p = pivotRow[c]!;
    for (let j = 0; j < vars.length; j++) pivotRow[j]! /= p;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const f = rows[i]![c]!;
      if (Math.abs(f) < EPS) continue;
      for (let j = 0; j < vars.length; j++) rows[i]![j]! -= f * pivotRow[j]!;
    }
    pivots.push({ row: r, col: c });
    r++;
  }
  const pivotCols = new Set(pivots.map((p) => p.col));
  const out: number[] = [];
  for (const { row, col: c } of pivots) {
    const entries = rows[row]!;
    let alone = true;
    for (let j = 0; j < vars.length && alone; j++)
      if (!pivotCols.has(j) && Math.abs(entries[j]!) > EPS) alone = false;
    if (alone) out.push(vars[c]!);
  }
  return out;
}

/** Which cells to hide: primary (small counts, and the forced ones), then secondary until none can be derived. */
export function suppressSystem(input: SystemInput): Set<number> {
  const { values, equations } = input;
  const threshold = input.threshold ?? SUPPRESSION_THRESHOLD;
  const hidden = new Set<number>(input.forced ?? []);
  values.forEach((v, i) => {
    if (isSmall(v, threshold)) hidden.add(i);
  });
  const cost = (cell: number) =>
    (input.totals?.has(cell) ? 1e9 : 0) + (values[cell] === 0 ? 1e6 : 0) + values[cell]!;
  const cheapest = (candidates: Iterable<number>) => {
    let best: number | undefined;
    for (const c of candidates) if (!hidden.has(c) && (best === undefined || cost(c) < cost(best))) best = c;
    return best;
  };
  const cellsOf = (eq: SumEquation) => [eq.total, ...eq.parts];
  for (;;) {
    const determined = determinedCells(hidden, equations);
    if (determined.length === 0) return hidden;
    const target = determined[0]!;
    // A further cell of a sum the determined one is in: hiding it leaves that sum with two unknowns.
    const touching = equations.filter((eq) => cellsOf(eq).includes(target)).flatMap(cellsOf);
    const next =
      cheapest(touching) ??
      // Every sum it is in is hidden already: widen to any sum with a hidden cell (always ends, since a system
      // with everything hidden determines nothing).
      cheapest(equations.filter((eq) => cellsOf(eq).some((c) => hidden.has(c))).flatMap(cellsOf)) ??
      cheapest(values.keys());
    if (next === undefined) return hidden;
    hidden.add(next);
  }
}

/** A table of counts: rows × columns, its row, column and grand totals worked out here. */
export interface CountGrid {
  values: readonly (readonly number[])[];
}

export interface SuppressedGrid {
  cells: SuppressedCell[][];
  rowTotals: SuppressedCell[];
  columnTotals: SuppressedCell[];
  grandTotal: SuppressedCell;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Suppresses tables together. With `shareColumnTotals`, every grid has the same columns and their column
 * totals (and grand total) are the same figures (the same people counted two ways), so each is one cell of the
 * system, hidden in every table or in none.
 */
export function suppressGrids(
  grids: readonly CountGrid[],
  opts: { shareColumnTotals?: boolean; threshold?: number } = {},
): SuppressedGrid[] {
  const values: number[] = [];
  const equations: SumEquation[] = [];
  const totals = new Set<number>();
  const cell = (v: number, isTotal = false) => {
    values.push(v);
    if (isTotal) totals.add(values.length - 1);
    return values.length - 1;
  };
  let shared: { columnTotals: number[]; grand: number } | undefined;
  const layout = grids.map((g) => {
    const rows = g.values.length;
    const cols = g.values[0]?.length ?? 0;
    const ids = g.values.map((row) => row.map((v) => cell(v)));
    const rowTotals = g.values.map((row) => cell(sum(row), true));
    const colValues = Array.from({ length: cols }, (_, j) => sum(g.values.map((row) => row[j]!)));
    const own = () => ({
      columnTotals: colValues.map((v) => cell(v, true)),
      grand: cell(sum(colValues), true),
    });
    const marginals = opts.shareColumnTotals ? (shared ??= own()) : own();
    for (let i = 0; i < rows; i++) equations.push({ total: rowTotals[i]!, parts: ids[i]! });
    for (let j = 0; j < cols; j++)
      equations.push({ total: marginals.columnTotals[j]!, parts: ids.map((row) => row[j]!) });
    equations.push({ total: marginals.grand, parts: rowTotals });
    equations.push({ total: marginals.grand, parts: marginals.columnTotals });
    return { ids, rowTotals, marginals };
  });
  if (opts.shareColumnTotals) {
    const first = grids[0]?.values[0]?.length ?? 0;
    if (grids.some((g) => (g.values[0]?.length ?? first) !== first))
      throw new Error('Tables that share column totals must have the same columns.');
  }
  const hidden = suppressSystem({
    values,
    equations,
    totals,
    ...(opts.threshold ? { threshold: opts.threshold } : {}),
  });
  const at = (id: number): SuppressedCell => ({ value: values[id]!, suppressed: hidden.has(id) });
  return layout.map(({ ids, rowTotals, marginals }) => ({
    cells: ids.map((row) => row.map(at)),
    rowTotals: rowTotals.map(at),
    columnTotals: marginals.columnTotals.map(at),
    grandTotal: at(marginals.grand),
  }));
}

/** A list of counts and their total (a one-column table). */
export function suppressList(
  values: readonly number[],
  opts: { threshold?: number } = {},
): { cells: SuppressedCell[]; total: SuppressedCell } {
  const all = [...values, sum(values)];
  const totalId = values.length;
  const hidden = suppressSystem({
    values: all,
    equations: [{ total: totalId, parts: values.map((_, i) => i) }],
    totals: new Set([totalId]),
    ...(opts.threshold ? { threshold: opts.threshold } : {}),
  });
  return {
    cells: values.map((v, i) => ({ value: v, suppressed: hidden.has(i) })),
    total: { value: all[totalId]!, suppressed: hidden.has(totalId) },
  };
}

/** A figure beside last quarter's: the change is hidden when either side is (or it would give the other away). */
export function change(current: SuppressedCell, previous: SuppressedCell): SuppressedCell {
  return { value: current.value - previous.value, suppressed: current.suppressed || previous.suppressed };
}

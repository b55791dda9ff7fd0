/**
 * Small-number suppression: every count of 1 to 4 is hidden, and no hidden cell can be worked out from what is
 * shown. "Worked out" is checked two independent ways: a person with a calculator (any sum with one unknown
 * gives it away; repeat until nothing more falls out), and exactly (a hidden cell is determined when it lies on
 * no cycle of hidden cells in the row–column graph of its table, which is the linear-algebra criterion for sums
 * of rows and columns, computed here without any elimination).
 */
import fc from 'fast-check';
import {
  suppressGrids,
  suppressList,
  type SuppressedGrid,
} from '@pph/functions/kernel/statistics/suppression';

/** The table with its totals as one (rows+1) × (cols+1) grid of { value, hidden }. */
function extended(g: SuppressedGrid) {
  const rows = g.cells.map((row, i) => [...row, g.rowTotals[i]!]);
  rows.push([...g.columnTotals, g.grandTotal]);
  return rows;
}

/** The calculator attack: any row or column of the extended grid with exactly one hidden cell reveals it. */
function calculatorReveals(g: SuppressedGrid): number {
  const grid = extended(g).map((row) => row.map((c) => ({ ...c })));
  const R = grid.length;
  const C = grid[0]!.length;
  let revealed = 0;
  for (let progress = true; progress;) {
    progress = false;
    const lines: { cells: { value: number; suppressed: boolean }[] }[] = [];
    for (let i = 0; i < R; i++) lines.push({ cells: grid[i]! });
    for (let j = 0; j < C; j++) lines.push({ cells: grid.map((row) => row[j]!) });
    for (const line of lines) {
      const unknown = line.cells.filter((c) => c.suppressed);
      if (unknown.length === 1) {
        unknown[0]!.suppressed = false;
        revealed++;
        progress = true;
      }
    }
  }
  return revealed;
}

/**
 * Hidden cells on no cycle of the bipartite graph (a node per row and per column of the extended grid, an edge
 * per hidden cell): those are exactly the ones the sums determine. A bridge is an edge whose removal
 * disconnects its ends.
 */
function determinedByBridges(g: SuppressedGrid): number {
  const grid = extended(g);
  const R = grid.length;
  const edges: [number, number][] = [];
  grid.forEach((row, i) => row.forEach((c, j) => c.suppressed && edges.push([i, R + j])));
  let bridges = 0;
  edges.forEach(([a, b], skip) => {
    const adj = new Map<number, number[]>();
    edges.forEach(([x, y], k) => {
      if (k === skip) return;
      adj.set(x, [...(adj.get(x) ?? []), y]);
      adj.set(y, [...(adj.get(y) ?? []), x]);
    });
    const seen = new Set([a]);
    const todo = [a];
    while (todo.length)
      for (const n of adj.get(todo.pop()!) ?? [])
        if (!seen.has(n)) {
          seen.add(n);
          todo.push(n);
        }
    if (!seen.has(b)) bridges++;
  });
  return bridges;
}

/**
 * The exact test across tables that share their column totals and grand total: the sums of both as one
 * system over the hidden cells, in exact rational arithmetic (BigInt fractions); a hidden cell is determined
 * when eliminating the others leaves an equation in it alone.
 */
function determinedAcross(a: SuppressedGrid, b: SuppressedGrid): number {
  const ids = new Map<object, number>();
  const hiddenId = (c: { suppressed: boolean }) => {
    if (!c.suppressed) return undefined;
    if (!ids.has(c)) ids.set(c, ids.size);
    return ids.get(c)!;
  };
  const equations: Map<number, bigint>[] = [];
  const line = (total: { suppressed: boolean }, parts: { suppressed: boolean }[]) => {
    const eq = new Map<number, bigint>();
    const add = (c: { suppressed: boolean }, k: bigint) => {
      const id = hiddenId(c);
      if (id !== undefined) eq.set(id, (eq.get(id) ?? 0n) + k);
    };
    add(total, 1n);
    parts.forEach((p) => add(p, -1n));
    equations.push(eq);
  };
  // b shares a's column totals and grand total: the very same objects.
  for (const g of [a, { ...b, columnTotals: a.columnTotals, grandTotal: a.grandTotal }]) {
    g.cells.forEach((row, i) => line(g.rowTotals[i]!, row));
    g.columnTotals.forEach((t, j) =>
      line(
        t,
        g.cells.map((row) => row[j]!),
      ),
    );
    line(g.grandTotal, g.rowTotals);
    line(g.grandTotal, g.columnTotals);
  }
  // Integer Gaussian elimination (fraction-free), then: a row with one non-zero entry determines that cell.
  const n = ids.size;
  const rows = equations.map((eq) => Array.from({ length: n }, (_, j) => eq.get(j) ?? 0n));
  let r = 0;
  for (let c = 0; c < n && r < rows.length; c++) {
    const p = rows.findIndex((row, i) => i >= r && row[c] !== 0n);
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p]!, rows[r]!];
    for (let i = 0; i < rows.length; i++) {
      if (i === r || rows[i]![c] === 0n) continue;
      const f = rows[i]![c]!;
      const g = rows[r]![c]!;
      rows[i] = rows[i]!.map((v, j) => v * g - rows[r]![j]! * f);
    }
    r++;
  }
  return rows.filter((row) => row.filter((v) => v !== 0n).length === 1).length;
}

const allCells = (g: SuppressedGrid) => extended(g).flat();

const grid = (maxRows: number, maxCols: number) =>
  fc.tuple(fc.integer({ min: 1, max: maxRows }), fc.integer({ min: 1, max: maxCols })).chain(([r, c]) =>
    fc.array(
      fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), {
        minLength: c,
        maxLength: c,
      }),
      { minLength: r, maxLength: r },
    ),
  );

describe('suppression', () => {
  it('hides every count of 1 to 4, totals included, and shows every zero it need not hide', () => {
    fc.assert(
      fc.property(grid(6, 5), (values) => {
        const [g] = suppressGrids([{ values }]);
        for (const c of allCells(g!)) if (c.value > 0 && c.value < 5) expect(c.suppressed).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no hidden cell that a calculator can work out from the rows and columns', () => {
    fc.assert(
      fc.property(grid(6, 5), (values) => {
        const [g] = suppressGrids([{ values }]);
        expect(calculatorReveals(g!)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no hidden cell determined by the sums at all (no hidden cell on no cycle)', () => {
    fc.assert(
      fc.property(grid(6, 5), (values) => {
        const [g] = suppressGrids([{ values }]);
        expect(determinedByBridges(g!)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('hides a shared total in every table that shows it, and derives nothing across them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((cols) =>
          fc.tuple(
            fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: cols, maxLength: cols }), {
              minLength: 1,
              maxLength: 5,
            }),
            fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: cols, maxLength: cols }), {
              minLength: 1,
              maxLength: 5,
            }),
          ),
        ),
        ([a, b]) => {
          // The same people counted two ways: make the second table's column totals equal the first's.
          const colsA = a[0]!.map((_, j) => a.reduce((s, row) => s + row[j]!, 0));
          const colsB = b[0]!.map((_, j) => b.reduce((s, row) => s + row[j]!, 0));
          const fixed = b.map((row) => [...row]);
          colsA.forEach((t, j) => {
            fixed[0]![j] = Math.max(0, fixed[0]![j]! + t - colsB[j]!);
          });
          const again = fixed[0]!.map((_, j) => fixed.reduce((s, row) => s + row[j]!, 0));
          fc.pre(again.every((t, j) => t === colsA[j]));
          const [ga, gb] = suppressGrids([{ values: a }, { values: fixed }], { shareColumnTotals: true });
          expect(ga!.columnTotals.map((c) => c.suppressed)).toEqual(
            gb!.columnTotals.map((c) => c.suppressed),
          );
          expect(ga!.grandTotal.suppressed).toBe(gb!.grandTotal.suppressed);
          expect(calculatorReveals(ga!)).toBe(0);
          expect(calculatorReveals(gb!)).toBe(0);
          expect(determinedByBridges(ga!)).toBe(0);
          expect(determinedByBridges(gb!)).toBe(0);
          expect(determinedAcross(ga!, gb!)).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a list and its total: never exactly one hidden', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 10 }), (values) => {
        const { cells, total } = suppressList(values);
        const hidden = [...cells, total].filter((c) => c.suppressed).length;
        expect(hidden === 0 || hidden >= 2).toBe(true);
        for (const c of [...cells, total]) if (c.value > 0 && c.value < 5) expect(c.suppressed).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps large counts visible when nothing small is near them', () => {
    const [g] = suppressGrids([
      {
        values: [
          [153, 46],
          [31, 65],
        ],
      },
    ]);
    expect(allCells(g!).every((c) => !c.suppressed)).toBe(true);
  });
});

/**
 * Crosstab of two categorical answers: counts, row and column percentages, expected counts,
 * Pearson χ² with df and p, Cramér's V, and a warning when expected counts fall below 5.
 * With weights the test is Rao–Scott (never plain Pearson on weighted counts), computed as R's
 * survey::svychisq does for a design with these weights (one stage, with replacement):
 *   X² = Pearson on the weighted table scaled to n; Δ = (C'D⁻¹C/n)⁻¹ (C'D⁻¹VD⁻¹C), where C spans
 *   the interaction contrasts, D = diag(cell shares) and V their linearization variance;
 *   first order: X²/δ̄ ~ χ²(df) with δ̄ = tr(Δ)/df;
 *   second order: F = X²/tr(Δ) ~ F(d, d·(n−1)) with d = tr(Δ)²/tr(Δ²).
 * Rows or columns nobody answered are left out of the tests (and reported).
 */
import { chiSquareUpperTail, fUpperTail } from "./distributions";
import { multiply, residualize, solve, trace, transpose, zeros, type Matrix } from "./matrix";

export interface CrosstabResult {
  rows: string[];
  cols: string[];
  /** unweighted counts [row][col] */
  counts: number[][];
  /** weighted counts [row][col], when weighted */
  weighted: number[][] | null;
  /** shares of each row (weighted when weighted) */
  rowShares: number[][];
  colShares: number[][];
  n: number;
  /** expected unweighted counts under independence */
  expected: number[][];
  /** cells whose expected count is below 5 */
  lowExpected: number;
  pearson: { statistic: number; df: number; p: number } | null;
  cramersV: number | null;
  raoScott: {
    /** Pearson X² of the weighted table scaled to n */
    statistic: number;
    df: number;
    meanDeff: number;
    /** first order: X² / mean design effect, referred to χ²(df) */
    adjusted: number;
    p: number;
    /** second order */
    f: number;
    ndf: number;
    ddf: number;
    pF: number;
  } | null;
  /** categories without any respondent, left out of the tests */
  emptyRows: string[];
  emptyCols: string[];
}

/** One cell of the table as SQL can sum it: respondents, Σw and Σw² (w = 1 without weights). */
export interface CellAggregate {
  row: string;
  col: string;
  count: number;
  sumW: number;
  sumW2: number;
}

/** Per respondent: aggregates the answers into cells, then `crosstabFromCells`. */
export function crosstab(
  rowAnswers: ReadonlyArray<string | null>,
  colAnswers: ReadonlyArray<string | null>,
  rowOrder: readonly string[],
  colOrder: readonly string[],
  weights?: ArrayLike<number>,
): CrosstabResult {
  const cells = new Map<string, CellAggregate>();
  for (let i = 0; i < rowAnswers.length; i++) {
    const row = rowAnswers[i];
    const col = colAnswers[i];
    if (row == null || col == null || row === "" || col === "") continue;
    const key = JSON.stringify([row, col]);
    const cell = cells.get(key) ?? { row, col, count: 0, sumW: 0, sumW2: 0 };
    const w = weights ? weights[i]! : 1;
    cell.count += 1;
    cell.sumW += w;
    cell.sumW2 += w * w;
    cells.set(key, cell);
  }
  return crosstabFromCells([...cells.values()], rowOrder, colOrder, weights !== undefined);
}

/**
 * The crosstab from cell aggregates (what a GROUP BY returns), so a million answers never travel.
 * The Rao–Scott variance needs no more than this: with cell indicators y and z = w(y − p)/W,
 * Σ zₐz_b = (δₐ_b S2ₐ − p_b S2ₐ − pₐ S2_b + pₐ p_b S2) / W², where S2ₐ = Σ_{cell a} w².
 */
export function crosstabFromCells(cellList: readonly CellAggregate[], rowOrder: readonly string[], colOrder: readonly string[], weighted: boolean): CrosstabResult {
  const allRows = [...rowOrder];
  const allCols = [...colOrder];
  for (const cell of cellList) {
    if (!allRows.includes(cell.row)) allRows.push(cell.row);
    if (!allCols.includes(cell.col)) allCols.push(cell.col);
  }
  // categories with nobody in them carry no information and would break the tests' df
  const used = (cat: string, key: "row" | "col") => cellList.some((c) => c[key] === cat && c.count > 0);
  const rows = allRows.filter((r) => used(r, "row"));
  const cols = allCols.filter((c) => used(c, "col"));
  const nr = rows.length;
  const nc = cols.length;
  const rowIdx = new Map(rows.map((r, i) => [r, i]));
  const colIdx = new Map(cols.map((c, i) => [c, i]));
  const counts = zeros(nr, nc);
  const wcounts = zeros(nr, nc);
  const w2 = zeros(nr, nc);
  for (const cell of cellList) {
    const r = rowIdx.get(cell.row);
    const c = colIdx.get(cell.col);
    if (r === undefined || c === undefined) continue;
    counts[r]![c]! += cell.count;
    wcounts[r]![c]! += cell.sumW;
    w2[r]![c]! += cell.sumW2;
  }
  const n = counts.flat().reduce((s, v) => s + v, 0);
  const table = weighted ? wcounts : counts;
  const rowTotals = table.map((row) => row.reduce((s, v) => s + v, 0));
  const colTotals = cols.map((_, c) => table.reduce((s, row) => s + row[c]!, 0));
  const rowShares = table.map((row, r) => row.map((v) => (rowTotals[r]! > 0 ? v / rowTotals[r]! : Number.NaN)));
  const colShares = table.map((row) => row.map((v, c) => (colTotals[c]! > 0 ? v / colTotals[c]! : Number.NaN)));

  const unRow = counts.map((row) => row.reduce((s, v) => s + v, 0));
  const unCol = cols.map((_, c) => counts.reduce((s, row) => s + row[c]!, 0));
  const expected = counts.map((row, r) => row.map((_, c) => (n > 0 ? (unRow[r]! * unCol[c]!) / n : 0)));
  const lowExpected = expected.flat().filter((e) => e < 5).length;
  const df = (nr - 1) * (nc - 1);
  const testable = n > 1 && nr >= 2 && nc >= 2;

  /** Pearson X² of table t rescaled to total n */
  const pearsonOf = (t: number[][]) => {
    const rt = t.map((row) => row.reduce((s, v) => s + v, 0));
    const ct = cols.map((_, c) => t.reduce((s, row) => s + row[c]!, 0));
    const sum = rt.reduce((s, v) => s + v, 0);
    const k = n / sum;
    let x2 = 0;
    t.forEach((row, r) =>
      row.forEach((o, c) => {
        const e = ((rt[r]! * ct[c]!) / sum) * k;
        x2 += (o * k - e) ** 2 / e;
      }),
    );
    return x2;
  };

  let pearson: CrosstabResult["pearson"] = null;
  let cramersV: number | null = null;
  if (testable) {
    const statistic = pearsonOf(counts);
    pearson = { statistic, df, p: chiSquareUpperTail(statistic, df) };
    cramersV = Math.sqrt(statistic / (n * (Math.min(nr, nc) - 1)));
  }

  let raoScott: CrosstabResult["raoScott"] = null;
  if (testable && weighted) {
    const K = nr * nc;
    // cells in R's order: expand.grid(rows, cols), rows varying fastest
    const mean = new Array<number>(K);
    const s2 = new Array<number>(K);
    const W = wcounts.flat().reduce((s, v) => s + v, 0);
    const S2 = w2.flat().reduce((s, v) => s + v, 0);
    for (let c = 0; c < nc; c++) {
      for (let r = 0; r < nr; r++) {
        mean[r + nr * c] = wcounts[r]![c]! / W;
        s2[r + nr * c] = w2[r]![c]!;
      }
    }
    const scale = n / (n - 1) / (W * W);
    const V: Matrix = mean.map((pa, a) => mean.map((pb, b) => scale * ((a === b ? s2[a]! : 0) - pb * s2[a]! - pa * s2[b]! + pa * pb * S2)));
    // main effects (intercept, row and column dummies) and the interaction contrasts
    const X1: Matrix = [];
    const X12: Matrix = [];
    for (let c = 0; c < nc; c++) {
      for (let r = 0; r < nr; r++) {
        X1.push([1, ...rows.slice(1).map((_, i) => (r === i + 1 ? 1 : 0)), ...cols.slice(1).map((_, j) => (c === j + 1 ? 1 : 0))]);
        const inter: number[] = [];
        for (let j = 1; j < nc; j++) for (let i = 1; i < nr; i++) inter.push(r === i && c === j ? 1 : 0);
        X12.push(inter);
      }
    }
    const C = residualize(X12, X1);
    const iD = mean.map((m) => (m === 0 ? 0 : 1 / m));
    const iDC = C.map((row, i) => row.map((v) => v * iD[i]!));
    const denom = multiply(transpose(C), iDC).map((row) => row.map((v) => v / n));
    const numr = multiply(transpose(iDC), multiply(V, iDC));
    const delta = solve(denom, numr);
    const trDelta = trace(delta);
    const trDelta2 = trace(multiply(delta, delta));
    const statistic = pearsonOf(wcounts);
    const meanDeff = trDelta / df;
    const d0 = (trDelta * trDelta) / trDelta2;
    const f = statistic / trDelta;
    raoScott = {
      statistic,
      df,
      meanDeff,
      adjusted: statistic / meanDeff,
      p: chiSquareUpperTail(statistic / meanDeff, df),
      f,
      ndf: d0,
      ddf: d0 * (n - 1),
      pF: fUpperTail(f, d0, d0 * (n - 1)),
    };
  }

  return {
    rows,
    cols,
    counts,
    weighted: weighted ? wcounts : null,
    rowShares,
    colShares,
    n,
    expected,
    lowExpected,
    pearson,
    cramersV,
    raoScott,
    emptyRows: allRows.filter((r) => !rows.includes(r)),
    emptyCols: allCols.filter((c) => !cols.includes(c)),
  };
}

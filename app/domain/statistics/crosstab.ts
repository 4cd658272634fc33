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

export function crosstab(
  rowAnswers: ReadonlyArray<string | null>,
  colAnswers: ReadonlyArray<string | null>,
  rowOrder: readonly string[],
  colOrder: readonly string[],
  weights?: ArrayLike<number>,
): CrosstabResult {
  const allRows = [...rowOrder];
  const allCols = [...colOrder];
  const rowIndex = new Map(allRows.map((c, k) => [c, k]));
  const colIndex = new Map(allCols.map((c, k) => [c, k]));
  const cases: Array<{ r: number; c: number; w: number }> = [];
  for (let i = 0; i < rowAnswers.length; i++) {
    const a = rowAnswers[i];
    const b = colAnswers[i];
    if (a == null || b == null || a === "" || b === "") continue;
    let r = rowIndex.get(a);
    if (r === undefined) rowIndex.set(a, (r = allRows.push(a) - 1));
    let c = colIndex.get(b);
    if (c === undefined) colIndex.set(b, (c = allCols.push(b) - 1));
    cases.push({ r, c, w: weights ? weights[i]! : 1 });
  }
  // categories with nobody in them carry no information and would break the tests' df
  const usedRows = allRows.map((_, k) => cases.some((x) => x.r === k));
  const usedCols = allCols.map((_, k) => cases.some((x) => x.c === k));
  const rowMap = new Map<number, number>();
  const colMap = new Map<number, number>();
  usedRows.forEach((u, k) => u && rowMap.set(k, rowMap.size));
  usedCols.forEach((u, k) => u && colMap.set(k, colMap.size));
  const rows = allRows.filter((_, k) => usedRows[k]);
  const cols = allCols.filter((_, k) => usedCols[k]);
  const nr = rows.length;
  const nc = cols.length;
  const counts = zeros(nr, nc);
  const wcounts = zeros(nr, nc);
  for (const x of cases) {
    const r = rowMap.get(x.r)!;
    const c = colMap.get(x.c)!;
    counts[r]![c]! += 1;
    wcounts[r]![c]! += x.w;
  }
  const n = cases.length;
  const table = weights ? wcounts : counts;
  const rowTotals = table.map((row) => row.reduce((s, v) => s + v, 0));
  const colTotals = cols.map((_, c) => table.reduce((s, row) => s + row[c]!, 0));
  const rowShares = table.map((row, r) => row.map((v) => (rowTotals[r]! > 0 ? v / rowTotals[r]! : Number.NaN)));
  const colShares = table.map((row) => row.map((v, c) => (colTotals[c]! > 0 ? v / colTotals[c]! : Number.NaN)));

  const unRow = counts.map((row) => row.reduce((s, v) => s + v, 0));
  const unCol = cols.map((_, c) => counts.reduce((s, row) => s + row[c]!, 0));
  const expected = counts.map((row, r) => row.map((_, c) => (n > 0 ? (unRow[r]! * unCol[c]!) / n : 0)));
  const lowExpected = expected.flat().filter((e) => e < 5).length;
  const df = (nr - 1) * (nc - 1);
  const testable = n > 0 && nr >= 2 && nc >= 2;

  const pearsonOf = (t: number[][], total: number) => {
    const rt = t.map((row) => row.reduce((s, v) => s + v, 0));
    const ct = cols.map((_, c) => t.reduce((s, row) => s + row[c]!, 0));
    const sum = rt.reduce((s, v) => s + v, 0);
    let x2 = 0;
    t.forEach((row, r) =>
      row.forEach((o, c) => {
        const e = ((rt[r]! * ct[c]!) / sum) * (total / sum);
        const scaled = o * (total / sum);
        x2 += ((scaled - e) * (scaled - e)) / e;
      }),
    );
    return x2;
  };

  let pearson: CrosstabResult["pearson"] = null;
  let cramersV: number | null = null;
  if (testable) {
    const statistic = pearsonOf(counts, n);
    pearson = { statistic, df, p: chiSquareUpperTail(statistic, df) };
    cramersV = Math.sqrt(statistic / (n * (Math.min(nr, nc) - 1)));
  }

  let raoScott: CrosstabResult["raoScott"] = null;
  if (testable && weights) {
    const K = nr * nc;
    // cells in R's order: expand.grid(rows, cols), rows varying fastest
    const cellOf = (r: number, c: number) => r + nr * c;
    const sumW = cases.reduce((s, x) => s + x.w, 0);
    const mean = new Array<number>(K).fill(0);
    for (const x of cases) mean[cellOf(rowMap.get(x.r)!, colMap.get(x.c)!)]! += x.w / sumW;
    // linearization variance of the cell shares: V = n/(n−1) Σ z zᵀ, z = w (y − mean) / Σw
    const V = zeros(K, K);
    const z = new Array<number>(K);
    for (const x of cases) {
      const cell = cellOf(rowMap.get(x.r)!, colMap.get(x.c)!);
      for (let k = 0; k < K; k++) z[k] = (x.w * ((k === cell ? 1 : 0) - mean[k]!)) / sumW;
      for (let a = 0; a < K; a++) {
        if (z[a] === 0) continue;
        for (let b = 0; b < K; b++) V[a]![b]! += z[a]! * z[b]!;
      }
    }
    const scale = n / (n - 1);
    for (const row of V) for (let b = 0; b < K; b++) row[b]! *= scale;
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
    const scaleRows = (m: Matrix, f: number[]) => m.map((row, i) => row.map((v) => v * f[i]!));
    const iDC = scaleRows(C, iD);
    const Ct = transpose(C);
    const denom = multiply(Ct, iDC).map((row) => row.map((v) => v / n));
    const numr = multiply(transpose(iDC), multiply(V, iDC));
    const delta = solve(denom, numr);
    const trDelta = trace(delta);
    const trDelta2 = trace(multiply(delta, delta));
    const statistic = pearsonOf(wcounts, n);
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
    weighted: weights ? wcounts : null,
    rowShares,
    colShares,
    n,
    expected,
    lowExpected,
    pearson,
    cramersV,
    raoScott,
    emptyRows: allRows.filter((_, k) => !usedRows[k]),
    emptyCols: allCols.filter((_, k) => !usedCols[k]),
  };
}

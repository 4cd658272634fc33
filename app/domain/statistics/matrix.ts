/** The little dense linear algebra the Rao–Scott correction needs (matrices of a few dozen rows). */
export type Matrix = number[][];

export const zeros = (rows: number, cols: number): Matrix => Array.from({ length: rows }, () => new Array<number>(cols).fill(0));

export function transpose(a: Matrix): Matrix {
  const out = zeros(a[0]?.length ?? 0, a.length);
  a.forEach((row, i) => row.forEach((v, j) => (out[j]![i] = v)));
  return out;
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const inner = b.length;
  const cols = b[0]?.length ?? 0;
  const out = zeros(a.length, cols);
  for (let i = 0; i < a.length; i++) {
    for (let k = 0; k < inner; k++) {
      const aik = a[i]![k]!;
      if (aik === 0) continue;
      for (let j = 0; j < cols; j++) out[i]![j]! += aik * b[k]![j]!;
    }
  }
  return out;
}

/** Solves A·X = B by Gaussian elimination with partial pivoting; throws on a singular A. */
export function solve(a: Matrix, b: Matrix): Matrix {
  const n = a.length;
  const m = b[0]?.length ?? 0;
  const aug = a.map((row, i) => [...row, ...b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(aug[r]![col]!) > Math.abs(aug[pivot]![col]!)) pivot = r;
    if (Math.abs(aug[pivot]![col]!) < 1e-300) throw new RangeError("singular matrix");
    [aug[col], aug[pivot]] = [aug[pivot]!, aug[col]!];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = aug[r]![col]! / aug[col]![col]!;
      if (f === 0) continue;
      for (let c = col; c < n + m; c++) aug[r]![c]! -= f * aug[col]![c]!;
    }
  }
  return aug.map((row, i) => row.slice(n).map((v) => v / aug[i]![i]!));
}

/** Residuals of the columns of Y after least-squares projection on the columns of X. */
export function residualize(y: Matrix, x: Matrix): Matrix {
  const xt = transpose(x);
  const beta = solve(multiply(xt, x), multiply(xt, y));
  const fitted = multiply(x, beta);
  return y.map((row, i) => row.map((v, j) => v - fitted[i]![j]!));
}

export const trace = (a: Matrix) => a.reduce((s, row, i) => s + row[i]!, 0);

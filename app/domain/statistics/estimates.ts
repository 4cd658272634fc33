/**
 * Shares of a categorical answer, unweighted and weighted, with what a reader needs beside every
 * weighted figure: Kish effective n, the weighting design effect and a 95% margin of error.
 *   p_w = Σ w·y / Σ w;  n_eff = (Σw)² / Σw²;  deff = n·Σw² / (Σw)²;  moe = z·sqrt(p(1−p)/n_eff)
 * plus a Wilson interval on n_eff, the better interval when n_eff is small or p near 0 or 1.
 * Respondents without an answer are left out of that question's base (n, n_eff, shares).
 */
import { Z_95 } from "./distributions";

export interface CategoryEstimate {
  category: string;
  count: number;
  /** unweighted share of the answering base */
  share: number;
  weightedShare: number | null;
  /** ± half-width of the 95% interval of the weighted share (the unweighted share without weights) */
  moe95: number;
  wilson95: [number, number];
}

export interface ShareEstimates {
  /** answering base */
  n: number;
  /** Kish effective n (n itself without weights) */
  nEff: number;
  /** weighting design effect n·Σw²/(Σw)² (1 without weights) */
  deff: number;
  categories: CategoryEstimate[];
}

export function kish(weights: ArrayLike<number>): { n: number; sum: number; nEff: number; deff: number } {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i]!;
    squares += weights[i]! * weights[i]!;
  }
  const n = weights.length;
  if (n === 0 || squares === 0) return { n, sum, nEff: 0, deff: Number.NaN };
  return { n, sum, nEff: (sum * sum) / squares, deff: (n * squares) / (sum * sum) };
}

export function marginOfError95(p: number, nEff: number): number {
  return nEff > 0 ? Z_95 * Math.sqrt((p * (1 - p)) / nEff) : Number.NaN;
}

export function wilson95(p: number, nEff: number): [number, number] {
  if (!(nEff > 0)) return [Number.NaN, Number.NaN];
  const z2 = Z_95 * Z_95;
  const centre = (p + z2 / (2 * nEff)) / (1 + z2 / nEff);
  const half = (Z_95 * Math.sqrt((p * (1 - p)) / nEff + z2 / (4 * nEff * nEff))) / (1 + z2 / nEff);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * `answers[i]`: respondent i's category (null when unanswered); `weights[i]` when weighting.
 * Categories are reported in the given order; answers outside it are counted under their own
 * name after them, so nothing is silently dropped.
 */
export function shares(answers: ReadonlyArray<string | null>, categories: readonly string[], weights?: ArrayLike<number>): ShareEstimates {
  const order = [...categories];
  const index = new Map(order.map((c, k) => [c, k]));
  const counts: number[] = order.map(() => 0);
  const weighted: number[] = order.map(() => 0);
  const baseWeights: number[] = [];
  for (let i = 0; i < answers.length; i++) {
    const a = answers[i];
    if (a === null || a === undefined || a === "") continue;
    let k = index.get(a);
    if (k === undefined) {
      k = order.push(a) - 1;
      index.set(a, k);
      counts.push(0);
      weighted.push(0);
    }
    counts[k]! += 1;
    const w = weights ? weights[i]! : 1;
    weighted[k]! += w;
    baseWeights.push(w);
  }
  const n = baseWeights.length;
  const { sum, nEff, deff } = weights ? kish(baseWeights) : { sum: n, nEff: n, deff: 1 };
  return {
    n,
    nEff,
    deff,
    categories: order.map((category, k) => {
      const share = n > 0 ? counts[k]! / n : Number.NaN;
      const weightedShare = weights ? (sum > 0 ? weighted[k]! / sum : Number.NaN) : null;
      const p = weightedShare ?? share;
      return { category, count: counts[k]!, share, weightedShare, moe95: marginOfError95(p, nEff), wilson95: wilson95(p, nEff) };
    }),
  };
}

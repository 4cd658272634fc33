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

/** One category as SQL can sum it: respondents, Σw and Σw² (w = 1 without weights). */
export interface CategoryAggregate {
  category: string;
  count: number;
  sumW: number;
  sumW2: number;
}

/**
 * Shares from category aggregates. `base` is the question's answering base: for a single-choice
 * question the sum of its categories, for a multiple-choice one the respondents who answered
 * (each may pick several, so shares need not sum to 1). Categories come in the given order,
 * then any others found in the data.
 */
export function sharesFromAggregates(
  aggregates: readonly CategoryAggregate[],
  categories: readonly string[],
  weighted: boolean,
  base?: { n: number; sumW: number; sumW2: number },
): ShareEstimates {
  const order = [...categories];
  for (const a of aggregates) if (!order.includes(a.category)) order.push(a.category);
  const by = new Map(aggregates.map((a) => [a.category, a]));
  const total = base ?? aggregates.reduce((s, a) => ({ n: s.n + a.count, sumW: s.sumW + a.sumW, sumW2: s.sumW2 + a.sumW2 }), { n: 0, sumW: 0, sumW2: 0 });
  const n = total.n;
  const nEff = weighted ? (total.sumW2 > 0 ? (total.sumW * total.sumW) / total.sumW2 : 0) : n;
  const deff = weighted ? (total.sumW > 0 ? (n * total.sumW2) / (total.sumW * total.sumW) : Number.NaN) : 1;
  return {
    n,
    nEff,
    deff,
    categories: order.map((category) => {
      const a = by.get(category);
      const count = a?.count ?? 0;
      const share = n > 0 ? count / n : Number.NaN;
      const weightedShare = weighted ? (total.sumW > 0 ? (a?.sumW ?? 0) / total.sumW : Number.NaN) : null;
      const p = weightedShare ?? share;
      return { category, count, share, weightedShare, moe95: marginOfError95(p, nEff), wilson95: wilson95(p, nEff) };
    }),
  };
}

/**
 * Per respondent: `answers[i]` is respondent i's category (null when unanswered), `weights[i]`
 * when weighting. Answers outside `categories` are counted under their own name after them, so
 * nothing is silently dropped.
 */
export function shares(answers: ReadonlyArray<string | null>, categories: readonly string[], weights?: ArrayLike<number>): ShareEstimates {
  const by = new Map<string, CategoryAggregate>();
  for (let i = 0; i < answers.length; i++) {
    const a = answers[i];
    if (a === null || a === undefined || a === "") continue;
    const agg = by.get(a) ?? { category: a, count: 0, sumW: 0, sumW2: 0 };
    const w = weights ? weights[i]! : 1;
    agg.count += 1;
    agg.sumW += w;
    agg.sumW2 += w * w;
    by.set(a, agg);
  }
  return sharesFromAggregates([...by.values()], categories, weights !== undefined);
}

export interface MeanEstimate {
  n: number;
  nEff: number;
  mean: number;
  /** weighted standard deviation of the answers */
  sd: number;
  /** z·sd/√n_eff: the same Kish approximation as the shares' margins */
  moe95: number;
}

/**
 * The (weighted) mean of a numeric answer from its category aggregates: each category's value
 * times its Σw, so a rating's mean needs no more than its distribution.
 */
export function meanFromAggregates(aggregates: readonly CategoryAggregate[], weighted: boolean): MeanEstimate | null {
  let n = 0;
  let sumW = 0;
  let sumW2 = 0;
  let sumWx = 0;
  for (const a of aggregates) {
    const x = Number(a.category);
    if (a.category === "" || !Number.isFinite(x)) continue;
    const w = weighted ? a.sumW : a.count;
    n += a.count;
    sumW += w;
    sumW2 += weighted ? a.sumW2 : a.count;
    sumWx += w * x;
  }
  if (n === 0 || sumW === 0) return null;
  const mean = sumWx / sumW;
  let ss = 0;
  for (const a of aggregates) {
    const x = Number(a.category);
    if (a.category === "" || !Number.isFinite(x)) continue;
    ss += (weighted ? a.sumW : a.count) * (x - mean) ** 2;
  }
  const sd = Math.sqrt(ss / sumW);
  const nEff = (sumW * sumW) / sumW2;
  return { n, nEff, mean, sd, moe95: Z_95 * (sd / Math.sqrt(nEff)) };
}

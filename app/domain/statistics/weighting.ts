/**
 * Raking (iterative proportional fitting) of respondents to population totals on several
 * categorical dimensions. Weights start at 1; each round multiplies, dimension by dimension, the
 * weights of every category by target / current; it stops when the largest relative gap between
 * weighted and target totals is below the tolerance, or after maxRounds (then converged=false and
 * the report says by how much it missed). Weights end on the population's scale (Σw = total).
 *
 * Input problems are answered, never guessed: a category present in the answers but missing from
 * the targets, a zero or missing total, dimensions whose totals disagree, or a respondent without
 * a value on a dimension each give an error naming what is wrong. A target category nobody
 * answered is an empty cell: collapsed (its population spread over the dimension's other
 * categories, and reported) or refused, as the caller chooses.
 */

export interface RakingDimension {
  /** e.g. "territory" */
  name: string;
  /** population total per category */
  targets: Record<string, number>;
}

export interface RakingOptions {
  /** largest relative gap accepted; RESEARCH.md: 1e-6 */
  tolerance?: number;
  maxRounds?: number;
  /** "collapse" (default): drop empty target cells and spread their population; "refuse": error */
  emptyCells?: "collapse" | "refuse";
  /** cap (and floor) weights at these multiples of the mean weight, then rescale to the total */
  trim?: { max?: number; min?: number };
}

export interface RakingReport {
  weights: number[];
  converged: boolean;
  rounds: number;
  /** largest |weighted − target| / target over every category after the last round (and trim) */
  maxGap: number;
  /** target categories nobody answered, collapsed into the rest of their dimension */
  collapsed: Array<{ dimension: string; category: string; population: number }>;
  trimmed: number;
}

export type RakingResult = { ok: true; report: RakingReport } | { ok: false; errors: string[] };

/** `values[d][i]`: respondent i's category on dimension d (null when not answered). */
export function rake(values: ReadonlyArray<ReadonlyArray<string | null>>, dimensions: RakingDimension[], options: RakingOptions = {}): RakingResult {
  const tolerance = options.tolerance ?? 1e-6;
  const maxRounds = options.maxRounds ?? 100;
  const errors: string[] = [];
  if (dimensions.length === 0) errors.push("no weighting dimensions were given");
  if (values.length !== dimensions.length) errors.push(`${values.length} answer columns for ${dimensions.length} dimensions`);
  const n = values[0]?.length ?? 0;
  if (n === 0) errors.push("there are no respondents to weight");
  if (errors.length > 0) return { ok: false, errors };

  const collapsed: RakingReport["collapsed"] = [];
  const targets: Array<Map<string, number>> = [];
  let grandTotal: number | null = null;
  dimensions.forEach((dim, d) => {
    const column = values[d]!;
    if (column.length !== n) errors.push(`${dim.name}: ${column.length} answers for ${n} respondents`);
    const present = new Set<string>();
    column.forEach((v, i) => {
      if (v === null || v === undefined || v === "") errors.push(`${dim.name}: respondent ${i + 1} has no value`);
      else present.add(v);
    });
    const entries = Object.entries(dim.targets);
    if (entries.length === 0) errors.push(`${dim.name}: no population totals`);
    for (const [category, total] of entries) {
      if (!Number.isFinite(total) || total <= 0) errors.push(`${dim.name}: the population of "${category}" must be a positive number (got ${total})`);
    }
    for (const category of present) {
      if (!(category in dim.targets)) errors.push(`${dim.name}: answers include "${category}", which has no population total`);
    }
    const total = entries.reduce((s, [, t]) => s + t, 0);
    if (grandTotal === null) grandTotal = total;
    else if (Number.isFinite(total) && Math.abs(total - grandTotal) > 1e-9 * grandTotal) {
      errors.push(`${dim.name}: totals sum to ${total}, but ${dimensions[0]!.name} sums to ${grandTotal}`);
    }
    const empty = entries.filter(([category]) => !present.has(category));
    if (empty.length > 0 && options.emptyCells === "refuse") {
      for (const [category] of empty) errors.push(`${dim.name}: nobody answered "${category}" (an empty cell)`);
    }
    const kept = entries.filter(([category]) => present.has(category));
    const keptTotal = kept.reduce((s, [, t]) => s + t, 0);
    const map = new Map<string, number>();
    // an empty cell's population is spread over the others in proportion, so the total holds
    for (const [category, t] of kept) map.set(category, keptTotal > 0 ? (t * total) / keptTotal : t);
    for (const [category, population] of empty) collapsed.push({ dimension: dim.name, category, population });
    targets.push(map);
  });
  if (errors.length > 0) return { ok: false, errors: [...new Set(errors)].slice(0, 50) };

  // category index per respondent per dimension, so rounds work on arrays
  const codes = dimensions.map((_, d) => {
    const names = [...targets[d]!.keys()];
    const index = new Map(names.map((c, k) => [c, k]));
    return { names, goal: names.map((c) => targets[d]!.get(c)!), of: Int32Array.from(values[d]!, (v) => index.get(v!)!) };
  });
  const weights = new Float64Array(n).fill(1);
  const sums = (d: number) => {
    const s = new Float64Array(codes[d]!.names.length);
    const of = codes[d]!.of;
    for (let i = 0; i < n; i++) s[of[i]!]! += weights[i]!;
    return s;
  };
  const gap = () => {
    let max = 0;
    codes.forEach((c, d) => {
      const s = sums(d);
      c.goal.forEach((g, k) => (max = Math.max(max, Math.abs(s[k]! - g) / g)));
    });
    return max;
  };

  let rounds = 0;
  let maxGap = gap();
  while (maxGap >= tolerance && rounds < maxRounds) {
    rounds++;
    codes.forEach((c, d) => {
      const s = sums(d);
      const factor = c.goal.map((g, k) => g / s[k]!);
      for (let i = 0; i < n; i++) weights[i]! *= factor[c.of[i]!]!;
    });
    maxGap = gap();
  }
  const converged = maxGap < tolerance;

  let trimmed = 0;
  if (options.trim && (options.trim.max !== undefined || options.trim.min !== undefined)) {
    const total = grandTotal!;
    const mean = total / n;
    const hi = options.trim.max !== undefined ? options.trim.max * mean : Infinity;
    const lo = options.trim.min !== undefined ? options.trim.min * mean : 0;
    const capped = new Set<number>();
    // cap, rescale the rest to the total, and repeat: rescaling can push others past the cap
    for (let pass = 0; pass < 100; pass++) {
      let changed = false;
      for (let i = 0; i < n; i++) {
        const bound = weights[i]! > hi ? hi : weights[i]! < lo ? lo : null;
        if (bound === null) continue;
        weights[i] = bound;
        capped.add(i);
        changed = true;
      }
      let fixed = 0;
      let free = 0;
      for (let i = 0; i < n; i++) {
        if (capped.has(i)) fixed += weights[i]!;
        else free += weights[i]!;
      }
      if (free > 0) for (let i = 0; i < n; i++) if (!capped.has(i)) weights[i]! *= (total - fixed) / free;
      if (!changed) break;
    }
    trimmed = capped.size;
    maxGap = gap();
  }
  return { ok: true, report: { weights: Array.from(weights), converged, rounds, maxGap, collapsed, trimmed } };
}

/**
 * Agreement between two coders who coded the same transcript, per code: percent agreement and
 * Cohen's κ on the 2×2 table "coder A applied the code / coder B applied the code" over units.
 *
 * The unit of analysis is a parameter, because the two defensible choices answer different
 * questions:
 * - "character": every character of every turn is a unit, coded or not by each coder. This is
 *   NVivo's coding comparison (and what a reviewer who knows NVivo expects); it rewards agreeing
 *   on span boundaries, and with rare codes percent agreement is high only because most text is
 *   left uncoded by both, which κ corrects for.
 * - "turn": every turn is a unit, "coded" when the coder applied the code anywhere in it. Easier
 *   to explain in a focus-group report ("both coders saw distrust in 31 of 40 statements") and
 *   indifferent to where exactly a span starts.
 * Characters are UTF-16 code units, i.e. ordinary characters for Cyrillic and Latin text.
 *
 * κ = (p_o − p_e) / (1 − p_e), with p_o the observed share of units where the coders agree and
 * p_e = p_A·p_B + (1 − p_A)(1 − p_B) the agreement expected by chance from each coder's own rate
 * (Cohen 1960). When p_e = 1 both coders applied the code to every unit or to none, κ is 0/0, and
 * it is reported as null with the reason instead of NaN.
 */

export type AgreementUnit = "character" | "turn";

export interface AgreementSegment {
  turnIndex: number;
  /** [start, end) in the turn's text */
  start: number;
  end: number;
  codeId: string;
}

export interface AgreementTable {
  /** units both coders coded */
  both: number;
  onlyA: number;
  onlyB: number;
  /** units neither coded */
  neither: number;
}

export type KappaUndefinedReason = "no_units" | "never_applied" | "always_applied";

export interface KappaResult {
  units: number;
  observed: number | null;
  expected: number | null;
  kappa: number | null;
  undefinedReason: KappaUndefinedReason | null;
}

export function cohensKappa(table: AgreementTable): KappaResult {
  const { both, onlyA, onlyB, neither } = table;
  const n = both + onlyA + onlyB + neither;
  if (n === 0) return { units: 0, observed: null, expected: null, kappa: null, undefinedReason: "no_units" };
  const observed = (both + neither) / n;
  const rateA = (both + onlyA) / n;
  const rateB = (both + onlyB) / n;
  const expected = rateA * rateB + (1 - rateA) * (1 - rateB);
  // p_e = 1 exactly when both rates are 0 or both are 1; compare counts, not floats.
  if (both + onlyA + onlyB === 0)
    return { units: n, observed, expected: 1, kappa: null, undefinedReason: "never_applied" };
  if (both === n) return { units: n, observed, expected: 1, kappa: null, undefinedReason: "always_applied" };
  return { units: n, observed, expected, kappa: (observed - expected) / (1 - expected), undefinedReason: null };
}

export interface CodeAgreement extends KappaResult {
  codeId: string;
  table: AgreementTable;
  /** share of units on which the coders agree, as 0..100 */
  percentAgreement: number | null;
}

export interface AgreementInput {
  unit: AgreementUnit;
  turns: ReadonlyArray<{ index: number; text: string }>;
  coderA: readonly AgreementSegment[];
  coderB: readonly AgreementSegment[];
  /** codes to report, in this order; by default every code either coder used, in first-use order */
  codeIds?: readonly string[];
}

export interface AgreementReport {
  unit: AgreementUnit;
  codes: CodeAgreement[];
  /** segments on turns that are not in `turns`: a sign the codings belong to another transcript */
  ignoredSegments: number;
}

type Interval = [number, number];

/** Sorted, non-overlapping intervals clipped to [0, length): overlapping spans count once. */
function union(segments: readonly AgreementSegment[], length: number): Interval[] {
  const clipped = segments
    .map((s): Interval => [Math.max(0, s.start), Math.min(length, s.end)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: Interval[] = [];
  for (const [a, b] of clipped) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

const total = (intervals: readonly Interval[]) => intervals.reduce((sum, [a, b]) => sum + b - a, 0);

function intersection(x: readonly Interval[], y: readonly Interval[]): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const [a1, b1] = x[i]!;
    const [a2, b2] = y[j]!;
    sum += Math.max(0, Math.min(b1, b2) - Math.max(a1, a2));
    if (b1 < b2) i++;
    else j++;
  }
  return sum;
}

function groupByTurn(segments: readonly AgreementSegment[], codeId: string): Map<number, AgreementSegment[]> {
  const byTurn = new Map<number, AgreementSegment[]>();
  for (const s of segments) if (s.codeId === codeId) byTurn.set(s.turnIndex, [...(byTurn.get(s.turnIndex) ?? []), s]);
  return byTurn;
}

function tableFor(input: AgreementInput, codeId: string): AgreementTable {
  const a = groupByTurn(input.coderA, codeId);
  const b = groupByTurn(input.coderB, codeId);
  const table: AgreementTable = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  for (const turn of input.turns) {
    const length = input.unit === "turn" ? 1 : turn.text.length;
    // At turn level a segment anywhere in the turn codes the whole unit.
    const clip = (s: AgreementSegment[]) =>
      input.unit === "turn" ? s.filter((x) => x.end > x.start).map((x) => ({ ...x, start: 0, end: 1 })) : s;
    const ua = union(clip(a.get(turn.index) ?? []), length);
    const ub = union(clip(b.get(turn.index) ?? []), length);
    const both = intersection(ua, ub);
    const onlyA = total(ua) - both;
    const onlyB = total(ub) - both;
    table.both += both;
    table.onlyA += onlyA;
    table.onlyB += onlyB;
    table.neither += length - both - onlyA - onlyB;
  }
  return table;
}

export function coderAgreement(input: AgreementInput): AgreementReport {
  const known = new Set(input.turns.map((t) => t.index));
  const all = [...input.coderA, ...input.coderB];
  const codeIds = input.codeIds ?? [...new Set(all.map((s) => s.codeId))];
  const codes = codeIds.map((codeId): CodeAgreement => {
    const table = tableFor(input, codeId);
    const kappa = cohensKappa(table);
    return {
      codeId,
      table,
      ...kappa,
      percentAgreement: kappa.observed === null ? null : kappa.observed * 100,
    };
  });
  return { unit: input.unit, codes, ignoredSegments: all.filter((s) => !known.has(s.turnIndex)).length };
}

/**
 * Raking and its refusals (app/domain/statistics/weighting.ts), on hand-checkable cases; the
 * agreement with R's survey::rake is in statistics-reference.test.ts.
 */
import { describe, expect, it } from "vitest";
import { rake } from "../../app/domain/statistics/weighting";

const sex = ["m", "m", "f", "f", "f", "f"];
const age = ["young", "old", "young", "young", "old", "old"];

describe("rake", () => {
  it("hits one dimension exactly in one round (post-stratification)", () => {
    const result = rake([sex], [{ name: "sex", targets: { m: 500, f: 500 } }]);
    if (!result.ok) throw new Error(result.errors.join("; "));
    // 2 men share 500, 4 women share 500
    expect(result.report.weights).toEqual([250, 250, 125, 125, 125, 125]);
    expect(result.report.rounds).toBe(1);
    expect(result.report.converged).toBe(true);
  });

  it("meets every margin on two dimensions within the tolerance", () => {
    const result = rake([sex, age], [
      { name: "sex", targets: { m: 480, f: 520 } },
      { name: "age", targets: { young: 400, old: 600 } },
    ], { tolerance: 1e-12, maxRounds: 1000 });
    if (!result.ok) throw new Error(result.errors.join("; "));
    const w = result.report.weights;
    const total = (pick: (i: number) => boolean) => w.reduce((s, x, i) => (pick(i) ? s + x : s), 0);
    expect(total((i) => sex[i] === "m")).toBeCloseTo(480, 8);
    expect(total((i) => sex[i] === "f")).toBeCloseTo(520, 8);
    expect(total((i) => age[i] === "young")).toBeCloseTo(400, 8);
    expect(total((i) => age[i] === "old")).toBeCloseTo(600, 8);
    expect(result.report.maxGap).toBeLessThan(1e-12);
  });

  it("says it did not converge, and by how much, when the rounds run out", () => {
    // both men are young: the dimensions pull against each other, so one round cannot meet both
    const skewedAge = ["young", "young", "young", "old", "old", "old"];
    const result = rake([sex, skewedAge], [
      { name: "sex", targets: { m: 480, f: 520 } },
      { name: "age", targets: { young: 400, old: 600 } },
    ], { tolerance: 1e-15, maxRounds: 1 });
    if (!result.ok) throw new Error(result.errors.join("; "));
    expect(result.report.converged).toBe(false);
    expect(result.report.rounds).toBe(1);
    // after one round age is met and sex has drifted: men 480·400/610 = 314.75 against 480
    expect(result.report.maxGap).toBeGreaterThan(1e-3);
  });

  it("collapses a category nobody answered into the rest of its dimension, and reports it", () => {
    const result = rake([sex], [{ name: "sex", targets: { m: 400, f: 400, other: 200 } }]);
    if (!result.ok) throw new Error(result.errors.join("; "));
    expect(result.report.collapsed).toEqual([{ dimension: "sex", category: "other", population: 200 }]);
    expect(result.report.weights.reduce((s, x) => s + x, 0)).toBeCloseTo(1000, 9);
    expect(result.report.weights[0]).toBeCloseTo(250, 9);
    const refused = rake([sex], [{ name: "sex", targets: { m: 400, f: 400, other: 200 } }], { emptyCells: "refuse" });
    expect(refused).toEqual({ ok: false, errors: ['sex: nobody answered "other" (an empty cell)'] });
  });

  it("refuses answers without a target, zero or missing totals, disagreeing totals and missing values", () => {
    const uncovered = rake([["m", "x"]], [{ name: "sex", targets: { m: 1, f: 1 } }]);
    expect(uncovered).toEqual({ ok: false, errors: ['sex: answers include "x", which has no population total'] });
    const zero = rake([["m", "f"]], [{ name: "sex", targets: { m: 0, f: 10 } }]);
    expect(zero.ok || zero.errors).toEqual(['sex: the population of "m" must be a positive number (got 0)']);
    const missing = rake([["m", null]], [{ name: "sex", targets: { m: 5, f: 5 } }]);
    expect(missing.ok || missing.errors).toEqual(["sex: respondent 2 has no value"]);
    const disagree = rake([["m", "f"], ["y", "o"]], [
      { name: "sex", targets: { m: 5, f: 5 } },
      { name: "age", targets: { y: 5, o: 6 } },
    ]);
    expect(disagree.ok || disagree.errors).toEqual(["age: totals sum to 11, but sex sums to 10"]);
    expect(rake([], [])).toEqual({ ok: false, errors: ["no weighting dimensions were given", "there are no respondents to weight"] });
  });

  it("trims weights to the cap and keeps the total", () => {
    // one man among nine women: untrimmed his weight is 500 against 55.6 for each woman
    const one = ["m", ...Array.from({ length: 9 }, () => "f")];
    const result = rake([one], [{ name: "sex", targets: { m: 500, f: 500 } }], { trim: { max: 3 } });
    if (!result.ok) throw new Error(result.errors.join("; "));
    const w = result.report.weights;
    expect(w[0]).toBeCloseTo(300, 9); // 3 × the mean weight of 100
    expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(1000, 9);
    expect(w.slice(1).every((x) => Math.abs(x - 700 / 9) < 1e-9)).toBe(true);
    expect(result.report.trimmed).toBe(1);
    expect(result.report.maxGap).toBeCloseTo(0.4, 9); // the margins give way to the cap, and the report says so
  });
});

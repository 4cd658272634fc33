/**
 * Shares, Kish n_eff, design effect, margins of error and unweighted crosstab tests on cases small
 * enough to work out by hand (app/domain/statistics). Agreement with R on a fixture of 400
 * respondents is in statistics-reference.test.ts.
 */
import { describe, expect, it } from "vitest";
import { crosstab } from "../../app/domain/statistics/crosstab";
import { chiSquareUpperTail, fUpperTail, Z_95 } from "../../app/domain/statistics/distributions";
import { kish, marginOfError95, meanFromAggregates, shares, wilson95 } from "../../app/domain/statistics/estimates";

describe("Kish effective n and design effect", () => {
  it("follows (Σw)²/Σw² and n·Σw²/(Σw)²", () => {
    // Σw = 8, Σw² = 1 + 1 + 4 + 16 = 22
    const k = kish([1, 1, 2, 4]);
    expect(k.nEff).toBeCloseTo(64 / 22, 14);
    expect(k.deff).toBeCloseTo((4 * 22) / 64, 14);
    expect(kish([3, 3, 3])).toMatchObject({ nEff: 3, deff: 1 });
  });
});

describe("shares", () => {
  it("counts the answering base only and keeps unexpected answers visible", () => {
    const s = shares(["a", "b", null, "a", "zzz", ""], ["a", "b", "c"]);
    expect(s.n).toBe(4);
    expect(s.categories.map((c) => [c.category, c.count, c.share])).toEqual([
      ["a", 2, 0.5],
      ["b", 1, 0.25],
      ["c", 0, 0],
      ["zzz", 1, 0.25],
    ]);
    expect(s.categories[0]!.weightedShare).toBeNull();
    expect(s.categories[0]!.moe95).toBeCloseTo(Z_95 * Math.sqrt(0.25 / 4), 14);
  });

  it("weights shares and uses n_eff in the margin of error", () => {
    const s = shares(["yes", "no", "yes", "no"], ["yes", "no"], [1, 1, 2, 4]);
    // yes: (1 + 2) / 8
    expect(s.categories[0]!.weightedShare).toBeCloseTo(3 / 8, 14);
    expect(s.nEff).toBeCloseTo(64 / 22, 14);
    expect(s.deff).toBeCloseTo(88 / 64, 14);
    expect(s.categories[0]!.moe95).toBeCloseTo(1.959963984540054 * Math.sqrt((3 / 8) * (5 / 8) / (64 / 22)), 14);
  });

  it("gives a Wilson interval inside [0, 1] where the normal one is not", () => {
    expect(marginOfError95(0.02, 20)).toBeGreaterThan(0.02);
    const [lo, hi] = wilson95(0.02, 20);
    expect(lo).toBeGreaterThanOrEqual(0);
    // the textbook Wilson interval for 5 of 50: 0.0435 to 0.2136
    const [a, b] = wilson95(0.1, 50);
    expect(a).toBeCloseTo(0.04348, 4);
    expect(b).toBeCloseTo(0.21360, 4);
    expect(hi).toBeLessThan(0.25);
  });
});

describe("distributions", () => {
  it("matches textbook tail probabilities", () => {
    expect(chiSquareUpperTail(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareUpperTail(5.991464547107979, 2)).toBeCloseTo(0.05, 12);
    expect(chiSquareUpperTail(0, 3)).toBe(1);
    // F(1, d) is t² with d df: P(F > t²) = two-sided t tail; t(10) 0.975 quantile 2.228138851986274
    expect(fUpperTail(2.228138851986274 ** 2, 1, 10)).toBeCloseTo(0.05, 11);
  });
});

describe("crosstab without weights", () => {
  // 2×2: [[10, 20], [30, 40]], n = 100
  const rows = [...Array(10).fill("r1"), ...Array(20).fill("r1"), ...Array(30).fill("r2"), ...Array(40).fill("r2")];
  const cols = [...Array(10).fill("c1"), ...Array(20).fill("c2"), ...Array(30).fill("c1"), ...Array(40).fill("c2")];

  it("gives counts, shares, expected counts, Pearson χ² and Cramér's V", () => {
    const t = crosstab(rows, cols, ["r1", "r2"], ["c1", "c2"]);
    expect(t.counts).toEqual([[10, 20], [30, 40]]);
    expect(t.rowShares[0]).toEqual([1 / 3, 2 / 3]);
    expect(t.colShares[0]).toEqual([0.25, 20 / 60]);
    expect(t.expected).toEqual([[12, 18], [28, 42]]);
    // Σ (O−E)²/E = 4/12 + 4/18 + 4/28 + 4/42
    const x2 = 4 / 12 + 4 / 18 + 4 / 28 + 4 / 42;
    expect(t.pearson!.statistic).toBeCloseTo(x2, 12);
    expect(t.pearson!.df).toBe(1);
    expect(t.pearson!.p).toBeCloseTo(chiSquareUpperTail(x2, 1), 14);
    expect(t.cramersV).toBeCloseTo(Math.sqrt(x2 / 100), 14);
    expect(t.lowExpected).toBe(0);
    expect(t.raoScott).toBeNull();
  });

  it("warns about small expected counts and leaves empty categories out of the test", () => {
    const t = crosstab(["a", "a", "b", "b", "b"], ["x", "y", "x", "y", "y"], ["a", "b", "never"], ["x", "y"]);
    expect(t.rows).toEqual(["a", "b"]);
    expect(t.emptyRows).toEqual(["never"]);
    expect(t.lowExpected).toBe(4);
    expect(t.pearson!.df).toBe(1);
  });

  it("has no test for a single row", () => {
    const t = crosstab(["a", "a"], ["x", "y"], ["a"], ["x", "y"]);
    expect(t.pearson).toBeNull();
    expect(t.cramersV).toBeNull();
  });
});

describe("meanFromAggregates", () => {
  it("gives the mean, sd and a Kish margin of a rating from its distribution", () => {
    // answers 1, 2, 2, 5 → mean 2.5, population sd √((2.25 + 0.25 + 0.25 + 6.25)/4) = 1.5
    const m = meanFromAggregates([
      { category: "1", count: 1, sumW: 1, sumW2: 1 },
      { category: "2", count: 2, sumW: 2, sumW2: 2 },
      { category: "5", count: 1, sumW: 1, sumW2: 1 },
    ], false)!;
    expect(m.mean).toBe(2.5);
    expect(m.sd).toBeCloseTo(1.5, 14);
    expect(m.moe95).toBeCloseTo((Z_95 * 1.5) / 2, 14);
  });

  it("weights the mean and uses n_eff; ignores non-numeric answers", () => {
    // weights: "1" answered by one respondent of weight 3, "4" by one of weight 1
    const m = meanFromAggregates([
      { category: "1", count: 1, sumW: 3, sumW2: 9 },
      { category: "4", count: 1, sumW: 1, sumW2: 1 },
      { category: "n/a", count: 5, sumW: 5, sumW2: 5 },
    ], true)!;
    expect(m.n).toBe(2);
    expect(m.mean).toBeCloseTo(7 / 4, 14);
    expect(m.nEff).toBeCloseTo(16 / 10, 14);
    expect(meanFromAggregates([], true)).toBeNull();
  });
});

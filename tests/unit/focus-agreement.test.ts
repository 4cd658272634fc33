/**
 * Coder agreement (percent agreement and Cohen's κ per code), pinned by hand-worked examples at
 * both units of analysis and cross-checked against published values and the closed 2×2 form.
 */
import { describe, expect, it } from "vitest";
import {
  coderAgreement,
  cohensKappa,
  type AgreementSegment,
  type AgreementTable,
} from "../../app/domain/focus-groups/agreement";

const seg = (turnIndex: number, start: number, end: number, codeId = "distrust"): AgreementSegment => ({
  turnIndex,
  start,
  end,
  codeId,
});

describe("turn as the unit", () => {
  // 10 turns. Coder A applied "distrust" to turns 0–5, coder B to turns 0–4 and 6.
  //   both = 5 (turns 0–4), only A = 1 (turn 5), only B = 1 (turn 6), neither = 3 (turns 7–9)
  //   p_o = (5 + 3) / 10 = 0.8
  //   p_A = 6/10 = 0.6, p_B = 6/10 = 0.6
  //   p_e = 0.6·0.6 + 0.4·0.4 = 0.36 + 0.16 = 0.52
  //   κ = (0.8 − 0.52) / (1 − 0.52) = 0.28 / 0.48 = 7/12 ≈ 0.5833
  const turns = Array.from({ length: 10 }, (_, index) => ({ index, text: `Реплика номер ${index}` }));
  const coderA = [
    ...[0, 1, 2, 3, 4, 5].map((t) => seg(t, 0, 7)),
    seg(2, 8, 13), // a second span in the same turn still makes one coded unit
    seg(9, 3, 3), // an empty span codes nothing
    seg(1, 0, 5, "trust"),
  ];
  const coderB = [...[0, 1, 2, 3, 4, 6].map((t) => seg(t, 2, 9)), seg(1, 0, 5, "trust"), seg(42, 0, 1)];

  const report = coderAgreement({ unit: "turn", turns, coderA, coderB, codeIds: ["distrust", "trust"] });

  it("fills the 2×2 table and computes κ = 7/12", () => {
    const distrust = report.codes[0]!;
    expect(distrust.table).toEqual({ both: 5, onlyA: 1, onlyB: 1, neither: 3 });
    expect(distrust.units).toBe(10);
    expect(distrust.percentAgreement).toBeCloseTo(80, 12);
    expect(distrust.expected).toBeCloseTo(0.52, 12);
    expect(distrust.kappa).toBeCloseTo(7 / 12, 12);
    expect(distrust.undefinedReason).toBeNull();
  });

  it("gives κ = 1 for perfect agreement on a code both use sometimes", () => {
    const trust = report.codes[1]!;
    expect(trust.table).toEqual({ both: 1, onlyA: 0, onlyB: 0, neither: 9 });
    expect(trust.kappa).toBeCloseTo(1, 12);
  });

  it("counts segments on turns outside the transcript instead of silently using them", () => {
    expect(report.ignoredSegments).toBe(1);
  });
});

describe("character as the unit (NVivo's coding comparison)", () => {
  // Two turns of 10 characters each, 20 units.
  //   A: turn 0 [0,4) and [2,6) -> union [0,6) = 6 chars "Дороги"; turn 1 [0,3) "Ямы" -> 3; |A| = 9
  //   B: turn 0 [0,10) = 10 chars; turn 1 [4,10) "везде!" = 6; |B| = 16
  //   both = |[0,6)∩[0,10)| + |[0,3)∩[4,10)| = 6 + 0 = 6
  //   only A = 9 − 6 = 3, only B = 16 − 6 = 10, neither = 20 − 6 − 3 − 10 = 1
  //   p_o = (6 + 1)/20 = 0.35; p_A = 0.45, p_B = 0.8
  //   p_e = 0.45·0.8 + 0.55·0.2 = 0.36 + 0.11 = 0.47
  //   κ = (0.35 − 0.47)/(1 − 0.47) = −0.12/0.53 ≈ −0.2264 (worse than chance)
  const turns = [
    { index: 0, text: "Дороги нет" },
    { index: 1, text: "Ямы везде!" },
  ];
  const report = coderAgreement({
    unit: "character",
    turns,
    coderA: [seg(0, 0, 4, "roads"), seg(0, 2, 6, "roads"), seg(1, 0, 3, "roads")],
    coderB: [seg(0, 0, 10, "roads"), seg(1, 4, 99, "roads")], // an end past the text is clipped
  });

  it("counts characters, merging a coder's overlapping spans", () => {
    const roads = report.codes[0]!;
    expect(roads.codeId).toBe("roads");
    expect(roads.table).toEqual({ both: 6, onlyA: 3, onlyB: 10, neither: 1 });
    expect(roads.percentAgreement).toBeCloseTo(35, 12);
    expect(roads.expected).toBeCloseTo(0.47, 12);
    expect(roads.kappa).toBeCloseTo(-0.12 / 0.53, 12);
  });
});

describe("κ edge cases: null with a reason, never NaN", () => {
  const turns = [
    { index: 0, text: "да" },
    { index: 1, text: "нет" },
  ];

  it("a code neither coder applied: perfect agreement, κ undefined (p_e = 1)", () => {
    const [code] = coderAgreement({ unit: "turn", turns, coderA: [], coderB: [], codeIds: ["unused"] }).codes;
    expect(code).toMatchObject({ percentAgreement: 100, expected: 1, kappa: null, undefinedReason: "never_applied" });
  });

  it("a code both coders applied to every unit", () => {
    const all = [seg(0, 0, 2, "x"), seg(1, 0, 3, "x")];
    for (const unit of ["turn", "character"] as const) {
      const [code] = coderAgreement({ unit, turns, coderA: all, coderB: all }).codes;
      expect(code).toMatchObject({ percentAgreement: 100, kappa: null, undefinedReason: "always_applied" });
    }
  });

  it("no units at all", () => {
    expect(cohensKappa({ both: 0, onlyA: 0, onlyB: 0, neither: 0 })).toEqual({
      units: 0,
      observed: null,
      expected: null,
      kappa: null,
      undefinedReason: "no_units",
    });
  });

  it("one coder always, the other never: κ is defined and 0", () => {
    const result = cohensKappa({ both: 0, onlyA: 7, onlyB: 0, neither: 0 });
    expect(result.expected).toBe(0);
    expect(result.kappa).toBe(0);
  });
});

describe("cross-checks against independently computed values", () => {
  it("Wikipedia's worked example (50 proposals: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no) gives κ = 0.4", () => {
    // Built as 50 turns so the whole path (segments -> table -> κ) is checked, not just the formula.
    const turns = Array.from({ length: 50 }, (_, index) => ({ index, text: "заявка" }));
    const yesA = [...Array(25).keys()]; // turns 0–24: A says yes
    const yesB = [...Array(20).keys(), ...[25, 26, 27, 28, 29, 30, 31, 32, 33, 34]]; // 0–19 and 25–34
    const report = coderAgreement({
      unit: "turn",
      turns,
      coderA: yesA.map((t) => seg(t, 0, 6, "grant")),
      coderB: yesB.map((t) => seg(t, 0, 6, "grant")),
    });
    expect(report.codes[0]!.table).toEqual({ both: 20, onlyA: 5, onlyB: 10, neither: 15 });
    expect(report.codes[0]!.observed).toBeCloseTo(0.7, 12);
    expect(report.codes[0]!.expected).toBeCloseTo(0.5, 12);
    expect(report.codes[0]!.kappa).toBeCloseTo(0.4, 12);
  });

  it("Wikipedia's paradox tables: same 60% agreement, κ 0.1304 and 0.2593", () => {
    expect(cohensKappa({ both: 45, onlyA: 15, onlyB: 25, neither: 15 }).kappa).toBeCloseTo(0.1304, 4);
    expect(cohensKappa({ both: 25, onlyA: 35, onlyB: 5, neither: 35 }).kappa).toBeCloseTo(0.2593, 4);
  });

  it("agrees with the closed 2×2 form κ = 2(ad − bc) / ((a+b)(b+d) + (a+c)(c+d))", () => {
    const tables: AgreementTable[] = [
      { both: 1, onlyA: 2, onlyB: 3, neither: 4 },
      { both: 88, onlyA: 14, onlyB: 10, neither: 188 },
      { both: 0, onlyA: 5, onlyB: 6, neither: 1 },
      { both: 12, onlyA: 0, onlyB: 0, neither: 3 },
    ];
    for (const t of tables) {
      const { both: a, onlyA: b, onlyB: c, neither: d } = t;
      const closed = (2 * (a * d - b * c)) / ((a + b) * (b + d) + (a + c) * (c + d));
      expect(cohensKappa(t).kappa).toBeCloseTo(closed, 12);
    }
  });
});

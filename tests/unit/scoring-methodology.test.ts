/** The methodology document: the default's content, and validation with field paths and messages. */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_METHODOLOGY,
  METHODOLOGY_ISSUE_CODES,
  describeMethodologyIssue,
  validateMethodology,
  type MethodologyIssue,
} from "../../app/domain/scoring";

/** A deep copy of the default to break one thing in. */
const draft = (): any => structuredClone(DEFAULT_METHODOLOGY);
const issuesOf = (doc: unknown): MethodologyIssue[] => {
  const v = validateMethodology(doc);
  if (v.ok) throw new Error("expected the methodology to be rejected");
  return v.issues;
};

describe("the default methodology", () => {
  it("is valid and carries COMPLIANCE.md's weights", () => {
    expect(validateMethodology(DEFAULT_METHODOLOGY)).toEqual({ ok: true, methodology: DEFAULT_METHODOLOGY });
    expect(Object.fromEntries(DEFAULT_METHODOLOGY.criteria.map((c) => [c.id, c.weight]))).toEqual({
      replies: 30, posting: 20, engagement: 10, profile: 10, live: 10, reach: 5, rating: 15,
    });
  });

  it("uses the documented metrics, targets, gates, bands and minimum n", () => {
    const byId = new Map(DEFAULT_METHODOLOGY.criteria.map((c) => [c.id, c]));
    expect(byId.get("replies")).toMatchObject({ parts: [
      { metric: "M6", measure: "rr24", scoring: { kind: "linear", red: 0.7, green: 0.9 } },
      { metric: "M7", measure: "first_reply_mean_seconds", scoring: { kind: "linear", red: 86_400, green: 10_800 } },
    ] });
    expect(byId.get("profile")).toMatchObject({ parts: [{ metric: "M3" }, { metric: "M9", scoring: { green: 0.95 } }] });
    for (const [id, metric] of [["engagement", "M5"], ["reach", "M10"], ["rating", "M11"]]) {
      expect(byId.get(id!)).toMatchObject({ kind: "peer_percentile", metric });
    }
    expect(DEFAULT_METHODOLOGY.gates.map((g) => g.metric)).toEqual(["M1", "M2"]);
    expect(DEFAULT_METHODOLOGY.requiredPlatforms.default).toEqual(["vk", "ok"]);
    expect(DEFAULT_METHODOLOGY.bands).toEqual([
      { grade: "red", from: 0, to: 50 },
      { grade: "yellow", from: 50, to: 75 },
      { grade: "green", from: 75, to: 100 },
    ]);
    expect(DEFAULT_METHODOLOGY.measurement).toEqual({ postsPerWeek: 3, dormantDays: 14, replyWindowSeconds: 86_400, ratingMinEffectiveN: 50 });
  });
});

describe("validation", () => {
  it("rejects a negative weight, naming the field", () => {
    const d = draft();
    d.criteria[1].weight = -5;
    const issues = issuesOf(d);
    expect(issues).toEqual([{ code: "negative_weight", path: "criteria[1].weight", params: {} }]);
    expect(describeMethodologyIssue(issues[0]!, "ru")).toBe("criteria[1].weight: вес не может быть отрицательным");
    expect(describeMethodologyIssue(issues[0]!, "en")).toBe("criteria[1].weight: a weight cannot be negative");
  });

  it("rejects weights that do not add up to more than zero, for criteria and for parts", () => {
    const d = draft();
    for (const c of d.criteria) c.weight = 0;
    d.criteria[0].parts[0].weight = 0;
    d.criteria[0].parts[1].weight = 0;
    expect(issuesOf(d).map((i) => [i.code, i.path])).toEqual([
      ["weights_sum_zero", "criteria[0].parts"],
      ["weights_sum_zero", "criteria"],
    ]);
  });

  it("rejects unknown metric ids wherever a metric is named", () => {
    const d = draft();
    d.criteria[0].parts[0].metric = "M12";
    d.criteria[2].metric = "M0";
    d.gates[0].metric = "M13";
    const issues = issuesOf(d);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["unknown_metric", "criteria[0].parts[0].metric"],
      ["unknown_metric", "criteria[2].metric"],
      ["unknown_metric", "gates[0].metric"],
    ]);
    expect(describeMethodologyIssue(issues[0]!, "ru")).toBe(
      "criteria[0].parts[0].metric: неизвестная метрика «M12». Допустимо: M1, M2, M3, M4, M5, M6, M7, M8, M9, M10, M11");
  });

  it("a gate bound to another metric is told which one it takes", () => {
    const d = draft();
    d.gates[0].metric = "M3";
    expect(issuesOf(d)).toEqual([{ code: "unexpected_value", path: "gates[0].metric", params: { value: "M3", expected: "M1" } }]);
  });

  it("a measure must belong to the metric it is filed under", () => {
    const d = draft();
    d.criteria[0].parts[1].metric = "M6";
    const [issue] = issuesOf(d);
    expect(issue).toEqual({ code: "measure_metric_mismatch", path: "criteria[0].parts[1].measure", params: { measure: "first_reply_mean_seconds", metric: "M6", expected: "M7" } });
    expect(describeMethodologyIssue(issue!, "ru")).toBe("criteria[0].parts[1].measure: показатель «first_reply_mean_seconds» относится к метрике M7, а не к M6");
  });

  it("the residents' rating cannot be scored page by page", () => {
    const d = draft();
    d.criteria[1].parts[0] = { metric: "M11", measure: "rating_mean", weight: 1, scoring: { kind: "linear", red: 3, green: 4.5 } };
    expect(issuesOf(d).map((i) => [i.code, i.path])).toEqual([["organisation_measure_in_part", "criteria[1].parts[0].measure"]]);
  });

  it("rejects equal red and green thresholds", () => {
    const d = draft();
    d.criteria[0].parts[0].scoring.red = 0.9;
    expect(issuesOf(d).map((i) => [i.code, i.path])).toEqual([["thresholds_equal", "criteria[0].parts[0].scoring.green"]]);
  });

  it("rejects overlapping bands", () => {
    const d = draft();
    d.bands[1].from = 45;
    const issues = issuesOf(d);
    expect(issues).toEqual([{ code: "bands_overlap", path: "bands[1].from", params: { from: 45, previousTo: 50 } }]);
    expect(describeMethodologyIssue(issues[0]!, "ru")).toBe("bands[1].from: зона начинается с 45, а предыдущая ещё не кончилась (до 50)");
  });

  it("rejects a gap between bands, unordered bands, and bands that do not cover 0–100", () => {
    const gap = draft();
    gap.bands[2].from = 80;
    expect(issuesOf(gap).map((i) => [i.code, i.path])).toEqual([["bands_gap", "bands[2].from"]]);

    const unordered = draft();
    unordered.bands = [unordered.bands[0], unordered.bands[2], unordered.bands[1]];
    expect(issuesOf(unordered).map((i) => i.code)).toContain("bands_unordered");

    const short = draft();
    short.bands[0].from = 10;
    short.bands[2].to = 90;
    expect(issuesOf(short).map((i) => [i.code, i.path])).toEqual([["bands_range", "bands[0].from"], ["bands_range", "bands[2].to"]]);
  });

  it("rejects an empty band, a repeated grade, and a lowest band that is not red", () => {
    const d = draft();
    d.bands = [{ grade: "yellow", from: 0, to: 50 }, { grade: "yellow", from: 50, to: 50 }, { grade: "green", from: 50, to: 100 }];
    expect(issuesOf(d).map((i) => [i.code, i.path])).toEqual([
      ["lowest_band_not_red", "bands[0].grade"],
      ["band_empty", "bands[1].to"],
      ["duplicate_grade", "bands[1].grade"],
    ]);
  });

  it("rejects duplicate criterion ids, unknown fields and missing fields", () => {
    const dup = draft();
    dup.criteria[1].id = "replies";
    expect(issuesOf(dup)).toEqual([{ code: "duplicate_id", path: "criteria[1].id", params: { id: "replies" } }]);

    const extra = draft();
    extra.weights = {};
    delete extra.bands;
    expect(issuesOf(extra)).toEqual([
      { code: "required", path: "bands", params: {} },
      { code: "unknown_field", path: "weights", params: {} },
    ]);
  });

  it("names an unknown measure and the allowed values", () => {
    const d = draft();
    d.criteria[2].measure = "likes";
    const [issue] = issuesOf(d);
    expect(issue).toMatchObject({ code: "unknown_value", path: "criteria[2].measure", params: { value: "likes" } });
    expect(describeMethodologyIssue(issue!, "en")).toMatch(/^criteria\[2\]\.measure: value "likes" is not allowed\. Allowed: profile_share, /);
  });

  it("has a sentence for every issue code in both languages", () => {
    for (const code of METHODOLOGY_ISSUE_CODES) {
      for (const locale of ["ru", "en"] as const) {
        const text = describeMethodologyIssue({ code, path: "x", params: {} }, locale);
        expect(text.length).toBeGreaterThan("x: ".length + 5);
      }
    }
    expect(describeMethodologyIssue({ code: "required", path: "", params: {} }, "ru")).toBe("методика: обязательное поле не заполнено");
  });
});

/**
 * Response quality flags (app/domain/survey/quality.ts): each rule on small hand-made data, the
 * boundaries the research rules fix (exactly a third of the median is not a speeder, fewer than 5
 * timed responses judge nobody, 2-row matrices are not judged), and one real SurveyJS definition
 * from the samples (identical to /work/shared/surveyjs-samples) listed with listQuestions.
 */
import fs from "node:fs";
import path from "node:path";
import { checkDefinition, listQuestions, type QuestionInfo } from "../../app/domain/survey";
import { attentionChecks, qualityFlags, RPKIND_ATTENTION, type QualityInput } from "../../app/domain/survey/quality";

const resp = (id: number, over: Partial<QualityInput> = {}): QualityInput => ({ id, durationMs: null, answers: {}, deviceKey: null, ...over });
const reasons = (m: Map<number, { reason: string }[]>, id: number) => (m.get(id) ?? []).map((f) => f.reason);

const matrix: QuestionInfo = {
  name: "satisfaction", valueName: "satisfaction", type: "matrix", title: "Satisfaction", pageIndex: 0,
  rows: ["r1", "r2", "r3", "r4", "r5", "r6"].map((v) => ({ value: v, text: v })),
  columns: [{ value: 1, text: "Disagree" }, { value: 2, text: "Agree" }],
};

describe("speeders", () => {
  const timed = (ds: (number | null)[]) => ds.map((d, i) => resp(i + 1, { durationMs: d }));

  it("flags durations strictly under a third of the median; exactly a third is not a speeder", () => {
    const flags = qualityFlags(timed([41_000, 60_000, 180_000, 180_000, 200_000, 300_000, 400_000]), [], []);
    expect(flags.get(1)).toEqual([{ reason: "speeder", detail: "answered in 41 s, under a third of the median 180 s" }]);
    expect(flags.has(2)).toBe(false); // 60 s = 180 s / 3
    expect(flags.size).toBe(1);
  });

  it("judges nobody with fewer than 5 timed responses; untimed and incomplete ones do not count", () => {
    const rs = [...timed([1_000, 100_000, 100_000, 100_000, null]), resp(6, { durationMs: 100_000, complete: false })];
    expect(qualityFlags(rs, [], []).size).toBe(0);
    rs.push(resp(7, { durationMs: 100_000 }));
    expect(reasons(qualityFlags(rs, [], []), 1)).toEqual(["speeder"]);
    expect(qualityFlags(rs, [], []).has(6)).toBe(false);
  });

  it("uses the even-count median and a custom share", () => {
    const flags = qualityFlags(timed([40_000, 100_000, 100_000, 200_000, 200_000, 300_000]), [], [], { speederShare: 0.5 });
    expect(flags.get(1)?.[0]?.detail).toBe("answered in 40 s, under half of the median 150 s");
    expect(flags.size).toBe(1);
    expect(() => qualityFlags([], [], [], { speederShare: 0 })).toThrow(RangeError);
  });
});

describe("straight-liners", () => {
  it("flags the same column in every answered row, naming the column text", () => {
    const same = { r1: 2, r2: 2, r3: 2, r4: 2, r5: 2, r6: 2 };
    const flags = qualityFlags([resp(1, { answers: { satisfaction: same } }), resp(2, { answers: { satisfaction: { ...same, r6: 1 } } })], [matrix], []);
    expect(flags.get(1)).toEqual([{ reason: "straight_liner", question: "satisfaction", detail: "same answer 'Agree' to all 6 rows of 'satisfaction'" }]);
    expect(flags.has(2)).toBe(false);
  });

  it("does not judge a matrix with fewer than minMatrixRows answered rows", () => {
    const rs = [resp(1, { answers: { satisfaction: { r1: 1, r2: 1 } } }), resp(2, { answers: { satisfaction: { r1: 1, r2: 1, r3: 1 } } })];
    const flags = qualityFlags(rs, [matrix], []);
    expect(flags.has(1)).toBe(false);
    expect(flags.get(2)?.[0]?.detail).toBe("same answer 'Disagree' to all 3 answered rows (of 6) of 'satisfaction'");
    expect(qualityFlags(rs, [matrix], [], { minMatrixRows: 2 }).has(1)).toBe(true);
  });
});

describe("attention checks", () => {
  const definition = {
    pages: [
      { elements: [{ type: "radiogroup", name: "attn1", rpKind: RPKIND_ATTENTION, correctAnswer: "c", choices: ["a", "b", "c"] }] },
      {
        elements: [{
          type: "panel", name: "outer",
          elements: [{ type: "panel", name: "inner", elements: [
            { type: "checkbox", name: "attn2", valueName: "attn2v", rpKind: RPKIND_ATTENTION, correctAnswer: ["x", "z"], choices: ["x", "y", "z"] },
            { type: "radiogroup", name: "quiz", correctAnswer: "a", choices: ["a"] }, // a quiz answer, not an attention check
          ] }],
        }],
      },
    ],
  };
  const questions: QuestionInfo[] = [
    { name: "attn1", valueName: "attn1", type: "radiogroup", title: "", pageIndex: 0 },
    { name: "attn2", valueName: "attn2v", type: "checkbox", title: "", pageIndex: 1 },
    { name: "quiz", valueName: "quiz", type: "radiogroup", title: "", pageIndex: 1 },
  ];
  const checks = attentionChecks(questions, definition);

  it("finds marked questions with a correctAnswer through nested panels", () => {
    expect(checks).toEqual([
      { question: "attn1", valueName: "attn1", expected: ["c"] },
      { question: "attn2", valueName: "attn2v", expected: ["x", "z"] },
    ]);
  });

  it("compares scalars by value and checkbox answers as sets", () => {
    const flags = qualityFlags([
      resp(1, { answers: { attn1: "c", attn2v: ["z", "x"] } }),
      resp(2, { answers: { attn1: "b", attn2v: ["x"] } }),
    ], questions, checks);
    expect(flags.has(1)).toBe(false);
    expect(flags.get(2)).toEqual([
      { reason: "attention_failed", question: "attn1", detail: "answered 'b' to attention check 'attn1', expected 'c'" },
      { reason: "attention_failed", question: "attn2", detail: "answered ['x'] to attention check 'attn2', expected ['x', 'z']" },
    ]);
  });

  it("counts an unanswered check as failed only on a complete response", () => {
    const flags = qualityFlags([resp(1, { answers: { attn1: "c" } }), resp(2, { answers: { attn1: "c" }, complete: false })], questions, checks);
    expect(flags.get(1)?.[0]?.detail).toBe("left attention check 'attn2' unanswered, expected ['x', 'z']");
    expect(flags.has(2)).toBe(false);
  });
});

describe("duplicate devices", () => {
  it("flags every response sharing a device key and caps the listed ids at 5", () => {
    const rs = [resp(12, { deviceKey: "a" }), resp(40, { deviceKey: "a" }), resp(7, { deviceKey: "a" }), resp(1, { deviceKey: "solo" }), resp(2)];
    const flags = qualityFlags(rs, [], []);
    expect(flags.get(7)).toEqual([{ reason: "duplicate_device", detail: "same device as responses #12, #40" }]);
    expect(flags.get(40)?.[0]?.detail).toBe("same device as responses #7, #12");
    expect(flags.size).toBe(3);

    const many = Array.from({ length: 9 }, (_, i) => resp(i + 1, { deviceKey: "k" }));
    const big = qualityFlags(many, [], []);
    expect(big.get(1)?.[0]?.detail).toBe("same device as responses #2, #3, #4, #5, #6 and 3 more");
    expect(big.get(9)?.[0]?.detail).toBe("same device as responses #1, #2, #3, #4, #5 and 3 more");
  });
});

describe("a real definition (sample 19, matrix with 4 rows)", () => {
  const file = path.resolve(__dirname, "../fixtures/surveyjs-samples/19-matrix-eachrowrequired.json");
  const def = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, any>;
  def.pages[0].elements.push({ type: "panel", name: "checks", elements: [
    { type: "radiogroup", name: "attn", rpKind: RPKIND_ATTENTION, correctAnswer: 2, choices: [1, 2, 3] },
  ] });

  it("is accepted with the marker and flags straight-lining and a failed check; the inner paneldynamic matrix is not judged", () => {
    expect(checkDefinition(def).ok).toBe(true);
    const questions = listQuestions(def);
    expect(questions.filter((q) => q.type === "matrix").map((q) => q.name)).toEqual(["quality1"]);
    const checks = attentionChecks(questions, def);
    expect(checks).toEqual([{ question: "attn", valueName: "attn", expected: [2] }]);
    const flat = { affordable: 4, "does what it claims": 4, "better than others": 4, "easy to use": 4 };
    const flags = qualityFlags([
      resp(1, { answers: { quality1: flat, question1: [{ quality: flat }], attn: 3 } }),
      resp(2, { answers: { quality1: { ...flat, affordable: 5 }, question1: [{ quality: flat }], attn: 2 } }),
    ], questions, checks);
    expect(flags.get(1)).toEqual([
      { reason: "straight_liner", question: "quality1", detail: "same answer 'Agree' to all 4 rows of 'quality1'" },
      { reason: "attention_failed", question: "attn", detail: "answered 3 to attention check 'attn', expected 2" },
    ]);
    expect(flags.has(2)).toBe(false);
  });
});

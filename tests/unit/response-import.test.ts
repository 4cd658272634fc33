/**
 * planResponseImport: a parsed table of responses collected elsewhere (phone, paper, or an export
 * of this app) → validated answers, all or nothing. A small synthetic survey covers the cell
 * readings (codes, labels, values), both checkbox layouts, header errors, per-row errors and the
 * error cap; real samples (tests/fixtures/surveyjs-samples) are exported with exports/columns +
 * rows and imported back to the same answers.
 */
import fs from "node:fs";
import path from "node:path";
import { exportColumns, exportQuestions, rowValues, type ExportMode } from "../../app/domain/exports";
import { validateResponse, type SurveyDefinition } from "../../app/domain/survey";
import { MAX_IMPORT_ERRORS, planResponseImport, type ImportPlan } from "../../app/domain/survey/import-plan";

const DIR = path.resolve(__dirname, "../fixtures/surveyjs-samples");
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
const load = (id: string): SurveyDefinition => JSON.parse(fs.readFileSync(path.join(DIR, FILES.find((f) => f.startsWith(id))!), "utf8"));

const DEF: SurveyDefinition = {
  elements: [
    { type: "radiogroup", name: "color", title: "Favourite colour", isRequired: true, choices: [{ value: "r", text: "Red" }, { value: "g", text: "Green" }, { value: "b", text: "Blue" }] },
    { type: "checkbox", name: "fruits", choices: [{ value: "apple", text: "Apple" }, { value: "pear", text: "Pear" }, { value: "plum", text: "Plum" }], showOtherItem: true },
    { type: "rating", name: "score", rateMin: 0, rateMax: 10 },
    { type: "rating", name: "stars" },
    { type: "matrix", name: "grid", columns: [{ value: 1, text: "Bad" }, { value: 2, text: "OK" }, { value: 3, text: "Good" }], rows: [{ value: "food", text: "Food" }, { value: "service", text: "Service" }] },
    { type: "comment", name: "notes" },
    { type: "text", name: "age", inputType: "number", min: 0, max: 120 },
    { type: "boolean", name: "agree" },
    { type: "dropdown", name: "swap", choices: [{ value: "a", text: "b" }, { value: "b", text: "a" }] },
  ],
};

const plan = (header: string[], rows: string[][], mode?: "auto" | "codes" | "labels" | "values", def: SurveyDefinition = DEF) =>
  planResponseImport(def, { header, rows }, mode ? { mode } : undefined);

function ok(p: ImportPlan) {
  if (!p.ok) throw new Error(`expected ok, got errors:\n${p.errors.map((e) => e.message).join("\n")}`);
  return p;
}
function failed(p: ImportPlan) {
  if (p.ok) throw new Error(`expected errors, got ${p.responses.length} responses`);
  return p.errors;
}

describe("planResponseImport: cells by mode", () => {
  const expected = { color: "g", fruits: ["apple", "plum"], score: 3, stars: 5, grid: { food: 3, service: 1 }, notes: "Fine", age: 42, agree: true };

  it("codes, labels and values give the same answers", () => {
    const codes = plan(["color", "fruits", "score", "stars", "grid_1", "grid_2", "notes", "age", "agree"], [["2", "1;3", "4", "5", "3", "1", "Fine", "42", "1"]], "codes");
    const labels = plan(["color", "fruits", "score", "stars", "grid.food", "grid.service", "notes", "age", "agree"], [["green", " Apple | PLUM ", "3", "5", "Good", "bad", "Fine", "42", "Yes"]], "labels");
    const values = plan(["color", "fruits", "score", "stars", "grid.food", "grid.service", "notes", "age", "agree"], [["g", "apple;plum", "3", "5", "3", "1", "Fine", "42", "true"]], "values");
    for (const p of [codes, labels, values]) expect(ok(p).responses).toEqual([{ row: 2, answers: expected, submissionId: null, durationMs: null }]);
  });

  it("a mode refuses the other readings", () => {
    expect(failed(plan(["color"], [["g"]], "codes"))[0]!.message).toContain('"g" is not a code from 1 to 3 of question "color"');
    expect(failed(plan(["color"], [["2"]], "labels"))[0]!.message).toContain('"2" is not a choice label');
    expect(failed(plan(["color"], [["Green"]], "values"))[0]!.message).toContain('"Green" is not a choice value');
  });

  it("auto: value, code or label; codes are off when values clash with them (0–10 scale)", () => {
    const p = ok(plan(["color", "stars", "score"], [["g", "4", "3"], ["2", "4", "0"], ["GREEN", "4", "10"]]));
    expect(p.responses.map((r) => r.answers)).toEqual([
      { color: "g", stars: 4, score: 3 },
      { color: "g", stars: 4, score: 0 },
      { color: "g", stars: 4, score: 10 },
    ]);
  });

  it("auto: a cell that names two different choices is an error; an explicit mode settles it", () => {
    const errors = failed(plan(["color", "swap"], [["r", "a"]]));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 2, column: "swap" });
    expect(errors[0]!.message).toMatch(/"a" is ambiguous in question "swap": it is the value of choice a "b", the label of choice b "a"/);
    expect(ok(plan(["color", "swap"], [["r", "a"]], "values")).responses[0]!.answers.swap).toBe("a");
    expect(ok(plan(["color", "swap"], [["Red", "a"]], "labels")).responses[0]!.answers.swap).toBe("b");
  });

  it("auto on an export (response_id in the header): numbers are codes too, so a clash is an error", () => {
    const errors = failed(plan(["response_id", "color", "score"], [["1", "r", "3"]]));
    expect(errors[0]).toMatchObject({ row: 2, column: "score" });
    expect(errors[0]!.message).toBe(
      'Row 2, column "score": "3" is ambiguous in question "score": it is the value of choice "3", the code of choice "2", the label of choice "3"; set the import mode to "codes", "labels" or "values".',
    );
    expect(ok(plan(["response_id", "color", "score"], [["1", "1", "3"]], "codes")).responses[0]!.answers).toEqual({ color: "r", score: 2 });
  });

  it("numbers: decimal comma accepted, '1,000' and words refused; whitespace-only cells are empty", () => {
    expect(ok(plan(["color", "age"], [["r", "4,5"], ["r", " 7 "], ["r", "  "]])).responses.map((r) => r.answers.age)).toEqual([4.5, 7, undefined]);
    const errors = failed(plan(["color", "age"], [["r", "1,000"], ["r", "forty"]]));
    expect(errors.map((e) => [e.row, e.column])).toEqual([[2, "age"], [3, "age"]]);
    expect(errors[0]!.message).toContain('"1,000" is ambiguous');
    expect(errors[1]!.message).toContain('"forty" is not a number');
  });
});

describe("planResponseImport: checkbox layouts", () => {
  it("one list column or per-choice 0/1 columns named by code or value", () => {
    const list = ok(plan(["color", "fruits"], [["r", "apple;pear"], ["r", "[\"plum\"]"], ["r", "2,3"]]));
    expect(list.responses.map((r) => r.answers.fruits)).toEqual([["apple", "pear"], ["plum"], ["pear", "plum"]]);
    const dummies = ok(plan(["color", "fruits_1", "fruits_pear", "fruits_3"], [["r", "1", "1", "0"], ["r", "0", "", "1"], ["r", "", "", ""], ["r", "0", "0", "0"]]));
    expect(dummies.responses.map((r) => r.answers.fruits)).toEqual([["apple", "pear"], ["plum"], undefined, undefined]);
  });

  it("the other choice with its text goes to <name>-Comment", () => {
    const p = ok(plan(["color", "fruits_1", "fruits_4", "fruits_other"], [["r", "0", "1", "Kiwi"]]));
    expect(p.responses[0]!.answers).toEqual({ color: "r", fruits: ["other"], "fruits-Comment": "Kiwi" });
    const errors = failed(plan(["color", "fruits", "fruits_other"], [["r", "apple", "Kiwi"]]));
    expect(errors[0]).toMatchObject({ row: 2, column: "fruits_other" });
    expect(errors[0]!.message).toContain('the "other" choice of question "fruits" is not selected');
  });

  it("a cell other than 0/1, or both layouts at once, is an error", () => {
    expect(failed(plan(["color", "fruits_1"], [["r", "2"]]))[0]).toMatchObject({ row: 2, column: "fruits_1", message: expect.stringContaining('"2" is not 0 or 1') });
    const both = failed(plan(["color", "fruits", "fruits_1"], [["r", "apple", "1"]]));
    expect(both).toEqual([{ row: 1, column: "fruits", message: expect.stringContaining('question "fruits" is given both in one column and in per-part columns (fruits_1)') }]);
    const twice = failed(plan(["color", "fruits_1", "fruits_apple"], [["r", "1", "1"]]));
    expect(twice[0]).toMatchObject({ row: 1, column: "fruits_apple", message: expect.stringContaining('the column "fruits_1" already holds choice apple "Apple" of question "fruits"') });
  });
});

describe("planResponseImport: header", () => {
  it("an unknown column is an error on row 1 naming it and close question names", () => {
    const errors = failed(plan(["colr", "fruits_9", "zzzzzz"], [["r", "1", "x"]]));
    expect(errors.map((e) => [e.row, e.column])).toEqual([[1, "colr"], [1, "fruits_9"], [1, "zzzzzz"]]);
    expect(errors[0]!.message).toBe('Row 1, column "colr": no question or known column has this name; close question names: color.');
    expect(errors[1]!.message).toContain("close question names: fruits");
    expect(errors[2]!.message).toContain("no question has a similar name");
  });

  it("names match case-insensitively when nothing matches exactly; duplicates are errors", () => {
    expect(ok(plan(["COLOR", "Grid.Food"], [["r", "1"]])).responses[0]!.answers).toEqual({ color: "r", grid: { food: 1 } });
    expect(failed(plan(["color", "color"], [["r", "r"]]))[0]!.message).toContain("appears twice");
    expect(failed(plan(["color", "Color"], [["r", "r"]]))[0]!.message).toContain('the column "color" already holds question "color"');
  });

  it("submission_id, duration_s / duration_ms; export bookkeeping columns are ignored with a warning", () => {
    const p = ok(plan(["response_id", "submission_id", "duration_s", "weight", "color"], [["7", "A-1", "95.4", "1.2", "r"], ["8", "", "", "", "g"]]));
    expect(p.responses.map((r) => [r.row, r.submissionId, r.durationMs])).toEqual([[2, "A-1", 95400], [3, null, null]]);
    expect(p.warnings.map((w) => [w.row, w.column])).toEqual([[1, "response_id"], [1, "weight"]]);
    expect(p.warnings[0]!.message).toContain("ignored");
    expect(ok(plan(["color", "duration_ms"], [["r", "1500"]])).responses[0]!.durationMs).toBe(1500);
    expect(failed(plan(["color", "duration_s", "duration_ms"], [["r", "1", "1"]]))[0]!.message).toContain("either duration_s or duration_ms");
    expect(failed(plan(["color", "duration_s"], [["r", "-3"]]))[0]).toMatchObject({ row: 2, column: "duration_s" });
  });

  it("an empty header, or a file without data rows, is an error", () => {
    expect(failed(plan(["", " "], [["r"]]))[0]!.message).toContain("header row is empty");
    expect(failed(plan(["color"], [["", ""], [" "]]))[0]).toEqual({ row: 1, message: "Row 1: the file has no data rows below the header." });
  });
});

describe("planResponseImport: rows", () => {
  it("a bad value is reported with its row and column, in the message too", () => {
    const errors = failed(plan(["color", "grid_1"], [["r", "1"], ["purple", "9"]]));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ row: 3, column: "color" });
    expect(errors[0]!.message).toMatch(/^Row 3, column "color": "purple" is not a choice value, code or label of question "color" \(1 = r "Red", 2 = g "Green", 3 = b "Blue"\)\.$/);
    expect(errors[1]).toMatchObject({ row: 3, column: "grid_1" });
    expect(errors[1]!.message).toContain('row "food": "9" is not a choice value, code or label of the columns of matrix "grid"');
  });

  it("validateResponse's errors are reported per row with the question's column: required, range, scale", () => {
    const errors = failed(plan(["color", "age", "grid.food"], [["r", "30", "1"], ["", "30", ""], ["g", "130", ""]]));
    expect(errors.map((e) => [e.row, e.column])).toEqual([[3, "color"], [4, "age"]]);
    expect(errors[0]!.message).toMatch(/^Row 3, column "color": .*Favourite colour/);
    const direct = validateResponse(DEF, { age: 30 });
    expect(direct.ok).toBe(false);
    if (!direct.ok) expect(errors[0]!.message).toBe(`Row 3, column "color": ${direct.errors[0]!.message}`);
  });

  it("duplicate submission ids inside the file are errors on the later rows", () => {
    const errors = failed(plan(["submission_id", "color"], [["A-1", "r"], ["B-2", "g"], ["A-1", "b"], ["bad id", "r"]]));
    expect(errors).toEqual([
      { row: 4, column: "submission_id", message: 'Row 4, column "submission_id": the submission id "A-1" is already used in row 2.' },
      { row: 5, column: "submission_id", message: expect.stringContaining('"bad id" is not a usable submission id') },
    ]);
  });

  it("empty rows are skipped and row numbers stay those of the file", () => {
    const p = ok(plan(["color", "notes"], [["", ""], ["r", ""], [" ", "\t"], [], ["b", "x"]]));
    expect(p.responses.map((r) => [r.row, r.answers])).toEqual([[3, { color: "r" }], [6, { color: "b", notes: "x" }]]);
  });

  it("all or nothing: one bad row refuses the whole file", () => {
    const p = plan(["color"], [["r"], ["g"], ["x"], ["b"]]);
    expect(p).toEqual({ ok: false, errors: [{ row: 4, column: "color", message: expect.stringContaining('"x" is not') }] });
  });

  it("cells past the header and values in unnamed columns are errors", () => {
    const errors = failed(plan(["color", ""], [["r", "", "extra"], ["r", "note"], ["r", "", ""]]));
    expect(errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, undefined, "Row 2: there is a value in column 3, but the header has only 2 columns."],
      [3, undefined, "Row 3: column 2 has a value but no name in the header."],
    ]);
  });

  it("errors are capped at 500 with a final 'and N more' entry", () => {
    const rows = Array.from({ length: 700 }, () => ["purple"]);
    const errors = failed(plan(["color"], rows));
    expect(errors).toHaveLength(MAX_IMPORT_ERRORS);
    expect(errors[498]).toMatchObject({ row: 500, column: "color" });
    expect(errors[499]).toEqual({ row: 501, message: "…and 201 more errors (from row 501 on)." });
    // exactly 500 errors: no summary entry
    const exact = failed(plan(["color"], rows.slice(0, 500)));
    expect(exact).toHaveLength(500);
    expect(exact[499]).toMatchObject({ row: 501, column: "color" });
  });

  it("matrix in one JSON column or per row; structures must be JSON", () => {
    expect(ok(plan(["color", "grid"], [["r", '{"food":2}']])).responses[0]!.answers.grid).toEqual({ food: 2 });
    expect(failed(plan(["color", "grid"], [["r", "food=2"]]))[0]!.message).toContain("is not valid JSON");
  });
});

// ---- round trips through the real export code

const LEADING = ["response_id", "submitted_at", "version", "duration_s", "weight", "quality_flags"].map((name) => ({ name, type: "string" as const }));

function exportTable(def: SurveyDefinition, answers: Record<string, unknown>[], mode: ExportMode) {
  const cols = exportColumns(exportQuestions(def), { leading: LEADING });
  const leading = (i: number) => ({ response_id: i + 1, submitted_at: "2025-01-01T00:00:00.000Z", version: 1, duration_s: 60 + i, weight: 1.5, quality_flags: null });
  return {
    header: cols.map((c) => c.name),
    rows: answers.map((a, i) => rowValues(cols, a, leading(i), mode).map((v) => (v === null ? "" : String(v)))),
  };
}

function expectRoundTrip(def: SurveyDefinition, answers: Record<string, unknown>[], exportMode: ExportMode, importMode: "auto" | "codes" | "labels" | "values") {
  const table = exportTable(def, answers, exportMode);
  const p = ok(planResponseImport(def, table, { mode: importMode }));
  const cleaned = answers.map((a) => {
    const v = validateResponse(def, a);
    if (!v.ok) throw new Error(`fixture answers invalid: ${JSON.stringify(v.errors)}`);
    return v.cleaned;
  });
  expect(p.responses.map((r) => r.answers)).toEqual(cleaned);
  expect(p.responses.map((r) => [r.row, r.submissionId, r.durationMs])).toEqual(answers.map((_, i) => [i + 2, null, (60 + i) * 1000]));
  expect(p.warnings.map((w) => w.column)).toEqual(["response_id", "submitted_at", "version", "weight", "quality_flags"]);
  return table;
}

describe("round trip: export (codes / labels) → import → the same answers", () => {
  const S01 = [
    { question1: "text", question3: ["item1", "item3"], question4: "item2", question5: "item3", question6: "A comment\non two lines", question7: 4, question8: "lion", question9: true,
      question10: [{ name: "a.txt", type: "text/plain", content: "data:text/plain;base64,SGk=" }], question11: { "Row 1": "Column 1", "Row 2": "Column 3" },
      question12: { "Row 1": { "Column 1": 1, "Column 2": 2, "Column 3": "x" } }, question13: [{ "Column 1": 3, "Column 2": true, "Column 3": 5 }],
      question14: { text1: "a", text2: "b" }, question15: [{ question16: "x" }], question2: "F" },
    { question9: false, question7: 1, question3: ["item2"], question11: { "Row 2": "Column 2" }, question2: "M" },
  ];
  const S03 = [
    // Per-choice 0/1 columns carry the set of choices, not the order they were ticked in: choice order here.
    { opSystem: ["Linux", "other"], "opSystem-Comment": "FreeBSD", q1: 2, langs: ["C++", "Go", "Rust"], name: "Anna", email: "anna@example.org" },
    { opSystem: ["Windows"], q1: 1, langs: ["C#"] },
  ];
  const S04 = [
    { "satisfaction-score": 4, "what-would-make-you-more-satisfied": "Faster delivery", "nps-score": 9 },
    { "satisfaction-score": 5, "nps-score": 0 },
    { "satisfaction-score": 1, "disappointing-experience": "Broke" },
  ];

  it("01 all question types, codes and labels (explicit mode and auto)", () => {
    const table = expectRoundTrip(load("01"), S01, "codes", "codes");
    expect(table.header).toContain("question12_1_Column_1");
    expectRoundTrip(load("01"), S01, "labels", "labels");
    expectRoundTrip(load("01"), S01, "codes", "auto");
    expectRoundTrip(load("01"), S01, "labels", "auto");
  });

  it("03 checkbox with an other item and numeric choice values", () => {
    expectRoundTrip(load("03"), S03, "codes", "codes");
    expectRoundTrip(load("03"), S03, "labels", "labels");
    expectRoundTrip(load("03"), S03, "labels", "auto");
  });

  it("04 hyphenated names (exported SPSS-safe) and clashing numeric values (5..1, 0–10)", () => {
    const table = expectRoundTrip(load("04"), S04, "codes", "codes");
    expect(table.header).toContain("satisfaction_score");
    expectRoundTrip(load("04"), S04, "labels", "labels");
    // In auto, an export's codes clash with these values: refused rather than guessed.
    const auto = failed(planResponseImport(load("04"), exportTable(load("04"), S04, "codes")));
    expect(auto[0]).toMatchObject({ row: 2, column: "satisfaction_score", message: expect.stringContaining("is ambiguous") });
  });

  it("05 ranking: one rank per choice, back to the ranked order; run-time choices as JSON", () => {
    const S05 = [
      { "smartphone-features": ["Price", "Battery life", "Screen size", "Storage space", "Camera quality", "Durability", "Processor power"], car: ["BMW", "Ford"], bestcar: ["Ford", "BMW"] },
      { "smartphone-features": ["Durability", "Price", "Camera quality", "Battery life", "Screen size", "Storage space", "Processor power"], car: ["Tesla"] },
    ];
    expectRoundTrip(load("05"), S05, "codes", "codes");
    expectRoundTrip(load("05"), S05, "labels", "auto");
    const table = exportTable(load("05"), S05, "codes");
    const col = table.header.indexOf("smartphone_features_1");
    table.rows[0]![col] = table.rows[0]![col + 1]!; // two choices ranked 2
    const errors = failed(planResponseImport(load("05"), table, { mode: "codes" }));
    expect(errors[0]).toMatchObject({ row: 2, message: expect.stringContaining("must run 1, 2, 3… without gaps or repeats") });
  });

  it("hand-made files of the samples: question names, raw aliases and submission ids", () => {
    const p = ok(
      planResponseImport(load("03"), {
        header: ["submission_id", "opSystem", "opSystem-Comment", "q1", "langs"],
        rows: [["paper-0001", "Linux; other", "FreeBSD", "en2", "Go|Rust"]],
      }),
    );
    expect(p.responses).toEqual([{ row: 2, submissionId: "paper-0001", durationMs: null, answers: { opSystem: ["Linux", "other"], "opSystem-Comment": "FreeBSD", q1: 2, langs: ["Go", "Rust"] } }]);
    const q = ok(planResponseImport(load("04"), { header: ["satisfaction-score", "nps-score"], rows: [["5", "10"], ["Neutral", ""]] }));
    expect(q.responses.map((r) => r.answers)).toEqual([{ "satisfaction-score": 5, "nps-score": 10 }, { "satisfaction-score": 3 }]);
  });

  it("the export's shortened file contents are refused", () => {
    const big = [{ ...S01[0]!, question10: [{ name: "a.txt", type: "text/plain", content: "data:text/plain;base64," + "A".repeat(400) }] }];
    const errors = failed(planResponseImport(load("01"), exportTable(load("01"), big, "codes"), { mode: "codes" }));
    expect(errors).toEqual([{ row: 2, column: "question10", message: expect.stringContaining("chars omitted") }]);
  });
});

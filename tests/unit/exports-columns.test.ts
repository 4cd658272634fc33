/**
 * Export columns from real SurveyJS definitions (tests/fixtures/surveyjs-samples) and synthetic
 * questions: names, labels, codes and value labels; SPSS-valid, unique, transliterated names;
 * and rows in "codes" and "labels" mode.
 */
import fs from "node:fs";
import path from "node:path";
import { exportColumns, exportQuestions, rowValues, spssName, transliterate, type ExportColumn, type ExportQuestion } from "../../app/domain/exports";
import { listQuestions, type SurveyDefinition } from "../../app/domain/survey";

const DIR = path.resolve(__dirname, "../fixtures/surveyjs-samples");
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
const load = (id: string): SurveyDefinition => JSON.parse(fs.readFileSync(path.join(DIR, FILES.find((f) => f.startsWith(id))!), "utf8"));
const byName = (cols: ExportColumn[], name: string) => {
  const c = cols.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name} in ${cols.map((x) => x.name).join(", ")}`);
  return c;
};
const LEADING = [
  { name: "response_id", label: "Response", type: "string" as const },
  { name: "submitted_at", label: "Submitted at", type: "string" as const },
  { name: "duration_s", label: "Duration, s", type: "numeric" as const },
  { name: "weight", label: "Weight", type: "numeric" as const, spssFormat: "F12.6" },
  { name: "quality_flags", label: "Quality flags", type: "string" as const },
];
const VALID_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function expectValidNames(cols: ExportColumn[]) {
  const seen = new Set<string>();
  for (const c of cols) {
    expect(c.name).toMatch(VALID_NAME);
    expect(Buffer.byteLength(c.name)).toBeLessThanOrEqual(64);
    expect(seen.has(c.name.toLowerCase())).toBe(false);
    seen.add(c.name.toLowerCase());
  }
}

describe("exportColumns on real samples", () => {
  it("01 all question types: one layout per type", () => {
    const cols = exportColumns(exportQuestions(load("01")), { leading: LEADING });
    expect(cols.slice(0, 5).map((c) => [c.name, c.type, c.spssFormat])).toEqual([
      ["response_id", "string", undefined],
      ["submitted_at", "string", undefined],
      ["duration_s", "numeric", "F12.0"],
      ["weight", "numeric", "F12.6"],
      ["quality_flags", "string", undefined],
    ]);
    expect(cols.slice(5).map((c) => c.name)).toEqual([
      "question1",
      "question3_1", "question3_2", "question3_3",
      "question4", "question5", "question6", "question7", "question8", "question9", "question10",
      "question11_1", "question11_2",
      "question12_1_Column_1", "question12_1_Column_2", "question12_1_Column_3",
      "question12_2_Column_1", "question12_2_Column_2", "question12_2_Column_3",
      "question13", "question14_text1", "question14_text2", "question15", "question2",
    ]);
    expect(byName(cols, "question3_2")).toMatchObject({ label: "checkbox: item2", type: "numeric", spssFormat: "F1.0" });
    expect(byName(cols, "question2")).toMatchObject({ label: "empty radiogroup", type: "numeric", spssFormat: "F8.0", valueLabels: [{ code: 1, label: "Male" }, { code: 2, label: "Female" }] });
    expect(byName(cols, "question9").valueLabels).toEqual([{ code: 1, label: "Yes" }, { code: 2, label: "No" }]);
    expect(byName(cols, "question7")).toMatchObject({ measure: "ordinal", valueLabels: [1, 2, 3, 4, 5].map((v) => ({ code: v, label: String(v) })) });
    expect(byName(cols, "question11_2")).toMatchObject({ label: "matrix: Row 2", type: "numeric", valueLabels: [{ code: 1, label: "Column 1" }, { code: 2, label: "Column 2" }, { code: 3, label: "Column 3" }] });
    expect(byName(cols, "question12_2_Column_3")).toMatchObject({ label: "matrixdropdown: Row 2: Column 3", type: "string" });
    expect(byName(cols, "question14_text1")).toMatchObject({ label: "multipletext: text1", type: "string" });
    for (const name of ["question10", "question13", "question15"]) expect(byName(cols, name).source).toMatchObject({ kind: "answer", extract: { kind: "json" } });
    expectValidNames(cols);
  });

  it("01 rows: codes vs labels, JSON for structures, empty for missing", () => {
    const cols = exportColumns(exportQuestions(load("01")), { leading: LEADING });
    const answers = {
      question1: "text", question3: ["item1", "item3"], question4: "item2", question7: 4, question8: "lion", question9: false,
      question10: [{ name: "a.txt", type: "text/plain", content: "data:text/plain;base64," + "A".repeat(400) }],
      question11: { "Row 1": "Column 1", "Row 2": "Column 3" },
      question12: { "Row 1": { "Column 1": 1, "Column 2": 2, "Column 3": "x" } },
      question13: [{ "Column 1": 3, "Column 2": true }], question14: { text1: "a" }, question2: "F",
    };
    const leading = { response_id: "r-1", submitted_at: "2025-01-02T03:04:05Z", duration_s: 95, weight: 1.25, quality_flags: null };
    const codes = rowValues(cols, answers, leading, "codes");
    const labels = rowValues(cols, answers, leading, "labels");
    const at = (row: unknown[], name: string) => row[cols.findIndex((c) => c.name === name)];
    expect(codes.slice(0, 5)).toEqual(["r-1", "2025-01-02T03:04:05Z", 95, 1.25, null]);
    expect(["question3_1", "question3_2", "question3_3"].map((n) => at(codes, n))).toEqual([1, 0, 1]);
    expect(["question3_1", "question3_2", "question3_3"].map((n) => at(labels, n))).toEqual([1, 0, 1]);
    expect([at(codes, "question4"), at(labels, "question4")]).toEqual([2, "item2"]);
    expect([at(codes, "question5"), at(labels, "question5")]).toEqual([null, null]);
    expect([at(codes, "question7"), at(codes, "question8"), at(codes, "question9"), at(labels, "question9")]).toEqual([4, 1, 2, "No"]);
    expect([at(codes, "question11_1"), at(codes, "question11_2"), at(labels, "question11_2")]).toEqual([1, 3, "Column 3"]);
    expect([at(codes, "question12_1_Column_1"), at(codes, "question12_1_Column_3"), at(codes, "question12_2_Column_1")]).toEqual(["1", "x", null]);
    expect(at(codes, "question13")).toBe('[{"Column 1":3,"Column 2":true}]');
    expect(at(codes, "question10")).toBe('[{"name":"a.txt","type":"text/plain","content":"data:text/plain (423 chars omitted)"}]');
    expect([at(codes, "question14_text1"), at(codes, "question14_text2"), at(codes, "question15")]).toEqual(["a", null, null]);
    expect([at(codes, "question2"), at(labels, "question2")]).toEqual([2, "Female"]);
    expect(rowValues(cols, answers, ["r-2"], "codes").slice(0, 5)).toEqual(["r-2", null, null, null, null]);
  });

  it("03 checkbox with an other item: dummies plus the typed text", () => {
    const cols = exportColumns(exportQuestions(load("03")));
    expect(cols.slice(0, 6).map((c) => [c.name, c.label])).toEqual([
      ["opSystem_1", "OS: Windows"],
      ["opSystem_2", "OS: Linux"],
      ["opSystem_3", "OS: Macintosh OSX"],
      ["opSystem_4", "OS: Other (describe)"],
      ["opSystem_other", "OS: Other (describe)"],
      ["q1", "q1"],
    ]);
    expect(byName(cols, "q1").valueLabels).toEqual([{ code: 1, label: "en1" }, { code: 2, label: "en2" }]);
    expect(byName(cols, "langs_7").label).toBe("Plese select from the list: C++");
    const answers = { opSystem: ["Linux", "other"], "opSystem-Comment": "FreeBSD", q1: 2, langs: ["Go"], name: "Anna" };
    const row = rowValues(cols, answers, [], "codes");
    expect(row.slice(0, 6)).toEqual([0, 1, 0, 1, "FreeBSD", 2]);
    // "other" stored as text (storeOthersAsComment: false): the text stands in the list.
    expect(rowValues(cols, { opSystem: ["Windows", "Haiku"] }, [], "codes").slice(0, 5)).toEqual([1, 0, 0, 1, "Haiku"]);
    expect(rowValues(cols, {}, [], "codes").slice(0, 5)).toEqual([null, null, null, null, null]);
  });

  it("05 ranking: one rank per choice; choices only known at run time become JSON", () => {
    const cols = exportColumns(exportQuestions(load("05")));
    expect(cols.slice(0, 7).map((c) => c.name)).toEqual([1, 2, 3, 4, 5, 6, 7].map((k) => `smartphone_features_${k}`));
    expect(byName(cols, "smartphone_features_7")).toMatchObject({
      label: "Please rank the following smartphone features in order of importance: Price",
      type: "numeric",
      spssFormat: "F4.0",
      measure: "ordinal",
    });
    expect(byName(cols, "bestcar").source).toMatchObject({ extract: { kind: "json" } });
    const row = rowValues(cols, { "smartphone-features": ["Price", "Battery life", "Screen size", "Storage space", "Camera quality", "Durability", "Processor power"], bestcar: ["BMW", "Ford"] }, [], "codes");
    expect(row.slice(0, 7)).toEqual([2, 3, 4, 5, 6, 7, 1]);
    expect(row[cols.length - 1]).toBe('["BMW","Ford"]');
  });

  it("06 imagepicker with multiSelect is a set of dummies (a plain QuestionInfo is taken as single)", () => {
    const cols = exportColumns(exportQuestions(load("06")));
    expect(cols.map((c) => [c.name, c.label])).toEqual([
      ["animals_1", "Which animals would you like to see in real life?: Lion"],
      ["animals_2", "Which animals would you like to see in real life?: Giraffe"],
      ["animals_3", "Which animals would you like to see in real life?: Red panda"],
      ["animals_4", "Which animals would you like to see in real life?: Camel"],
    ]);
    expect(rowValues(cols, { animals: ["lion", "camel"] }, [], "codes")).toEqual([1, 0, 0, 1]);
    const plain = exportColumns(listQuestions(load("06")));
    expect(plain.map((c) => c.name)).toEqual(["animals"]);
    expect(rowValues(plain, { animals: ["lion"] }, [], "codes")).toEqual([null]);
    expect(rowValues(plain, { animals: ["lion"] }, [], "labels")).toEqual(['["lion"]']);
  });

  it("11 matrixdropdown: a string per row × column, named by row number and column name", () => {
    const cols = exportColumns(exportQuestions(load("11")));
    expect(cols).toHaveLength(11 + 11 * 3);
    expect(byName(cols, "carInfo_1_years")).toMatchObject({ type: "string", label: "Please tell us more about the car you have driven: Please tell us more about Audi: How long did you drive the car?" });
    expect(byName(cols, "carInfo_2_quality").label).toBe("Please tell us more about the car you have driven: BMW: How do rate the quality of the car?");
    const row = rowValues(cols, { car: ["Audi", "BMW"], carInfo: { Audi: { years: 3, design: 4, quality: 5 }, BMW: { years: 1 } } }, [], "codes");
    expect(row.slice(11, 17)).toEqual(["3", "4", "5", "1", null, null]);
  });

  it("15 radiogroup whose only choice is other; 19 matrix rows; 22 two questions on one valueName", () => {
    const c15 = exportColumns(exportQuestions(load("15")));
    expect(c15.slice(-2).map((c) => [c.name, c.label, c.type])).toEqual([
      ["question6", "question6", "numeric"],
      ["question6_other", "question6: Other (describe)", "string"],
    ]);
    expect(rowValues(c15, { question6: "other", "question6-Comment": "Mine" }, [], "codes").slice(-2)).toEqual([1, "Mine"]);
    expect(rowValues(c15, { question6: "Typed in" }, [], "labels").slice(-2)).toEqual(["Other (describe)", "Typed in"]);

    const c19 = exportColumns(exportQuestions(load("19")));
    expect(c19.map((c) => c.name)).toEqual(["quality1_1", "quality1_2", "quality1_3", "quality1_4", "question1"]);
    expect(byName(c19, "quality1_3").label).toBe("Please indicate if you agree or disagree with the following statements: Product is better than other products on the market");
    const a19 = { quality1: { affordable: 5, "does what it claims": 4, "better than others": 3, "easy to use": 1 } };
    expect(rowValues(c19, a19, [], "codes").slice(0, 4)).toEqual([1, 2, 3, 5]);
    expect(rowValues(c19, a19, [], "labels").slice(0, 4)).toEqual(["Strongly agree", "Agree", "Neutral", "Strongly disagree"]);
    // codeScheme "values": integer choice values are the codes themselves.
    const v19 = exportColumns(exportQuestions(load("19")), { codeScheme: "values" });
    expect(rowValues(v19, a19, [], "codes").slice(0, 4)).toEqual([5, 4, 3, 1]);
    expect(byName(v19, "quality1_1").valueLabels![0]).toEqual({ code: 5, label: "Strongly agree" });

    const c22 = exportColumns(exportQuestions(load("22")));
    expect(c22.map((c) => [c.name, c.source])).toEqual([
      ["employerNames", { kind: "answer", question: "employers", extract: { kind: "json" } }],
      ["employers_info", { kind: "answer", question: "employers", extract: { kind: "json" } }],
    ]);
  });

  it("every sample gives valid, unique names and rows as long as the columns", () => {
    for (const f of FILES) {
      const def = JSON.parse(fs.readFileSync(path.join(DIR, f), "utf8"));
      const cols = exportColumns(exportQuestions(def), { leading: LEADING });
      expectValidNames(cols);
      expect(rowValues(cols, {}, [], "labels")).toHaveLength(cols.length);
    }
  });
});

describe("names", () => {
  const q = (name: string, type = "text", extra: Partial<ExportQuestion> = {}): ExportQuestion => ({ name, valueName: name, type, title: name, pageIndex: 0, ...extra });

  it("transliterates Cyrillic readably", () => {
    expect(transliterate("Возраст респондента")).toBe("Vozrast respondenta");
    expect(transliterate("Щука, ёж, Юля, чай, Хабаровск")).toBe("Shchuka, yozh, Yulya, chay, Khabarovsk");
    expect(transliterate("Объём мышц; Їжак; café")).toBe("Obyom myshts; Yizhak; cafe");
    expect(spssName("Возраст респондента")).toBe("Vozrast_respondenta");
    expect(spssName("Удовлетворённость (1–5)")).toBe("Udovletvoryonnost_1_5");
  });

  it("makes names valid: letter first, no reserved words, at most 64 bytes", () => {
    expect(spssName("1-й вопрос")).toBe("v1_y_vopros");
    expect(spssName("datetime-local")).toBe("datetime_local");
    expect(spssName("to")).toBe("to_v");
    expect(spssName("你好")).toBe("v");
    expect(spssName("x".repeat(100))).toHaveLength(64);
  });

  it("de-duplicates case-insensitively with numeric suffixes, keeping suffixes within 64 bytes", () => {
    const long = "Очень длинное название вопроса про качество медицинской помощи в районе";
    const cols = exportColumns(
      [
        q("Возраст"),
        q("возраст"),
        q("q1", "checkbox", { choices: [{ value: "a", text: "A" }, { value: "b", text: "B" }] }),
        q("Q1_1"),
        q("weight"),
        q(long, "checkbox", { choices: [{ value: 1, text: "Да" }, { value: 2, text: "Нет" }] }),
        q(long + " — в городе"),
        q(long + " — в селе"),
        q("ALL"),
      ],
      { leading: [{ name: "weight", type: "numeric", spssFormat: "F12.6" }] },
    );
    const names = cols.map((c) => c.name);
    expect(names.slice(0, 7)).toEqual(["weight", "Vozrast", "vozrast_2", "q1_1", "q1_2", "Q1_1_2", "weight_2"]);
    expect(names[7]).toBe("Ochen_dlinnoe_nazvanie_voprosa_pro_kachestvo_meditsinskoy_pomo_1");
    expect(names[8]).toBe("Ochen_dlinnoe_nazvanie_voprosa_pro_kachestvo_meditsinskoy_pomo_2");
    expect(names[9]).toBe("Ochen_dlinnoe_nazvanie_voprosa_pro_kachestvo_meditsinskoy_pomosh");
    expect(names[10]).toBe("Ochen_dlinnoe_nazvanie_voprosa_pro_kachestvo_meditsinskoy_pomo_3");
    expect(names[11]).toBe("ALL_v");
    expect(cols[7]!.label).toBe(`${long}: Да`);
    expectValidNames(cols);
  });

  it("single choice without an other item: unknown values are empty codes and verbatim labels", () => {
    const cols = exportColumns([q("pol", "radiogroup", { title: "Пол", choices: [{ value: 1, text: "Мужской" }, { value: 2, text: "Женский" }] })]);
    expect(cols.map((c) => c.name)).toEqual(["pol"]);
    expect(rowValues(cols, { pol: 2 }, [], "codes")).toEqual([2]);
    expect(rowValues(cols, { pol: "2" }, [], "codes")).toEqual([2]);
    expect(rowValues(cols, { pol: 3 }, [], "codes")).toEqual([null]);
    expect(rowValues(cols, { pol: 3 }, [], "labels")).toEqual(["3"]);
    expect(rowValues(cols, { pol: 1 }, [], "labels")).toEqual(["Мужской"]);
  });

  it("comment areas and numeric text inputs, when known", () => {
    const cols = exportColumns([
      q("age", "text", { numeric: true, title: "Возраст" }),
      q("r", "rating", { choices: [{ value: 1, text: "1" }, { value: 2, text: "2" }], commentArea: true }),
    ]);
    expect(cols.map((c) => [c.name, c.type, c.label])).toEqual([
      ["age", "numeric", "Возраст"],
      ["r", "numeric", "r"],
      ["r_comment", "string", "r: comment"],
    ]);
    expect(rowValues(cols, { age: "42", r: 2, "r-Comment": "почему" }, [], "codes")).toEqual([42, 2, "почему"]);
    expect(rowValues(cols, { age: "n/a" }, [], "codes")).toEqual([null, null, null]);
  });

  it("matrix with checkbox cells: one string per row with the chosen columns", () => {
    const cols = exportColumns([
      q("m", "matrix", { title: "Brands", multiple: true, rows: [{ value: "tv", text: "TV" }, { value: "web", text: "Web" }], columns: [{ value: "a", text: "Alpha" }, { value: "b", text: "Beta" }] }),
    ]);
    expect(cols.map((c) => [c.name, c.type, c.label])).toEqual([
      ["m_1", "string", "Brands: TV"],
      ["m_2", "string", "Brands: Web"],
    ]);
    const answers = { m: { tv: ["a", "b"], web: ["zzz"] } };
    expect(rowValues(cols, answers, [], "codes")).toEqual(["1,2", "zzz"]);
    expect(rowValues(cols, answers, [], "labels")).toEqual(["Alpha; Beta", "zzz"]);
  });
});

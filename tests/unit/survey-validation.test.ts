/** Server-side answer validation: each strict check, survey-core's checks, cleaning, caching. */
import { validateResponse, type AnswerError, type SurveyDefinition, type ValidateResult } from "../../app/domain/survey";
import { validateResponseInternal } from "../../app/domain/survey/validate-response";

const survey = (...elements: Record<string, unknown>[]): SurveyDefinition => ({ pages: [{ name: "p1", elements }] });

function errorsOf(res: ValidateResult): AnswerError[] {
  if (res.ok) throw new Error(`expected a rejection, got ${JSON.stringify(res.cleaned)}`);
  return res.errors;
}
const brief = (res: ValidateResult) => errorsOf(res).map((e) => ({ question: e.question, code: e.code, path: e.path }));

const POLL = survey(
  { type: "radiogroup", name: "district", title: "Your district", isRequired: true, choices: ["north", "south"] },
  { type: "checkbox", name: "issues", title: "Main issues", choices: ["roads", "parks", "schools", "lighting"], maxSelectedChoices: 2 },
  { type: "checkbox", name: "transport", choices: ["bus", "tram"], showOtherItem: true, showNoneItem: true },
  { type: "rating", name: "trust", title: "Trust", rateMin: 1, rateMax: 5 },
  { type: "boolean", name: "resident", title: "Resident" },
  { type: "text", name: "age", inputType: "number", min: 18, max: 120 },
  { type: "text", name: "nick", maxLength: 10 },
  { type: "comment", name: "remarks", title: "Remarks" },
  { type: "comment", name: "why", title: "Why not?", visibleIf: "{resident} = false" },
  { type: "matrix", name: "grid", title: "Grid", rows: ["r1", "r2"], columns: [1, 2, 3] },
  { type: "matrixdropdown", name: "md", rows: ["a", "b"], columns: [{ name: "c1", cellType: "dropdown", choices: ["x", "y"] }, { name: "c2", cellType: "text" }] },
  { type: "paneldynamic", name: "kids", templateElements: [{ type: "text", name: "kidName", isRequired: true }, { type: "dropdown", name: "kidAge", choices: [1, 2, 3] }] },
);

describe("the request body", () => {
  it.each([
    ["an array", [{ district: "north" }]],
    ["null", null],
    ["a string", "district=north"],
    ["a number", 42],
    ["a Date", new Date()],
  ])("rejects %s with one body-level not_object error", (_label, body) => {
    expect(brief(validateResponse(POLL, body))).toEqual([{ question: null, code: "not_object", path: undefined }]);
  });

  it("rejects more than 2,000 keys", () => {
    const body = Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`k${i}`, 1]));
    expect(brief(validateResponse(POLL, body))).toEqual([{ question: null, code: "too_many_keys", path: undefined }]);
  });
});

describe("strict checks", () => {
  it("accepts a valid submission and returns it unchanged", () => {
    const answers = { district: "north", issues: ["roads", "parks"], transport: ["bus", "other"], "transport-Comment": "bike", trust: 4, resident: true, age: 40, nick: "anna", grid: { r1: 2 } };
    expect(validateResponse(POLL, answers)).toEqual({ ok: true, cleaned: answers, warnings: [] });
  });

  it("rejects a key that is not a question", () => {
    expect(brief(validateResponse(POLL, { district: "north", districtt: "north", __proto__x: 1 }))).toEqual([
      { question: null, code: "unknown_key", path: "districtt" },
      { question: null, code: "unknown_key", path: "__proto__x" },
    ]);
    const proto = JSON.parse('{"district":"north","__proto__":{"polluted":true}}');
    expect(brief(validateResponse(POLL, proto))).toEqual([{ question: null, code: "unknown_key", path: "__proto__" }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects a choice that is not in the list (survey-core would silently drop it)", () => {
    expect(brief(validateResponse(POLL, { district: "east" }))).toEqual([{ question: "district", code: "invalid_choice", path: "district" }]);
    expect(brief(validateResponse(POLL, { district: "north", issues: ["roads", "casino"] }))).toEqual([{ question: "issues", code: "invalid_choice", path: "issues[1]" }]);
  });

  it("compares choice values with their type: 2 is not \"2\"", () => {
    const def = survey({ type: "dropdown", name: "n", choices: [1, 2, 3] });
    expect(validateResponse(def, { n: 2 }).ok).toBe(true);
    expect(brief(validateResponse(def, { n: "2" }))).toEqual([{ question: "n", code: "invalid_choice", path: "n" }]);
  });

  it("rejects a rating off the scale, including the rateValues form", () => {
    expect(brief(validateResponse(POLL, { district: "north", trust: 6 }))).toEqual([{ question: "trust", code: "out_of_scale", path: "trust" }]);
    expect(brief(validateResponse(POLL, { district: "north", trust: 2.5 }))).toEqual([{ question: "trust", code: "out_of_scale", path: "trust" }]);
    const def = survey({ type: "rating", name: "r", rateValues: [10, 20, 30] }, { type: "rating", name: "s", rateMin: 0, rateMax: 100, rateStep: 25 });
    expect(validateResponse(def, { r: 20, s: 75 }).ok).toBe(true);
    expect(brief(validateResponse(def, { r: 2, s: 70 }))).toEqual([
      { question: "r", code: "out_of_scale", path: "r" },
      { question: "s", code: "out_of_scale", path: "s" },
    ]);
  });

  it("enforces maxLength, and 10,000 characters when the question sets none", () => {
    expect(brief(validateResponse(POLL, { district: "north", nick: "x".repeat(11) }))).toEqual([{ question: "nick", code: "too_long", path: "nick" }]);
    expect(validateResponse(POLL, { district: "north", remarks: "y".repeat(10_000) }).ok).toBe(true);
    expect(brief(validateResponse(POLL, { district: "north", remarks: "y".repeat(10_001) }))).toEqual([{ question: "remarks", code: "too_long", path: "remarks" }]);
  });

  it("rejects a boolean sent as the string \"true\", and honours valueTrue/valueFalse", () => {
    expect(brief(validateResponse(POLL, { district: "north", resident: "true" }))).toEqual([{ question: "resident", code: "invalid_type", path: "resident" }]);
    const def = survey({ type: "boolean", name: "b", valueTrue: "yes", valueFalse: "no" });
    expect(validateResponse(def, { b: "yes" }).ok).toBe(true);
    expect(brief(validateResponse(def, { b: true }))).toEqual([{ question: "b", code: "invalid_type", path: "b" }]);
  });

  it("requires numbers within min/max for number inputs", () => {
    expect(brief(validateResponse(POLL, { district: "north", age: "40" }))).toEqual([{ question: "age", code: "invalid_type", path: "age" }]);
    expect(brief(validateResponse(POLL, { district: "north", age: 17 }))).toEqual([{ question: "age", code: "out_of_range", path: "age" }]);
    expect(brief(validateResponse(POLL, { district: "north", age: 121 }))).toEqual([{ question: "age", code: "out_of_range", path: "age" }]);
  });

  it("enforces maxSelectedChoices and minSelectedChoices, and rejects duplicates", () => {
    expect(brief(validateResponse(POLL, { district: "north", issues: ["roads", "parks", "schools"] }))).toEqual([{ question: "issues", code: "too_many_choices", path: "issues" }]);
    expect(brief(validateResponse(POLL, { district: "north", issues: ["roads", "roads"] }))).toEqual([{ question: "issues", code: "duplicate_choice", path: "issues[1]" }]);
    const def = survey({ type: "checkbox", name: "c", choices: ["a", "b", "c"], minSelectedChoices: 2, showNoneItem: true });
    expect(validateResponse(def, { c: ["a", "b"] }).ok).toBe(true);
    expect(validateResponse(def, { c: ["none"] }).ok).toBe(true);
    expect(brief(validateResponse(def, { c: ["a"] }))).toEqual([{ question: "c", code: "too_few_choices", path: "c" }]);
    // survey-core itself reports an empty answer too (minSelectedChoices makes the question required).
    expect(brief(validateResponse(def, {}))).toEqual([{ question: "c", code: "validator", path: "c" }]);
  });

  it("allows \"other\" and \"none\" only when the question shows them; none stands alone", () => {
    expect(brief(validateResponse(POLL, { district: "other" }))).toEqual([{ question: "district", code: "other_not_allowed", path: "district" }]);
    expect(brief(validateResponse(POLL, { district: "none" }))).toEqual([{ question: "district", code: "none_not_allowed", path: "district" }]);
    expect(validateResponse(POLL, { district: "north", transport: ["none"] }).ok).toBe(true);
    expect(brief(validateResponse(POLL, { district: "north", transport: ["none", "bus"] }))).toEqual([{ question: "transport", code: "exclusive_choice", path: "transport" }]);
  });

  it("rejects a comment key for a question without other/comment", () => {
    expect(brief(validateResponse(POLL, { district: "north", "district-Comment": "x" }))).toEqual([{ question: null, code: "unknown_key", path: "district-Comment" }]);
  });

  it("rejects unknown matrix rows and columns", () => {
    expect(brief(validateResponse(POLL, { district: "north", grid: { r3: 1 } }))).toEqual([{ question: "grid", code: "unknown_row", path: "grid.r3" }]);
    expect(brief(validateResponse(POLL, { district: "north", grid: { r1: 4 } }))).toEqual([{ question: "grid", code: "unknown_column", path: "grid.r1" }]);
    expect(brief(validateResponse(POLL, { district: "north", md: { c: { c1: "x" } } }))).toEqual([{ question: "md", code: "unknown_row", path: "md.c" }]);
    expect(brief(validateResponse(POLL, { district: "north", md: { a: { c9: "x" } } }))).toEqual([{ question: "md", code: "unknown_key", path: "md.a.c9" }]);
    expect(brief(validateResponse(POLL, { district: "north", md: { a: { c1: "z" } } }))).toEqual([{ question: "md", code: "invalid_choice", path: "md.a.c1" }]);
  });

  it("validates dynamic panels recursively against their template", () => {
    expect(validateResponse(POLL, { district: "north", kids: [{ kidName: "Ann", kidAge: 2 }] }).ok).toBe(true);
    expect(brief(validateResponse(POLL, { district: "north", kids: [{ kidName: "Ann", kidAge: 9, shoe: 30 }] }))).toEqual([
      { question: "kids", code: "invalid_choice", path: "kids[0].kidAge" },
      { question: "kids", code: "unknown_key", path: "kids[0].shoe" },
    ]);
    expect(brief(validateResponse(POLL, { district: "north", kids: { kidName: "Ann" } }))).toEqual([{ question: "kids", code: "invalid_type", path: "kids" }]);
    expect(brief(validateResponse(POLL, { district: "north", kids: [{ kidAge: 1 }] }))).toEqual([{ question: "kids", code: "required", path: "kids[0].kidName" }]);
  });

  it("accepts HTML and script in a text answer as plain text, unchanged (it is escaped when shown)", () => {
    const remarks = `<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"`;
    const res = validateResponse(POLL, { district: "north", remarks });
    expect(res).toEqual({ ok: true, cleaned: { district: "north", remarks }, warnings: [] });
  });
});

describe("hidden questions", () => {
  it("rejects an answer to a question hidden by visibleIf given the submitted answers", () => {
    expect(brief(validateResponse(POLL, { district: "north", resident: true, why: "busy" }))).toEqual([{ question: "why", code: "hidden_question", path: "why" }]);
    expect(validateResponse(POLL, { district: "north", resident: false, why: "busy" }).ok).toBe(true);
  });

  it("drops an empty value of a hidden question instead of rejecting it", () => {
    expect(validateResponse(POLL, { district: "north", resident: true, why: "" })).toEqual({ ok: true, cleaned: { district: "north", resident: true }, warnings: [] });
  });

  it("keeps answers to hidden questions when the author chose clearInvisibleValues: none", () => {
    const def = { clearInvisibleValues: "none", ...survey({ type: "boolean", name: "a" }, { type: "text", name: "b", visibleIf: "{a} = true" }) };
    expect(validateResponse(def, { a: false, b: "kept" })).toEqual({ ok: true, cleaned: { a: false, b: "kept" }, warnings: [] });
  });

  it("rejects answers in rows hidden by rowsVisibleIf", () => {
    const def = survey(
      { type: "checkbox", name: "cars", choices: ["audi", "bmw"] },
      { type: "matrixdropdown", name: "info", rowsVisibleIf: "{cars} contains {item}", rows: ["audi", "bmw"], columns: [{ name: "years", cellType: "text", inputType: "number" }] },
    );
    expect(validateResponse(def, { cars: ["audi"], info: { audi: { years: 2 } } }).ok).toBe(true);
    expect(brief(validateResponse(def, { cars: ["audi"], info: { audi: { years: 2 }, bmw: { years: 1 } } }))).toEqual([{ question: "info", code: "hidden_row", path: "info.bmw" }]);
  });

  it("rejects answers inside a dynamic panel hidden by {panel.x}", () => {
    const def = survey({
      type: "paneldynamic",
      name: "people",
      templateElements: [{ type: "radiogroup", name: "alive", choices: ["yes", "no"] }, { type: "text", name: "age", visibleIf: "{panel.alive} = 'yes'" }],
    });
    expect(validateResponse(def, { people: [{ alive: "yes", age: "40" }] }).ok).toBe(true);
    expect(brief(validateResponse(def, { people: [{ alive: "no", age: "40" }] }))).toEqual([{ question: "people", code: "hidden_question", path: "people[0].age" }]);
  });
});

describe("survey-core's own checks", () => {
  it("reports required questions in the requested locale, naming the question", () => {
    const en = errorsOf(validateResponse(POLL, {}, { locale: "en" }));
    expect(en).toEqual([{ question: "district", code: "required", path: "district", message: 'Question "Your district": Response required.' }]);
    const ru = errorsOf(validateResponse(POLL, {}, { locale: "ru" }));
    expect(ru).toEqual([{ question: "district", code: "required", path: "district", message: "Вопрос «Your district»: Пожалуйста, ответьте на вопрос." }]);
  });

  it("runs validators (email, regex, numeric, text, expression) with survey-core's texts", () => {
    const def = survey(
      { type: "text", name: "mail", title: "E-mail", validators: [{ type: "email" }] },
      { type: "text", name: "code", validators: [{ type: "regex", regex: "^[0-9]{6}$", text: { default: "Six digits", ru: "Шесть цифр" } }] },
      { type: "text", name: "n", inputType: "number", validators: [{ type: "numeric", minValue: 1, maxValue: 5 }] },
      { type: "text", name: "pair", validators: [{ type: "expression", expression: "{pair} <> {code}", text: "Must differ" }] },
    );
    expect(validateResponse(def, { mail: "a@b.co", code: "123456", n: 3, pair: "x" }).ok).toBe(true);
    const res = errorsOf(validateResponse(def, { mail: "nope", code: "12", n: 9, pair: "12" }, { locale: "ru" }));
    expect(res.map((e) => [e.question, e.code])).toEqual([
      ["mail", "validator"],
      ["code", "validator"],
      ["n", "validator"],
      ["pair", "validator"],
    ]);
    expect(res[0]!.message).toBe("Вопрос «E-mail»: Пожалуйста, введите действительный адрес электронной почты.");
    expect(res[1]!.message).toBe("Вопрос «code»: Шесть цифр");
    expect(res[3]!.message).toBe("Вопрос «pair»: Must differ");
  });

  it("applies requiredIf and skips disabled (enableIf) questions", () => {
    const def = survey(
      { type: "boolean", name: "car" },
      { type: "text", name: "plate", requiredIf: "{car} = true" },
      { type: "text", name: "model", isRequired: true, enableIf: "{car} = true" },
    );
    expect(brief(validateResponse(def, { car: true }))).toEqual([
      { question: "plate", code: "required", path: "plate" },
      { question: "model", code: "required", path: "model" },
    ]);
    expect(validateResponse(def, { car: false }).ok).toBe(true);
  });

  it("checks eachRowRequired and \"other\" without its text", () => {
    const def = survey(
      { type: "matrix", name: "m", rows: ["a", "b"], columns: [1, 2], eachRowRequired: true },
      { type: "radiogroup", name: "r", choices: ["x"], showOtherItem: true },
    );
    expect(brief(validateResponse(def, { m: { a: 1 }, r: "other" }))).toEqual([
      { question: "m", code: "required_all_rows", path: "m" },
      { question: "r", code: "other_empty", path: "r" },
    ]);
    expect(validateResponse(def, { m: { a: 1, b: 2 }, r: "other", "r-Comment": "mine" }).ok).toBe(true);
  });
});

describe("cleaned answers and dynamic choices", () => {
  it("drops a -Comment whose \"other\" is not selected, and matrix totals", () => {
    const def = survey(
      { type: "radiogroup", name: "r", choices: ["x", "y"], showOtherItem: true },
      { type: "matrixdynamic", name: "order", columns: [{ name: "qty", cellType: "text", inputType: "number", totalType: "sum" }] },
    );
    const res = validateResponse(def, { r: "x", "r-Comment": "stale", order: [{ qty: 2 }], "order-total": { qty: 2 } });
    expect(res).toEqual({ ok: true, cleaned: { r: "x", order: [{ qty: 2 }] }, warnings: [] });
  });

  it("checks choicesFromQuestion against the answers (only selected cars can be ranked)", () => {
    const def = survey(
      { type: "checkbox", name: "car", choices: ["Ford", "BMW", "Audi"] },
      { type: "ranking", name: "best", choicesFromQuestion: "car", choicesFromQuestionMode: "selected" },
    );
    expect(validateResponse(def, { car: ["Ford", "BMW"], best: ["BMW", "Ford"] }).ok).toBe(true);
    expect(brief(validateResponse(def, { car: ["Ford", "BMW"], best: ["BMW", "Audi"] }))).toEqual([{ question: "best", code: "invalid_choice", path: "best[1]" }]);
  });

  it("accepts choicesByUrl answers by type only and flags them (the server never fetches)", () => {
    const def = survey({ type: "dropdown", name: "city", choicesByUrl: { url: "https://example.org/cities" } });
    const res = validateResponse(def, { city: "Omsk" });
    expect(res).toMatchObject({ ok: true, cleaned: { city: "Omsk" } });
    expect(res.ok && res.warnings.map((w) => [w.question, w.code])).toEqual([["city", "unverified_choice"]]);
    expect(brief(validateResponse(def, { city: { evil: true } }))).toEqual([{ question: "city", code: "invalid_type", path: "city" }]);
  });

  it("requires a complete ranking", () => {
    const def = survey({ type: "ranking", name: "rank", choices: ["a", "b", "c"] });
    expect(validateResponse(def, { rank: ["c", "a", "b"] }).ok).toBe(true);
    expect(brief(validateResponse(def, { rank: ["c", "a"] }))).toEqual([{ question: "rank", code: "incomplete_ranking", path: "rank" }]);
  });
});

describe("the cached survey-core model", () => {
  const KIDS = {
    pages: [
      {
        elements: [
          { type: "radiogroup", name: "haveKids", choices: ["Yes", "No"], isRequired: true },
          { type: "dropdown", name: "kids", visibleIf: "{haveKids} = 'Yes'", isRequired: true, choices: [1, 2, 3] },
          { type: "paneldynamic", name: "ages", templateElements: [{ type: "text", name: "age", isRequired: true, validators: [{ type: "expression", expression: "{panel.age} > 0" }] }] },
        ],
      },
    ],
  };

  it("does not leak values from one call into the next", () => {
    for (const engine of ["auto", "core"] as const) {
      const first = validateResponseInternal(KIDS, { haveKids: "Yes", kids: 2, ages: [{ age: 3 }, { age: 5 }] }, { engine });
      expect(first).toEqual({ ok: true, cleaned: { haveKids: "Yes", kids: 2, ages: [{ age: 3 }, { age: 5 }] }, warnings: [] });
      // Same survey, new respondent: kids and ages are missing, so kids is required and no panel is left over.
      const second = validateResponseInternal(KIDS, { haveKids: "Yes" }, { engine });
      expect(brief(second)).toEqual([{ question: "kids", code: "required", path: "kids" }]);
      const third = validateResponseInternal(KIDS, { haveKids: "Yes", kids: 1, ages: [{}] }, { engine });
      expect(brief(third)).toEqual([{ question: "ages", code: "required", path: "ages[0].age" }]);
      expect(validateResponseInternal(KIDS, { haveKids: "Yes" }, { engine, reference: true })).toEqual(second);
    }
  });

  it("reuses the preparation for an equal definition loaded into a new object", () => {
    const a = JSON.parse(JSON.stringify(KIDS));
    const b = JSON.parse(JSON.stringify(KIDS));
    expect(validateResponse(a, { haveKids: "No" })).toEqual(validateResponse(b, { haveKids: "No" }));
  });
});

import { ConditionRunner, Model } from "survey-core";
import "../../app/domain/survey-properties";
import { designerReducer, initialState } from "../../app/components/designer/designer-state";
import { lineColumn, parseJsonText, schemaProblems } from "../../app/components/designer/json-check";
import {
  addChoice,
  addPage,
  addQuestion,
  allNames,
  answerValues,
  buildCondition,
  canMove,
  coerceValue,
  defaultValidator,
  deletePage,
  deleteQuestion,
  demographicBlock,
  DesignerOpError,
  duplicateQuestion,
  duplicateValues,
  findElement,
  insertDemographicBlock,
  insertElement,
  insertItem,
  insertOrganisationRating,
  listElements,
  moveChoice,
  moveItem,
  movePage,
  moveQuestion,
  moveQuestionTo,
  nameProblem,
  nextQuestionName,
  normalizeSurvey,
  organisationRatingQuestion,
  parseSimpleCondition,
  QUESTION_TYPES,
  questionsBefore,
  readChoices,
  readText,
  removeChoice,
  removeItem,
  renamePage,
  renameQuestion,
  setLocalizedText,
  updateChoice,
  updateItem,
  updatePage,
  updateQuestion,
  VALIDATOR_TYPES,
  writeText,
  type ElementJson,
  type SimpleCondition,
  type SurveyJson,
} from "../../app/domain/survey/designer";

const empty = (): SurveyJson => normalizeSurvey({ locale: "ru", pages: [{ name: "page1", elements: [] }] });
const names = (s: SurveyJson, page = 0) => s.pages[page]!.elements.map((e) => e.name);
const add = (s: SurveyJson, type: (typeof QUESTION_TYPES)[number] | "panel" = "text", page = 0, at?: number) => addQuestion(s, type, page, at).survey;

/** survey-core's complaints about a definition (our rpKind is registered, so it is not one). */
function coreErrors(json: unknown) {
  return new Model(json).jsonErrors ?? [];
}

describe("survey shape", () => {
  it("normalizes a bare element list and junk into pages", () => {
    expect(normalizeSurvey({ elements: [{ type: "text", name: "a" }] })).toEqual({ pages: [{ name: "page1", elements: [{ type: "text", name: "a" }] }] });
    expect(normalizeSurvey(null)).toEqual({ pages: [{ name: "page1", elements: [] }] });
    expect(normalizeSurvey({ pages: [{}] }).pages[0]).toEqual({ name: "page1", elements: [] });
  });

  it("never mutates its input", () => {
    const s = empty();
    const frozen = JSON.stringify(s);
    add(s);
    addPage(s);
    expect(JSON.stringify(s)).toBe(frozen);
  });
});

describe("pages", () => {
  it("adds, renames, updates, moves and deletes pages", () => {
    let s = addPage(addPage(empty()));
    expect(s.pages.map((p) => p.name)).toEqual(["page1", "page2", "page3"]);
    s = renamePage(s, 1, "screening");
    expect(() => renamePage(s, 0, "screening")).toThrow(DesignerOpError);
    expect(() => renamePage(s, 0, "1bad")).toThrow(/Invalid/);
    s = updatePage(s, 1, { title: { ru: "Отбор", en: "Screening" } });
    s = movePage(s, 1, 0);
    expect(s.pages.map((p) => p.name)).toEqual(["screening", "page1", "page3"]);
    expect(addPage(s, 0).pages[0]!.name).toBe("page4");
    s = deletePage(s, 0);
    expect(s.pages.map((p) => p.name)).toEqual(["page1", "page3"]);
    expect(deletePage(deletePage(s, 0), 0).pages).toEqual([{ name: "page1", elements: [] }]);
  });
});

describe("questions", () => {
  it("adds a loadable default question of every supported type with q1, q2… names", () => {
    let s = empty();
    for (const type of QUESTION_TYPES) s = add(s, type);
    expect(names(s)).toEqual(QUESTION_TYPES.map((_, i) => `q${i + 1}`));
    expect(coreErrors(s)).toEqual([]);
    const model = new Model(s);
    for (const [i, type] of QUESTION_TYPES.entries()) expect(model.getQuestionByName(`q${i + 1}`)?.getType()).toBe(type);
  });

  it("never clashes with names inside panels and dynamic panels", () => {
    const s = normalizeSurvey({
      pages: [
        { name: "p", elements: [{ type: "panel", name: "box", elements: [{ type: "text", name: "q7" }] }, { type: "paneldynamic", name: "kids", templateElements: [{ type: "text", name: "q9" }] }] },
      ],
    });
    expect(nextQuestionName(s)).toBe("q10");
    const added = addQuestion(s, "text", 0);
    expect(added.name).toBe("q10");
    expect(nameProblem(s, "q9")).toBe("name.taken");
    expect(nameProblem(s, "9q")).toBe("name.invalid");
    expect(nameProblem(s, "q9", "q9")).toBeNull();
    expect(() => insertElement(s, { type: "text", name: "q7" }, 0)).toThrow(/taken/);
  });

  it("inserts at a position", () => {
    let s = add(add(empty()));
    s = add(s, "text", 0, 1);
    expect(names(s)).toEqual(["q1", "q3", "q2"]);
  });

  it("moves up and down within a page, across pages and out of panels", () => {
    let s = addPage(add(add(empty())));
    s = add(s, "text", 1);
    expect(names(s)).toEqual(["q1", "q2"]);
    s = moveQuestion(s, "q2", "up");
    expect(names(s)).toEqual(["q2", "q1"]);
    s = moveQuestion(s, "q1", "down");
    expect(names(s)).toEqual(["q2"]);
    expect(names(s, 1)).toEqual(["q1", "q3"]);
    s = moveQuestion(s, "q1", "up");
    expect(names(s)).toEqual(["q2", "q1"]);
    expect(moveQuestion(s, "q2", "up")).toEqual(s);
    expect(moveQuestion(s, "q3", "down")).toEqual(s);
    s = moveQuestionTo(s, "q3", 0, 0);
    expect(names(s)).toEqual(["q3", "q2", "q1"]);
    expect(names(s, 1)).toEqual([]);

    let p = normalizeSurvey({ pages: [{ name: "p", elements: [{ type: "panel", name: "box", elements: [{ type: "text", name: "a" }, { type: "text", name: "b" }] }] }] });
    p = moveQuestion(p, "a", "up");
    expect(names(p)).toEqual(["a", "box"]);
    p = moveQuestion(p, "b", "down");
    expect(names(p)).toEqual(["a", "box", "b"]);
  });

  it("knows when a move is possible without copying the survey", () => {
    const s = addPage(add(add(empty())));
    expect([canMove(s, "q1", "up"), canMove(s, "q1", "down"), canMove(s, "q2", "down"), canMove(s, "missing", "up")]).toEqual([false, true, true, false]);
    const last = moveQuestionTo(s, "q2", 1);
    expect(canMove(last, "q2", "down")).toBe(false);
    const nested = insertDemographicBlock(empty(), [], 0);
    expect(canMove(nested, "territory", "up")).toBe(true);
  });

  it("duplicates deeply with fresh names, right after the original", () => {
    let s = add(add(empty(), "radiogroup"));
    const dup = duplicateQuestion(s, "q1");
    s = dup.survey;
    expect(dup.name).toBe("q3");
    expect(names(s)).toEqual(["q1", "q3", "q2"]);
    expect(findElement(s, "q3")!.choices).toEqual(findElement(s, "q1")!.choices);
    s = updateQuestion(s, "q3", { choices: [] });
    expect(readChoices(findElement(s, "q1")!)).toHaveLength(3);

    const withBlock = insertDemographicBlock(empty(), [{ code: "t1", name: "Т" }], 0);
    const copied = duplicateQuestion(withBlock, "demographics");
    expect([...allNames(copied.survey)].sort()).toEqual(["age_band", "age_band_2", "demographics", "demographics_2", "sex", "sex_2", "territory", "territory_2"]);
  });

  it("deletes anywhere", () => {
    let s = insertDemographicBlock(add(empty()), [], 0);
    s = deleteQuestion(s, "sex");
    expect([...allNames(s)]).toEqual(["q1", "demographics", "territory", "age_band"]);
    s = deleteQuestion(s, "q1");
    expect(names(s)).toEqual(["demographics"]);
    expect(deleteQuestion(s, "missing")).toEqual(s);
  });

  it("patches properties, removing cleared ones", () => {
    let s = add(empty(), "text");
    s = updateQuestion(s, "q1", { isRequired: true, inputType: "number", min: 0, max: 120, maxLength: undefined });
    expect(findElement(s, "q1")).toMatchObject({ isRequired: true, inputType: "number", min: 0, max: 120 });
    expect(findElement(s, "q1")).not.toHaveProperty("maxLength");
    s = updateQuestion(s, "q1", { isRequired: "", min: null });
    expect(findElement(s, "q1")).not.toHaveProperty("isRequired");
    expect(findElement(s, "q1")).not.toHaveProperty("min");
    expect(() => updateQuestion(s, "nope", {})).toThrow(DesignerOpError);
  });

  it("renames and rewrites references in expressions", () => {
    let s = add(add(empty(), "radiogroup"));
    s = updateQuestion(s, "q2", { visibleIf: "{q1} = 'item1' or {q10} notempty", enableIf: "{q1.row} > 2" });
    s = updatePage(s, 0, { visibleIf: "{q1} notempty" });
    s = updateQuestion(s, "q1", { name: "likes" });
    expect(findElement(s, "q2")).toMatchObject({ visibleIf: "{likes} = 'item1' or {q10} notempty", enableIf: "{likes.row} > 2" });
    expect(s.pages[0]!.visibleIf).toBe("{likes} notempty");
    expect(() => renameQuestion(s, "likes", "q2")).toThrow(/Cannot rename/);
    expect(() => renameQuestion(s, "likes", "bad name")).toThrow(DesignerOpError);
  });
});

describe("localized text", () => {
  it("stores Russian alone as a plain string and both languages as { ru, en }", () => {
    let q: ElementJson = { type: "text", name: "a" };
    q = setLocalizedText(q, "title", "ru", "Вопрос");
    expect(q.title).toBe("Вопрос");
    q = setLocalizedText(q, "title", "en", "Question");
    expect(q.title).toEqual({ ru: "Вопрос", en: "Question" });
    q = setLocalizedText(q, "title", "ru", "");
    expect(q.title).toEqual({ en: "Question" });
    q = setLocalizedText(q, "title", "en", "");
    expect(q).not.toHaveProperty("title");
  });

  it("reads like survey-core and keeps other locales, never writing 'default'", () => {
    expect(readText("Вопрос", "ru")).toBe("Вопрос");
    expect(readText("Вопрос", "en")).toBe("");
    expect(readText({ default: "Hello", de: "Hallo" }, "ru")).toBe("Hello");
    expect(writeText({ default: "Hello", de: "Hallo" }, "ru", "Привет")).toEqual({ ru: "Привет", en: "Hello", de: "Hallo" });
    const model = new Model({ locale: "ru", pages: [{ name: "p", elements: [{ type: "text", name: "a", title: writeText("Вопрос", "en", "Question") }] }] });
    expect(model.getQuestionByName("a").title).toBe("Вопрос");
    model.locale = "en";
    expect(model.getQuestionByName("a").title).toBe("Question");
  });
});

describe("choices and lists", () => {
  it("adds, edits, reorders and removes choices with value + ru/en text", () => {
    let q: ElementJson = { type: "radiogroup", name: "a", choices: ["x", { value: "y", text: "Игрек" }] };
    q = addChoice(q);
    expect(readChoices(q).map((c) => c.value)).toEqual(["x", "y", "item3"]);
    q = updateChoice(q, 2, { ru: "Третий", en: "Third" });
    q = updateChoice(q, 0, { value: "xx" });
    q = moveChoice(q, 2, 0);
    expect(q.choices).toEqual([{ value: "item3", text: { ru: "Третий", en: "Third" } }, "xx", { value: "y", text: "Игрек" }]);
    q = removeChoice(q, 1);
    expect(readChoices(q)).toEqual([
      { value: "item3", ru: "Третий", en: "Third" },
      { value: "y", ru: "Игрек", en: "" },
    ]);
    expect(removeChoice(removeChoice(q, 0), 0)).not.toHaveProperty("choices");
    expect(duplicateValues([...readChoices(q), { value: "y", ru: "", en: "" }])).toEqual(new Set(["y"]));
  });

  it("continues numeric lists with numbers and coerces typed values", () => {
    const m = addChoice({ type: "matrix", name: "m", columns: [1, 2] }, "columns");
    expect(m.columns).toEqual([1, 2, 3]);
    expect(coerceValue(" 4 ", true)).toBe(4);
    expect(coerceValue("4", false)).toBe("4");
    expect(coerceValue("a4", true)).toBe("a4");
  });

  it("edits object lists (validators, matrix columns)", () => {
    let q: ElementJson = { type: "text", name: "a" };
    for (const type of VALIDATOR_TYPES) q = insertItem(q, "validators", defaultValidator(type));
    q = updateItem(q, "validators", 1, { minValue: 18, maxValue: undefined });
    expect((q.validators as object[])[1]).toEqual({ type: "numeric", minValue: 18 });
    q = moveItem(q, "validators", 0, 4);
    expect((q.validators as { type: string }[]).map((v) => v.type)).toEqual(["numeric", "text", "regex", "expression", "email"]);
    for (let i = 0; i < 5; i++) q = removeItem(q, "validators", 0);
    expect(q).not.toHaveProperty("validators");
  });
});

describe("conditions", () => {
  it("builds survey-core expressions with correct quoting", () => {
    expect(buildCondition({ question: "q1", operator: "=", value: "yes" })).toBe("{q1} = 'yes'");
    expect(buildCondition({ question: "q1", operator: "<>", value: "it's" })).toBe("{q1} <> 'it\\'s'");
    expect(buildCondition({ question: "q1", operator: "=", value: 'say "hi"' })).toBe("{q1} = 'say \\\"hi\\\"'");
    expect(buildCondition({ question: "age", operator: ">", value: 17 })).toBe("{age} > 17");
    expect(buildCondition({ question: "b", operator: "=", value: true })).toBe("{b} = true");
    expect(buildCondition({ question: "q1", operator: "notempty" })).toBe("{q1} notempty");
    expect(buildCondition({ question: "q1", operator: "empty", value: "ignored" })).toBe("{q1} empty");
    expect(buildCondition({ question: "q1", operator: "anyof", value: ["a", "b'c", 3] })).toBe("{q1} anyof ['a', 'b\\'c', 3]");
    expect(buildCondition({ question: "q1", operator: "contains", value: "x" })).toBe("{q1} contains 'x'");
    expect(() => buildCondition({ question: "q1", operator: "=", value: "trailing\\" })).toThrow(/backslash/);
    expect(() => buildCondition({ question: "q}1", operator: "=", value: "a" })).toThrow(DesignerOpError);
    expect(() => buildCondition({ question: "q1", operator: "=" })).toThrow(/needs a value/);
  });

  it("writes expressions survey-core evaluates as intended", () => {
    const cases: [Parameters<typeof buildCondition>[0], Record<string, unknown>, boolean][] = [
      [{ question: "q1", operator: "=", value: "it's" }, { q1: "it's" }, true],
      [{ question: "q1", operator: "=", value: 'a"b' }, { q1: 'a"b' }, true],
      [{ question: "q1", operator: "=", value: "a\\'b" }, { q1: "a\\'b" }, true],
      [{ question: "q1", operator: "=", value: "a\\b" }, { q1: "a\\b" }, true],
      [{ question: "q1", operator: "anyof", value: ["x", "it's"] }, { q1: "it's" }, true],
      [{ question: "q1", operator: "contains", value: "b" }, { q1: ["a", "b"] }, true],
      [{ question: "q1", operator: "notempty" }, { q1: "" }, false],
      [{ question: "age", operator: ">=", value: 18 }, { age: 18 }, true],
      [{ question: "m.r1", operator: "=", value: 2 }, { m: { r1: 2 } }, true],
    ];
    for (const [condition, values, expected] of cases) expect(new ConditionRunner(buildCondition(condition)).runValues(values)).toBe(expected);
  });

  it("parses simple conditions back, including quotes and aliases", () => {
    const round: SimpleCondition[] = [
      { question: "q1", operator: "=", value: "it's \"so\"" },
      { question: "q1", operator: "anyof", value: ["a", "b'c", 3] },
      { question: "age", operator: "<=", value: -2.5 },
      { question: "b", operator: "<>", value: false },
      { question: "q1", operator: "empty" },
      { question: "m.r1", operator: "notcontains", value: "x and y" },
    ];
    for (const c of round) expect(parseSimpleCondition(buildCondition(c))).toEqual(c);
    expect(parseSimpleCondition("({q1} == 'yes')")).toEqual({ question: "q1", operator: "=", value: "yes" });
    expect(parseSimpleCondition('{q1} notequal "no"')).toEqual({ question: "q1", operator: "<>", value: "no" });
    expect(parseSimpleCondition("{q1} anyof []")).toEqual({ question: "q1", operator: "anyof", value: [] });
  });

  it("returns null for anything more complex", () => {
    for (const expr of [
      "{q1} = 'a' and {q2} = 'b'",
      "({q1} = 'a') or ({q2} = 'b')",
      "{q1} = 'a' or",
      "age({birth}) > 18",
      "{q1} = {q2}",
      "{q1} = 'unterminated",
      "{q1} anyof 'a'",
      "{q1} = ['a']",
      "{q1} notempty 'x'",
      "{q1} like 'a'",
      "",
    ])
      expect(parseSimpleCondition(expr)).toBeNull();
  });

  it("offers earlier questions and their answer values", () => {
    let s = add(add(add(empty(), "radiogroup"), "boolean"), "rating");
    s = updateQuestion(s, "q1", { showOtherItem: true });
    s = add(s, "html");
    s = add(s, "text");
    const before = questionsBefore(s, "q5");
    expect(before.map((q) => q.name)).toEqual(["q1", "q2", "q3"]);
    expect(before[0]!.values!.map((v) => v.value)).toEqual(["item1", "item2", "item3", "other"]);
    expect(before[1]!.values!.map((v) => v.value)).toEqual([true, false]);
    expect(before[2]!.values!.map((v) => v.value)).toEqual([1, 2, 3, 4, 5]);
    expect(answerValues({ type: "text", name: "t" })).toBeUndefined();
  });
});

describe("ready blocks", () => {
  const territories = [
    { code: "region", name: "Республика", kind: "region" },
    { code: "yakutsk", name: "г. Якутск", kind: "city" },
    { code: "mirny", name: "Мирнинский район", kind: "district" },
  ];

  it("builds the demographic block quotas and weighting rely on", () => {
    const block = demographicBlock(territories);
    const [territory, sex, age] = block.elements as ElementJson[];
    expect([territory!.name, sex!.name, age!.name]).toEqual(["territory", "sex", "age_band"]);
    expect([territory!.type, sex!.type, age!.type]).toEqual(["dropdown", "radiogroup", "radiogroup"]);
    expect([territory, sex, age].every((q) => q!.isRequired === true)).toBe(true);
    expect(territory!.choices).toEqual([
      { value: "yakutsk", text: "г. Якутск" },
      { value: "mirny", text: "Мирнинский район" },
    ]);
    expect(readChoices(sex!)).toEqual([
      { value: "male", ru: "Мужской", en: "Male" },
      { value: "female", ru: "Женский", en: "Female" },
    ]);
    expect(readChoices(age!).map((c) => c.value)).toEqual(["18-29", "30-44", "45-59", "60+"]);
    const s = insertDemographicBlock(empty(), territories, 0);
    expect(() => insertDemographicBlock(s, territories, 0)).toThrow(/taken/);
  });

  it("builds the organisation rating matrix with its marker", () => {
    const q = organisationRatingQuestion([{ code: "minzdrav", name: "Минздрав" }]);
    expect(q).toMatchObject({ type: "matrix", name: "org_rating", rpKind: "organisation-rating", rows: [{ value: "minzdrav", text: "Минздрав" }] });
    expect(readChoices(q, "columns").map((c) => [c.value, c.ru])).toEqual([
      [1, "1 — очень плохо"],
      [2, "2 — плохо"],
      [3, "3 — удовлетворительно"],
      [4, "4 — хорошо"],
      [5, "5 — отлично"],
    ]);
    const once = insertOrganisationRating(empty(), [], 0);
    expect(insertOrganisationRating(once.survey, [], 0).name).toBe("org_rating_2");
    // rpKind is registered with survey-core, so it loads cleanly and survives toJSON()
    const model = new Model({ pages: [{ name: "p", elements: [q] }] });
    expect(model.jsonErrors ?? []).toEqual([]);
    expect(model.getQuestionByName("org_rating")?.getType()).toBe("matrix");
    expect(JSON.stringify(model.toJSON())).toContain('"rpKind":"organisation-rating"');
  });
});

describe("a designer session end to end", () => {
  it("still loads in survey-core with the expected names and visibleIf", () => {
    let s = empty();
    s = insertDemographicBlock(s, [{ code: "yakutsk", name: "г. Якутск" }], 0);
    s = addPage(s);
    s = add(s, "radiogroup", 1);
    s = updateQuestion(s, "q1", { showOtherItem: true, showNoneItem: true, choices: updateChoice(findElement(s, "q1")!, 0, { value: "it's" }).choices });
    s = setLocalizedTitle(s, "q1");
    s = add(s, "checkbox", 1);
    s = updateQuestion(s, "q2", { maxSelectedChoices: 2, visibleIf: buildCondition({ question: "q1", operator: "=", value: "it's" }) });
    s = add(s, "text", 1);
    s = updateQuestion(s, "q3", { inputType: "email", validators: [defaultValidator("email")], visibleIf: buildCondition({ question: "age_band", operator: "anyof", value: ["18-29", "60+"] }) });
    s = insertOrganisationRating(s, [{ code: "minzdrav", name: "Минздрав" }], 1).survey;
    s = add(s, "matrixdropdown", 1);
    s = duplicateQuestion(s, "q2").survey;
    s = moveQuestion(s, "q3", "up");
    s = deleteQuestion(s, "q4");
    s = renameQuestion(s, "q1", "trust");
    expect(coreErrors(s)).toEqual([]);
    const model = new Model(s);
    expect(model.getAllQuestions().map((q) => q.name)).toEqual(["territory", "sex", "age_band", "trust", "q2", "q3", "q5", "org_rating"]);
    expect(model.getQuestionByName("q2").visibleIf).toBe("{trust} = 'it\\'s'");
    expect(model.getQuestionByName("q5").visibleIf).toBe("{trust} = 'it\\'s'");
    expect(model.getQuestionByName("q3").visibleIf).toBe("{age_band} anyof ['18-29', '60+']");
    model.setValue("trust", "it's");
    expect(model.getQuestionByName("q2").isVisible).toBe(true);
    model.setValue("trust", "other");
    expect(model.getQuestionByName("q2").isVisible).toBe(false);
    expect(listElements(s).find((r) => r.element.name === "org_rating")!.element.rpKind).toBe("organisation-rating");
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe("designer state", () => {
  it("selects what an op creates, follows renames and reports refused ops", () => {
    let st = initialState(addPage(empty()));
    st = designerReducer(st, { type: "edit", op: (s) => addQuestion(s, "text", 1) });
    expect([st.selected, st.pageIndex]).toEqual(["q1", 1]);
    st = designerReducer(st, { type: "edit", op: (s) => ({ survey: renameQuestion(s, "q1", "age"), name: "age" }) });
    expect(st.selected).toBe("age");
    const before = st.survey;
    st = designerReducer(st, { type: "edit", op: (s) => renameQuestion(s, "age", "1bad") });
    expect([st.notice, st.survey]).toEqual(["name.invalid", before]);
    st = designerReducer(st, { type: "edit", op: (s) => deleteQuestion(s, "age") });
    expect([st.selected, st.notice]).toEqual([null, null]);
    st = designerReducer(st, { type: "page", index: 9 });
    expect(st.pageIndex).toBe(1);
    st = designerReducer(st, { type: "reset", survey: empty() });
    expect(st.pageIndex).toBe(0);
  });
});

describe("JSON tab checks", () => {
  it("reports syntax errors with line and column", () => {
    const text = '{\n  "pages": [\n    { "name": "p" }\n  \n}';
    const parsed = parseJsonText(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.line).toBeGreaterThanOrEqual(4);
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(parseJsonText('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it("accepts our registered rpKind, names unknown types and survives survey-core throwing", async () => {
    expect(await schemaProblems({ pages: [{ name: "p", elements: [organisationRatingQuestion([])] }] })).toEqual([]);
    expect(await schemaProblems({ pages: [{ name: "p", elements: [{ type: "checkboxx", name: "q1" }] }] })).toEqual([expect.objectContaining({ path: "q1", unknownType: "checkboxx" })]);
    expect(await schemaProblems({ pages: [{ name: "p", elements: [{ type: "text", name: "t", bogus: 1 }] }] })).toEqual([expect.objectContaining({ path: "t.bogus" })]);
    expect((await schemaProblems({ pages: [{ name: "p", elements: [{ type: "text", name: "t", inputType: 5 }] }] }))[0]!.message).toMatch(/^survey-core:/);
    expect(await schemaProblems([])).toHaveLength(1);
  });
});

function setLocalizedTitle(s: SurveyJson, name: string): SurveyJson {
  const q = setLocalizedText(setLocalizedText(findElement(s, name)!, "title", "ru", "Доверяете ли вы?"), "title", "en", "Do you trust?");
  return updateQuestion(s, name, { title: q.title });
}

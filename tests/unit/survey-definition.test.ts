/** Definition checks, sanitising, the survey title and the question list. */
import {
  checkDefinition,
  listQuestions,
  sanitizeDefinition,
  sanitizeDefinitionWithReport,
  surveyTitle,
  type DefinitionIssue,
  type SurveyDefinition,
} from "../../app/domain/survey";

const survey = (...elements: Record<string, unknown>[]): SurveyDefinition => ({ pages: [{ name: "p1", elements }] });

function errorsOf(json: unknown): Pick<DefinitionIssue, "path" | "code">[] {
  const res = checkDefinition(json);
  if (res.ok) throw new Error("expected the definition to be refused");
  for (const e of res.errors) expect(e.message.length).toBeGreaterThan(0);
  return res.errors.map(({ path, code }) => ({ path, code }));
}

describe("checkDefinition", () => {
  it("accepts a good definition and returns a detached JSON copy with no warnings", () => {
    const def = survey({ type: "radiogroup", name: "q1", choices: ["a", "b"] }, { type: "text", name: "q2", visibleIf: "{q1} = 'a'" });
    const res = checkDefinition(def);
    expect(res).toEqual({ ok: true, definition: def, warnings: [] });
    expect(res.ok && res.definition).not.toBe(def);
  });

  it.each([
    ["an array", []],
    ["null", null],
    ["a string", '{"pages":[]}'],
    ["a number", 1],
  ])("refuses %s", (_label, json) => {
    expect(errorsOf(json)).toEqual([{ path: "", code: "not_object" }]);
  });

  it("refuses an unknown question type with a readable path", () => {
    expect(errorsOf(survey({ type: "text", name: "a" }, { type: "texxt", name: "b" }))).toEqual([{ path: "pages[0].elements[1].type", code: "unknown_type" }]);
  });

  it("refuses unknown properties, but not our own registered rpKind", () => {
    expect(errorsOf(survey({ type: "text", name: "a", visibelIf: "{x} = 1" }))).toEqual([{ path: "pages[0].elements[0].visibelIf", code: "unknown_property" }]);
    expect(checkDefinition(survey({ type: "matrix", name: "m", rpKind: "organisation-rating", rows: ["r"], columns: [1, 2] })).ok).toBe(true);
  });

  it("refuses a malformed structure (pages that are not an array)", () => {
    expect(errorsOf({ pages: 3 })).toEqual([{ path: "pages", code: "not_array" }, { path: "", code: "no_questions" }]);
  });

  it("refuses duplicate question names, also inside panels, and inside dynamic panel templates", () => {
    const def = survey(
      { type: "text", name: "age" },
      { type: "panel", name: "p", elements: [{ type: "text", name: "age" }] },
      { type: "paneldynamic", name: "kids", templateElements: [{ type: "text", name: "n" }, { type: "text", name: "n" }] },
    );
    expect(errorsOf(def)).toEqual([
      { path: "pages[0].elements[2].templateElements[1].name", code: "duplicate_name" },
      { path: "pages[0].elements[1].elements[0].name", code: "duplicate_name" },
    ]);
    // The same name in a template and at the top level is fine: they are stored apart.
    expect(checkDefinition(survey({ type: "text", name: "n" }, { type: "paneldynamic", name: "kids", templateElements: [{ type: "text", name: "n" }] })).ok).toBe(true);
  });

  it("refuses missing, empty, padded and reserved names", () => {
    expect(errorsOf(survey({ type: "text" }, { type: "text", name: "" }, { type: "text", name: " q" }, { type: "text", name: "ok" }))).toEqual([
      { path: "pages[0].elements[0].name", code: "invalid_name" },
      { path: "pages[0].elements[1].name", code: "invalid_name" },
      { path: "pages[0].elements[2].name", code: "invalid_name" },
    ]);
    // survey-core itself throws on this one; the name is still reported where it is.
    expect(errorsOf(survey({ type: "text", name: "__proto__" }))).toEqual([
      { path: "", code: "parse_failed" },
      { path: "pages[0].elements[0].name", code: "invalid_name" },
    ]);
  });

  it("refuses a name that collides with a key SurveyJS generates", () => {
    expect(errorsOf(survey({ type: "radiogroup", name: "q", choices: ["a"], showOtherItem: true }, { type: "text", name: "q-Comment" }))).toEqual([
      { path: "pages[0].elements[1].name", code: "name_collision" },
    ]);
  });

  it("refuses a survey without questions to answer", () => {
    expect(errorsOf(survey({ type: "html", name: "intro", html: "<p>Hi</p>" }))).toEqual([{ path: "", code: "no_questions" }]);
    expect(errorsOf({})).toEqual([{ path: "", code: "no_questions" }]);
  });

  it("refuses a definition over 1 MB", () => {
    const res = errorsOf({ ...survey({ type: "text", name: "a" }), description: "x".repeat(1024 * 1024) });
    expect(res).toEqual([{ path: "", code: "too_large" }]);
  });

  it("refuses what cannot be serialised", () => {
    const def: Record<string, unknown> = survey({ type: "text", name: "a" });
    def.self = def;
    expect(errorsOf(def)).toEqual([{ path: "", code: "not_serializable" }]);
  });

  it("warns (without refusing) about unnamed html elements and choices loaded from a URL", () => {
    const res = checkDefinition(survey({ type: "html", html: "<p>Hi</p>" }, { type: "dropdown", name: "city", choicesByUrl: { url: "https://example.org/c" } }));
    expect(res.ok).toBe(true);
    expect(res.ok && res.warnings.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: "pages[0].elements[0].name", code: "unnamed_element" },
      { path: "pages[0].elements[1].choicesByUrl", code: "dynamic_choices" },
    ]);
  });
});

describe("sanitizeDefinition", () => {
  const dirty = {
    title: { default: "Poll <script>alert(1)</script><b>2025</b>", ru: "Опрос <img src=x onerror=alert(1)>" },
    description: "Plain & simple",
    completedHtml:
      '<p onclick="steal()">Thanks! <a href="javascript:alert(1)">x</a> <a href="https://example.org" target="_top">site</a></p>' +
      '<iframe src="https://evil.example"></iframe><style>body{display:none}</style><img src="https://example.org/i.png" alt="i" onerror="x()"><img src="http://example.org/p.png">',
    pages: [
      {
        name: "p1",
        elements: [
          { type: "html", name: "intro", html: "<h2>Hello</h2><ul><li>one</li></ul><script>bad()</script>" },
          { type: "text", name: "q", title: "Age < 18?", visibleIf: "{a} < 3 and {b} > 'x<y>'", defaultValue: "<b>kept</b>" },
          { type: "radiogroup", name: "r", choices: [{ value: "<x>", text: { default: "Yes <a href='mailto:a@b.co' onmouseover='x()'>mail</a>" } }] },
        ],
      },
    ],
  };

  it("removes scripts, event handlers, javascript: links, iframes and styles; keeps safe markup", () => {
    const { definition, changedPaths } = sanitizeDefinitionWithReport(dirty);
    expect(definition.title).toEqual({ default: "Poll <b>2025</b>", ru: "Опрос " });
    expect(definition.completedHtml).toBe(
      '<p>Thanks! <a rel="noopener noreferrer nofollow" target="_blank">x</a> <a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank">site</a></p>' +
        '<img src="https://example.org/i.png" alt="i" />',
    );
    const elements = (definition.pages as { elements: Record<string, unknown>[] }[])[0]!.elements;
    expect(elements[0]!.html).toBe("<h2>Hello</h2><ul><li>one</li></ul>");
    expect((elements[2]!.choices as { text: { default: string } }[])[0]!.text.default).toBe(
      'Yes <a href="mailto:a@b.co" rel="noopener noreferrer nofollow" target="_blank">mail</a>',
    );
    expect(changedPaths).toEqual(["title.default", "title.ru", "completedHtml", "pages[0].elements[0].html", "pages[0].elements[2].choices[0].text.default"]);
  });

  it("leaves values that are not rendered as HTML, and plain text, untouched", () => {
    const out = sanitizeDefinition(dirty);
    const q = (out.pages as { elements: Record<string, unknown>[] }[])[0]!.elements[1]!;
    expect(q).toEqual({ type: "text", name: "q", title: "Age < 18?", visibleIf: "{a} < 3 and {b} > 'x<y>'", defaultValue: "<b>kept</b>" });
    expect(out.description).toBe("Plain & simple");
    expect((out.pages as { elements: { choices?: { value: string }[] }[] }[])[0]!.elements[2]!.choices![0]!.value).toBe("<x>");
  });

  it("returns a new object and does not touch its input", () => {
    const before = JSON.stringify(dirty);
    const out = sanitizeDefinition(dirty);
    expect(out).not.toBe(dirty);
    expect(out.pages).not.toBe(dirty.pages);
    expect(JSON.stringify(dirty)).toBe(before);
  });

  it("empties navigation and image URLs that are not http(s) (or data:image for images)", () => {
    const def = {
      navigateToUrl: "javascript:alert(1)",
      navigateToUrlOnCondition: [{ expression: "{a} = 1", url: "https://example.org/done" }, { expression: "{a} = 2", url: " JavaScript:alert(2)" }],
      logo: "data:image/png;base64,iVBORw0KGgo=",
      pages: [{ name: "p", elements: [{ type: "dropdown", name: "city", choicesByUrl: { url: "{api}/cities" } }, { type: "imagepicker", name: "pic", choices: [{ value: "a", imageLink: "data:text/html,<script>x()</script>" }, { value: "b", imageLink: "/img/b.png" }] }] }],
    };
    const { definition, changedPaths } = sanitizeDefinitionWithReport(def);
    expect(definition.navigateToUrl).toBe("");
    expect(definition.navigateToUrlOnCondition).toEqual([{ expression: "{a} = 1", url: "https://example.org/done" }, { expression: "{a} = 2", url: "" }]);
    expect(definition.logo).toBe("data:image/png;base64,iVBORw0KGgo=");
    const elements = (definition.pages as { elements: Record<string, unknown>[] }[])[0]!.elements;
    expect(elements[0]!.choicesByUrl).toEqual({ url: "{api}/cities" }); // fetched, never navigated to
    expect((elements[1]!.choices as { imageLink: string }[]).map((c) => c.imageLink)).toEqual(["", "/img/b.png"]);
    expect(changedPaths).toEqual(["navigateToUrl", "navigateToUrlOnCondition[1].url", "pages[0].elements[1].choices[0].imageLink"]);
  });

  it("reports nothing for a clean definition", () => {
    const clean = survey({ type: "text", name: "a", title: "<b>Bold</b> question", description: "<p>Help</p>" });
    expect(sanitizeDefinitionWithReport(clean)).toEqual({ definition: clean, changedPaths: [] });
  });
});

describe("surveyTitle and listQuestions", () => {
  const def: SurveyDefinition = {
    title: { default: "City poll", ru: "Опрос горожан" },
    pages: [
      { name: "p1", elements: [{ type: "radiogroup", name: "sex", title: { default: "Sex", ru: "Пол" }, choices: [{ value: "m", text: { default: "Male", ru: "Мужской" } }, "f"], showOtherItem: true }] },
      {
        name: "p2",
        elements: [
          { type: "html", name: "note", html: "<p>x</p>" },
          { type: "rating", name: "trust", rateMin: 0, rateMax: 10, rateStep: 5 },
          { type: "boolean", name: "car", labelTrue: "Has a car" },
          { type: "matrix", name: "grid", rows: [{ value: "r1", text: "Row one" }], columns: [1, 2] },
          { type: "text", name: "age", valueName: "respondentAge", inputType: "number" },
          { type: "dropdown", name: "year", choicesMin: 2020, choicesMax: 2022 },
        ],
      },
    ],
  };

  it("gives the title in a locale, falling back to the default", () => {
    expect(surveyTitle(def, "ru")).toBe("Опрос горожан");
    expect(surveyTitle(def, "en")).toBe("City poll");
    expect(surveyTitle({ title: "Plain" })).toBe("Plain");
    expect(surveyTitle({})).toBe("");
  });

  it("lists answerable questions with choices, scales, rows, columns and page index", () => {
    expect(listQuestions(def)).toEqual([
      {
        name: "sex",
        valueName: "sex",
        type: "radiogroup",
        title: "Sex",
        pageIndex: 0,
        choices: [
          { value: "m", text: "Male" },
          { value: "f", text: "f" },
          { value: "other", text: "Other (describe)" },
        ],
      },
      {
        name: "trust",
        valueName: "trust",
        type: "rating",
        title: "trust",
        pageIndex: 1,
        rateValues: [0, 5, 10],
        choices: [
          { value: 0, text: "0" },
          { value: 5, text: "5" },
          { value: 10, text: "10" },
        ],
      },
      {
        name: "car",
        valueName: "car",
        type: "boolean",
        title: "car",
        pageIndex: 1,
        choices: [
          { value: true, text: "Has a car" },
          { value: false, text: "No" },
        ],
      },
      { name: "grid", valueName: "grid", type: "matrix", title: "grid", pageIndex: 1, rows: [{ value: "r1", text: "Row one" }], columns: [{ value: 1, text: "1" }, { value: 2, text: "2" }] },
      { name: "age", valueName: "respondentAge", type: "text", title: "age", pageIndex: 1 },
      {
        name: "year",
        valueName: "year",
        type: "dropdown",
        title: "year",
        pageIndex: 1,
        choices: [
          { value: 2020, text: "2020" },
          { value: 2021, text: "2021" },
          { value: 2022, text: "2022" },
        ],
      },
    ]);
  });
});

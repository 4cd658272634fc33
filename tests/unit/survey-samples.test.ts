/**
 * The 25 real SurveyJS definitions in tests/fixtures/surveyjs-samples: every one is accepted by
 * checkDefinition, listed, accepts a realistic valid answer and rejects an invalid one naming the
 * right question with the right code. The fast path and the cached survey-core model are compared
 * with a brand-new survey-core model (the reference) on the same answers, hand-written and random.
 */
import fs from "node:fs";
import path from "node:path";
import { checkDefinition, listQuestions, validateResponse, type SurveyDefinition } from "../../app/domain/survey";
import { getPrepared } from "../../app/domain/survey/prepared";
import type { Spec } from "../../app/domain/survey/spec";
import { validateResponseInternal } from "../../app/domain/survey/validate-response";

const DIR = path.resolve(__dirname, "../fixtures/surveyjs-samples");
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
const load = (id: string): SurveyDefinition => JSON.parse(fs.readFileSync(path.join(DIR, FILES.find((f) => f.startsWith(id))!), "utf8"));
/** JSON round trip: drops the `undefined` used below to remove a key. */
const json = <T,>(v: T): T => JSON.parse(JSON.stringify(v));

// Hand-written answers: VALID respects visibleIf, validators and types; INVALID is
// [answers, question that must be named, code].
const VALID: Record<string, Record<string, unknown>> = {
  "01": { question1: "text", question3: ["item1", "item3"], question4: "item2", question5: "item3", question6: "A comment", question7: 4, question8: "lion", question9: true,
    question10: [{ name: "a.txt", type: "text/plain", content: "data:text/plain;base64,SGk=" }], question11: { "Row 1": "Column 1", "Row 2": "Column 3" },
    question12: { "Row 1": { "Column 1": 1, "Column 2": 2, "Column 3": "x" } }, question13: [{ "Column 1": 3, "Column 2": true, "Column 3": 5 }],
    question14: { text1: "a", text2: "b" }, question15: [{ question16: "x" }], question2: "F" },
  "02": { name: "Anna", birthdate: "1990-05-01", color: "#ff0000", email: "anna@example.org", datetime: "2024-01-01T12:00", "datetime-local": "2024-01-01T19:00", month: "2024-05", password: "secret", range: 50, tel: "+7 900 000-00-00", time: "12:30", url: "https://example.org", week: "2024-W05" },
  "03": { opSystem: ["Linux", "other"], "opSystem-Comment": "FreeBSD", q1: 2, langs: ["Go", "Rust"], name: "Anna", email: "anna@example.org" },
  "04": { "satisfaction-score": 4, "what-would-make-you-more-satisfied": "Faster delivery", "nps-score": 9 },
  "05": { "smartphone-features": ["Price", "Battery life", "Screen size", "Storage space", "Camera quality", "Durability", "Processor power"], car: ["Ford", "BMW"], bestcar: ["BMW", "Ford"] },
  "06": { animals: ["lion", "camel"] },
  "07": { email: "anna@example.org", pricelimit: { leastamount: 300, mostamount: 1500 }, firstcomputer: "A ZX Spectrum with 48K of memory." },
  "08": { haveKids: "Yes", kids: 2, kid1Age: 5, kid2Age: 3 },
  "09": { relatives: [{ relativeType: "father", isalive: "No", deceasedage: -1, causeofdeathknown: "Yes", causeofdeath: "Stroke" }, { relativeType: "mother", isalive: "Yes", liveage: 70, relativeillness: [{ illness: "Diabetes", description: "Type 2" }] }] },
  "10": { teachersRate: [{ subject: "Math: Algebra", explains: 1, interesting: 0, effective: -1, knowledge: 1, recognition: 1, inform: 0, opinion: 1, respect: 1, cooperation: 1, parents: 0, selfthinking: 1, frusturation: "Homework", likeTheBest: "Clear", improvements: "More examples", bool: true }] },
  "11": { car: ["Audi", "BMW"], carInfo: { Audi: { years: 3, design: 4, quality: 5 }, BMW: { years: 1, design: 3, quality: 2 } } },
  "12": { nps: 9 },
  "13": { members: [{ memberName: "Bob", memberEmail: "bob@example.org" }], areas: [{ area: "Speed", score: 4 }] },
  "14": { businessAddress: "1 Main St", shippingSameAsBusiness: true, shippingAddress: "1 Main St" },
  "15": { question1: "a", question2: "b", question3: 5, question4: 15, question5: 20, question6: "other", "question6-Comment": "Mine" },
  "16": { matrix: { one: { col1: 5 } }, "matrix-total": { col1: 5 } },
  "17": { q1: "a", q2: "b", q3: 2, q4: [1, 3] },
  "18": { pertanyaan6: 4, pertanyaan9: "Baik sekali." },
  "19": { quality1: { affordable: 5, "does what it claims": 4, "better than others": 3, "easy to use": 4 }, question1: [{ quality: { affordable: 2, "does what it claims": 2, "better than others": 1, "easy to use": 5 } }] },
  "20": { r: 1, q1: "because", q2: { item1: 5, item2: 6 } },
  "21": { question1: "x", question2: "123456789", question3: "y" },
  "22": { employers: [{ "employee-name": "Acme", jobTitle: "Developer", city: "Omsk", jobDescription: "Built things" }] },
  "23": { question1: [{ coffee: "espresso", price: 2, amount: 2, totalPerRow: 4 }], "question1-total": { amount: 2, totalPerRow: 4 } },
  "24": { date1: "2020-05-04", date2: "2020-05-01" },
  "25": { panel: [{ q1: 1, q2: 2, q3: 1 }] },
};
const INVALID: Record<string, [Record<string, unknown>, string, string]> = {
  "01": [{ ...VALID["01"], question2: undefined }, "question2", "required"],
  "02": [{ ...VALID["02"], email: "not-an-email" }, "email", "validator"],
  "03": [{ ...VALID["03"], "opSystem-Comment": undefined }, "opSystem", "other_empty"],
  "04": [{ "satisfaction-score": 5, "how-can-we-improve": "Cheaper" }, "how-can-we-improve", "hidden_question"],
  "05": [{ ...VALID["05"], bestcar: ["BMW", "Audi"] }, "bestcar", "invalid_choice"],
  "06": [{ animals: "lion" }, "animals", "invalid_type"],
  "07": [{ ...VALID["07"], pricelimit: { leastamount: 5, mostamount: 1500 } }, "pricelimit", "validator"],
  "08": [{ haveKids: "No", kids: 2 }, "kids", "hidden_question"],
  "09": [{ relatives: [{ relativeType: "father", isalive: "Yes" }] }, "relatives", "required"],
  "10": [{ teachersRate: [{ subject: "Math: Algebra", explains: 2 }] }, "teachersRate", "invalid_choice"],
  "11": [{ car: ["Audi"], carInfo: { Audi: { years: 3, design: 4 } } }, "carInfo", "required"],
  "12": [{ nps: 9, reason: "Too slow" }, "reason", "hidden_question"],
  "13": [{ ...VALID["13"], areas: [{ area: "Speed", score: 7 }] }, "areas", "validator"],
  "14": [{ businessAddress: "1 Main St", shippingSameAsBusiness: "true" }, "shippingSameAsBusiness", "invalid_type"],
  "15": [{ ...VALID["15"], question4: 5 }, "question4", "validator"],
  "16": [{ matrix: { two: { col1: 5 } } }, "matrix", "unknown_row"],
  "17": [{ ...VALID["17"], q4: [] }, "q4", "required"],
  "18": [{ ...VALID["18"], pertanyaan6: 6 }, "pertanyaan6", "out_of_scale"],
  "19": [{ ...VALID["19"], quality1: { affordable: 5 } }, "quality1", "required_all_rows"],
  "20": [{ r: 1, q2: { item1: 5 } }, "q1", "required"],
  "21": [{ question2: "000000000" }, "question2", "validator"],
  "22": [{ employers: [{ "employee-name": "Acme" }] }, "employers_info", "required"],
  "23": [{ question1: [{ coffee: "latte", amount: 2 }] }, "question1", "invalid_choice"],
  "24": [{ date1: "2020-05-04", date2: "2020-06-01" }, "date2", "validator"],
  "25": [{ panel: [{ q1: 2, q2: 2 }] }, "panel", "validator"],
};

const IDS = FILES.map((f) => f.slice(0, 2));

describe("the SurveyJS samples", () => {
  it("are all here, with a valid and an invalid answer each", () => {
    expect(FILES).toHaveLength(25);
    expect(Object.keys(VALID).sort()).toEqual(IDS);
    expect(Object.keys(INVALID).sort()).toEqual(IDS);
  });

  it.each(IDS)("%s: passes checkDefinition and lists its questions", (id) => {
    const def = load(id);
    const checked = checkDefinition(def);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.definition).toEqual(def);
    expect(checked.definition).not.toBe(def);
    const questions = listQuestions(def);
    expect(questions.length).toBeGreaterThan(0);
    for (const q of questions) {
      expect(typeof q.name).toBe("string");
      expect(q.title.length).toBeGreaterThan(0);
    }
  });

  it.each(IDS)("%s: accepts the valid answer and returns it as cleaned", (id) => {
    const answers = json(VALID[id]!);
    const res = validateResponse(load(id), answers, { locale: "en" });
    expect(res).toMatchObject({ ok: true });
    if (!res.ok) return;
    // Matrix totals are recomputed by survey-core, so they are not kept.
    const expected = Object.fromEntries(Object.entries(answers).filter(([k]) => !k.endsWith("-total")));
    expect(res.cleaned).toEqual(expected);
    expect(res.warnings).toEqual([]);
  });

  it.each(IDS)("%s: rejects the invalid answer, naming the question", (id) => {
    const [answers, question, code] = INVALID[id]!;
    const def = load(id);
    for (const locale of ["en", "ru"] as const) {
      const res = validateResponse(def, json(answers), { locale });
      expect(res.ok).toBe(false);
      if (res.ok) continue;
      const hit = res.errors.find((e) => e.question === question && e.code === code);
      expect(hit, JSON.stringify(res.errors)).toBeDefined();
      const title = listQuestions(def).find((q) => q.name === question)!.title;
      expect(hit!.message).toContain(title.replace(/\s+/g, " ").trim());
      expect(hit!.message.startsWith(locale === "ru" ? "Вопрос «" : "Question \"")).toBe(true);
    }
  });

  it.each(IDS)("%s: gives exactly what a brand-new survey-core model gives (hand-written answers)", (id) => {
    const def = load(id);
    for (const answers of [VALID[id]!, INVALID[id]![0], {}]) {
      const a = json(answers);
      const reference = validateResponseInternal(def, a, { locale: "ru", reference: true });
      expect(validateResponse(def, a, { locale: "ru" })).toEqual(reference);
      expect(validateResponseInternal(def, a, { locale: "ru", engine: "core" })).toEqual(reference);
    }
  });
});

// ---- random answers of the right shapes (seeded), compared with the reference -------------

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function generator(rnd: () => number) {
  const pick = <T,>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;
  const unkey = (k: string): unknown => (k.startsWith("s:") ? k.slice(2) : k.startsWith("n:") ? Number(k.slice(2)) : k === "b:true");
  const gen = (spec: Spec, depth = 0): unknown => {
    if (rnd() < 0.2) return undefined;
    switch (spec.kind) {
      case "text":
        if (spec.numeric) return pick([0, 1, 5, 10, 50, 1000, -3]);
        return pick(["", "a", "anna@example.org", "not-an-email", "123456789", "000000000", "2020-05-01", "2020-06-01", "A quite long answer of more than twenty chars", 5, 15, 50]);
      case "boolean":
      case "rating":
        return unkey(pick([...spec.allowed]));
      case "select": {
        const all = [...(spec.allowed ?? new Set<string>()), ...spec.special.keys()].map(unkey);
        if (!spec.multiple) return all.length ? pick(all) : undefined;
        if (spec.ranking && rnd() < 0.7) return [...all].sort(() => rnd() - 0.5);
        return all.filter(() => rnd() < 0.4);
      }
      case "matrix": {
        const o: Record<string, unknown> = {};
        for (const r of spec.rows) if (rnd() < 0.7) o[r] = unkey(pick([...spec.columns]));
        return o;
      }
      case "multipletext":
      case "matrixdropdown":
      case "matrixdynamic":
      case "paneldynamic": {
        const obj = () => {
          const o: Record<string, unknown> = {};
          for (const [k, s] of spec.cells) {
            const v = depth < 2 ? gen(s, depth + 1) : undefined;
            if (v !== undefined) o[k] = v;
          }
          return o;
        };
        if (spec.kind === "multipletext") return obj();
        if (spec.kind === "matrixdropdown") return Object.fromEntries([...spec.rows].filter(() => rnd() < 0.5).map((r) => [r, obj()]));
        return Array.from({ length: Math.floor(rnd() * 3) }, obj);
      }
      default:
        return undefined;
    }
  };
  return { gen, pick };
}

describe("random answers", () => {
  it.each(IDS)("%s: fast path and cached survey-core model agree with a brand-new model", (id) => {
    const def = load(id);
    const prep = getPrepared(def);
    const rnd = rng(Number(id) * 7919);
    const { gen, pick } = generator(rnd);
    let agreed = 0;
    for (let i = 0; i < 5; i++) {
      const a: Record<string, unknown> = {};
      for (const r of prep.roots) {
        const v = gen(r.spec);
        if (v !== undefined) a[r.key] = v;
        if (r.spec.hasComment && rnd() < 0.5) a[r.key + "-Comment"] = pick(["", "note"]);
      }
      const locale = pick(["en", "ru"] as const);
      const reference = validateResponseInternal(def, a, { locale, reference: true });
      expect(validateResponse(def, a, { locale }), JSON.stringify(a)).toEqual(reference);
      expect(validateResponseInternal(def, a, { locale, engine: "core" }), JSON.stringify(a)).toEqual(reference);
      agreed++;
    }
    expect(agreed).toBe(5);
  });
});

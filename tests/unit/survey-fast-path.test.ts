/**
 * validateResponse's fast path on a 30-question survey built from the SurveyJS samples' question
 * types (choices with other/none, ranking, image picker, rating, matrices, dynamic matrix and
 * panel, validators, visibleIf). The submission endpoint needs >= 1,000 validations/s on 2
 * cores, i.e. under 2 ms each; the target is well under 1 ms (median).
 */
import fs from "node:fs";
import path from "node:path";
import { validateResponse, type SurveyDefinition } from "../../app/domain/survey";
import { getPrepared } from "../../app/domain/survey/prepared";

const DIR = path.resolve(__dirname, "../fixtures/surveyjs-samples");
const load = (id: string) => JSON.parse(fs.readFileSync(path.join(DIR, fs.readdirSync(DIR).find((f) => f.startsWith(id))!), "utf8"));

function find(def: unknown, name: string): Record<string, unknown> {
  let found: Record<string, unknown> | null = null;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== "object") return;
    const o = n as Record<string, unknown>;
    if (o.name === name && o.type) found ??= o;
    Object.values(o).forEach(walk);
  };
  walk(def);
  if (!found) throw new Error(`no ${name}`);
  return structuredClone(found);
}

const PICK: [string, string][] = [
  ["02", "name"], ["07", "email"], ["15", "question3"], ["02", "birthdate"], ["01", "question6"], ["03", "opSystem"],
  ["03", "langs"], ["03", "q1"], ["04", "satisfaction-score"], ["04", "what-would-make-you-more-satisfied"], ["04", "nps-score"],
  ["05", "smartphone-features"], ["06", "animals"], ["07", "pricelimit"], ["08", "haveKids"], ["08", "kids"], ["08", "kid1Age"],
  ["11", "car"], ["11", "carInfo"], ["18", "pertanyaan6"], ["19", "quality1"], ["14", "shippingSameAsBusiness"], ["17", "q4"],
  ["17", "q3"], ["21", "question2"], ["13", "areas"], ["13", "members"], ["18", "pertanyaan9"], ["01", "question2"], ["01", "question9"],
];

function benchDefinition(): SurveyDefinition {
  const elements = PICK.map(([id, name]) => find(load(id), name));
  elements[28]!.name = "gender"; // 21 and 01 both have a "question2"
  return { title: "Bench", pages: [{ name: "p1", elements: elements.slice(0, 15) }, { name: "p2", elements: elements.slice(15) }] };
}

const ANSWERS = {
  name: "Anna", email: "anna@example.org", question3: 7, birthdate: "1990-04-01", question6: "Fine.",
  opSystem: ["Linux", "other"], "opSystem-Comment": "FreeBSD", langs: ["Go", "Rust"], q1: 2,
  "satisfaction-score": 4, "what-would-make-you-more-satisfied": "Faster", "nps-score": 9,
  "smartphone-features": ["Price", "Battery life", "Screen size", "Storage space", "Camera quality", "Durability", "Processor power"],
  animals: ["lion", "camel"], pricelimit: { leastamount: 300, mostamount: 1500 }, haveKids: "Yes", kids: 1, kid1Age: 7,
  car: ["Audi", "BMW"], carInfo: { Audi: { years: 3, design: 4, quality: 5 }, BMW: { years: 1, design: 3, quality: 3 } },
  pertanyaan6: 4, quality1: { affordable: 4, "does what it claims": 5, "better than others": 3, "easy to use": 4 },
  shippingSameAsBusiness: true, q4: [1, 3], q3: 2, question2: "123456789", gender: "F",
  areas: [{ area: "Speed", score: 4 }], members: [{ memberName: "Bob", memberEmail: "bob@example.org" }],
  pertanyaan9: "Good leadership overall.", question9: false,
};

describe("validateResponse on a 30-question survey (its speed: npm run bench:validation)", () => {
  const def = benchDefinition();

  it("validates the 30-question survey correctly", () => {
    const roots = getPrepared(def).roots;
    expect(roots).toHaveLength(30);
    // All of them are judged on the fast path: no answers go through a survey-core model.
    expect(roots.filter((r) => !r.fast).map((r) => r.name)).toEqual([]);
    expect(validateResponse(def, ANSWERS, { locale: "ru" })).toEqual({ ok: true, cleaned: ANSWERS, warnings: [] });
    const bad = { ...ANSWERS, kids: 7, carInfo: { Audi: { years: 3, design: 4 } }, "nps-score": 11 };
    const res = validateResponse(def, bad, { locale: "ru" });
    expect(res.ok ? [] : res.errors.map((e) => [e.question, e.code])).toEqual([
      ["nps-score", "out_of_scale"],
      ["kids", "invalid_choice"],
    ]);
  });

  it("finds a definition loaded into a new object in the cache (by its JSON text)", () => {
    validateResponse(def, ANSWERS);
    const copy = JSON.parse(JSON.stringify(def)) as SurveyDefinition;
    expect(getPrepared(copy)).toBe(getPrepared(def));
  });
});

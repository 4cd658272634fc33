import { describe, expect, it } from "vitest";
import { parseTargetsCsv } from "../../app/domain/statistics/targets";

const questions = new Map([
  ["sex", ["m", "f"]],
  ["age", ["18-34", "35+"]],
]);

describe("parseTargetsCsv", () => {
  it("reads totals per question and category (BOM, spaces in numbers)", () => {
    const r = parseTargetsCsv("\uFEFFdimension,category,population\nsex,m,465 000\nsex,f,535000\nage,18-34,400000\nage,35+,600000\n", questions);
    expect(r).toEqual({ ok: true, dimensions: [{ question: "sex", targets: { m: 465000, f: 535000 } }, { question: "age", targets: { "18-34": 400000, "35+": 600000 } }] });
  });

  it("reports every bad line and accepts nothing", () => {
    const r = parseTargetsCsv(["dimension,category,population", "sex,m,0", "sex,x,5", "region,n,5", "age,18-34,abc", "sex,f,10", "sex,f,11", "age,35+"].join("\n"), questions);
    expect(r).toEqual({
      ok: false,
      errors: [
        'line 2: the population must be a positive number, got "0"',
        'line 3: "x" is not an answer of "sex" (answers: m, f)',
        'line 4: "region" is not a single-answer question of this survey',
        'line 5: the population must be a positive number, got "abc"',
        'line 7: "sex" / "f" is given twice',
        "line 8: expected 3 columns, found 2",
      ],
    });
  });

  it("refuses a wrong header, an empty file and dimensions with different totals", () => {
    expect(parseTargetsCsv("a,b,c\nsex,m,1", questions)).toEqual({ ok: false, errors: ["the first line must be the header dimension,category,population"] });
    expect(parseTargetsCsv("dimension,category,population\n", questions)).toEqual({ ok: false, errors: ["the file has no totals"] });
    const r = parseTargetsCsv("dimension,category,population\nsex,m,5\nsex,f,5\nage,18-34,5\nage,35+,6", questions);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/"age" sums to 11, but "sex" sums to 10/);
  });
});

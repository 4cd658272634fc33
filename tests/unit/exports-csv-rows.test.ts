/**
 * The export's fast CSV encoder against the plain path it replaces: for every real SurveyJS
 * sample, in both modes and with each CSV option set, random responses (choice values, their
 * text twins, tricky strings, arrays, matrix rows, "-Comment" keys) encode to exactly
 * csvLine(rowValues(...)), across a sequence that fills and reuses the per-column memo.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { createCsvRowEncoder, csvLine, exportColumns, exportQuestions, rowValues, type CsvOptions, type ExportColumn, type ExportMode } from "../../app/domain/exports";
import type { SurveyDefinition } from "../../app/domain/survey";

const DIR = path.resolve(__dirname, "../fixtures/surveyjs-samples");
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
const LEADING = [
  { name: "response_id", type: "numeric" as const },
  { name: "submitted_at", type: "string" as const },
  { name: "weight", type: "numeric" as const, spssFormat: "F12.6" },
];
const TRICKY: unknown[] = ["", "=SUM(A1)", "-5", "a,b", 'say "hi"', "two\nlines", "Другое", 0, -0, 2, "2", 1.5, true, "true", Number.NaN];
const OPTIONS: CsvOptions[] = [{}, { formulaGuard: false, singleLine: true }, { delimiter: ";" }];

function vocabulary(cols: ExportColumn[]): { keys: string[]; rows: string[]; values: unknown[] } {
  const keys = new Set<string>();
  const rows = new Set<string>(["row1"]);
  const values = new Set<unknown>(TRICKY);
  for (const c of cols) {
    if (c.source.kind !== "answer") continue;
    keys.add(c.source.question);
    keys.add(`${c.source.question}-Comment`);
    const x = c.source.extract;
    if ("values" in x) for (const v of x.values) values.add(v);
    if ("value" in x) values.add(x.value);
    if ("otherValue" in x) values.add(x.otherValue);
    if ("row" in x) rows.add(x.row);
    if (x.kind === "item") rows.add(x.item);
  }
  return { keys: [...keys], rows: [...rows], values: [...values] };
}

function answersArbitrary(v: ReturnType<typeof vocabulary>) {
  // mostly the survey's own values (and "other"), so responses in a batch share cells often
  const primitive = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...v.values) },
    { weight: 3, arbitrary: fc.constantFrom("other", "none", "Другое") },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 1, arbitrary: fc.integer({ min: -3, max: 12 }) },
  );
  const list = fc.array(primitive, { maxLength: 4 });
  const cell = fc.oneof(primitive, list, fc.constant(null));
  const matrix = fc.dictionary(fc.constantFrom(...v.rows), cell, { maxKeys: 4 });
  const answer = fc.oneof({ weight: 5, arbitrary: primitive }, { weight: 2, arbitrary: list }, { weight: 2, arbitrary: matrix }, { weight: 1, arbitrary: fc.constant(null) });
  return fc.dictionary(fc.constantFrom(...v.keys), answer, { maxKeys: v.keys.length });
}

const leadingArbitrary = fc.tuple(fc.oneof(fc.integer({ min: 1, max: 1e9 }), fc.constant(null)), fc.oneof(fc.constant("2026-11-01T10:00:00.000Z"), fc.string({ maxLength: 5 })), fc.oneof(fc.double({ noNaN: false }), fc.constant(null)));

describe("createCsvRowEncoder", () => {
  it.each(FILES)("%s: every line equals csvLine(rowValues(...)) in both modes", (file) => {
    const definition = JSON.parse(fs.readFileSync(path.join(DIR, file), "utf8")) as SurveyDefinition;
    const cols = exportColumns(exportQuestions(definition as Record<string, unknown>), { leading: LEADING });
    const vocab = vocabulary(cols);
    expect(vocab.keys.length).toBeGreaterThan(0);
    const responses = fc.array(fc.tuple(answersArbitrary(vocab), leadingArbitrary), { minLength: 1, maxLength: 40 });
    for (const mode of ["codes", "labels"] as ExportMode[]) {
      for (const options of OPTIONS) {
        fc.assert(
          fc.property(responses, (batch) => {
            // one encoder per batch: later responses meet cells memoised by earlier ones
            const encode = createCsvRowEncoder(cols, mode, options);
            for (const [answers, leading] of [...batch, ...batch]) {
              expect(encode(answers, leading)).toBe(csvLine(rowValues(cols, answers, leading, mode), options));
            }
          }),
          { numRuns: 40 },
        );
      }
    }
  });

  it("memoises choice cells but keeps 2 and \"2\" apart", () => {
    const cols = exportColumns([{ name: "q", valueName: "q", type: "radiogroup", title: "Q", pageIndex: 0, choices: [{ value: 2, text: "Two" }, { value: "2", text: "Two as text" }] }]);
    const encode = createCsvRowEncoder(cols, "labels");
    expect([encode({ q: 2 }, []), encode({ q: "2" }, []), encode({ q: 2 }, [])]).toEqual(["Two\r\n", "Two as text\r\n", "Two\r\n"]);
  });

  it("reads only the answers' own keys: questions named like Object.prototype's members", () => {
    const names = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"];
    const questions = names.map((name) => ({ name, valueName: name, type: "radiogroup", title: name, pageIndex: 0, choices: [{ value: "a", text: "A" }, { value: "b", text: "B" }] }));
    const cols = exportColumns(questions);
    for (const mode of ["codes", "labels"] as ExportMode[]) {
      const encode = createCsvRowEncoder(cols, mode);
      // nothing answered: every cell empty, none taken from the prototype
      expect(rowValues(cols, {}, [], mode)).toEqual([null, null, null, null, null]);
      expect(encode({}, [])).toBe(",,,,\r\n");
      // answered (JSON.parse makes "__proto__" an own key): every answer read
      const answers = JSON.parse('{"constructor":"a","toString":"b","__proto__":"a","hasOwnProperty":"b","valueOf":"a"}') as Record<string, unknown>;
      const expected = mode === "codes" ? [1, 2, 1, 2, 1] : ["A", "B", "A", "B", "A"];
      expect(rowValues(cols, answers, [], mode)).toEqual(expected);
      expect(encode(answers, [])).toBe(expected.join(",") + "\r\n");
    }
  });
});

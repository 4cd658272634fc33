/**
 * SPSS syntax for the CSV export: exact text for a small case (apostrophes doubled, a long
 * Cyrillic label cut at 256 bytes and split into `+` pieces, value labels, measurement levels),
 * and string widths measured while streaming.
 */
import { createWidthTracker, exportColumns, rowValues, spssSyntax, utf8Bytes, type ExportQuestion } from "../../app/domain/exports";

const QUESTIONS: ExportQuestion[] = [
  { name: "region", valueName: "region", type: "radiogroup", title: "Respondent's region", pageIndex: 0, choices: [{ value: "msk", text: "Moscow" }, { value: "spb", text: "St. Petersburg's" }] },
  { name: "nps", valueName: "nps", type: "rating", title: "NPS", pageIndex: 0, choices: [{ value: 0, text: "0" }, { value: 1, text: "1" }] },
  { name: "Комментарий", valueName: "c", type: "comment", title: "Ваш комментарий: " + "очень ".repeat(30), pageIndex: 0 },
];
const LEADING = [
  { name: "response_id", label: "Response ID", type: "string" as const, width: 36 },
  { name: "weight", label: "Weight", type: "numeric" as const, spssFormat: "F12.6", measure: "scale" as const },
];

describe("spssSyntax", () => {
  it("reads the CSV and labels variables and values", () => {
    const cols = exportColumns(QUESTIONS, { leading: LEADING });
    expect(spssSyntax(cols, { dataFile: "/data/O'Brien export.csv", encoding: "UTF-8" })).toBe(
      [
        "* Encoding: UTF-8.",
        "SET DECIMAL=DOT.",
        "GET DATA /TYPE=TXT",
        "  /FILE='/data/O''Brien export.csv'",
        "  /ENCODING='UTF8'",
        "  /DELCASE=LINE",
        '  /DELIMITERS=","',
        "  /QUALIFIER='\"'",
        "  /ARRANGEMENT=DELIMITED",
        "  /FIRSTCASE=2",
        "  /VARIABLES=",
        "    response_id A36",
        "    weight F12.6",
        "    region F8.0",
        "    nps F8.0",
        "    Kommentariy A2000.",
        "VARIABLE LABELS",
        "  response_id 'Response ID'",
        "  /weight 'Weight'",
        "  /region 'Respondent''s region'",
        "  /nps 'NPS'",
        "  /Kommentariy 'Ваш комментарий: очень очень очень очень оч'",
        "               + 'ень очень очень очень очень очень очень оче'",
        "               + 'нь очень очень очень очень очень очень очен'",
        "               + 'ь очень о…'.",
        "VALUE LABELS",
        "  region",
        "    1 'Moscow'",
        "    2 'St. Petersburg''s'",
        "  /nps",
        "    1 '0'",
        "    2 '1'.",
        "VARIABLE LEVEL",
        "  region (NOMINAL)",
        "  /nps (ORDINAL)",
        "  /weight (SCALE).",
        "EXECUTE.",
        "",
      ].join("\n"),
    );
  });

  it("keeps labels within SPSS limits and lines short", () => {
    const long = "Оценка «" + "x'".repeat(200) + "»";
    const cols = exportColumns([{ name: "q", valueName: "q", type: "dropdown", title: long, pageIndex: 0, choices: [{ value: 1, text: long }] }]);
    const sps = spssSyntax(cols, { dataFile: "d.csv" });
    for (const line of sps.split("\n")) expect(Buffer.byteLength(line)).toBeLessThan(200);
    const pieces = (start: string) => {
      const lines = sps.split("\n");
      const i = lines.findIndex((l) => l.startsWith(start));
      const out: string[] = [];
      for (let j = i; j < lines.length && (j === i || lines[j]!.trimStart().startsWith("+")); j++) out.push(/'(.*)'/.exec(lines[j]!)![1]!.replace(/''/g, "'"));
      return out.join("");
    };
    const varLabel = pieces("  q '");
    const valueLabel = pieces("    1 '");
    expect(varLabel.endsWith("…")).toBe(true);
    expect(Buffer.byteLength(varLabel)).toBeLessThanOrEqual(256);
    expect(Buffer.byteLength(valueLabel)).toBeLessThanOrEqual(120);
    expect(long.startsWith(varLabel.slice(0, -1))).toBe(true);
  });

  it("declares measured string widths and a tab delimiter", () => {
    const cols = exportColumns(QUESTIONS);
    const tracker = createWidthTracker(cols);
    tracker.observe(rowValues(cols, { region: "msk", c: "Да" }, [], "codes"));
    tracker.observe(rowValues(cols, { c: "ok" }, [], "codes"));
    expect(tracker.widths()).toEqual({ region: 1, nps: 1, Kommentariy: 5 });
    const sps = spssSyntax(cols, { dataFile: "d.tsv", delimiter: "\t", widths: tracker.widths() });
    expect(sps).toContain('  /DELIMITERS="\\t"\n');
    expect(sps).toContain("    Kommentariy A5.\n");
  });

  it("counts UTF-8 bytes like Buffer does", () => {
    for (const text of ["", "abc", "Привет", "€", "😀 ok", "\uD800 lone", "ąę"]) expect(utf8Bytes(text)).toBe(Buffer.byteLength(text, "utf8"));
  });
});

/**
 * CSV encoding: RFC 4180 quoting and CRLF, the UTF-8 BOM for Excel, the formula-injection guard
 * (strings only, never numbers), line-by-line use with rowValues, and a parse back with csv-parse.
 */
import { parse } from "csv-parse/sync";
import { csvCell, csvHeader, csvLine, exportColumns, rowValues, UTF8_BOM, type ExportQuestion } from "../../app/domain/exports";

describe("csvLine", () => {
  it("quotes only when needed and ends lines with CRLF", () => {
    expect(csvLine(["a", "b c", 1, null])).toBe("a,b c,1,\r\n");
    expect(csvLine(['say "hi"', "x,y", "two\nlines", "cr\rhere", ""])).toBe('"say ""hi""","x,y","two\nlines","cr\rhere",\r\n');
    expect(csvLine([])).toBe("\r\n");
    expect(csvLine(["Привет, мир", 3.25])).toBe('"Привет, мир",3.25\r\n');
  });

  it("guards string cells that a spreadsheet would run as formulas", () => {
    expect(csvLine(["=SUM(A1:A9)", "+7 900", "-5", "@cmd", "\tx", "\rx", "a=b", "'quoted"])).toBe("'=SUM(A1:A9),'+7 900,'-5,'@cmd,'\tx,\"'\rx\",a=b,'quoted\r\n");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it("never touches numbers, negative ones included", () => {
    expect(csvLine([-5, -0.5, 0, 1e21, Number.NaN, Number.POSITIVE_INFINITY])).toBe("-5,-0.5,0,1e+21,,\r\n");
  });

  it("options: no guard, another delimiter, single-line cells", () => {
    expect(csvLine(["-5", "=x"], { formulaGuard: false })).toBe("-5,=x\r\n");
    expect(csvLine(["a;b", "a,b", 1.5], { delimiter: ";" })).toBe('"a;b";a,b;1.5\r\n');
    expect(csvLine(["a\tb", "c"], { delimiter: "\t" })).toBe('"a\tb"\tc\r\n');
    expect(csvLine(["one\r\ntwo\nthree", 'q"'], { singleLine: true })).toBe('one two three,"q"""\r\n');
  });
});

describe("csvHeader and a streamed export", () => {
  const questions: ExportQuestion[] = [
    { name: "пол", valueName: "sex", type: "radiogroup", title: "Ваш пол", pageIndex: 0, choices: [{ value: "m", text: "Мужской" }, { value: "f", text: "Женский" }] },
    { name: "mood", valueName: "mood", type: "checkbox", title: "=Mood", pageIndex: 0, choices: [{ value: 1, text: "Good" }, { value: 2, text: "Bad, sad" }] },
    { name: "note", valueName: "note", type: "comment", title: "Note", pageIndex: 0 },
  ];
  const cols = exportColumns(questions, { leading: [{ name: "response_id", type: "string" }, { name: "weight", type: "numeric", spssFormat: "F12.6" }] });

  it("names in codes mode, labels in labels mode, BOM on request", () => {
    expect(csvHeader(cols)).toBe("response_id,weight,pol,mood_1,mood_2,note\r\n");
    expect(csvHeader(cols, "codes", { bom: true })).toBe(UTF8_BOM + "response_id,weight,pol,mood_1,mood_2,note\r\n");
    expect(csvHeader(cols, "labels")).toBe("response_id,weight,Ваш пол,'=Mood: Good,\"'=Mood: Bad, sad\",Note\r\n");
  });

  it("writes line by line and parses back", () => {
    const responses = [
      { id: "r1", weight: -1.5, answers: { sex: "f", mood: [2], note: "Всё \"хорошо\",\nспасибо" } },
      { id: "r2", weight: 2, answers: { sex: "x", note: "-1" } },
    ];
    const chunks: string[] = [csvHeader(cols, "labels", { bom: true })];
    for (const r of responses) chunks.push(csvLine(rowValues(cols, r.answers, [r.id, r.weight], "labels")));
    const text = chunks.join("");
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const rows = parse(text, { bom: true }) as string[][];
    expect(rows).toEqual([
      ["response_id", "weight", "Ваш пол", "'=Mood: Good", "'=Mood: Bad, sad", "Note"],
      ["r1", "-1.5", "Женский", "0", "1", "Всё \"хорошо\",\nспасибо"],
      ["r2", "2", "x", "", "", "'-1"],
    ]);
    expect(csvLine(rowValues(cols, responses[0]!.answers, [], "codes"))).toBe(',,2,0,1,"Всё ""хорошо"",\nспасибо"\r\n');
  });
});

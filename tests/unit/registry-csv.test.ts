import { detectDelimiter, parseCsv } from "../../app/domain/registry/csv";

const lines = (...ls: string[]) => ls.join("\n") + "\n";

describe("parseCsv", () => {
  it("reads a comma file, trimming and lower-casing header names but not cells", () => {
    const out = parseCsv(lines(" Code , NAME_RU ,kind", "amur,  Амурская область ,region"));
    expect(out.header).toEqual(["code", "name_ru", "kind"]);
    expect(out.rows).toEqual([{ line: 2, cells: { code: "amur", name_ru: "  Амурская область ", kind: "region" } }]);
    expect(out.errors).toEqual([]);
  });

  it("strips a UTF-8 BOM so the first column is still called code", () => {
    const out = parseCsv("\uFEFFcode,kind\nx,region\n");
    expect(out.header).toEqual(["code", "kind"]);
    expect(out.rows[0]?.cells.code).toBe("x");
  });

  it("detects the semicolon delimiter Russian Excel writes, with commas inside cells", () => {
    const out = parseCsv(lines("code;name_ru;source", 'a;Министерство;"base.garant.ru, 2009"', "b;Управление;x, y"));
    expect(out.header).toEqual(["code", "name_ru", "source"]);
    expect(out.rows.map((r) => r.cells.source)).toEqual(["base.garant.ru, 2009", "x, y"]);
  });

  it("decides the delimiter from the header line only, ignoring quoted delimiters", () => {
    expect(detectDelimiter("a,b,c")).toBe(",");
    expect(detectDelimiter("a;b;c")).toBe(";");
    expect(detectDelimiter('"a;b;c",d')).toBe(",");
    expect(detectDelimiter('"a,b",c;d;e')).toBe(";");
    expect(detectDelimiter("single")).toBe(",");
  });

  it("keeps the spreadsheet line where a multi-line quoted record starts", () => {
    const text = lines("code,source", 'a,"first', "second", 'third"', "b,plain", 'c,"x', 'y"', "d,z");
    const out = parseCsv(text);
    expect(out.rows.map((r) => [r.cells.code, r.line])).toEqual([
      ["a", 2],
      ["b", 5],
      ["c", 6],
      ["d", 8],
    ]);
    expect(out.rows[0]?.cells.source).toBe("first\nsecond\nthird");
  });

  it("counts CRLF files (Excel on Windows) the same way", () => {
    const out = parseCsv('code,source\r\na,"one\r\ntwo"\r\n\r\nb,x\r\nc,y');
    expect(out.rows.map((r) => [r.cells.code, r.line])).toEqual([
      ["a", 2],
      ["b", 5],
      ["c", 6],
    ]);
    expect(out.rows[0]?.cells.source).toBe("one\ntwo");
  });

  it("skips blank, whitespace-only and all-empty rows without shifting line numbers", () => {
    const out = parseCsv(lines("code,kind", "", "a,region", "   ", ",", ";", "b,region"));
    expect(out.errors.map((e) => e.line)).toEqual([6]); // ";" is one non-empty cell in a comma file
    expect(out.rows.map((r) => [r.cells.code, r.line])).toEqual([
      ["a", 3],
      ["b", 7],
    ]);
  });

  it("numbers lines the same whether or not the file contains quotes", () => {
    const body = ["", "code,kind", "", "a,region", "  ", "b,region", "", ""];
    const plain = parseCsv(body.join("\n"));
    const quoted = parseCsv([...body, '"c",region'].join("\n"));
    expect(plain.rows.map((r) => r.line)).toEqual([4, 6]);
    expect(quoted.rows.map((r) => r.line)).toEqual([4, 6, 9]);
  });

  it("finds the header after leading blank lines", () => {
    const out = parseCsv("\n\ncode,kind\na,region\n");
    expect(out.header).toEqual(["code", "kind"]);
    expect(out.rows).toEqual([{ line: 4, cells: { code: "a", kind: "region" } }]);
    const semi = parseCsv("\n  \ncode;source\nb;x, y\n");
    expect(semi.rows).toEqual([{ line: 4, cells: { code: "b", source: "x, y" } }]);
  });

  it("reports a row with the wrong number of columns with its line and keeps the others", () => {
    const out = parseCsv(lines("code,name_ru,kind", "a,A,region", "b,B", "c,C,region,extra", "d,D,region"));
    expect(out.errors).toEqual([
      expect.objectContaining({ line: 3, code: "column_count", params: { expected: 3, actual: 2 } }),
      expect.objectContaining({ line: 4, code: "column_count", params: { expected: 3, actual: 4 } }),
    ]);
    expect(out.errors[0]?.message).toContain("Line 3");
    expect(out.rows.map((r) => r.cells.code)).toEqual(["a", "d"]);
  });

  it("tolerates trailing empty cells that Excel pads rows with", () => {
    const out = parseCsv(lines("code,kind", "a,region,,", "b"));
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]?.line).toBe(3);
    expect(out.rows.map((r) => r.cells)).toEqual([{ code: "a", kind: "region" }]);
  });

  it("reports an unclosed quote with the line it opens on instead of throwing", () => {
    const text = lines("code,source", "a,ok", "", 'b,"never closed', "c,lost");
    const out = parseCsv(text);
    expect(out.errors).toEqual([expect.objectContaining({ line: 4, code: "unclosed_quote" })]);
    expect(out.errors[0]?.message).toMatch(/Line 4/);
    expect(out.rows.map((r) => r.cells.code)).toEqual(["a"]);
  });

  it("keeps stray quotes inside unquoted cells literally", () => {
    const out = parseCsv(lines("code,name_ru", 'a,ООО "Ромашка"'));
    expect(out.errors).toEqual([]);
    expect(out.rows[0]?.cells.name_ru).toBe('ООО "Ромашка"');
  });

  it("reports a repeated header name", () => {
    const out = parseCsv(lines("code,Code,kind", "a,b,region"));
    expect(out.errors).toEqual([
      expect.objectContaining({ line: 1, code: "duplicate_column", params: { column: "code" } }),
    ]);
    expect(out.header).toEqual(["code", "kind"]);
    expect(out.rows[0]?.cells).toEqual({ code: "a", kind: "region" });
  });

  it("treats a column named like an Object property as an ordinary column", () => {
    const out = parseCsv(lines("constructor,__proto__,hasOwnProperty", "x,y,z"));
    expect(out.rows[0]?.cells.constructor).toBe("x");
    expect(out.rows[0]?.cells.hasownproperty).toBe("z");
    // "__proto__" cannot be an own key of a plain object; it is no real column, so it is dropped
    expect(Object.keys(out.rows[0]?.cells ?? {})).toEqual(["constructor", "hasownproperty"]);
    expect(Object.getPrototypeOf(out.rows[0]?.cells)).toBe(Object.prototype);
  });

  it("returns nothing, and no error, for empty text", () => {
    expect(parseCsv("")).toEqual({ header: [], rows: [], errors: [] });
    expect(parseCsv("\uFEFF\n\n")).toEqual({ header: [], rows: [], errors: [] });
  });

  it("returns a header and no rows for a header-only file", () => {
    expect(parseCsv("code,kind")).toEqual({ header: ["code", "kind"], rows: [], errors: [] });
  });
});

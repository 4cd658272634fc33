import { parseCsv } from "../../app/domain/registry/csv";
import { brief, csv, plan, seed } from "./registry-fixtures";

/** Re-save a CSV the way Russian Excel does: BOM, ";" delimiter, CRLF, every cell quoted. */
function asRussianExcel(text: string): string {
  const { header, rows } = parseCsv(text);
  const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
  const lines = [header, ...rows.map((r) => header.map((h) => r.cells[h] ?? ""))];
  return "\uFEFF" + lines.map((cells) => cells.map(quote).join(";")).join("\r\n") + "\r\n";
}

const T = "code,name_ru,kind,parent_code,oktmo,population,population_year";

describe("planRegistryImport with the real Amur seed files", () => {
  const out = plan({ territories: seed("amur-territories.csv"), organisations: seed("amur-organisations.csv") });

  it("imports cleanly: 30 territories, 48 organisations, no rejections or warnings", () => {
    expect(out.rejections).toEqual([]);
    expect(out.warnings).toEqual([]);
    expect(out.plan.territories).toHaveLength(30);
    expect(out.plan.organisations).toHaveLength(48);
    expect(out.plan.pages).toEqual([]);
  });

  it("keeps unknown population as null, never 0", () => {
    const zeya = out.plan.territories.find((t) => t.code === "amur-zeya");
    expect(zeya).toMatchObject({ population: null, population_year: null, oktmo: null, parent_code: null });
    expect(out.plan.territories.filter((t) => t.population === null)).toHaveLength(11);
    expect(out.plan.territories.some((t) => t.population === 0)).toBe(false);
    expect(out.plan.territories[0]).toMatchObject({
      line: 2, code: "amur", kind: "region", name_en: "Amur Oblast", population: 753046, population_year: 2025,
    });
  });

  it("marks the 10 organisations whose source says unverified", () => {
    const unverified = out.plan.organisations.filter((o) => !o.verified).map((o) => o.code);
    expect(unverified).toHaveLength(10);
    expect(unverified).toContain("org-min-zdrav");
    expect(unverified).toContain("org-upr-zags");
    expect(out.plan.organisations.find((o) => o.code === "org-min-prirody")?.verified).toBe(true);
  });

  it("links administrations to territories and derives peer groups from kind", () => {
    const admins = out.plan.organisations.filter((o) => o.kind === "municipality_admin");
    expect(admins).toHaveLength(29);
    expect(admins.every((o) => o.peer_group === "municipal_administration")).toBe(true);
    expect(out.plan.organisations.find((o) => o.code === "adm-zeya")?.territory_code).toBe("amur-zeya");
    const regional = out.plan.organisations.filter((o) => o.peer_group === "regional_executive");
    expect(regional).toHaveLength(19);
    expect(regional.every((o) => o.territory_code === null && o.parent_code === null)).toBe(true);
  });
});

describe("planRegistryImport file-level problems", () => {
  it("rejects an empty or whitespace-only file at line 1", () => {
    const out = plan({ territories: " \n\t\n", pages: "\uFEFF" });
    expect(brief(out)).toEqual([
      ["territories", 1, null, "empty_file"],
      ["pages", 1, null, "empty_file"],
    ]);
  });

  it("reports each missing required column once and does not check rows", () => {
    const out = plan({ territories: csv("code,name_en", "a,A", "b,B") });
    expect(brief(out)).toEqual([
      ["territories", 1, "name_ru", "missing_column"],
      ["territories", 1, "kind", "missing_column"],
    ]);
    expect(out.plan.territories).toEqual([]);
  });

  it("still knows the codes of a file with a missing column, so other files are not flooded", () => {
    const out = plan({
      territories: csv("code,name_ru", "amur,Амурская"),
      organisations: csv("code,name_ru,kind,territory_code", "adm,Администрация,municipality_admin,amur"),
    });
    expect(brief(out)).toEqual([["territories", 1, "kind", "missing_column"]]);
  });

  it("warns about unknown columns without rejecting", () => {
    const out = plan({ territories: csv("code,name_ru,kind,comment", "amur,Амурская,region,hi") });
    expect(out.rejections).toEqual([]);
    expect(out.warnings).toEqual([
      { file: "territories", line: 1, field: "comment", code: "unknown_column", params: { column: "comment" } },
    ]);
    expect(out.plan.territories).toHaveLength(1);
  });

  it("turns CSV shape errors into rejections with their lines", () => {
    const out = plan({
      territories: csv("code,name_ru,kind", "a,A,region", "b,B", 'c,"C', "d,D,region"),
      organisations: csv("code,code,name_ru,kind", "x,x,X,ministry"),
    });
    expect(brief(out)).toEqual([
      ["territories", 3, null, "column_count"],
      ["territories", 4, null, "unclosed_quote"],
      ["organisations", 1, "code", "duplicate_column"],
    ]);
  });

  it("accepts any subset of files", () => {
    const out = plan({ organisations: csv("code,name_ru,kind", "min,Министерство,ministry") });
    expect(out.rejections).toEqual([]);
    expect(out.plan).toMatchObject({ territories: [], pages: [], organisations: [{ code: "min" }] });
    expect(plan({})).toEqual({ plan: { territories: [], organisations: [], pages: [] }, rejections: [], warnings: [] });
  });
});

describe("planRegistryImport territory rows", () => {
  it("reports every problem of a row, each with its field and value", () => {
    const out = plan({ territories: csv(T, "Bad Code!,,planet,,1a,-5,1700") });
    expect(out.rejections).toEqual([
      { file: "territories", line: 2, field: "code", code: "invalid_code", value: "Bad Code!" },
      { file: "territories", line: 2, field: "name_ru", code: "required" },
      {
        file: "territories", line: 2, field: "kind", code: "unknown_kind", value: "planet",
        params: { allowed: "region, city_okrug, municipal_okrug, municipal_district, urban_settlement, rural_settlement, other" },
      },
      { file: "territories", line: 2, field: "oktmo", code: "invalid_oktmo", value: "1a" },
      { file: "territories", line: 2, field: "population", code: "invalid_number", value: "-5" },
      { file: "territories", line: 2, field: "population_year", code: "invalid_year", value: "1700" },
    ]);
    expect(out.plan.territories).toEqual([]);
  });

  it("normalises codes and kinds to lower case and trims cells", () => {
    const out = plan({ territories: csv(T, "  AMUR ,  Амурская  ,Region,,10000000,,") });
    expect(out.plan.territories).toEqual([
      {
        line: 2, code: "amur", name_ru: "Амурская", name_en: null, kind: "region", parent_code: null,
        oktmo: "10000000", population: null, population_year: null, source: null,
      },
    ]);
  });

  it("rejects the later of two rows with the same code", () => {
    const out = plan({ territories: csv(T, "a,A,region,,,,", "b,B,region,,,,", "A,A2,region,,,,") });
    expect(out.rejections).toEqual([
      { file: "territories", line: 4, field: "code", code: "duplicate_code", value: "A", params: { firstLine: 2 } },
    ]);
    expect(out.plan.territories.map((t) => t.name_ru)).toEqual(["A", "B"]);
  });

  it.each([
    ["753046", 753046],
    ["753 046", 753046],
    ["753\u00a0046", 753046],
    ["1\u202f234\u202f567", 1234567],
    ["0", 0],
  ])("reads population %j as %d", (cell, expected) => {
    const out = plan({ territories: csv(T, `a,A,region,,,"${cell}",2021`) });
    expect(out.rejections).toEqual([]);
    expect(out.plan.territories[0]?.population).toBe(expected);
  });

  it.each(["12.5", "12,5", "abc", "1 23", "-1", "99999999999"])("rejects population %j", (cell) => {
    const out = plan({ territories: csv(T, `a,A,region,,,"${cell}",2021`) });
    expect(brief(out)).toEqual([["territories", 2, "population", "invalid_number"]]);
  });

  it.each(["1799", "2101", "20x5", "21"])("rejects population_year %j", (cell) => {
    expect(brief(plan({ territories: csv(T, `a,A,region,,,,${cell}`) }))).toEqual([
      ["territories", 2, "population_year", "invalid_year"],
    ]);
  });

  it("accepts 2 to 11 digit OKTMO codes only", () => {
    const out = plan({ territories: csv(T, "a,A,region,,10,,", "b,B,region,,10701000001,,", "c,C,region,,1,,", "d,D,region,,107010000011,,") });
    expect(brief(out)).toEqual([
      ["territories", 4, "oktmo", "invalid_oktmo"],
      ["territories", 5, "oktmo", "invalid_oktmo"],
    ]);
  });

  it("warns when a population has no year", () => {
    const out = plan({ territories: csv(T, "a,A,region,,,5000,") });
    expect(out.rejections).toEqual([]);
    expect(out.warnings).toEqual([
      { file: "territories", line: 2, field: "population_year", code: "population_without_year" },
    ]);
  });
});

describe("planRegistryImport spreadsheet formats", () => {
  it("plans the Amur files saved by Russian Excel exactly like the originals", () => {
    const files = { territories: seed("amur-territories.csv"), organisations: seed("amur-organisations.csv") };
    const excel = { territories: asRussianExcel(files.territories), organisations: asRussianExcel(files.organisations) };
    expect(excel.organisations.startsWith('\uFEFF"code";"name_ru"')).toBe(true);
    const out = plan(excel);
    expect(out.rejections).toEqual([]);
    expect(out.plan).toEqual(plan(files).plan);
  });

  it("reads a hand-made semicolon file with decimal-comma-looking cells", () => {
    const out = plan({ territories: csv("code;name_ru;kind;population;population_year", "amur;Амурская, область;region;753 046;2025") });
    expect(out.rejections).toEqual([]);
    expect(out.plan.territories[0]).toMatchObject({ name_ru: "Амурская, область", population: 753046 });
  });

  it("reports the spreadsheet line of a row that follows multi-line quoted cells", () => {
    const out = plan({
      territories: csv(
        "code,name_ru,kind,source",
        'amur,Амурская,region,"line one',
        "line two",
        'line three"',
        "",
        'zeya,"Зея',
        '(город)",planet,x',
      ),
    });
    expect(out.rejections).toEqual([
      { file: "territories", line: 6, field: "kind", code: "unknown_kind", value: "planet", params: expect.any(Object) },
    ]);
    expect(out.plan.territories).toMatchObject([{ line: 2, code: "amur", source: "line one\nline two\nline three" }]);
  });
});

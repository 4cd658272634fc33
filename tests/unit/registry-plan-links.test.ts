import { brief, csv, existing, plan } from "./registry-fixtures";

const T = "code,name_ru,kind,parent_code";
const O = "code,name_ru,kind,parent_code,territory_code,peer_group,sphere,verified,source";

describe("planRegistryImport parent links", () => {
  it("accepts a parent defined later in the file and orders parents first", () => {
    const out = plan({
      territories: csv(T, "village,Село,rural_settlement,district", "district,Район,municipal_district,amur", "amur,Область,region,"),
    });
    expect(out.rejections).toEqual([]);
    expect(out.plan.territories.map((t) => [t.code, t.parent_code, t.line])).toEqual([
      ["amur", null, 4],
      ["district", "amur", 3],
      ["village", "district", 2],
    ]);
  });

  it("keeps file order where parents already come first, and places every parent before its children", () => {
    const rows = ["r,R,region,", "a,A,city_okrug,r", "x,X,other,b", "b,B,city_okrug,r", "y,Y,other,a", "z,Z,other,x"];
    const order = plan({ territories: csv(T, ...rows) }).plan.territories.map((t) => t.code);
    expect(order).toEqual(["r", "a", "b", "x", "y", "z"]);
    const position = new Map(order.map((c, i) => [c, i]));
    for (const [child, parent] of [["a", "r"], ["x", "b"], ["b", "r"], ["y", "a"], ["z", "x"]] as const) {
      expect(position.get(parent)).toBeLessThan(position.get(child) ?? -1);
    }
  });

  it("orders a long chain without recursion", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `t${i},T${i},other,${i === 0 ? "" : `t${i - 1}`}`).reverse();
    const out = plan({ territories: csv(T, ...rows) });
    expect(out.rejections).toEqual([]);
    expect(out.plan.territories[0]?.code).toBe("t0");
    expect(out.plan.territories.at(-1)?.code).toBe("t19999");
  });

  it("rejects an unknown parent with the value and the field", () => {
    const out = plan({ territories: csv(T, "a,A,region,nowhere") });
    expect(out.rejections).toEqual([
      { file: "territories", line: 2, field: "parent_code", code: "unknown_parent", value: "nowhere" },
    ]);
  });

  it("accepts a parent that only exists in the registry", () => {
    const out = plan({ territories: csv(T, "blag,Благовещенск,city_okrug,AMUR") }, existing({ territories: ["amur"] }));
    expect(out.rejections).toEqual([]);
    expect(out.plan.territories[0]?.parent_code).toBe("amur");
  });

  it("does not treat an organisation code as a territory parent", () => {
    const out = plan({ territories: csv(T, "a,A,region,min") }, existing({ organisations: ["min"] }));
    expect(brief(out)).toEqual([["territories", 2, "parent_code", "unknown_parent"]]);
  });

  it("rejects a row that is its own parent", () => {
    expect(brief(plan({ territories: csv(T, "a,A,region,A") }))).toEqual([["territories", 2, "parent_code", "self_parent"]]);
  });

  it("rejects an invalid parent code as invalid_code", () => {
    expect(brief(plan({ territories: csv(T, "a,A,region,not valid") }))).toEqual([
      ["territories", 2, "parent_code", "invalid_code"],
    ]);
  });

  it("reports parent_cycle on every row of each loop, but not on rows hanging off it", () => {
    const out = plan({
      territories: csv(T, "a,A,other,b", "b,B,other,c", "c,C,other,a", "d,D,other,a", "e,E,other,f", "f,F,other,e", "g,G,other,"),
    });
    expect(brief(out)).toEqual([
      ["territories", 2, "parent_code", "parent_cycle"],
      ["territories", 3, "parent_code", "parent_cycle"],
      ["territories", 4, "parent_code", "parent_cycle"],
      ["territories", 6, "parent_code", "parent_cycle"],
      ["territories", 7, "parent_code", "parent_cycle"],
    ]);
    expect(out.rejections[0]?.params).toEqual({ cycle: "a → b → c → a" });
    // d is fine by itself; its parent's rejection already blocks the import, so it is not piled on.
    expect(out.plan.territories.map((t) => t.code)).toEqual(["d", "g"]);
  });

  it("finds a loop between organisations too, together with the row's other problems", () => {
    const out = plan({ organisations: csv(O, "x,X,planet,y,,,,,", "y,Y,agency,x,,,,,") });
    expect(brief(out)).toEqual([
      ["organisations", 2, "kind", "unknown_kind"],
      ["organisations", 2, "parent_code", "parent_cycle"],
      ["organisations", 3, "parent_code", "parent_cycle"],
    ]);
  });
});

describe("planRegistryImport organisation rows", () => {
  it("resolves territory codes from the territories file or the registry", () => {
    const out = plan(
      {
        territories: csv("code,name_ru,kind", "zeya,Зея,city_okrug"),
        organisations: csv(O, "a,A,municipality_admin,,zeya,,,,", "b,B,municipality_admin,,tynda,,,,", "c,C,municipality_admin,,mars,,,,"),
      },
      existing({ territories: ["tynda"] }),
    );
    expect(out.rejections).toEqual([
      { file: "organisations", line: 4, field: "territory_code", code: "unknown_territory", value: "mars" },
    ]);
    expect(out.plan.organisations.map((o) => o.territory_code)).toEqual(["zeya", "tynda"]);
  });

  it("resolves parents from the registry and orders in-file parents first", () => {
    const out = plan(
      { organisations: csv(O, "school,Школа,subordinate,min-obr,,,education,,", "min-obr,Минобр,ministry,gov,,,,,") },
      existing({ organisations: ["gov"] }),
    );
    expect(out.rejections).toEqual([]);
    expect(out.plan.organisations.map((o) => [o.code, o.parent_code])).toEqual([
      ["min-obr", "gov"],
      ["school", "min-obr"],
    ]);
  });

  it("uses a given peer group, else the default for kind and sphere", () => {
    const out = plan({
      organisations: csv(O, "a,A,subordinate,,,,Education,,", "b,B,subordinate,,,,,,", "c,C,agency,,,Custom_Group,,,", "d,D,department,,,,,,"),
    });
    expect(out.plan.organisations.map((o) => o.peer_group)).toEqual([
      "subordinate:education",
      "subordinate",
      "custom_group",
      "regional_executive",
    ]);
  });

  it.each([
    ["true", "", true],
    ["Yes", "", true],
    ["1", "unverified: guess", true],
    ["ДА", "", true],
    ["false", "", false],
    ["no", "", false],
    ["0", "", false],
    ["Нет", "", false],
    ["", "Unverified: from memory", false],
    ["", "unverified", false],
    ["", "inferred: not verified", true],
    ["", "", true],
  ])("verified=%j with source %j gives %s", (cell, source, expected) => {
    const out = plan({ organisations: csv(O, `a,A,ministry,,,,,${cell},${source}`) });
    expect(out.rejections).toEqual([]);
    expect(out.plan.organisations[0]?.verified).toBe(expected);
  });

  it("rejects a verified value that is not a yes/no", () => {
    const out = plan({ organisations: csv(O, "a,A,ministry,,,,,maybe,") });
    expect(out.rejections).toEqual([
      { file: "organisations", line: 2, field: "verified", code: "invalid_boolean", value: "maybe" },
    ]);
  });

  it("rejects organisation kinds outside the vocabulary, listing the allowed ones", () => {
    const out = plan({ organisations: csv(O, "a,A,region,,,,,,") });
    expect(out.rejections[0]).toMatchObject({
      code: "unknown_kind",
      value: "region",
      params: { allowed: "ministry, department, agency, municipality_admin, subordinate" },
    });
  });

  it("cuts long values in rejections to 200 characters after trimming", () => {
    const long = "X".repeat(500);
    const out = plan({ organisations: csv(O, `a,A,  ${long}  ,,,,,,`) });
    expect(out.rejections[0]?.value).toBe("X".repeat(200));
  });
});

/** Codebook tree edits as pure functions: add, rename, move, merge, validation. */
import { describe, expect, it } from "vitest";
import {
  codebookTree,
  codePath,
  codePathLabel,
  validateCodebook,
  type Code,
  type Codebook,
  type CodebookResult,
} from "../../app/domain/focus-groups/codebook";
import {
  addCode,
  mergeCodes,
  moveCode,
  renameCode,
  updateCodeDetails,
} from "../../app/domain/focus-groups/codebook-ops";
import type { Coding } from "../../app/domain/focus-groups/types";

const code = (id: string, name: string, parentId: string | null = null): Code => ({
  id,
  parentId,
  name,
  definition: "",
  color: null,
});

// Доверие
//   Власть
//     Губернатор
//   СМИ
// Дороги
const book: Codebook = {
  codes: [
    code("trust", "Доверие"),
    code("power", "Власть", "trust"),
    code("governor", "Губернатор", "power"),
    code("media", "СМИ", "trust"),
    code("roads", "Дороги"),
  ],
};

const ok = (r: CodebookResult) => {
  if (!r.ok) throw new Error(r.errors.map((e) => e.en).join("; "));
  return r.codebook;
};
const codes = (r: CodebookResult) => (r.ok ? [] : r.errors.map((e) => e.code));

describe("tree and paths", () => {
  it("builds the tree in array order and names codes by path", () => {
    const tree = codebookTree(book);
    expect(tree.map((n) => [n.code.name, n.children.map((c) => c.code.name)])).toEqual([
      ["Доверие", ["Власть", "СМИ"]],
      ["Дороги", []],
    ]);
    expect(codePath(book, "governor")).toEqual(["Доверие", "Власть", "Губернатор"]);
    expect(codePathLabel(book, "governor")).toBe("Доверие / Власть / Губернатор");
    expect(codePath(book, "missing")).toEqual([]);
    expect(validateCodebook(book)).toEqual([]);
  });
});

describe("addCode", () => {
  it("appends a child with a tidy name and an upper-case colour", () => {
    const next = ok(
      addCode(book, {
        id: "mayor",
        name: "  Мэр   города ",
        parentId: "power",
        color: "#1f77b4",
        definition: " Глава ",
      }),
    );
    expect(next.codes.at(-1)).toEqual({
      id: "mayor",
      parentId: "power",
      name: "Мэр города",
      definition: "Глава",
      color: "#1F77B4",
    });
    expect(codebookTree(next)[0]!.children[0]!.children.map((n) => n.code.name)).toEqual(["Губернатор", "Мэр города"]);
    expect(book.codes).toHaveLength(5); // the input is not changed
  });

  it("rejects a sibling with the same name, ignoring case and ё", () => {
    const r = addCode(book, { id: "x", name: "сми", parentId: "trust" });
    expect(codes(r)).toEqual(["duplicate_sibling_name"]);
    expect(r.ok ? "" : r.errors[0]!.ru).toBe(
      "Код «сми» уже есть на этом уровне в «Доверие»: названия соседних кодов не должны совпадать",
    );
    const withYo = ok(addCode(book, { id: "e", name: "Ёлки" }));
    expect(codes(addCode(withYo, { id: "e2", name: "елки" }))).toEqual(["duplicate_sibling_name"]);
    // the same name under another parent is fine
    expect(addCode(book, { id: "y", name: "СМИ", parentId: "roads" }).ok).toBe(true);
  });

  it("rejects bad colours, empty names, unknown parents and reused ids", () => {
    expect(codes(addCode(book, { id: "x", name: "Цвет", color: "#12345" }))).toEqual(["invalid_color"]);
    expect(codes(addCode(book, { id: "x", name: "Цвет", color: "red" }))).toEqual(["invalid_color"]);
    expect(codes(addCode(book, { id: "x", name: "Цвет", color: "#abc" }))).toEqual(["invalid_color"]);
    expect(codes(addCode(book, { id: "x", name: "   " }))).toEqual(["empty_name"]);
    expect(codes(addCode(book, { id: "x", name: "Я".repeat(201) }))).toEqual(["name_too_long"]);
    expect(codes(addCode(book, { id: "x", name: "Новый", parentId: "nope" }))).toEqual(["unknown_parent"]);
    expect(codes(addCode(book, { id: "roads", name: "Новый" }))).toEqual(["duplicate_id"]);
  });
});

describe("renameCode and updateCodeDetails", () => {
  it("renames, allowing a change of case of the code's own name", () => {
    expect(codePathLabel(ok(renameCode(book, "media", "Медиа")), "media")).toBe("Доверие / Медиа");
    expect(ok(renameCode(book, "media", "сми")).codes.find((c) => c.id === "media")!.name).toBe("сми");
  });

  it("refuses a name a sibling has, an empty name and an unknown code", () => {
    expect(codes(renameCode(book, "media", "Власть"))).toEqual(["duplicate_sibling_name"]);
    expect(codes(renameCode(book, "media", ""))).toEqual(["empty_name"]);
    expect(codes(renameCode(book, "ghost", "Призрак"))).toEqual(["unknown_code"]);
  });

  it("updates the definition and colour, and clears the colour with null", () => {
    const coloured = ok(updateCodeDetails(book, "roads", { color: "#00aa00", definition: "Состояние дорог" }));
    expect(coloured.codes.find((c) => c.id === "roads")).toMatchObject({
      color: "#00AA00",
      definition: "Состояние дорог",
    });
    expect(
      ok(updateCodeDetails(coloured, "roads", { color: null })).codes.find((c) => c.id === "roads")!.color,
    ).toBeNull();
    expect(codes(updateCodeDetails(book, "roads", { color: "#GGGGGG" }))).toEqual(["invalid_color"]);
  });
});

describe("moveCode", () => {
  it("moves a code with its subtree to the end of the new parent's children", () => {
    const next = ok(moveCode(book, "power", "roads"));
    expect(codePathLabel(next, "governor")).toBe("Дороги / Власть / Губернатор");
    expect(ok(moveCode(book, "governor", null)).codes.at(-1)).toMatchObject({ id: "governor", parentId: null });
  });

  it("rejects moving a code into itself or into its own descendant", () => {
    expect(codes(moveCode(book, "trust", "trust"))).toEqual(["parent_cycle"]);
    expect(codes(moveCode(book, "trust", "governor"))).toEqual(["parent_cycle"]);
  });

  it("rejects a name clash at the destination and unknown codes", () => {
    const withClash = ok(addCode(book, { id: "power2", name: "власть", parentId: "roads" }));
    expect(codes(moveCode(withClash, "power2", "trust"))).toEqual(["duplicate_sibling_name"]);
    expect(codes(moveCode(book, "ghost", null))).toEqual(["unknown_code"]);
    expect(codes(moveCode(book, "media", "ghost"))).toEqual(["unknown_parent"]);
  });
});

describe("mergeCodes", () => {
  const coding = (
    id: string,
    codeId: string,
    start: number,
    end: number,
    memo: string | null = null,
    coderId = "c1",
  ): Coding => ({
    id,
    sessionId: "s1",
    turnIndex: 4,
    start,
    end,
    codeId,
    coderId,
    memo,
  });
  const codings = [
    coding("k1", "media", 0, 10, "про районную газету"),
    coding("k2", "power", 0, 10, "про администрацию"), // same span and coder as k1 once media -> power
    coding("k3", "media", 20, 30),
    coding("k4", "media", 0, 10, null, "c2"), // another coder: not a duplicate
    coding("k5", "roads", 0, 10),
  ];

  it("re-points codings, collapses duplicates on the same span keeping both memos, moves subcodes", () => {
    const withSub = ok(addCode(book, { id: "tv", name: "Телевидение", parentId: "media" }));
    const merged = mergeCodes(withSub, codings, "media", "power");
    if (!merged.ok) throw new Error("merge failed");
    expect(merged.codebook.codes.map((c) => c.id)).toEqual(["trust", "power", "governor", "roads", "tv"]);
    expect(codePathLabel(merged.codebook, "tv")).toBe("Доверие / Власть / Телевидение");
    expect(merged.collapsed).toBe(1);
    expect(merged.codings.map((c) => [c.id, c.codeId, c.memo])).toEqual([
      ["k1", "power", "про районную газету\n\nпро администрацию"],
      ["k3", "power", null],
      ["k4", "power", null],
      ["k5", "roads", null],
    ]);
  });

  it("refuses merging into itself, into a descendant, with clashing subcodes or unknown codes", () => {
    expect(mergeCodes(book, codings, "media", "media")).toMatchObject({
      ok: false,
      errors: [{ code: "merge_into_itself" }],
    });
    expect(mergeCodes(book, codings, "trust", "governor")).toMatchObject({
      ok: false,
      errors: [{ code: "merge_into_descendant" }],
    });
    const clash = ok(addCode(book, { id: "gov2", name: "губернатор", parentId: "media" }));
    expect(mergeCodes(clash, codings, "media", "power")).toMatchObject({
      ok: false,
      errors: [{ code: "duplicate_sibling_name" }],
    });
    expect(mergeCodes(book, codings, "ghost", "power")).toMatchObject({
      ok: false,
      errors: [{ code: "unknown_code" }],
    });
  });

  it("merging a child into its parent lifts the child's subcodes", () => {
    const merged = mergeCodes(book, [], "power", "trust");
    expect(merged.ok && codePathLabel(merged.codebook, "governor")).toBe("Доверие / Губернатор");
  });
});

describe("validateCodebook", () => {
  it("reports duplicate ids, sibling names, bad colours, unknown parents and loops", () => {
    const broken: Codebook = {
      codes: [
        code("a", "А"),
        { ...code("b", "а"), color: "#12" },
        code("a", "Другой"),
        code("c", "В", "nowhere"),
        code("x", "Икс", "y"),
        code("y", "Игрек", "x"),
      ],
    };
    expect(validateCodebook(broken).map((p) => p.code)).toEqual([
      "duplicate_id",
      "invalid_color",
      "duplicate_sibling_name",
      "unknown_parent",
      "parent_cycle",
      "parent_cycle",
    ]);
    // the tree leaves loops and orphans out rather than looping forever
    expect(codebookTree(broken).map((n) => n.code.name)).toEqual(["А", "а", "Другой"]);
  });
});

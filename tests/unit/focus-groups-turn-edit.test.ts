import { parseGuideText, guideText } from "../../app/domain/focus-groups/guide-text";
import { relocateSpans, textPieces } from "../../app/domain/focus-groups/turn-edit";

describe("relocating codings after a turn is edited", () => {
  const old = "Я писала в комментариях про яму на Ленина, ответа нет.";
  it("keeps spans before the edit and shifts those after it", () => {
    const fixed = "Я писала в комментариях про большую яму на Ленина, ответа нет.";
    const yama = old.indexOf("яму на Ленина");
    const net = old.indexOf("ответа нет");
    const r = relocateSpans(old, fixed, [
      { id: 1, start: 2, end: 8 },
      { id: 2, start: yama, end: yama + "яму на Ленина".length },
      { id: 3, start: net, end: net + "ответа нет".length },
    ]);
    expect(r).toEqual({
      ok: true,
      moved: [
        { id: 1, start: 2, end: 8 },
        { id: 2, start: fixed.indexOf("яму на Ленина"), end: fixed.indexOf("яму на Ленина") + 13 },
        { id: 3, start: fixed.indexOf("ответа нет"), end: fixed.indexOf("ответа нет") + 10 },
      ],
    });
    expect(fixed.slice(fixed.indexOf("ответа нет"), fixed.indexOf("ответа нет") + 10)).toBe("ответа нет");
  });
  it("picks the occurrence nearest to where the fragment was", () => {
    const text = "нет, нет и ещё раз нет";
    const second = text.indexOf("нет", 3);
    const r = relocateSpans(text, "Ну, " + text, [{ id: 7, start: second, end: second + 3 }]);
    expect(r).toEqual({ ok: true, moved: [{ id: 7, start: second + 4, end: second + 7 }] });
  });
  it("refuses when a coded fragment was deleted, naming it", () => {
    const r = relocateSpans(old, "Я писала в комментариях, ответа нет.", [{ id: 5, start: old.indexOf("про яму"), end: old.indexOf("про яму") + 7 }]);
    expect(r).toEqual({ ok: false, lost: [{ id: 5, fragment: "про яму" }] });
  });
});

describe("text pieces for highlighting", () => {
  it("splits at every boundary and lists covering codings", () => {
    const pieces = textPieces("abcdefgh", [
      { id: "x", start: 1, end: 5 },
      { id: "y", start: 3, end: 7 },
    ]);
    expect(pieces.map((p) => [p.text, p.codings.map((c) => c.id).join("")])).toEqual([
      ["a", ""],
      ["bc", "x"],
      ["de", "xy"],
      ["fg", "y"],
      ["h", ""],
    ]);
  });
  it("ignores spans outside the text", () => {
    expect(textPieces("abc", [{ start: 2, end: 9 }]).map((p) => p.text)).toEqual(["abc"]);
  });
});

describe("guide text", () => {
  it("reads sections and questions and writes them back", () => {
    const parsed = parseGuideText("# Знакомство\n- Как вас зовут?\n1. Откуда вы?\n\n## Новости\nГде читаете новости?");
    expect(parsed).toEqual({ ok: true, sections: [{ title: "Знакомство", questions: ["Как вас зовут?", "Откуда вы?"] }, { title: "Новости", questions: ["Где читаете новости?"] }] });
    if (parsed.ok) expect(parseGuideText(guideText(parsed.sections))).toEqual(parsed);
  });
  it("names the line of a question before any section", () => {
    expect(parseGuideText("\nВопрос без раздела")).toEqual({ ok: false, error: "guide.noHeading", line: 2 });
    expect(parseGuideText("  \n")).toEqual({ ok: false, error: "guide.empty", line: null });
  });
});

describe("attribute lines", () => {
  it("reads name: value lines and names a line without a name", async () => {
    const { parseAttributeLines, attributeLines } = await import("../../app/domain/focus-groups/attribute-lines");
    expect(parseAttributeLines("Соцсети: ежедневно\n\nДети: 2: школьники")).toEqual({ ok: true, values: { Соцсети: "ежедневно", Дети: "2: школьники" } });
    expect(parseAttributeLines("ok: 1\nбез двоеточия")).toEqual({ ok: false, line: 2 });
    expect(parseAttributeLines(": пусто")).toEqual({ ok: false, line: 1 });
    expect(attributeLines({ a: "1", b: "2" })).toBe("a: 1\nb: 2");
  });
});

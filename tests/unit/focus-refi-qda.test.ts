/**
 * REFI-QDA exchange: .qdc codebooks written and read, project.qde written from a real imported
 * transcript, both validated against the official schemas with xmllint (see
 * tests/fixtures/focus-groups/refi-qda/README.md). xmllint comes from the Debian package
 * libxml2-utils; without it the schema checks are skipped locally but fail under CI=true.
 */
import { describe, expect, it } from "vitest";
import type { Codebook } from "../../app/domain/focus-groups/codebook";
import { stableGuid } from "../../app/domain/focus-groups/guid";
import { writeQdc, codeGuid } from "../../app/domain/focus-groups/refi-qda";
import { writeRefiProject, type RefiProjectInput } from "../../app/domain/focus-groups/refi-qda-project";
import { readQdc } from "../../app/domain/focus-groups/refi-qda-qdc-read";
import { importTranscript, toSessionTurns } from "../../app/domain/focus-groups/transcript-import";
import type { Coding, Participant } from "../../app/domain/focus-groups/types";
import { childElements, parseXml, type ParsedElement } from "../../app/domain/focus-groups/xml-parse";
import { fixtureBytes, fixtureText } from "../fixtures/focus-groups/load";
import { CODEBOOK_XSD, itValidates, PROJECT_XSD, schemaErrors } from "../helpers/xml-schema";


const NS_QDE = "urn:QDA-XML:project:1.0";
const parsed = (xml: string): ParsedElement => {
  const r = parseXml(xml);
  if (!r.ok) throw new Error(r.error.en);
  return r.root;
};
const descendants = (el: ParsedElement, localName: string): ParsedElement[] =>
  el.children.flatMap((c) =>
    typeof c === "string" ? [] : [...(c.localName === localName ? [c] : []), ...descendants(c, localName)],
  );

const STUDY = "study-2024-trust";
const IMPORTED_GUID = "2A9E0C4D-1B7F-4E55-9A0B-6F1C2D3E4F50";
const codebook: Codebook = {
  codes: [
    { id: "trust", parentId: null, name: "Доверие", definition: "Верят ли официальным сообщениям", color: "#2CA02C" },
    { id: "distrust", parentId: "trust", name: "Недоверие", definition: "", color: null },
    {
      id: IMPORTED_GUID,
      parentId: null,
      name: "Обратная связь «госпабликов»",
      definition: "Ответы на вопросы <жителей> & их скорость",
      color: "#D62728",
    },
    { id: "themes", parentId: null, name: "Темы", definition: "", color: null, isCodable: false },
  ],
};

describe(".qdc codebook", () => {
  const written = writeQdc(codebook, { studyId: STUDY });
  const xml = written.ok ? written.xml : "";

  itValidates("validates against Codebook.xsd", () => {
    expect(schemaErrors(xml, CODEBOOK_XSD)).toBe("");
  });

  it("writes nested codes with stable GUIDs, keeping a GUID the code came with", () => {
    const codes = descendants(parsed(xml), "Code");
    expect(
      codes.map((c) => [c.attributes.get("name"), c.attributes.get("isCodable"), c.attributes.get("color") ?? null]),
    ).toEqual([
      ["Доверие", "true", "#2CA02C"],
      ["Недоверие", "true", null],
      ["Обратная связь «госпабликов»", "true", "#D62728"],
      ["Темы", "false", null],
    ]);
    expect(codes[0]!.attributes.get("guid")).toBe(stableGuid(STUDY, "code", "trust"));
    expect(codes[2]!.attributes.get("guid")).toBe(IMPORTED_GUID);
    expect(writeQdc(codebook, { studyId: STUDY })).toEqual(written); // byte-stable
  });

  it("round-trips through readQdc", () => {
    const back = readQdc(xml);
    expect(back.ok && back.warnings).toEqual([]);
    const again = back.ok ? writeQdc(back.codebook, { studyId: "another-study" }) : null;
    const reread = again?.ok ? readQdc(again.xml) : null;
    expect(reread?.ok && reread.codebook).toEqual(back.ok && back.codebook);
    expect(back.ok && back.codebook.codes.map((c) => [c.name, c.definition])).toEqual([
      ["Доверие", "Верят ли официальным сообщениям"],
      ["Недоверие", ""],
      ["Обратная связь «госпабликов»", "Ответы на вопросы <жителей> & их скорость"],
      ["Темы", ""],
    ]);
  });

  it("refuses an empty or broken codebook", () => {
    expect(writeQdc({ codes: [] }, { studyId: STUDY })).toMatchObject({
      ok: false,
      errors: [{ code: "empty_codebook" }],
    });
    const loop = { codes: [{ ...codebook.codes[0]!, parentId: "trust" }] };
    expect(writeQdc(loop, { studyId: STUDY })).toMatchObject({ ok: false, errors: [{ code: "parent_cycle" }] });
  });
});

describe("reading a .qdc from another program", () => {
  const result = readQdc(fixtureText("refi-qda/atlas-style-codebook.qdc"));

  it("keeps the hierarchy, GUIDs, descriptions and colours, expanding #RGB", () => {
    if (!result.ok) throw new Error(result.errors.map((e) => e.en).join("; "));
    expect(result.codebook.codes).toEqual([
      {
        id: "1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294",
        parentId: null,
        name: "Доверие к власти",
        definition: "Высказывания о том, верят ли участники сообщениям органов власти.",
        color: "#46AA00",
        isCodable: false,
      },
      {
        id: "2A9E0C4D-1B7F-4E55-9A0B-6F1C2D3E4F50",
        parentId: "1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294",
        name: "Доверяет",
        definition: "Участник прямо говорит, что верит официальным сообщениям & ссылается на опыт.",
        color: "#00AA00",
      },
      {
        id: "3B0D1E2F-4A5B-4C6D-8E7F-9A0B1C2D3E4F",
        parentId: "1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294",
        name: "Не доверяет",
        definition: "",
        color: null,
      },
      {
        id: "4C1E2F30-5B6C-4D7E-9F80-A1B2C3D4E5F6",
        parentId: null,
        name: "Обратная связь «госпабликов»",
        definition: "Отвечают ли страницы на вопросы <жителей>.",
        color: null,
      },
    ]);
    expect(result.warnings.map((w) => [w.code, w.line])).toEqual([["sets_ignored", 16]]);
  });

  const refused = (xml: string) => {
    const r = readQdc(xml);
    expect("codebook" in r).toBe(false); // nothing partial
    return r.ok ? [] : r.errors.map((e) => [e.code, e.line]);
  };
  const wrap = (codes: string) =>
    `<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n<Codes>\n${codes}\n</Codes>\n</CodeBook>`;
  const G1 = "11111111-2222-4333-8444-555555555555";
  const G2 = "66666666-7777-4888-9999-AAAAAAAAAAAA";

  it("refuses invalid XML, a wrong root and a wrong namespace", () => {
    expect(refused("<CodeBook><Codes>")).toEqual([["unclosed_tag", 1]]);
    expect(refused(`<Project xmlns="urn:QDA-XML:project:1.0"/>`)).toEqual([["not_a_codebook", 1]]);
    expect(refused(`<CodeBook xmlns="urn:QDA-XML:codebook:1:0"><Codes/></CodeBook>`)).toEqual([["wrong_namespace", 1]]);
    expect(refused(`<CodeBook><Codes/></CodeBook>`)).toEqual([["wrong_namespace", 1]]);
  });

  it("refuses missing names, duplicate GUIDs, bad GUIDs and booleans, sibling clashes, with lines", () => {
    const xml = wrap(
      [
        `<Code guid="${G1}" isCodable="true"/>`,
        `<Code guid="${G1}" name="Дубль" isCodable="true"/>`,
        `<Code guid="not-a-guid" name="Плохой" isCodable="true"/>`,
        `<Code name="Без GUID" isCodable="yes"/>`,
        `<Code guid="${G2}" name="плохой" isCodable="true"/>`,
        `<Code guid="{${G2.slice(0, 8)}-0000-4000-8000-000000000000}" name="  " isCodable="true"/>`,
      ].join("\n"),
    );
    expect(refused(xml)).toEqual([
      ["missing_attribute", 3],
      ["duplicate_guid", 4],
      ["invalid_guid", 5],
      ["missing_attribute", 6],
      ["invalid_boolean", 6],
      ["duplicate_sibling_name", 7],
      ["empty_name", 8],
    ]);
    const r = readQdc(xml);
    expect(r.ok ? "" : r.errors[1]!.ru).toBe(`GUID ${G1} уже встречался в строке 3`);
  });

  it("refuses a codebook without codes", () => {
    expect(refused(`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>`)).toEqual([["missing_codes", 1]]);
    expect(refused(wrap(""))).toEqual([["empty_codebook", 2]]);
  });

  it("drops an unreadable colour and unknown elements with warnings, not errors", () => {
    const r = readQdc(wrap(`<Code guid="${G1}" name="Цвет" color="green"><NoteRef targetGUID="${G2}"/></Code>`));
    expect(r.ok && r.codebook.codes[0]!.color).toBeNull();
    expect(r.warnings.map((w) => w.code)).toEqual(["is_codable_missing", "color_dropped", "element_ignored"]);
  });
});

describe("project.qde", () => {
  const imported = importTranscript({
    bytes: fixtureBytes("fg-yakutsk-teams.vtt"),
    speakerMap: { Модератор: "moderator", Ирина: "У-01", Сергей: "У-02" },
  });
  if (!imported.ok) throw new Error("fixture import failed");
  const turns1 = toSessionTurns("s1", imported.turns, imported.speakers);
  const turns2 = [
    { sessionId: "s2", index: 0, speaker: { kind: "moderator" as const }, text: "Как вам ремонт?", startMs: null },
    {
      sessionId: "s2",
      index: 1,
      speaker: { kind: "participant" as const, participantCode: "У-01" },
      text: "Отлично 👍 всё\u0007 починили",
      startMs: 5000,
    },
  ];
  const participants: Participant[] = [
    { code: "У-01", attributes: { sex: "ж", age_band: "30–44", territory: "Якутск" }, consentToQuotes: true },
    { code: "У-02", attributes: { sex: "м", age_band: "45–59", territory: "Якутск", occupation: "водитель" } },
  ];
  const at = (text: string, part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });
  const t1 = turns1[1]!.text;
  const t4 = turns1[4]!.text;
  const t2 = turns2[1]!.text;
  const codings: Coding[] = [
    {
      id: "k1",
      sessionId: "s1",
      turnIndex: 1,
      ...at(t1, "почти не отвечают"),
      codeId: IMPORTED_GUID,
      coderId: "c1",
      memo: "Ключевая жалоба",
    },
    {
      id: "k2",
      sessionId: "s1",
      turnIndex: 1,
      ...at(t1, "почти не отвечают"),
      codeId: IMPORTED_GUID,
      coderId: "c2",
      memo: null,
    },
    {
      id: "k3",
      sessionId: "s1",
      turnIndex: 4,
      ...at(t4, "Без сроков это просто слова."),
      codeId: "distrust",
      coderId: "c1",
      memo: null,
    },
    { id: "k4", sessionId: "s1", turnIndex: 4, ...at(t4, "Доверяю"), codeId: "trust", coderId: "c1", memo: null },
    { id: "k5", sessionId: "s2", turnIndex: 1, ...at(t2, "починили"), codeId: "trust", coderId: "c2", memo: null },
  ];
  const input: RefiProjectInput = {
    studyId: STUDY,
    projectName: "Доверие к госпабликам, 2024",
    codebook,
    coders: [
      { id: "c1", name: "Кодировщик А" },
      { id: "c2", name: "Кодировщик Б" },
    ],
    participants,
    attributeLabels: { sex: "Пол", age_band: "Возраст", territory: "Территория", occupation: "Род занятий" },
    sessions: [
      {
        id: "s1",
        name: "ФГ-2, Якутск, 14.03.2024",
        description: "Онлайн, Teams",
        memo: "Связь прерывалась на 40-й минуте",
        turns: turns1,
      },
      { id: "s2", name: "ФГ-5, Мирный", turns: turns2 },
    ],
    codings,
  };
  const result = writeRefiProject(input);
  if (!result.ok) throw new Error(result.errors.map((e) => e.en).join("; "));

  itValidates("validates against Project-mrt2019.xsd, with sources as files or inline", () => {
    expect(schemaErrors(result.projectXml, PROJECT_XSD)).toBe("");
    const inline = writeRefiProject({ ...input, inlineSources: true });
    expect(inline.ok && inline.sources).toEqual([]);
    expect(schemaErrors(inline.ok ? inline.projectXml : "", PROJECT_XSD)).toBe("");
  });

  it("puts each session's text in Sources/<guid>.txt under pseudonyms, never transcript labels", () => {
    const source1 = stableGuid(STUDY, "source", "s1");
    expect(result.sources.map((s) => s.path)).toEqual([
      `Sources/${source1}.txt`,
      `Sources/${stableGuid(STUDY, "source", "s2")}.txt`,
    ]);
    expect(result.sources[0]!.text.split("\n")).toEqual([
      "[00:00:03] Модератор: Добрый вечер! Начнём с простого: откуда вы узнаёте новости района?",
      `[00:00:10] У-01: ${t1}`,
      "[00:00:20] У-02: А я в Телеграм-канал мэрии смотрю, & ещё в чат дома.",
      "[00:01:02] Модератор: Доверяете ли вы тому, что там пишут?",
      `[00:01:10] У-02: ${t4}`,
    ]);
    expect(result.projectXml + result.sources.map((s) => s.text).join("")).not.toMatch(/Ирина|Сергей/);
    expect(result.projectXml).toContain(`plainTextPath="internal://${source1}.txt"`);
  });

  it("places every coding so the source's characters [start, end) are the coded words", () => {
    const root = parsed(result.projectXml);
    const sources = descendants(root, "TextSource");
    const found: Array<[string, string]> = [];
    sources.forEach((source, i) => {
      const points = [...result.sources[i]!.text]; // REFI-QDA positions count code points
      for (const sel of childElements(source, "PlainTextSelection", NS_QDE)) {
        const coding = childElements(sel, "Coding", NS_QDE)[0];
        if (!coding) continue;
        const start = Number(sel.attributes.get("startPosition"));
        const end = Number(sel.attributes.get("endPosition"));
        found.push([
          childElements(coding, "CodeRef", NS_QDE)[0]!.attributes.get("targetGUID")!,
          points.slice(start, end).join(""),
        ]);
      }
    });
    expect(found.sort()).toEqual(
      [
        [IMPORTED_GUID, "почти не отвечают"],
        [IMPORTED_GUID, "почти не отвечают"],
        [codeGuid(STUDY, { id: "distrust" }), "Без сроков это просто слова."],
        [codeGuid(STUDY, { id: "trust" }), "Доверяю"],
        [codeGuid(STUDY, { id: "trust" }), "починили"], // after an emoji (two UTF-16 units, one character)
      ].sort(),
    );
    expect(result.sources[1]!.text).toContain("всё\uFFFD починили"); // a control character XML cannot carry
  });

  it("records coders, memos, participant cases with attributes and their turns", () => {
    const root = parsed(result.projectXml);
    expect(descendants(root, "User").map((u) => u.attributes.get("name"))).toEqual(["Кодировщик А", "Кодировщик Б"]);
    expect(descendants(root, "Variable").map((v) => v.attributes.get("name"))).toEqual([
      "Пол",
      "Возраст",
      "Территория",
      "Род занятий",
    ]);
    const cases = descendants(root, "Case");
    expect(
      cases.map((c) => [c.attributes.get("name"), descendants(c, "TextValue").map((v) => v.children.join(""))]),
    ).toEqual([
      ["У-01", ["ж", "30–44", "Якутск"]],
      ["У-02", ["м", "45–59", "Якутск", "водитель"]],
    ]);
    expect(cases.map((c) => descendants(c, "SelectionRef").length)).toEqual([2, 2]); // У-01: s1/1 and s2/1
    const notes = descendants(root, "Note");
    expect(
      notes.map((n) => [n.attributes.get("name"), descendants(n, "PlainTextContent")[0]!.children.join("")]),
    ).toEqual([
      ["Мемо: Обратная связь «госпабликов»", "Ключевая жалоба"],
      ["Мемо: ФГ-2, Якутск, 14.03.2024", "Связь прерывалась на 40-й минуте"],
    ]);
    expect(descendants(root, "NoteRef").map((r) => r.attributes.get("targetGUID"))).toEqual(
      notes.map((n) => n.attributes.get("guid")),
    );
  });

  it("is byte-stable across exports", () => {
    expect(writeRefiProject(input)).toEqual(result);
  });

  it("refuses codings that point at nothing", () => {
    const bad = writeRefiProject({
      ...input,
      codings: [
        { ...codings[0]!, id: "x1", codeId: "ghost" },
        { ...codings[0]!, id: "x2", turnIndex: 99 },
        { ...codings[0]!, id: "x3", start: 5, end: 500 },
        { ...codings[0]!, id: "x4", coderId: "stranger" },
      ],
    });
    expect(bad.ok ? [] : bad.errors.map((e) => [e.code, e.params.coding])).toEqual([
      ["coding_unknown_code", "x1"],
      ["coding_unknown_turn", "x2"],
      ["coding_bad_span", "x3"],
      ["coding_unknown_coder", "x4"],
    ]);
  });

  itValidates("the schema check is not vacuous: xmllint rejects a missing name and a wrong element order", () => {
    expect(schemaErrors(`<Project xmlns="${NS_QDE}"/>`, PROJECT_XSD)).toMatch(/name/);
    const swapped = result.projectXml.replace(/(<Users>[\s\S]*?<\/Users>)\s*(<CodeBook>[\s\S]*?<\/CodeBook>)/, "$2$1");
    expect(swapped).not.toBe(result.projectXml);
    expect(schemaErrors(swapped, PROJECT_XSD)).toMatch(/Users/);
  });

  itValidates("a project with no codebook, coders or participants is still valid", () => {
    const bare = writeRefiProject({ ...input, codebook: { codes: [] }, coders: [], participants: [], codings: [] });
    expect(schemaErrors(bare.ok ? bare.projectXml : "", PROJECT_XSD)).toBe("");
  });
});

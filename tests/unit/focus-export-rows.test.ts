/** CSV/XLSX rows of coded segments and quotes: pseudonyms and attributes only, consent respected. */
import { describe, expect, it } from "vitest";
import type { Codebook } from "../../app/domain/focus-groups/codebook";
import {
  codedSegmentRows,
  participantAttributeKeys,
  quoteRows,
  type Quote,
} from "../../app/domain/focus-groups/export-rows";
import type { Coding, Participant, SessionTurn } from "../../app/domain/focus-groups/types";
import { csvLine } from "../../app/domain/exports/csv";

const codebook: Codebook = {
  codes: [
    { id: "trust", parentId: null, name: "Доверие", definition: "", color: null },
    { id: "distrust", parentId: "trust", name: "Недоверие", definition: "", color: null },
    { id: "roads", parentId: null, name: "Дороги", definition: "", color: null },
  ],
};
const participants: Participant[] = [
  {
    code: "У-01",
    attributes: { sex: "ж", age_band: "30–44", territory: "Якутск", pets: "кот" },
    consentToQuotes: true,
  },
  { code: "У-02", attributes: { territory: "Мирный", sex: "м" } }, // no consent to quotes on record
];
const T1 = "Ямы никто не чинит, и верить им трудно.";
const from = (part: string) => T1.indexOf(part);
const turns: SessionTurn[] = [
  { sessionId: "s1", index: 0, speaker: { kind: "moderator" }, text: "Как вам дороги?", startMs: 3000 },
  {
    sessionId: "s1",
    index: 1,
    speaker: { kind: "participant", participantCode: "У-01" },
    text: T1,
    startMs: 3_723_000,
  },
  {
    sessionId: "s1",
    index: 2,
    speaker: { kind: "participant", participantCode: "У-02" },
    text: "Писал трижды, без ответа.",
    startMs: null,
  },
  { sessionId: "s1", index: 3, speaker: { kind: "unmapped" }, text: "А я вообще не знал.", startMs: null },
  {
    sessionId: "s0",
    index: 0,
    speaker: { kind: "participant", participantCode: "У-01" },
    text: "Раньше было лучше.",
    startMs: 0,
  },
];
const sessions = [
  { id: "s0", name: "ФГ-1, Якутск", date: "2024-03-01" },
  { id: "s1", name: "ФГ-2, Мирный", date: "2024-03-14" },
];
const coding = (
  id: string,
  sessionId: string,
  turnIndex: number,
  start: number,
  end: number,
  codeId: string,
  memo: string | null = null,
): Coding => ({
  id,
  sessionId,
  turnIndex,
  start,
  end,
  codeId,
  coderId: "c1",
  memo,
});
const codings = [
  coding("k1", "s1", 1, from("верить"), from("."), "distrust", "сомнение"),
  coding("k2", "s1", 1, 0, 19, "roads"),
  coding("k3", "s1", 2, 0, 25, "distrust"),
  coding("k4", "s0", 0, 0, 18, "trust"),
];

describe("participantAttributeKeys", () => {
  it("puts the standard attributes first in their usual order, then free ones alphabetically", () => {
    expect(participantAttributeKeys(participants)).toEqual(["sex", "age_band", "territory", "pets"]);
  });
});

describe("codedSegmentRows", () => {
  const table = codedSegmentRows({
    codebook,
    sessions,
    turns,
    participants,
    codings,
    coders: [{ id: "c1", name: "Кодировщик А" }],
    attributeLabels: { pets: { ru: "Питомцы", en: "Pets" } },
  });

  it("has session, turn, time, participant, attributes, code path, text, coder and memo columns", () => {
    expect(table.columns.map((c) => c.key)).toEqual([
      "session",
      "session_date",
      "turn",
      "timestamp",
      "participant",
      "attr_sex",
      "attr_age_band",
      "attr_territory",
      "attr_pets",
      "code_path",
      "coded_text",
      "coder",
      "memo",
    ]);
    expect(table.columns.map((c) => c.ru).slice(5, 9)).toEqual(["Пол", "Возраст", "Территория", "Питомцы"]);
  });

  it("writes one row per coding in reading order, with 1-based turn numbers and hh:mm:ss times", () => {
    expect(table.rows).toEqual([
      [
        "ФГ-1, Якутск",
        "2024-03-01",
        1,
        "00:00:00",
        "У-01",
        "ж",
        "30–44",
        "Якутск",
        "кот",
        "Доверие",
        "Раньше было лучше.",
        "Кодировщик А",
        null,
      ],
      [
        "ФГ-2, Мирный",
        "2024-03-14",
        2,
        "01:02:03",
        "У-01",
        "ж",
        "30–44",
        "Якутск",
        "кот",
        "Дороги",
        "Ямы никто не чинит,",
        "Кодировщик А",
        null,
      ],
      [
        "ФГ-2, Мирный",
        "2024-03-14",
        2,
        "01:02:03",
        "У-01",
        "ж",
        "30–44",
        "Якутск",
        "кот",
        "Доверие / Недоверие",
        "верить им трудно",
        "Кодировщик А",
        "сомнение",
      ],
      [
        "ФГ-2, Мирный",
        "2024-03-14",
        3,
        null,
        "У-02",
        "м",
        null,
        "Мирный",
        null,
        "Доверие / Недоверие",
        "Писал трижды, без ответа.",
        "Кодировщик А",
        null,
      ],
    ]);
  });

  it("rows feed the existing CSV writer", () => {
    expect(csvLine(table.rows[3]!)).toBe(
      '"ФГ-2, Мирный",2024-03-14,3,,У-02,м,,Мирный,,Доверие / Недоверие,"Писал трижды, без ответа.",Кодировщик А,\r\n',
    );
  });

  it("cannot be handed a participant's name: the type forbids it", () => {
    const named = { code: "У-09", attributes: {}, name: "Иван Петров" };
    // @ts-expect-error -- participants are pseudonymous by type (NoIdentity)
    const typed: Participant = named;
    expect(typed.code).toBe("У-09");
  });
});

describe("quoteRows", () => {
  const quotes: Quote[] = [
    { id: "q1", sessionId: "s1", turnIndex: 1, start: 0, end: T1.length, note: "для раздела о дорогах" },
    { id: "q2", sessionId: "s1", turnIndex: 2, start: 0, end: 25, note: null }, // У-02: no consent
    { id: "q3", sessionId: "s1", turnIndex: 3, start: 0, end: 19, note: null }, // unmapped speaker
    { id: "q4", sessionId: "s1", turnIndex: 0, start: 0, end: 15, note: "вопрос модератора" },
    { id: "q5", sessionId: "s9", turnIndex: 0, start: 0, end: 5, note: null }, // unknown turn
  ];
  const table = quoteRows({ sessions, turns, participants, quotes, codebook, codings });

  it("exports consented quotes with the speaker's attributes and the codes they illustrate", () => {
    expect(table.columns.map((c) => c.key).slice(-3)).toEqual(["quote", "codes", "note"]);
    expect(table.rows).toEqual([
      [
        "ФГ-2, Мирный",
        "2024-03-14",
        1,
        "00:00:03",
        "Модератор",
        null,
        null,
        null,
        null,
        "Как вам дороги?",
        "",
        "вопрос модератора",
      ],
      [
        "ФГ-2, Мирный",
        "2024-03-14",
        2,
        "01:02:03",
        "У-01",
        "ж",
        "30–44",
        "Якутск",
        "кот",
        "Ямы никто не чинит, и верить им трудно.",
        "Доверие / Недоверие; Дороги",
        "для раздела о дорогах",
      ],
    ]);
  });

  it("withholds quotes without consent on record, of unmapped speakers and of unknown turns", () => {
    expect(table.withheld).toBe(3);
  });
});

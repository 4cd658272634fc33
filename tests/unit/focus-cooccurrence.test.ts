/**
 * Co-occurrence matrix and code frequencies on a small hand-worked study: two sessions, three
 * participants (one more recruited who never spoke), a moderator and one unmapped speaker.
 */
import { describe, expect, it } from "vitest";
import {
  codeFrequencyByAttribute,
  codeFrequencyBySession,
  cooccurrenceMatrix,
  type CodedSegment,
} from "../../app/domain/focus-groups/cooccurrence";
import type { Participant, SessionTurn } from "../../app/domain/focus-groups/types";

const P = (participantCode: string) => ({ kind: "participant" as const, participantCode });
const turn = (sessionId: string, index: number, speaker: SessionTurn["speaker"]): SessionTurn => ({
  sessionId,
  index,
  speaker,
  text: "",
  startMs: null,
});

const turns: SessionTurn[] = [
  turn("s1", 0, { kind: "moderator" }),
  turn("s1", 1, P("У-01")),
  turn("s1", 2, P("У-02")),
  turn("s1", 3, P("У-01")),
  turn("s2", 0, { kind: "moderator" }),
  turn("s2", 1, P("У-03")),
  turn("s2", 2, P("У-02")),
  turn("s2", 3, { kind: "unmapped" }),
];

const participants: Participant[] = [
  { code: "У-01", attributes: { sex: "ж", age_band: "18–29", territory: "Якутск" } },
  { code: "У-02", attributes: { sex: "м", age_band: "30–44", territory: "Мирный" } },
  { code: "У-03", attributes: { sex: "ж", age_band: "30–44", territory: null } },
  { code: "У-04", attributes: { sex: "м", age_band: "60+", territory: "Якутск" } }, // recruited, silent
];

const s = (sessionId: string, turnIndex: number, codeId: string, start: number, end: number): CodedSegment => ({
  sessionId,
  turnIndex,
  codeId,
  start,
  end,
});

// roads (R), trust (T), distrust (D)
const segments: CodedSegment[] = [
  s("s1", 1, "roads", 0, 10),
  s("s1", 1, "trust", 5, 15), //     overlaps roads on [5,10)
  s("s1", 2, "roads", 0, 5),
  s("s1", 2, "distrust", 5, 20), //  touches roads at 5 but shares no character
  s("s1", 3, "trust", 0, 8),
  s("s1", 3, "distrust", 0, 4), //   overlaps trust on [0,4)
  s("s1", 3, "trust", 10, 12), //    a second trust span in the same turn
  s("s2", 0, "roads", 0, 5), //      the moderator
  s("s2", 1, "roads", 0, 6),
  s("s2", 1, "distrust", 3, 9), //   overlaps roads on [3,6)
  s("s2", 2, "trust", 0, 5),
  s("s2", 3, "trust", 0, 3), //      unmapped speaker
];

const codeIds = ["roads", "trust", "distrust"];

describe("co-occurrence matrix", () => {
  it("turn unit: both codes anywhere in the same turn; the diagonal counts coded turns", () => {
    // roads: s1/1 s1/2 s2/0 s2/1 = 4; trust: s1/1 s1/3 s2/2 s2/3 = 4; distrust: s1/2 s1/3 s2/1 = 3
    // roads+trust: s1/1; roads+distrust: s1/2, s2/1; trust+distrust: s1/3
    expect(cooccurrenceMatrix(segments, { unit: "turn", codeIds }).counts).toEqual([
      [4, 1, 2],
      [1, 4, 1],
      [2, 1, 3],
    ]);
  });

  it("overlap unit: only spans sharing a character; touching spans do not co-occur", () => {
    // roads+distrust loses s1/2 (spans [0,5) and [5,20) only touch)
    expect(cooccurrenceMatrix(segments, { unit: "overlap", codeIds }).counts).toEqual([
      [4, 1, 1],
      [1, 4, 1],
      [1, 1, 3],
    ]);
  });

  it("takes codes in first-use order by default and ignores codes outside an explicit list", () => {
    expect(cooccurrenceMatrix(segments, { unit: "turn" }).codeIds).toEqual(["roads", "trust", "distrust"]);
    expect(cooccurrenceMatrix(segments, { unit: "turn", codeIds: ["distrust", "trust"] }).counts).toEqual([
      [3, 1],
      [1, 4],
    ]);
  });
});

describe("code frequency by session", () => {
  const table = codeFrequencyBySession(segments, turns, { codeIds });

  it("counts segments, distinct turns and distinct participants (never the moderator)", () => {
    expect(table.groups).toEqual(["s1", "s2"]);
    expect(table.cells).toEqual([
      // roads: s1 = 2 segments in 2 turns by У-01, У-02; s2 = moderator + У-03 -> 1 participant
      [
        { segments: 2, turns: 2, participants: 2 },
        { segments: 2, turns: 2, participants: 1 },
      ],
      // trust: s1 = 3 segments in 2 turns, all У-01; s2 = У-02 and the unmapped speaker
      [
        { segments: 3, turns: 2, participants: 1 },
        { segments: 2, turns: 2, participants: 1 },
      ],
      [
        { segments: 2, turns: 2, participants: 2 },
        { segments: 1, turns: 1, participants: 1 },
      ],
    ]);
    expect(table.excludedSegments).toBe(0);
  });

  it("excludes and counts segments on turns it does not know", () => {
    const out = codeFrequencyBySession([...segments, s("s9", 0, "roads", 0, 1)], turns, {
      codeIds,
      sessionIds: ["s1", "s2"],
    });
    expect(out.excludedSegments).toBe(1);
    expect(out.groups).toEqual(["s1", "s2"]);
  });
});

describe("code frequency by participant attribute", () => {
  it("by sex, with group sizes from the participant list (the silent У-04 counts in the base)", () => {
    const table = codeFrequencyByAttribute(segments, turns, participants, "sex", { codeIds });
    expect(table.groups).toEqual([
      { value: "ж", size: 2 },
      { value: "м", size: 2 },
    ]);
    expect(table.cells).toEqual([
      // roads: ж = У-01 (s1/1) + У-03 (s2/1); м = У-02 (s1/2)
      [
        { segments: 2, turns: 2, participants: 2 },
        { segments: 1, turns: 1, participants: 1 },
      ],
      // trust: ж = У-01 three times in two turns; м = У-02 (s2/2)
      [
        { segments: 3, turns: 2, participants: 1 },
        { segments: 1, turns: 1, participants: 1 },
      ],
      [
        { segments: 2, turns: 2, participants: 2 },
        { segments: 1, turns: 1, participants: 1 },
      ],
    ]);
    // the moderator's roads segment and the unmapped speaker's trust segment
    expect(table.excludedSegments).toBe(2);
  });

  it("by territory, putting participants without a value in a last 'not recorded' group", () => {
    const table = codeFrequencyByAttribute(segments, turns, participants, "territory", { codeIds: ["roads"] });
    expect(table.groups).toEqual([
      { value: "Мирный", size: 1 },
      { value: "Якутск", size: 2 },
      { value: null, size: 1 },
    ]);
    expect(table.cells[0]!.map((c) => c.segments)).toEqual([1, 1, 1]);
  });

  it("works for a free attribute nobody has recorded", () => {
    const table = codeFrequencyByAttribute(segments, turns, participants, "occupation", { codeIds: ["roads"] });
    expect(table.groups).toEqual([{ value: null, size: 4 }]);
    expect(table.cells).toEqual([[{ segments: 3, turns: 3, participants: 3 }]]);
  });
});

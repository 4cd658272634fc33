/**
 * Code co-occurrence and code frequencies for focus-group analysis.
 *
 * Unit: the turn (one speaker's uninterrupted statement in one session). Every count here is a
 * number of turns, so the matrix, its diagonal and the frequency tables can be read side by side:
 * - "turn" co-occurrence: codes A and B co-occur in a turn when both were applied anywhere in it
 *   (the usual reading of "the participant linked these two themes in one statement");
 * - "overlap" co-occurrence: only when a span of A and a span of B share at least one character
 *   of that turn (ATLAS.ti's stricter reading; nested or intersecting codings).
 * The diagonal is the number of turns coded with the code, in both modes.
 * Pass the codings of one coder (or the reconciled set); two coders' copies would double-count.
 */
import type { Participant, SessionTurn } from "./types";

export type CooccurrenceUnit = "turn" | "overlap";

export interface CodedSegment {
  sessionId: string;
  turnIndex: number;
  start: number;
  end: number;
  codeId: string;
}

export interface CooccurrenceMatrix {
  unit: CooccurrenceUnit;
  codeIds: string[];
  /** counts[i][j]: turns where codeIds[i] and codeIds[j] co-occur; counts[i][i]: turns coded with codeIds[i] */
  counts: number[][];
}

const turnKey = (sessionId: string, turnIndex: number) => `${sessionId}\u0000${turnIndex}`;

function segmentsByTurn(segments: readonly CodedSegment[]): Map<string, CodedSegment[]> {
  const byTurn = new Map<string, CodedSegment[]>();
  for (const s of segments) {
    const key = turnKey(s.sessionId, s.turnIndex);
    byTurn.set(key, [...(byTurn.get(key) ?? []), s]);
  }
  return byTurn;
}

const codesInOrder = (segments: readonly CodedSegment[], codeIds?: readonly string[]) =>
  codeIds ? [...codeIds] : [...new Set(segments.map((s) => s.codeId))];

const overlaps = (a: CodedSegment, b: CodedSegment) => Math.max(a.start, b.start) < Math.min(a.end, b.end);

export function cooccurrenceMatrix(
  segments: readonly CodedSegment[],
  options: { unit: CooccurrenceUnit; codeIds?: readonly string[] },
): CooccurrenceMatrix {
  const codeIds = codesInOrder(segments, options.codeIds);
  const position = new Map(codeIds.map((id, i) => [id, i]));
  const counts = codeIds.map(() => codeIds.map(() => 0));
  for (const inTurn of segmentsByTurn(segments).values()) {
    const present = [...new Set(inTurn.map((s) => s.codeId))].filter((id) => position.has(id));
    for (const a of present) {
      const row = counts[position.get(a)!]!;
      for (const b of present) {
        const together =
          a === b ||
          options.unit === "turn" ||
          inTurn.some((x) => x.codeId === a && inTurn.some((y) => y.codeId === b && overlaps(x, y)));
        const j = position.get(b)!;
        if (together) row[j] = row[j]! + 1;
      }
    }
  }
  return { unit: options.unit, codeIds, counts };
}

export interface FrequencyCell {
  /** coded segments (one coding = one segment) */
  segments: number;
  /** distinct turns with at least one such segment */
  turns: number;
  /** distinct participants who said them (the moderator is not a participant) */
  participants: number;
}

type TurnSpeaker = Pick<SessionTurn, "sessionId" | "index" | "speaker">;

interface Tally {
  segments: number;
  turns: Set<string>;
  participants: Set<string>;
}

const emptyTally = (): Tally => ({ segments: 0, turns: new Set(), participants: new Set() });
const toCell = (t: Tally | undefined): FrequencyCell =>
  t
    ? { segments: t.segments, turns: t.turns.size, participants: t.participants.size }
    : { segments: 0, turns: 0, participants: 0 };

/** Tallies segments into (code, group) cells; a null group leaves the segment out. */
function tally(
  segments: readonly CodedSegment[],
  turns: readonly TurnSpeaker[],
  groupOf: (turn: TurnSpeaker | undefined, s: CodedSegment) => string | null,
): { cells: Map<string, Tally>; excluded: number } {
  const turnByKey = new Map(turns.map((t) => [turnKey(t.sessionId, t.index), t]));
  const cells = new Map<string, Tally>();
  let excluded = 0;
  for (const s of segments) {
    const key = turnKey(s.sessionId, s.turnIndex);
    const turn = turnByKey.get(key);
    const group = groupOf(turn, s);
    if (group === null) {
      excluded += 1;
      continue;
    }
    const cellKey = JSON.stringify([s.codeId, group]);
    const cell = cells.get(cellKey) ?? emptyTally();
    cell.segments += 1;
    cell.turns.add(key);
    if (turn?.speaker.kind === "participant") cell.participants.add(turn.speaker.participantCode);
    cells.set(cellKey, cell);
  }
  return { cells, excluded };
}

export interface FrequencyTable<Group> {
  codeIds: string[];
  groups: Group[];
  /** cells[code][group] */
  cells: FrequencyCell[][];
  /** segments left out: on unknown turns, or (by attribute) not said by a participant */
  excludedSegments: number;
}

/** Frequencies per session; sessions in first-appearance order unless given. */
export function codeFrequencyBySession(
  segments: readonly CodedSegment[],
  turns: readonly TurnSpeaker[],
  options: { codeIds?: readonly string[]; sessionIds?: readonly string[] } = {},
): FrequencyTable<string> {
  const codeIds = codesInOrder(segments, options.codeIds);
  const groups = options.sessionIds ? [...options.sessionIds] : [...new Set(segments.map((s) => s.sessionId))];
  const { cells, excluded } = tally(segments, turns, (turn) => (turn ? turn.sessionId : null));
  return {
    codeIds,
    groups,
    cells: codeIds.map((c) => groups.map((g) => toCell(cells.get(JSON.stringify([c, g]))))),
    excludedSegments: excluded,
  };
}

export interface AttributeGroup {
  /** the attribute's value; null for participants without it recorded */
  value: string | null;
  /** participants in the list with this value, the base for "3 of 5 women" */
  size: number;
}

const NOT_RECORDED = "\u0000none";

/**
 * Frequencies by one participant attribute ("sex", "age_band", "territory" or any free one).
 * Moderator and unmapped turns have no attributes and are excluded (and counted as such).
 */
export function codeFrequencyByAttribute(
  segments: readonly CodedSegment[],
  turns: readonly TurnSpeaker[],
  participants: readonly Participant[],
  attribute: string,
  options: { codeIds?: readonly string[] } = {},
): FrequencyTable<AttributeGroup> {
  const codeIds = codesInOrder(segments, options.codeIds);
  const valueOf = (p: Participant | undefined) => {
    const v = p?.attributes[attribute];
    return v === null || v === undefined || v.trim() === "" ? NOT_RECORDED : v.trim();
  };
  const byCode = new Map(participants.map((p) => [p.code, p]));
  const sizes = new Map<string, number>();
  for (const p of participants) sizes.set(valueOf(p), (sizes.get(valueOf(p)) ?? 0) + 1);
  const { cells, excluded } = tally(segments, turns, (turn) =>
    turn?.speaker.kind === "participant" ? valueOf(byCode.get(turn.speaker.participantCode)) : null,
  );
  const seen = new Set([...sizes.keys(), ...[...cells.keys()].map((k) => (JSON.parse(k) as [string, string])[1])]);
  const values = [...seen].filter((v) => v !== NOT_RECORDED).sort((a, b) => a.localeCompare(b, "ru"));
  if (seen.has(NOT_RECORDED)) values.push(NOT_RECORDED);
  return {
    codeIds,
    groups: values.map((v) => ({ value: v === NOT_RECORDED ? null : v, size: sizes.get(v) ?? 0 })),
    cells: codeIds.map((c) => values.map((v) => toCell(cells.get(JSON.stringify([c, v]))))),
    excludedSegments: excluded,
  };
}

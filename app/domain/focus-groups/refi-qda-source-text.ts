/**
 * The plain text of one session as a REFI-QDA text source: one line per turn,
 * "[00:01:23] У-03: text", with the speaker's pseudonymous code (never the transcript's label,
 * which may be a first name). Positions of every turn's text are kept so codings, which are
 * offsets into a turn, can be placed in the source.
 *
 * REFI-QDA positions count characters (Unicode code points; QualCoder and ATLAS.ti agree), while
 * JavaScript offsets count UTF-16 units. They differ only after characters outside the Basic
 * Multilingual Plane (emoji), which `toPosition` accounts for.
 */
import { formatClockTime } from "./transcript-timestamps";
import { speakerName, type SessionTurn } from "./types";
import { sanitiseXmlChars } from "./xml-writer";

export interface SourceText {
  /** XML-safe text (characters XML cannot carry replaced one for one, so offsets hold) */
  text: string;
  /** UTF-16 offset in `text` where each turn's text starts, by turn index */
  turnStart: Map<number, number>;
  /** UTF-16 offset -> REFI-QDA character position */
  toPosition: (utf16Offset: number) => number;
}

type SourceTurn = Pick<SessionTurn, "index" | "speaker" | "text" | "startMs">;

function positionMapper(text: string): (offset: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (offset) => offset;
  // Code point count before each UTF-16 offset, built once per source.
  const before = new Uint32Array(text.length + 1);
  for (let i = 0, points = 0; i <= text.length; i++) {
    before[i] = points;
    const unit = text.charCodeAt(i);
    const startsPair = unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (!startsPair) points++;
  }
  return (offset) => before[Math.max(0, Math.min(offset, text.length))]!;
}

export function sessionSourceText(turns: readonly SourceTurn[]): SourceText {
  const lines: string[] = [];
  const turnStart = new Map<number, number>();
  let length = 0;
  for (const turn of [...turns].sort((a, b) => a.index - b.index)) {
    const time = turn.startMs === null ? "" : `[${formatClockTime(turn.startMs)}] `;
    const prefix = `${time}${speakerName(turn.speaker)}: `;
    turnStart.set(turn.index, length + prefix.length);
    const line = prefix + turn.text;
    lines.push(line);
    length += line.length + 1; // the "\n" that joins lines
  }
  const text = sanitiseXmlChars(lines.join("\n"));
  return { text, turnStart, toPosition: positionMapper(text) };
}

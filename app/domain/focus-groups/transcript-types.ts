/** Shapes shared by the transcript readers (plain text, WebVTT, SRT) and the importer. */
import type { Problem } from "./problems";
import type { TranscriptProblemCode } from "./transcript-messages";

export type TranscriptFormat = "plain" | "vtt" | "srt";

export type TranscriptEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1251";

export type TranscriptProblem = Problem<TranscriptProblemCode>;

/** One uninterrupted stretch of speech by one speaker. */
export interface TranscriptTurn {
  /** 0-based position in the transcript */
  index: number;
  /** the label as written in the file ("Модератор", "Ирина", "У3"); may be a real name, so it is never exported */
  speakerLabel: string;
  text: string;
  startMs: number | null;
  endMs: number | null;
  /** 1-based line of the file where the turn starts */
  sourceLine: number;
}

/**
 * A cue or line as a reader found it, before consecutive pieces of one speaker are joined into
 * a turn. Timing checks run on pieces because that is where the file's author made the mistake.
 */
export interface SpokenPiece {
  speakerLabel: string | null;
  text: string;
  startMs: number | null;
  endMs: number | null;
  line: number;
  /** pieces of one multi-voice cue share its timing and are not checked against each other */
  cue: number | null;
}

export interface ReaderOutput {
  pieces: SpokenPiece[];
  errors: TranscriptProblem[];
  warnings: TranscriptProblem[];
}

/** Value of a speaker mapping entry that marks the moderator rather than a participant. */
export const MODERATOR = "moderator";

export interface SpeakerSummary {
  label: string;
  turns: number;
  firstLine: number;
  /** participant code or "moderator" when a mapping was given, else null */
  mappedTo: string | null;
}

export type TranscriptImportResult =
  | {
      ok: true;
      format: TranscriptFormat;
      encoding: TranscriptEncoding;
      turns: TranscriptTurn[];
      speakers: SpeakerSummary[];
      warnings: TranscriptProblem[];
    }
  | {
      ok: false;
      format: TranscriptFormat | null;
      encoding: TranscriptEncoding | null;
      errors: TranscriptProblem[];
      warnings: TranscriptProblem[];
    };

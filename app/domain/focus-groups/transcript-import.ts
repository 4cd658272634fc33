/**
 * Transcript import: bytes -> text -> format -> turns, all or nothing. Every problem in the file
 * is reported at once with its line, so a transcriber fixes the file in one pass; a file with any
 * error gives no turns at all, because coding a half-imported session would silently skew counts.
 */
import { byLine } from "./problems";
import { checkSpeakers, checkTiming, joinTurns, type SpeakerMap } from "./transcript-checks";
import { readSrtTranscript, readVttTranscript } from "./transcript-cues";
import { decodeTranscriptBytes } from "./transcript-decode";
import { detectTranscriptFormat } from "./transcript-detect";
import { transcriptProblem } from "./transcript-messages";
import { readPlainTranscript } from "./transcript-plain";
import { speakerKey } from "./transcript-speaker";
import {
  MODERATOR,
  type ReaderOutput,
  type SpeakerSummary,
  type TranscriptEncoding,
  type TranscriptFormat,
  type TranscriptImportResult,
  type TranscriptProblem,
  type TranscriptTurn,
} from "./transcript-types";
import type { SessionTurn } from "./types";

export interface TranscriptImportInput {
  bytes: Uint8Array;
  /** only a hint for the format; the content decides */
  fileName?: string;
  /** forces a reader, e.g. when the person chose the format explicitly */
  format?: TranscriptFormat;
  /** speaker label -> participant code or "moderator"; when given, every label must be mapped */
  speakerMap?: SpeakerMap;
}

/** Enough to fix a file in one sitting; thousands of copies of one mistake help nobody. */
export const MAX_REPORTED_ERRORS = 50;

function capped(errors: TranscriptProblem[]): TranscriptProblem[] {
  const sorted = byLine(errors);
  if (sorted.length <= MAX_REPORTED_ERRORS) return sorted;
  return [
    ...sorted.slice(0, MAX_REPORTED_ERRORS),
    transcriptProblem("too_many_errors", null, { shown: MAX_REPORTED_ERRORS, total: sorted.length }),
  ];
}

export function readTranscriptText(text: string, format: TranscriptFormat): ReaderOutput {
  if (format === "vtt") return readVttTranscript(text);
  if (format === "srt") return readSrtTranscript(text);
  return readPlainTranscript(text);
}

/** Import from text already decoded (tests, pasted text); `importTranscript` starts from bytes. */
export function importTranscriptText(
  text: string,
  options: {
    fileName?: string;
    format?: TranscriptFormat;
    speakerMap?: SpeakerMap;
    encoding?: TranscriptEncoding;
  } = {},
): TranscriptImportResult {
  const encoding = options.encoding ?? "utf-8";
  const clean = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const format = options.format ?? detectTranscriptFormat(clean, options.fileName);
  if (clean.trim() === "") {
    return { ok: false, format, encoding, errors: [transcriptProblem("empty_file", null)], warnings: [] };
  }
  const read = readTranscriptText(clean, format);
  const errors = [...read.errors, ...checkTiming(read.pieces)];
  const joined = joinTurns(read.pieces, format);
  errors.push(...joined.errors);
  const speakers = checkSpeakers(joined.turns, options.speakerMap);
  // "No speakers" is noise next to a reader error that already explains why nothing was read.
  const speakerErrors = errors.length > 0 ? speakers.errors.filter((e) => e.code !== "no_speakers") : speakers.errors;
  errors.push(...speakerErrors);
  const warnings = byLine([...read.warnings, ...speakers.warnings]);
  if (errors.length > 0) return { ok: false, format, encoding, errors: capped(errors), warnings };
  return { ok: true, format, encoding, turns: joined.turns, speakers: speakers.speakers, warnings };
}

export function importTranscript(input: TranscriptImportInput): TranscriptImportResult {
  const decoded = decodeTranscriptBytes(input.bytes);
  if (!decoded.ok)
    return {
      ok: false,
      format: input.format ?? null,
      encoding: decoded.encoding,
      errors: decoded.errors,
      warnings: [],
    };
  const result = importTranscriptText(decoded.text, {
    fileName: input.fileName,
    format: input.format,
    speakerMap: input.speakerMap,
    encoding: decoded.encoding,
  });
  return { ...result, warnings: [...decoded.warnings, ...result.warnings] };
}

/**
 * Turns as analysis and exports see them: the transcript's label (often a first name) replaced by
 * the participant it was mapped to, or the moderator; labels without a mapping stay "unmapped".
 */
export function toSessionTurns(
  sessionId: string,
  turns: readonly TranscriptTurn[],
  speakers: readonly SpeakerSummary[],
): SessionTurn[] {
  const mapped = new Map(speakers.map((s) => [speakerKey(s.label), s.mappedTo]));
  return turns.map((t) => {
    const target = mapped.get(speakerKey(t.speakerLabel)) ?? null;
    const speaker: SessionTurn["speaker"] =
      target === null
        ? { kind: "unmapped" }
        : target === MODERATOR
        ? { kind: "moderator" }
        : { kind: "participant", participantCode: target };
    return { sessionId, index: t.index, speaker, text: t.text, startMs: t.startMs };
  });
}

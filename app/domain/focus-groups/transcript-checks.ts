/**
 * Checks shared by every transcript format, run on what a reader found: timing order, speakers
 * present and mapped, then consecutive subtitle cues of one speaker joined into turns.
 */
import { transcriptProblem } from "./transcript-messages";
import { speakerKey } from "./transcript-speaker";
import { formatPreciseTime as t } from "./transcript-timestamps";
import {
  MODERATOR,
  type SpeakerSummary,
  type SpokenPiece,
  type TranscriptFormat,
  type TranscriptProblem,
  type TranscriptTurn,
} from "./transcript-types";

/**
 * Cues must not run backwards, end before they start, or overlap the cue before (a transcript
 * with overlaps cannot be shown as one sequence of turns; cross-talk belongs in one cue with two
 * voices). Plain text has only start marks, so there only the order is checked.
 */
export function checkTiming(pieces: readonly SpokenPiece[]): TranscriptProblem[] {
  const errors: TranscriptProblem[] = [];
  let previous: SpokenPiece | null = null;
  for (const piece of pieces) {
    if (piece.startMs === null) continue;
    if (previous !== null && piece.cue !== null && piece.cue === previous.cue) continue;
    const start = piece.startMs;
    if (piece.endMs !== null && piece.endMs < start) {
      errors.push(transcriptProblem("end_before_start", piece.line, { start: t(start), end: t(piece.endMs) }));
    }
    if (previous !== null && previous.startMs !== null) {
      if (start < previous.startMs) {
        errors.push(
          transcriptProblem("out_of_order", piece.line, {
            start: t(start),
            previous: t(previous.startMs),
            previousLine: previous.line,
          }),
        );
      } else if (previous.endMs !== null && start < previous.endMs) {
        errors.push(
          transcriptProblem("overlapping_cues", piece.line, {
            start: t(start),
            previousEnd: t(previous.endMs),
            previousLine: previous.line,
          }),
        );
      }
    }
    previous = piece;
  }
  return errors;
}

/**
 * Subtitle files repeat the speaker only when it changes, so a cue without one continues the
 * previous speaker; consecutive cues of one speaker are one turn (their line breaks were display
 * wrapping). Plain-text lines stay separate turns: there the transcriber chose the breaks.
 */
export function joinTurns(
  pieces: readonly SpokenPiece[],
  format: TranscriptFormat,
): { turns: TranscriptTurn[]; errors: TranscriptProblem[] } {
  const turns: TranscriptTurn[] = [];
  const errors: TranscriptProblem[] = [];
  for (const piece of pieces) {
    const last: TranscriptTurn | undefined = turns[turns.length - 1];
    const label = piece.speakerLabel ?? last?.speakerLabel ?? null;
    if (label === null) {
      errors.push(transcriptProblem("cue_without_speaker", piece.line));
      continue;
    }
    if (format !== "plain" && last !== undefined && speakerKey(last.speakerLabel) === speakerKey(label)) {
      last.text = [last.text, piece.text].filter((s) => s !== "").join(" ");
      if (piece.endMs !== null) last.endMs = Math.max(last.endMs ?? piece.endMs, piece.endMs);
      continue;
    }
    turns.push({
      index: turns.length,
      speakerLabel: label,
      text: piece.text,
      startMs: piece.startMs,
      endMs: piece.endMs,
      sourceLine: piece.line,
    });
  }
  return { turns, errors };
}

export type SpeakerMap = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

function mappingByKey(map: SpeakerMap): Map<string, { label: string; target: string }> {
  const entries = map instanceof Map ? [...map.entries()] : Object.entries(map as Record<string, string>);
  return new Map(entries.map(([label, target]) => [speakerKey(label), { label, target }]));
}

/**
 * One summary per speaker (first spelling wins). With a mapping every label must be mapped: a
 * turn of nobody can be neither analysed by attribute nor exported under a pseudonym.
 */
export function checkSpeakers(
  turns: readonly TranscriptTurn[],
  speakerMap: SpeakerMap | undefined,
): { speakers: SpeakerSummary[]; errors: TranscriptProblem[]; warnings: TranscriptProblem[] } {
  const errors: TranscriptProblem[] = [];
  const warnings: TranscriptProblem[] = [];
  const byKey = new Map<string, SpeakerSummary>();
  for (const turn of turns) {
    const key = speakerKey(turn.speakerLabel);
    const summary = byKey.get(key);
    if (summary) summary.turns += 1;
    else byKey.set(key, { label: turn.speakerLabel, turns: 1, firstLine: turn.sourceLine, mappedTo: null });
  }
  const speakers = [...byKey.values()];
  if (speakers.length === 0) errors.push(transcriptProblem("no_speakers", null));

  if (speakerMap === undefined) {
    if (turns.length >= 5) {
      for (const s of speakers) {
        if (s.turns === 1) warnings.push(transcriptProblem("single_use_speaker", s.firstLine, { label: s.label }));
      }
    }
    return { speakers, errors, warnings };
  }
  const mapping = mappingByKey(speakerMap);
  for (const [key, s] of byKey) {
    const entry = mapping.get(key);
    // An entry with an empty target is an unfinished mapping, not a decision.
    if (entry && entry.target.trim() !== "")
      s.mappedTo = entry.target.trim().toLowerCase() === MODERATOR ? MODERATOR : entry.target.trim();
    else errors.push(transcriptProblem("unknown_speaker", s.firstLine, { label: s.label }));
  }
  for (const [key, entry] of mapping) {
    if (!byKey.has(key)) warnings.push(transcriptProblem("unused_speaker_mapping", null, { label: entry.label }));
  }
  return { speakers, errors, warnings };
}

/**
 * Plain-text transcripts: one turn per "Speaker: text" line, optionally led by a time mark.
 * Lines without a speaker continue the turn above (a transcriber's paragraphs, kept as line
 * breaks); a line holding only a time mark dates the next turn. Text before the first speaker is
 * the document's heading in practice, so it is skipped with a warning instead of refusing the file.
 */
import { transcriptProblem } from "./transcript-messages";
import { splitSpeaker } from "./transcript-speaker";
import { PLAIN_TIME_PATTERN, parseLeadingTime } from "./transcript-timestamps";
import type { ReaderOutput, SpokenPiece, TranscriptProblem } from "./transcript-types";

export function readPlainTranscript(text: string): ReaderOutput {
  const pieces: SpokenPiece[] = [];
  const errors: TranscriptProblem[] = [];
  const warnings: TranscriptProblem[] = [];
  let current: SpokenPiece | null = null;
  let pendingTime: number | null = null;
  let warnedPreamble = false;

  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    const time = parseLeadingTime(raw);
    if (time.kind === "malformed") {
      errors.push(transcriptProblem("malformed_timestamp", line, { value: time.value, expected: PLAIN_TIME_PATTERN }));
      return;
    }
    const rest = time.kind === "time" ? time.rest : raw;
    const speaker = splitSpeaker(rest);
    if (speaker) {
      current = {
        speakerLabel: speaker.label,
        text: speaker.text,
        startMs: time.kind === "time" ? time.ms : pendingTime,
        endMs: null,
        line,
        cue: null,
      };
      pieces.push(current);
      pendingTime = null;
      return;
    }
    if (time.kind === "time" && rest.trim() === "") {
      pendingTime = time.ms;
      return;
    }
    if (current === null) {
      if (!warnedPreamble) warnings.push(transcriptProblem("text_before_first_speaker", line));
      warnedPreamble = true;
      return;
    }
    const piece: SpokenPiece = current;
    piece.text = piece.text === "" ? rest.trim() : `${piece.text}\n${rest.trim()}`;
  });
  return { pieces, errors, warnings };
}

/**
 * Subtitle-style transcripts: WebVTT (as Zoom, Teams and speech-to-text services export them)
 * and SRT. Both are blocks separated by blank lines; a cue block is an optional identifier (SRT:
 * the cue number), a timing line and the text. WebVTT NOTE, STYLE and REGION blocks carry no
 * speech and are skipped.
 */
import { readCueText } from "./transcript-cue-text";
import { transcriptProblem } from "./transcript-messages";
import { SRT_TIME_PATTERN, VTT_TIME_PATTERN, parseTimingLine } from "./transcript-timestamps";
import type { ReaderOutput, SpokenPiece, TranscriptProblem } from "./transcript-types";

interface Block {
  /** 1-based line of the block's first line */
  line: number;
  lines: string[];
}

function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  text.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") {
      current = null;
      return;
    }
    if (current === null) {
      current = { line: i + 1, lines: [] };
      blocks.push(current);
    }
    current.lines.push(raw);
  });
  return blocks;
}

type Format = "vtt" | "srt";

interface CueReader {
  pieces: SpokenPiece[];
  errors: TranscriptProblem[];
  warnings: TranscriptProblem[];
}

/** Reads the timing line at `timingAt` and the text below it into pieces. */
function readCue(block: Block, timingAt: number, format: Format, cue: number, out: CueReader): void {
  const line = block.line + timingAt;
  const timing = parseTimingLine(block.lines[timingAt]!, format);
  if (timing.kind === "none") {
    out.errors.push(transcriptProblem("malformed_cue", block.line));
    return;
  }
  if (timing.kind === "malformed") {
    const expected = format === "vtt" ? VTT_TIME_PATTERN : SRT_TIME_PATTERN;
    out.errors.push(transcriptProblem("malformed_timestamp", line, { value: timing.value, expected }));
    return;
  }
  const voices = readCueText(block.lines.slice(timingAt + 1).join("\n"));
  if (voices.length === 0) {
    out.warnings.push(transcriptProblem("empty_cue", line));
    return;
  }
  for (const voice of voices) {
    out.pieces.push({ ...voice, startMs: timing.startMs, endMs: timing.endMs, line, cue });
  }
}

const SKIPPED_VTT_BLOCK = /^(NOTE|STYLE|REGION)(\s|$)/;

export function readVttTranscript(text: string): ReaderOutput {
  const out: CueReader = { pieces: [], errors: [], warnings: [] };
  const blocks = splitBlocks(text.replace(/^\uFEFF/, ""));
  const header = blocks[0];
  // The header must be the very first line: a blank line before it is already not WebVTT.
  if (!header || header.line !== 1 || !/^WEBVTT([ \t].*)?$/.test(header.lines[0]!)) {
    out.errors.push(transcriptProblem("missing_vtt_header", 1));
    return out;
  }
  // Header lines after "WEBVTT" (Kind:, Language:) belong to the header block and are ignored.
  blocks.slice(1).forEach((block, cue) => {
    if (SKIPPED_VTT_BLOCK.test(block.lines[0]!)) return;
    if (block.lines[0]!.includes("-->")) readCue(block, 0, "vtt", cue, out);
    else if (block.lines.length > 1 && block.lines[1]!.includes("-->")) readCue(block, 1, "vtt", cue, out);
    else out.errors.push(transcriptProblem("malformed_cue", block.line));
  });
  return out;
}

export function readSrtTranscript(text: string): ReaderOutput {
  const out: CueReader = { pieces: [], errors: [], warnings: [] };
  let previousNumber = 0;
  splitBlocks(text.replace(/^\uFEFF/, "")).forEach((block, cue) => {
    const first = block.lines[0]!.trim();
    // The number is only a counter; a block that starts with its timing line loses nothing.
    if (first.includes("-->")) {
      readCue(block, 0, "srt", cue, out);
      return;
    }
    if (!/^\d+$/.test(first) || block.lines.length < 2) {
      out.errors.push(transcriptProblem("malformed_cue", block.line));
      return;
    }
    const number = Number(first);
    if (number !== previousNumber + 1) {
      out.warnings.push(
        transcriptProblem("srt_numbering", block.line, { actual: number, expected: previousNumber + 1 }),
      );
    }
    previousNumber = number;
    readCue(block, 1, "srt", cue, out);
  });
  return out;
}

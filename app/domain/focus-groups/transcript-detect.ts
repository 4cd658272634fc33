/**
 * Which reader a transcript needs. The content decides (people rename files, and services export
 * WebVTT as .txt); the file name only breaks ties, e.g. a broken .srt is better reported as a
 * broken SRT ("no timing line") than read as plain text with no speakers.
 */
import type { TranscriptFormat } from "./transcript-types";

function extensionOf(fileName: string | undefined): string {
  const match = /\.([^./\\]+)$/.exec(fileName ?? "");
  return match ? match[1]!.toLowerCase() : "";
}

const TIMING_LINE = /^\s*[\d:.,]+\s+-->\s+[\d:.,]+/;

export function detectTranscriptFormat(text: string, fileName?: string): TranscriptFormat {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (/^WEBVTT([ \t]|$)/.test(lines[0] ?? "")) return "vtt";

  const nonEmpty = lines.filter((l) => l.trim() !== "");
  if (/^\d+$/.test(nonEmpty[0]?.trim() ?? "") && TIMING_LINE.test(nonEmpty[1] ?? "")) return "srt";

  const extension = extensionOf(fileName);
  const hinted = extension === "vtt" || extension === "srt" ? extension : null;
  const timing = nonEmpty.find((l) => TIMING_LINE.test(l));
  if (timing) {
    if (hinted) return hinted;
    // SRT writes milliseconds after a comma, WebVTT after a dot.
    return /\d,\d{3}\s+-->/.test(timing) ? "srt" : "vtt";
  }
  return hinted ?? "plain";
}

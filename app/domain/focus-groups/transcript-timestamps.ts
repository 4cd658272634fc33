/**
 * Times in transcripts: WebVTT "hh:mm:ss.ttt" or "mm:ss.ttt", SRT "hh:mm:ss,ttt", and the
 * "[00:01:23]" marks transcribers type in front of a plain-text turn. Minutes and seconds above
 * 59 are refused rather than carried over: they mean a typo, and a silent carry hides it.
 */

export const VTT_TIME_PATTERN = "hh:mm:ss.ttt или mm:ss.ttt / hh:mm:ss.ttt or mm:ss.ttt";
export const SRT_TIME_PATTERN = "hh:mm:ss,ttt";
export const PLAIN_TIME_PATTERN = "[hh:mm:ss] или [mm:ss] / [hh:mm:ss] or [mm:ss]";

const VTT_TIME = /^(?:(\d{2,}):)?(\d{2}):(\d{2})\.(\d{3})$/;
// SRT is specified with a comma; some tools write a dot, which is harmless to accept.
const SRT_TIME = /^(\d{1,}):(\d{2}):(\d{2})[,.](\d{3})$/;
const PLAIN_TIME = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/;

function toMs(
  hours: string | undefined,
  minutes: string,
  seconds: string,
  fraction: string | undefined,
): number | null {
  const m = Number(minutes);
  const s = Number(seconds);
  if (m > 59 || s > 59) return null;
  const ms = fraction === undefined ? 0 : Number(fraction.padEnd(3, "0"));
  return ((Number(hours ?? "0") * 60 + m) * 60 + s) * 1000 + ms;
}

export function parseCueTime(value: string, format: "vtt" | "srt"): number | null {
  const match = (format === "vtt" ? VTT_TIME : SRT_TIME).exec(value);
  if (!match) return null;
  return toMs(match[1], match[2]!, match[3]!, match[4]);
}

export type TimingLine =
  | { kind: "timing"; startMs: number; endMs: number }
  | { kind: "malformed"; value: string }
  | { kind: "none" };

/** "00:00:01.000 --> 00:00:04.000 align:start position:10%": cue settings after the end are ignored. */
export function parseTimingLine(line: string, format: "vtt" | "srt"): TimingLine {
  if (!line.includes("-->")) return { kind: "none" };
  const match = /^\s*(\S+)\s+-->\s+(\S+)(?:\s.*)?$/.exec(line);
  if (!match) return { kind: "malformed", value: line.trim() };
  const startMs = parseCueTime(match[1]!, format);
  if (startMs === null) return { kind: "malformed", value: match[1]! };
  const endMs = parseCueTime(match[2]!, format);
  if (endMs === null) return { kind: "malformed", value: match[2]! };
  return { kind: "timing", startMs, endMs };
}

export type LeadingTime =
  | { kind: "time"; ms: number; rest: string }
  | { kind: "malformed"; value: string }
  | { kind: "none" };

/**
 * "[00:01:23] Модератор: …", "(01:23) …" or "00:01:23 Модератор: …". Without brackets only the
 * full hh:mm:ss form counts: "10:30 встретились у администрации" is speech, not a time mark.
 */
export function parseLeadingTime(line: string): LeadingTime {
  const bracketed = /^\s*[[(]([\d:.,]*:[\d:.,]*)[\])]\s*/.exec(line);
  if (bracketed) {
    const match = PLAIN_TIME.exec(bracketed[1]!);
    const ms = match ? toMs(match[1], match[2]!, match[3]!, match[4]) : null;
    if (ms === null) return { kind: "malformed", value: bracketed[1]! };
    return { kind: "time", ms, rest: line.slice(bracketed[0].length) };
  }
  const bare = /^\s*(\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?)(?:\s+|$)/.exec(line);
  if (bare) {
    const match = PLAIN_TIME.exec(bare[1]!)!;
    const ms = toMs(match[1], match[2]!, match[3]!, match[4]);
    if (ms === null) return { kind: "malformed", value: bare[1]! };
    return { kind: "time", ms, rest: line.slice(bare[0].length) };
  }
  return { kind: "none" };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "01:02:03.450": exact, for messages about timing. */
export function formatPreciseTime(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor(ms / 60_000) % 60;
  const seconds = Math.floor(ms / 1000) % 60;
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(ms % 1000, 3)}`;
}

/** "01:02:03": what a person looks for in a recording; used in exports. */
export function formatClockTime(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor(ms / 60_000) % 60;
  const seconds = Math.floor(ms / 1000) % 60;
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
}

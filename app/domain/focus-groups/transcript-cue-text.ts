/**
 * The text of a WebVTT or SRT cue -> who speaks and what. A <v Speaker> voice tag names the
 * speaker (Teams and most transcription services write it); otherwise a leading "Speaker: " does
 * (Zoom writes that). Styling tags (<i>, <b>, <c.yellow>, <font>, karaoke times) are dropped and
 * the cue's display line breaks become spaces: they wrap subtitles, not sentences.
 */
import { splitSpeaker } from "./transcript-speaker";

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  lrm: "",
  rlm: "",
};

export function decodeCueEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith("#")) {
      const code = body[1] === "x" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Tags start with a letter, "/" or a digit (karaoke "<00:00:01.000>"); "a < b" stays text. */
const TAG = /<\/?[a-zA-Z0-9][^<>]*>/g;

const tidy = (text: string) => decodeCueEntities(text.replace(TAG, "")).replace(/\s+/g, " ").trim();

export interface CueVoice {
  speakerLabel: string | null;
  text: string;
}

/** "<v.loud Мария Петровна>" -> "Мария Петровна". */
const VOICE_START = /<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>/g;

export function readCueText(payload: string): CueVoice[] {
  const starts = [...payload.matchAll(VOICE_START)];
  if (starts.length === 0) {
    const joined = tidy(payload);
    if (joined === "") return [];
    const speaker = splitSpeaker(joined);
    return [speaker ? { speakerLabel: speaker.label, text: speaker.text } : { speakerLabel: null, text: joined }];
  }
  const voices: CueVoice[] = [];
  const before = tidy(payload.slice(0, starts[0]!.index));
  if (before !== "") voices.push({ speakerLabel: null, text: before });
  starts.forEach((start, i) => {
    const from = start.index + start[0].length;
    const to = i + 1 < starts.length ? starts[i + 1]!.index : payload.length;
    // Text after "</v>" but before the next voice still belongs to this speaker's part of the cue.
    const body = payload.slice(from, to);
    const label = tidy(start[1] ?? "");
    const text = tidy(body);
    if (text !== "" || label !== "") voices.push({ speakerLabel: label === "" ? null : label, text });
  });
  return voices;
}

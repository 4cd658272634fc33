/**
 * "Модератор: текст" -> speaker and text. A colon also ends ordinary phrases ("Вопрос такой: …"),
 * so a label must look like a name or a code: at most 40 characters and 5 words, at least one
 * letter, no sentence punctuation, and whitespace (or the line end) after the colon, which keeps
 * "https://…" and "10:30" out.
 */

const SPEAKER_LINE = /^([\p{L}\p{N}][\p{L}\p{N} ._()№#'’-]{0,39}?)\s*:(?:\s+([\s\S]*))?$/u;

export function splitSpeaker(line: string): { label: string; text: string } | null {
  const match = SPEAKER_LINE.exec(line.trim());
  if (!match) return null;
  const label = match[1]!.replace(/\s+/g, " ").trim();
  if (!/\p{L}/u.test(label)) return null;
  if (label.split(" ").length > 5) return null;
  return { label, text: (match[2] ?? "").trim() };
}

/** Mapping keys and labels compare without case and extra spaces: "модератор" finds "Модератор ". */
export function speakerKey(label: string): string {
  return label.replace(/\s+/g, " ").trim().toLocaleLowerCase("ru-RU").replace(/ё/g, "е");
}

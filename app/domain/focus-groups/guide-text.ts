/** A discussion guide as the editor writes it: plain text with "# Section" headings and one question per line. */

/**
 * The guide editor's text: "# Section" lines open a section, every other non-empty line is a
 * question ("- " or "1. " in front is dropped). Returns the sections or a message with the line.
 */
export function parseGuideText(text: string): { ok: true; sections: Array<{ title: string; questions: string[] }> } | { ok: false; error: "guide.noHeading" | "guide.empty"; line: number | null } {
  const sections: Array<{ title: string; questions: string[] }> = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const heading = /^#+\s*(.+)$/.exec(line);
    if (heading) {
      sections.push({ title: heading[1]!.trim(), questions: [] });
      continue;
    }
    const question = line.replace(/^(?:[-*•]|\d+[.)])\s*/, "");
    if (sections.length === 0) return { ok: false, error: "guide.noHeading", line: i + 1 };
    sections[sections.length - 1]!.questions.push(question);
  }
  if (sections.length === 0) return { ok: false, error: "guide.empty", line: null };
  return { ok: true, sections };
}

export function guideText(sections: ReadonlyArray<{ title: string; questions: readonly string[] }>): string {
  return sections.map((s) => [`# ${s.title}`, ...s.questions.map((q) => `- ${q}`)].join("\n")).join("\n\n");
}

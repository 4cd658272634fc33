/** Free attributes and screener answers as a form writes them: one "name: value" per line. */
export function parseAttributeLines(text: string): { ok: true; values: Record<string, string> } | { ok: false; line: number } {
  const values: Record<string, string> = {};
  for (const [i, raw] of text.replace(/\r\n?/g, "\n").split("\n").entries()) {
    if (raw.trim() === "") continue;
    const colon = raw.indexOf(":");
    const key = colon > 0 ? raw.slice(0, colon).trim() : "";
    if (key === "") return { ok: false, line: i + 1 };
    values[key] = raw.slice(colon + 1).trim();
  }
  return { ok: true, values };
}

export function attributeLines(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
}

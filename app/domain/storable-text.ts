/**
 * Text PostgreSQL cannot keep: jsonb refuses U+0000 and lone UTF-16 surrogates (JSON.parse lets
 * both through from "\u0000" and "\ud800"). A value holding one would fail inside the insert as a
 * server error; answers and imported files are refused up front as the sender's input instead.
 */
const NUL = String.fromCharCode(0);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(text: string): boolean {
  return !text.includes(NUL) && !LONE_SURROGATE.test(text);
}

/** Where the first key or string in `value` that cannot be stored is, or null when all can. */
export function firstUnstorableText(value: unknown): { path: string } | null {
  // iterative: a hostile body may nest thousands of levels deep
  const stack: Array<{ v: unknown; path: string }> = [{ v: value, path: "" }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === "string") {
      if (!isStorableText(v)) return { path };
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, path: `${path}[${i}]` }));
    } else if (v !== null && typeof v === "object") {
      for (const [key, item] of Object.entries(v)) {
        const at = path ? `${path}.${key}` : key;
        if (!isStorableText(key)) return { path: at };
        stack.push({ v: item, path: at });
      }
    }
  }
  return null;
}

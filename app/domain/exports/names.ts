/**
 * SPSS variable names from survey names. SPSS (and R's haven, Stata) want names of at most 64
 * bytes that start with a letter and, for safety across tools, hold only ASCII letters, digits
 * and underscores; they are compared case-insensitively. Survey authors here often write Russian
 * names, so Cyrillic is transliterated (a simple, readable BGN/PCGN-like table: "Возраст" →
 * "Vozrast") rather than dropped; accented Latin letters lose their accents.
 */

export const MAX_NAME_BYTES = 64;

const CYRILLIC: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "yo", ж: "zh", з: "z", и: "i", й: "y", к: "k",
  л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts",
  ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
  // Ukrainian, Belarusian, Kazakh letters seen in regional surveys
  і: "i", ї: "yi", є: "ye", ґ: "g", ў: "u", ә: "a", ғ: "gh", қ: "q", ң: "ng", ө: "o", ұ: "u", ү: "u", һ: "h",
};
const LATIN_EXTRA: Record<string, string> = { ß: "ss", æ: "ae", ø: "o", œ: "oe", ł: "l", đ: "d", þ: "th", ð: "d", ı: "i" };

/** SPSS reserved words: never valid as variable names. */
const RESERVED = new Set(["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]);

/** Readable ASCII for Cyrillic and accented Latin text; other characters are kept as they are. */
export function transliterate(text: string): string {
  let out = "";
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const mapped = CYRILLIC[lower] ?? LATIN_EXTRA[lower];
    if (mapped === undefined) {
      out += ch;
    } else if (ch !== lower && mapped) {
      out += mapped[0]!.toUpperCase() + mapped.slice(1);
    } else {
      out += mapped;
    }
  }
  return out.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
}

/** A valid (not yet unique) SPSS name for `raw`; `fallback` when nothing usable is left. */
export function spssName(raw: string, fallback = "v"): string {
  let s = transliterate(raw)
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!s) s = fallback;
  if (!/^[A-Za-z]/.test(s)) s = "v" + s;
  if (RESERVED.has(s.toUpperCase())) s += "_v";
  return s.slice(0, MAX_NAME_BYTES);
}

/** Hands out unique names (case-insensitive), shortening the base so suffixes always fit in 64 bytes. */
export class NameRegistry {
  private readonly taken = new Set<string>();

  /** `base` is a valid name (from spssName); `suffix` is appended as `_<suffix>` when given. */
  claim(base: string, suffix?: string): string {
    const tail = suffix === undefined ? "" : "_" + suffixPart(suffix);
    const first = fit(base, tail);
    if (this.add(first)) return first;
    for (let n = 2; ; n++) {
      const candidate = fit(base, `${tail}_${n}`);
      if (this.add(candidate)) return candidate;
    }
  }

  private add(name: string): boolean {
    const key = name.toUpperCase();
    if (this.taken.has(key) || RESERVED.has(key)) return false;
    this.taken.add(key);
    return true;
  }
}

/** The `_<suffix>` part: same character rules, no leading-letter rule, at most 40 bytes. */
function suffixPart(raw: string): string {
  const s = transliterate(raw)
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40)
    .replace(/_+$/, "");
  return s || "x";
}

function fit(base: string, tail: string): string {
  const room = Math.max(1, MAX_NAME_BYTES - tail.length);
  return base.slice(0, room).replace(/_+$/, "") + tail;
}

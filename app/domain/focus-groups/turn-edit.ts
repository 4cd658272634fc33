/**
 * When a turn's text is corrected, its codings must still mark the same words. Each coded
 * fragment is looked up in the new text, nearest to where it was (shifted by the edit before it);
 * a fragment that is no longer there refuses the edit, so no coding silently points at other words.
 */
export interface SpanToKeep {
  id: number;
  start: number;
  end: number;
}

export type RelocateResult =
  | { ok: true; moved: Array<{ id: number; start: number; end: number }> }
  | { ok: false; lost: Array<{ id: number; fragment: string }> };

function occurrences(text: string, fragment: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(fragment); at !== -1; at = text.indexOf(fragment, at + 1)) found.push(at);
  return found;
}

/** Length of the common prefix: text before the first changed character keeps its offsets. */
function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export function relocateSpans(oldText: string, newText: string, spans: readonly SpanToKeep[]): RelocateResult {
  const prefix = commonPrefix(oldText, newText);
  const shift = newText.length - oldText.length;
  const moved: Array<{ id: number; start: number; end: number }> = [];
  const lost: Array<{ id: number; fragment: string }> = [];
  for (const span of spans) {
    const fragment = oldText.slice(span.start, span.end);
    const expected = span.start < prefix ? span.start : span.start + shift;
    const candidates = fragment === "" ? [] : occurrences(newText, fragment);
    if (candidates.length === 0) {
      lost.push({ id: span.id, fragment });
      continue;
    }
    const best = candidates.reduce((a, b) => (Math.abs(b - expected) < Math.abs(a - expected) ? b : a));
    moved.push({ id: span.id, start: best, end: best + fragment.length });
  }
  return lost.length > 0 ? { ok: false, lost } : { ok: true, moved };
}

/**
 * The text split at every coding boundary, for highlighting: each piece lists the codings that
 * cover it. Overlapping codings give pieces covered by several.
 */
export function textPieces<C extends { start: number; end: number }>(text: string, codings: readonly C[]): Array<{ start: number; end: number; text: string; codings: C[] }> {
  const cuts = new Set<number>([0, text.length]);
  for (const c of codings) {
    if (c.start >= 0 && c.end <= text.length && c.end > c.start) {
      cuts.add(c.start);
      cuts.add(c.end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: Array<{ start: number; end: number; text: string; codings: C[] }> = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end > start) pieces.push({ start, end, text: text.slice(start, end), codings: codings.filter((c) => c.start <= start && c.end >= end) });
  }
  return pieces;
}

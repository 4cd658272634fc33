/**
 * Response quality flags (RESEARCH.md, "Data quality"): speeders, straight-liners, failed
 * attention checks and duplicate devices. Responses are flagged, never dropped: callers decide
 * whether results include or exclude flagged answers. Pure: no I/O.
 *
 * Everything is O(n log n) in the number of responses (one sort for the median, one Map for
 * device keys), so it is fine for a million responses.
 *
 * Rules:
 * - speeder: a complete response (`complete !== false`) whose duration is strictly below
 *   `speederShare` × the median duration of the complete, timed responses. With fewer than
 *   MIN_TIMED_RESPONSES timed responses the median means little, so nobody is flagged.
 *   Incomplete responses are neither counted in the median nor judged.
 * - straight_liner: a top-level "matrix" question with at least `minMatrixRows` answered rows,
 *   all with the same column value.
 * - attention_failed: an element marked `rpKind: "attention-check"` with a `correctAnswer`
 *   (SurveyJS's quiz property). A present answer must equal it (arrays compared as sets); an
 *   absent answer fails only on a complete response.
 * - duplicate_device: responses sharing a non-empty deviceKey are all flagged.
 */
import type { QuestionInfo } from "./types";

export type QualityReason = "speeder" | "straight_liner" | "attention_failed" | "duplicate_device";

export interface QualityFlag {
  reason: QualityReason;
  /** Human-readable, English, specific. */
  detail: string;
  /** Question name, for straight_liner and attention_failed. */
  question?: string;
}

export interface QualityInput {
  id: number;
  durationMs: number | null;
  answers: Record<string, unknown>;
  deviceKey: string | null;
  /** undefined counts as complete. */
  complete?: boolean;
}

export interface QualityOptions {
  /** Share of the median duration under which a response is a speeder; default 1/3, in (0, 1]. */
  speederShare?: number;
  /** Matrices with fewer answered rows are not judged; default 3, at least 2. */
  minMatrixRows?: number;
}

export interface AttentionCheck {
  question: string;
  valueName: string;
  /** correctAnswer as a list: [x] for a scalar, the array itself for checkbox-like questions. */
  expected: unknown[];
}

export const RPKIND_ATTENTION = "attention-check";
/** Below this many timed, complete responses no response is judged a speeder. */
export const MIN_TIMED_RESPONSES = 5;
const MAX_LISTED_IDS = 5;
const MAX_VALUE_CHARS = 60;
const CONTAINERS = new Set(["panel", "flowpanel"]);

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isAbsent = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/** Equality key: 3 and "3" are the same answer (designers write either); objects by JSON. */
function valueKey(v: unknown): string {
  if (typeof v === "string" || typeof v === "number") return `v:${String(v)}`;
  if (v !== null && typeof v === "object") return `j:${JSON.stringify(v)}`;
  return `p:${String(v)}`;
}

function formatValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(formatValue).join(", ")}]`;
  let s = typeof v === "string" ? `'${v}'` : v !== null && typeof v === "object" ? JSON.stringify(v) : String(v);
  if (s.length > MAX_VALUE_CHARS) s = `${s.slice(0, MAX_VALUE_CHARS - 1)}…`;
  return s;
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${s < 10 ? Math.round(s * 10) / 10 : Math.round(s)} s`;
}

/** Finds attention checks among the top-level questions, walking pages and (nested) panels. */
export function attentionChecks(questions: QuestionInfo[], definition: Record<string, unknown>): AttentionCheck[] {
  const byName = new Map(questions.map((q) => [q.name, q]));
  const out: AttentionCheck[] = [];
  const seen = new Set<string>();
  const walk = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const el of elements) {
      if (!isPlainObject(el)) continue;
      if (CONTAINERS.has(String(el.type ?? "").toLowerCase())) {
        walk(el.elements);
        walk(el.questions);
        continue;
      }
      if (el.rpKind !== RPKIND_ATTENTION || isAbsent(el.correctAnswer) || typeof el.name !== "string") continue;
      const q = byName.get(el.name);
      // Questions inside dynamic panels or matrices are not top-level answers: not judged.
      if (!q || seen.has(q.name)) continue;
      seen.add(q.name);
      const expected = Array.isArray(el.correctAnswer) ? [...el.correctAnswer] : [el.correctAnswer];
      out.push({ question: q.name, valueName: q.valueName, expected });
    }
  };
  walk(definition.elements);
  walk(definition.questions);
  if (Array.isArray(definition.pages)) {
    for (const page of definition.pages) {
      if (isPlainObject(page)) {
        walk(page.elements);
        walk(page.questions);
      }
    }
  }
  return out;
}

/** A scalar answer must be the single expected value; an array answer must equal it as a set. */
function passes(answer: unknown, expected: unknown[]): boolean {
  if (!Array.isArray(answer)) return expected.length === 1 && valueKey(answer) === valueKey(expected[0]);
  const want = new Set(expected.map(valueKey));
  const got = new Set(answer.map(valueKey));
  if (want.size !== got.size) return false;
  for (const k of got) if (!want.has(k)) return false;
  return true;
}

function median(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Quality flags per response id. Only responses with at least one flag are in the map
 * (`flags.get(id) ?? []`). Flags of one response come in rule order: speeder, straight_liner
 * (question order), attention_failed (check order), duplicate_device.
 */
export function qualityFlags(
  responses: QualityInput[],
  questions: QuestionInfo[],
  checks: AttentionCheck[],
  options: QualityOptions = {},
): Map<number, QualityFlag[]> {
  const share = options.speederShare ?? 1 / 3;
  const minRows = options.minMatrixRows ?? 3;
  if (!(share > 0 && share <= 1)) throw new RangeError(`speederShare must be in (0, 1], got ${share}`);
  if (!(Number.isInteger(minRows) && minRows >= 2)) throw new RangeError(`minMatrixRows must be an integer ≥ 2, got ${minRows}`);

  const out = new Map<number, QualityFlag[]>();
  const add = (id: number, flag: QualityFlag) => {
    const list = out.get(id);
    if (list) list.push(flag);
    else out.set(id, [flag]);
  };
  const timed = (r: QualityInput) => r.complete !== false && typeof r.durationMs === "number" && Number.isFinite(r.durationMs) && r.durationMs >= 0;

  // Speeders: one sort for the median.
  let limit = -Infinity;
  let med = 0;
  let count = 0;
  for (const r of responses) if (timed(r)) count++;
  if (count >= MIN_TIMED_RESPONSES) {
    const durations = new Float64Array(count);
    let i = 0;
    for (const r of responses) if (timed(r)) durations[i++] = r.durationMs!;
    durations.sort();
    med = median(durations);
    limit = share === 1 / 3 ? med / 3 : med * share; // exact third: a duration of exactly median/3 is not a speeder
  }
  const shareText = share === 1 / 3 ? "a third" : share === 1 / 2 ? "half" : share === 1 / 4 ? "a quarter" : `${Math.round(share * 1000) / 10}%`;

  const matrices = questions
    .filter((q) => q.type === "matrix")
    .map((q) => ({ q, rowCount: q.rows?.length ?? 0, columnText: new Map((q.columns ?? []).map((c) => [valueKey(c.value), c.text])) }));

  for (const r of responses) {
    if (timed(r) && r.durationMs! < limit) {
      add(r.id, { reason: "speeder", detail: `answered in ${formatSeconds(r.durationMs!)}, under ${shareText} of the median ${formatSeconds(med)}` });
    }

    for (const { q, rowCount, columnText } of matrices) {
      const answer = r.answers[q.valueName];
      if (!isPlainObject(answer)) continue;
      let answered = 0;
      let first: unknown;
      let firstKey = "";
      let same = true;
      for (const v of Object.values(answer)) {
        if (isAbsent(v)) continue;
        const k = valueKey(v);
        if (answered === 0) {
          first = v;
          firstKey = k;
        } else if (k !== firstKey) {
          same = false;
          break;
        }
        answered++;
      }
      if (!same || answered < minRows) continue;
      const text = columnText.get(firstKey);
      const shown = text !== undefined ? `'${text}'` : formatValue(first);
      const rows = answered === rowCount || rowCount === 0 ? `all ${answered} rows` : `all ${answered} answered rows (of ${rowCount})`;
      add(r.id, { reason: "straight_liner", question: q.name, detail: `same answer ${shown} to ${rows} of '${q.name}'` });
    }

    for (const c of checks) {
      const answer = r.answers[c.valueName];
      const expected = c.expected.length === 1 ? formatValue(c.expected[0]) : formatValue(c.expected);
      if (isAbsent(answer)) {
        if (r.complete !== false) add(r.id, { reason: "attention_failed", question: c.question, detail: `left attention check '${c.question}' unanswered, expected ${expected}` });
      } else if (!passes(answer, c.expected)) {
        add(r.id, { reason: "attention_failed", question: c.question, detail: `answered ${formatValue(answer)} to attention check '${c.question}', expected ${expected}` });
      }
    }
  }

  // Duplicate devices: group by key, ids ascending within a group.
  const groups = new Map<string, number[]>();
  for (const r of responses) {
    if (!r.deviceKey) continue;
    const g = groups.get(r.deviceKey);
    if (g) g.push(r.id);
    else groups.set(r.deviceKey, [r.id]);
  }
  for (const ids of groups.values()) {
    if (ids.length < 2) continue;
    ids.sort((a, b) => a - b);
    const head = ids.slice(0, MAX_LISTED_IDS + 1);
    for (const id of ids) {
      const listed = head.filter((x) => x !== id).slice(0, MAX_LISTED_IDS);
      const more = ids.length - 1 - listed.length;
      const list = listed.map((x) => `#${x}`).join(", ");
      add(id, { reason: "duplicate_device", detail: `same device as ${listed.length === 1 ? "response" : "responses"} ${list}${more > 0 ? ` and ${more} more` : ""}` });
    }
  }
  return out;
}

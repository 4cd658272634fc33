/**
 * Response import, header → questions: each question's plan (shape, choices) and every column
 * name that may hold it (its name, the names an export gives it, aliases), then the header
 * mapped onto those plans with problems named. Pure; used by import-plan.ts.
 */
import { exportColumns } from "../exports/columns";
import { RESPONSE_LEADING_COLUMNS } from "../exports/leading";
import { exportQuestions } from "../exports/questions";
import type { ExportColumn, ExportQuestion } from "../exports/types";
import { choiceTable, same, show, valueText } from "./import-cells";
import type { Part, QPlan, Shape, Target } from "./import-types";
import { getPrepared } from "./prepared";
import { COMMENT_SUFFIX, type Spec } from "./spec";
import type { SurveyDefinition } from "./types";

/** The leading columns exports write, in order: they shape export names. */
const EXPORT_LEADING = RESPONSE_LEADING_COLUMNS.map((c) => c.name);
const IGNORED = new Set(["response_id", "submitted_at", "version", "weight", "quality_flags"]);


function shapeOf(spec: Spec, info: ExportQuestion): Shape {
  switch (spec.kind) {
    case "select":
      if (!info.choices?.length) return "raw";
      return spec.ranking ? "ranking" : spec.multiple ? "multi" : "single";
    case "boolean":
    case "rating":
      return info.choices?.length ? "single" : "raw";
    case "matrix":
      return info.rows?.length && info.columns?.length ? "matrix" : "raw";
    case "matrixdropdown":
      return info.rows?.length && info.columns?.length ? "matrixdropdown" : "raw";
    case "multipletext":
      return info.columns?.length ? "multipletext" : "raw";
    default:
      return "raw";
  }
}

export function questionPlans(definition: SurveyDefinition): QPlan[] {
  const prep = getPrepared(definition);
  // exportQuestions = listQuestions (one entry per prepared root, same order) + export facts.
  const infos = exportQuestions(definition);
  return prep.roots.map((root, index): QPlan => {
    const spec = root.spec;
    const info = infos[index]!;
    const shape = shapeOf(spec, info);
    const allowed = spec.kind === "select" || spec.kind === "boolean" || spec.kind === "rating" ? spec.allowed : null;
    const hasOther = spec.kind === "select" && spec.otherKey !== null && info.otherValue !== null && info.otherValue !== undefined;
    return {
      index,
      name: root.name,
      key: root.key,
      spec,
      info,
      shape,
      choices: shape === "single" || shape === "multi" || shape === "ranking" ? choiceTable(`question "${root.name}"`, info.choices ?? [], allowed) : null,
      matrixColumns: shape === "matrix" && spec.kind === "matrix" ? choiceTable(`the columns of matrix "${root.name}"`, info.columns ?? [], spec.columns) : null,
      multipleCells: spec.kind === "matrix" && spec.multiple,
      otherValue: hasOther ? info.otherValue : undefined,
      otherAsText: spec.kind === "select" && spec.otherAsText,
      whole: -1,
      picks: [],
      rows: [],
      cells: [],
      items: [],
      other: -1,
      comment: -1,
      paths: new Map(),
      columns: [],
    };
  });
}

interface Entry {
  level: number;
  targets: Target[];
  ids: Set<string>;
}

function targetId(t: Target): string {
  return "special" in t ? `special:${t.special}` : `${t.q}:${JSON.stringify(t.part)}`;
}

function addName(map: Map<string, Entry>, name: string, level: number, target: Target): void {
  if (!name) return;
  const id = targetId(target);
  const e = map.get(name);
  if (!e || level < e.level) map.set(name, { level, targets: [target], ids: new Set([id]) });
  else if (level === e.level && !e.ids.has(id)) {
    e.ids.add(id);
    e.targets.push(target);
  }
}

/** Every accepted column name → what it holds, by priority level (lower wins). */
export function nameIndex(plans: QPlan[], isExport: boolean): { exact: Map<string, Entry>; lower: Map<string, Entry> } {
  const L = isExport ? { special: 0, exported: 1, question: 2, alias: 3 } : { question: 0, exported: 1, alias: 2, special: 3 };
  const exact = new Map<string, Entry>();

  // Names an export of this app gives (same leading columns, so the same de-duplication).
  const all = exportColumns(
    plans.map((p) => p.info),
    { leading: EXPORT_LEADING.map((name) => ({ name, type: "string" as const })) },
  );
  let at = EXPORT_LEADING.length;
  for (const p of plans) {
    const n = exportColumns([p.info]).length;
    for (const col of all.slice(at, at + n)) {
      const part = exportPart(p, col);
      if (part) addName(exact, col.name, L.exported, { q: p.index, part });
    }
    at += n;
  }

  for (const p of plans) {
    const q = p.index;
    for (const base of new Set([p.name, p.key])) {
      addName(exact, base, L.question, { q, part: { t: "whole" } });
      if ((p.shape === "multi" || p.shape === "ranking") && p.choices) {
        p.choices.values.forEach((v, i) => {
          addName(exact, `${base}_${i + 1}`, L.alias, { q, part: { t: "pick", i } });
          addName(exact, `${base}_${valueText(v)}`, L.alias, { q, part: { t: "pick", i } });
        });
      }
      if (p.shape === "matrix") {
        (p.info.rows ?? []).forEach((r, k) => {
          const row = String(r.value);
          addName(exact, `${base}_${k + 1}`, L.alias, { q, part: { t: "row", row } });
          addName(exact, `${base}.${row}`, L.alias, { q, part: { t: "row", row } });
        });
      }
      if (p.shape === "matrixdropdown") {
        (p.info.rows ?? []).forEach((r, k) => {
          const row = String(r.value);
          for (const c of p.info.columns ?? []) {
            const col = String(c.value);
            addName(exact, `${base}.${row}.${col}`, L.alias, { q, part: { t: "cell", row, col } });
            addName(exact, `${base}_${k + 1}_${col}`, L.alias, { q, part: { t: "cell", row, col } });
          }
        });
      }
      if (p.shape === "multipletext") {
        for (const it of p.info.columns ?? []) {
          const item = String(it.value);
          addName(exact, `${base}.${item}`, L.alias, { q, part: { t: "item", item } });
          addName(exact, `${base}_${item}`, L.alias, { q, part: { t: "item", item } });
        }
      }
      if (p.otherValue !== undefined) addName(exact, `${base}_other`, L.alias, { q, part: { t: "other" } });
      if (p.info.commentArea) addName(exact, `${base}_comment`, L.alias, { q, part: { t: "comment" } });
    }
    if (p.info.commentArea) addName(exact, p.key + COMMENT_SUFFIX, L.alias, { q, part: { t: "comment" } });
    else if (p.otherValue !== undefined && !p.otherAsText) addName(exact, p.key + COMMENT_SUFFIX, L.alias, { q, part: { t: "other" } });
  }

  for (const name of ["submission_id", "duration_s", "duration_ms"] as const) addName(exact, name, L.special, { special: name });
  for (const name of IGNORED) addName(exact, name, L.special, { special: "ignored" });

  const lower = new Map<string, Entry>();
  for (const [name, e] of exact) for (const t of e.targets) addName(lower, name.toLowerCase(), e.level, t);
  return { exact, lower };
}

function exportPart(p: QPlan, col: ExportColumn): Part | null {
  if (col.source.kind !== "answer") return null;
  const x = col.source.extract;
  switch (x.kind) {
    case "single":
    case "text":
    case "json":
      return { t: "whole" };
    case "other":
      return p.otherValue !== undefined ? { t: "other" } : null;
    case "comment":
      return { t: "comment" };
    case "dummy":
    case "rank": {
      if ((p.shape !== "multi" && p.shape !== "ranking") || !p.choices) return null;
      const i = p.choices.values.findIndex((v) => same(v, x.value));
      return i >= 0 ? { t: "pick", i } : null;
    }
    case "matrixRow":
      return p.shape === "matrix" ? { t: "row", row: x.row } : null;
    case "cell":
      return p.shape === "matrixdropdown" ? { t: "cell", row: x.row, col: x.column } : null;
    case "item":
      return p.shape === "multipletext" ? { t: "item", item: x.item } : null;
  }
}

/** Two columns with the same part id would write the same piece of the answer. */
export function partId(p: QPlan, part: Part): string {
  switch (part.t) {
    case "whole":
      return "whole";
    case "pick":
      return `pick:${part.i}`;
    case "row":
      return `row:${part.row}`;
    case "cell":
      return `cell:${part.row}\u0000${part.col}`;
    case "item":
      return `item:${part.item}`;
    case "other":
      return p.otherAsText ? "other" : "comment";
    case "comment":
      return "comment";
  }
}

export function assign(p: QPlan, part: Part, col: number, h: string): void {
  p.columns.push(h);
  switch (part.t) {
    case "whole":
      p.whole = col;
      p.paths.set(p.key, h);
      return;
    case "pick":
      p.picks.push({ i: part.i, col });
      return;
    case "row":
      p.rows.push({ row: part.row, col });
      p.paths.set(`${p.key}.${part.row}`, h);
      return;
    case "cell":
      p.cells.push({ row: part.row, col: part.col, at: col });
      p.paths.set(`${p.key}.${part.row}.${part.col}`, h);
      return;
    case "item":
      p.items.push({ item: part.item, at: col });
      p.paths.set(`${p.key}.${part.item}`, h);
      return;
    case "other":
      p.other = col;
      if (!p.otherAsText) p.paths.set(p.key + COMMENT_SUFFIX, h);
      return;
    case "comment":
      p.comment = col;
      p.paths.set(p.key + COMMENT_SUFFIX, h);
      return;
  }
}

/** The "other" text or comment column: allowed beside either layout. */
export function isCompanion(p: QPlan, col: number): boolean {
  return col === p.other || col === p.comment;
}

export function describeTarget(plans: QPlan[], t: Target): string {
  if ("special" in t) return `the ${t.special} column`;
  const p = plans[t.q]!;
  const q = `question "${p.name}"`;
  switch (t.part.t) {
    case "whole":
      return q;
    case "pick": {
      const label = p.choices ? show(p.choices, t.part.i) : String(t.part.i + 1);
      return p.shape === "ranking" ? `the rank of choice ${label} of ${q}` : `choice ${label} of ${q}`;
    }
    case "row":
      return `row "${t.part.row}" of ${q}`;
    case "cell":
      return `cell "${t.part.row}" × "${t.part.col}" of ${q}`;
    case "item":
      return `item "${t.part.item}" of ${q}`;
    case "other":
      return `the "other" text of ${q}`;
    case "comment":
      return `the comment of ${q}`;
  }
}

/** Validator errors name the question and a path; the header column that holds that path. */
export function columnOf(byName: Map<string, QPlan>, question: string | null, path: string | undefined): string | undefined {
  if (question === null) return undefined;
  const p = byName.get(question);
  if (!p) return question;
  let s = path ?? "";
  while (s) {
    const h = p.paths.get(s);
    if (h !== undefined) return h;
    s = s.slice(0, Math.max(s.lastIndexOf("."), s.lastIndexOf("["), 0));
  }
  return p.columns.length === 1 ? p.columns[0] : p.name;
}

export function closeNames(column: string, names: string[]): string {
  const c = column.toLowerCase().slice(0, 200);
  const stem = c.replace(/[._-][^._-]*$/, "");
  const scored: Array<{ name: string; d: number }> = [];
  for (const name of names) {
    const n = name.toLowerCase().slice(0, 200);
    const d = Math.min(levenshtein(c, n), stem && stem !== c ? levenshtein(stem, n) : Infinity);
    if (d <= Math.max(1, Math.floor(n.length / 3))) scored.push({ name, d });
  }
  scored.sort((a, b) => a.d - b.d || a.name.localeCompare(b.name));
  const list = scored.slice(0, 5).map((s) => s.name);
  return list.length > 0 ? `close question names: ${list.join(", ")}.` : "no question has a similar name.";
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

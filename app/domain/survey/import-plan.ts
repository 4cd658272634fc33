/**
 * Planning an import of survey responses collected elsewhere (phone or paper fieldwork, or a CSV
 * export of this app read back in): a parsed table (header + rows of strings) → answers objects,
 * each validated by validateResponse exactly as a web submission is, or every problem found, by
 * data row and column. All or nothing: with any error the plan is `ok: false` and the caller
 * writes nothing. Pure: no I/O; the caller parses the file (CSV/XLSX) and writes the responses.
 *
 * Header → questions (first match wins, in this order; then the same names case-insensitively):
 *   1. the question's name or valueName: the whole answer in one column;
 *   2. the names exports.columns gives (so an export can be re-imported): `<name>_<k>` per choice
 *      (0/1) or per ranked choice (rank), `<name>_<k>` per matrix row, `<name>_<k>_<column>` per
 *      matrixdropdown cell, `<name>_<item>` per multipletext item, `<name>_other`, `<name>_comment`
 *      (names are SPSS-safe: "nps-score" is exported as "nps_score");
 *   3. aliases: `<name>_<value>` per choice, `<name>.<rowValue>` per matrix row,
 *      `<name>.<row>.<column>` per matrixdropdown cell, `<name>.<item>` per multipletext item,
 *      `<valueName>-Comment` for the comment (or "other" text stored as comment);
 *   4. special columns: `submission_id`, `duration_s`, `duration_ms`; the export's bookkeeping
 *      columns response_id, submitted_at, version, weight, quality_flags are ignored (a warning).
 * When the header holds `response_id` (an export of this app) the special and export names come
 * first, so a question named "weight" (exported as `weight_2`) still round-trips.
 *
 * Cells: empty (or blank) = not answered; a row whose cells are all empty is skipped. Choice
 * questions (radiogroup, dropdown, checkbox, tagbox, ranking, imagepicker, boolean, rating, and
 * matrix cells) take, by `mode`:
 *   "values": the choice value; "codes": its 1-based code in choice order (what exports write);
 *   "labels": its text (case-insensitive, spaces collapsed); "auto" (default): any of these, an
 *   error when they point at different choices. In "auto" codes are used only when no choice
 *   value is a number 1..k that is the code of another choice (a 0–10 scale, values 5..1) — except
 *   in an export (response_id in the header), whose numbers are always codes, where such a clash
 *   is an ambiguity error asking for an explicit mode rather than a silent guess.
 * Lists (one checkbox/ranking column, matrix rows with checkbox cells) are separated by ";" or "|"
 * (or "," between plain integers: "1,3"), or a JSON array. Per-choice 0/1 columns: 1 = chosen,
 * 0 or empty = not (all empty = not answered). Numbers (text inputType number/range, numeric
 * cells) accept a decimal point or comma; "1,000" is refused as ambiguous. Structures
 * (matrixdynamic, paneldynamic, file, a matrix or multipletext in one column) are JSON, as exports
 * write them; a file content the export shortened ("… chars omitted") is refused.
 *
 * Limits: matrixdropdown cells and multipletext items hold values (typed by the cell's question),
 * never codes or labels, as exports write them. Per-choice 0/1 columns give the chosen set in
 * choice order, not the order ticked. Typed "other" text goes in `<name>_other` (or
 * `<valueName>-Comment`), never in the choice column. Choices stored as objects
 * (valuePropertyName) are not supported. Header errors stop the plan before any row is read; a
 * row with unreadable cells is not passed to validateResponse (its other problems show up once
 * the cells are fixed). Messages are English; validator messages follow the survey's locale.
 */
import { exportColumns } from "../exports/columns";
import { exportQuestions } from "../exports/questions";
import type { ExportColumn, ExportQuestion } from "../exports/types";
import { getPrepared } from "./prepared";
import { COMMENT_SUFFIX, keyOf, type Spec } from "./spec";
import type { ChoiceInfo, SurveyDefinition } from "./types";
import { validateResponse } from "./validate-response";

export interface ImportRowError {
  /** 1-based row number as in the file: the header is row 1, the first data row is row 2. */
  row: number;
  /** Header name of the column (or the question's name when no single column holds the problem). */
  column?: string;
  message: string;
}

export type ImportMode = "auto" | "codes" | "labels" | "values";

export interface ImportTable {
  header: string[];
  rows: string[][];
}

export interface ImportOptions {
  mode?: ImportMode;
}

export interface PlannedResponse {
  row: number;
  /** validateResponse's `cleaned` answers, as a web submission stores them. */
  answers: Record<string, unknown>;
  submissionId: string | null;
  durationMs: number | null;
}

export type ImportPlan =
  | { ok: true; responses: PlannedResponse[]; warnings: ImportRowError[] }
  | { ok: false; errors: ImportRowError[] };

/** At most this many errors (and warnings) are returned; the last entry then says how many more. */
export const MAX_IMPORT_ERRORS = 500;
/** Same bounds as a web submission's timing.durationMs (submissions.server.ts). */
export const MAX_IMPORT_DURATION_MS = 30 * 86_400_000;
/** The leading columns exports write (services/exports.server.ts), in order: they shape export names. */
const EXPORT_LEADING = ["response_id", "submitted_at", "version", "duration_s", "weight", "quality_flags"];
const IGNORED = new Set(["response_id", "submitted_at", "version", "weight", "quality_flags"]);
const SUBMISSION_ID = /^[^\s\p{Cc}]{1,100}$/u;
const NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3},\d{3}$/;
const OMITTED = /data:[^"\s]* \(\d+ chars omitted\)/;
const AMBIGUOUS = -1;

type Shape = "single" | "multi" | "ranking" | "matrix" | "matrixdropdown" | "multipletext" | "raw";
type Special = "submission_id" | "duration_s" | "duration_ms" | "ignored";

type Part =
  | { t: "whole" }
  /** checkbox-like: a 0/1 column; ranking: the choice's rank. */
  | { t: "pick"; i: number }
  | { t: "row"; row: string }
  | { t: "cell"; row: string; col: string }
  | { t: "item"; item: string }
  | { t: "other" }
  | { t: "comment" };

type Target = { q: number; part: Part } | { special: Special };

interface ChoiceTable {
  /** Shown in messages: `question "color"`, `the columns of matrix "m"`. */
  what: string;
  values: unknown[];
  texts: string[];
  byValue: Map<string, number>;
  byLabel: Map<string, number>;
  /** Some value is a number 1..k that is the code of another choice. */
  clash: boolean;
  /** Typed keys the validator accepts (choices hidden at rest are not listed); null = unknown. */
  allowed: Set<string> | null;
}

interface QPlan {
  index: number;
  name: string;
  key: string;
  spec: Spec;
  info: ExportQuestion;
  shape: Shape;
  choices: ChoiceTable | null;
  matrixColumns: ChoiceTable | null;
  multipleCells: boolean;
  /** undefined: no "other" item. */
  otherValue: unknown;
  otherAsText: boolean;
  // Filled from the header (column indexes; -1 = none).
  whole: number;
  picks: Array<{ i: number; col: number }>;
  rows: Array<{ row: string; col: number }>;
  cells: Array<{ row: string; col: string; at: number }>;
  items: Array<{ item: string; at: number }>;
  other: number;
  comment: number;
  /** Answer path (`key`, `key.row`, `key.row.col`, `key-Comment`) → header name, for validator errors. */
  paths: Map<string, string>;
  columns: string[];
}

type Resolved = { ok: true; value: unknown } | { ok: false; message: string };

/** Errors or warnings, capped; the last kept entry says how many more there were. */
class Capped {
  readonly list: ImportRowError[] = [];
  total = 0;
  add(e: ImportRowError): void {
    this.total++;
    if (this.list.length < MAX_IMPORT_ERRORS) this.list.push(e);
  }
  result(noun: string): ImportRowError[] {
    if (this.total <= MAX_IMPORT_ERRORS) return this.list;
    const kept = this.list.slice(0, MAX_IMPORT_ERRORS - 1);
    const more = this.total - kept.length;
    const from = this.list[MAX_IMPORT_ERRORS - 1]!.row;
    return [...kept, { row: from, message: `…and ${more} more ${noun} (from row ${from} on).` }];
  }
}


interface Context {
  mode: ImportMode;
  /** The file is an export of this app: its numbers are codes, so codes are always considered. */
  isExport: boolean;
  header: string[];
}

export function planResponseImport(definition: SurveyDefinition, table: ImportTable, options: ImportOptions = {}): ImportPlan {
  const errors = new Capped();
  const warnings = new Capped();
  const header = (table.header ?? []).map((h, i) => {
    const s = String(h ?? "").trim();
    return i === 0 ? s.replace(/^\uFEFF/, "").trim() : s;
  });
  if (header.every((h) => h === "")) return { ok: false, errors: [{ row: 1, message: "Row 1: the header row is empty; it must name a question in each column." }] };

  const plans = questionPlans(definition);
  const byName = new Map<string, QPlan>();
  for (const p of plans) if (!byName.has(p.name)) byName.set(p.name, p);
  const questionNames = [...new Set(plans.flatMap((p) => [p.name, p.key]))];
  const isExport = header.includes("response_id") && !questionNames.includes("response_id");
  const ctx: Context = { mode: options.mode ?? "auto", isExport, header };
  const index = nameIndex(plans, isExport);

  // ---- header → targets
  const specials: Partial<Record<Exclude<Special, "ignored">, number>> = {};
  const seenHeader = new Map<string, number>();
  const partOwner = new Map<string, string>();
  const blank: number[] = [];
  header.forEach((h, col) => {
    const at = (message: string) => errors.add({ row: 1, column: h, message: `Row 1, column "${h}": ${message}` });
    if (h === "") return void blank.push(col);
    if (seenHeader.has(h)) return at(`the name appears twice in the header (columns ${seenHeader.get(h)! + 1} and ${col + 1}).`);
    seenHeader.set(h, col);
    const found = index.exact.get(h) ?? index.lower.get(h.toLowerCase());
    if (!found) return at(`no question or known column has this name; ${closeNames(h, questionNames)}`);
    if (found.targets.length > 1) return at(`the name is ambiguous: it may mean ${found.targets.map((t) => describeTarget(plans, t)).join(" or ")}.`);
    const target = found.targets[0]!;
    if ("special" in target) {
      if (target.special === "ignored") {
        warnings.add({ row: 1, column: h, message: `Row 1, column "${h}": ignored (a bookkeeping column of exports; it is not imported).` });
        return;
      }
      const prev = specials[target.special];
      if (prev !== undefined) return at(`the column "${header[prev]}" already gives ${target.special}.`);
      specials[target.special] = col;
      return;
    }
    const p = plans[target.q]!;
    const id = `${target.q}:${partId(p, target.part)}`;
    const owner = partOwner.get(id);
    if (owner !== undefined) return at(`the column "${owner}" already holds ${describeTarget(plans, target)}.`);
    partOwner.set(id, h);
    assign(p, target.part, col, h);
  });
  if (specials.duration_s !== undefined && specials.duration_ms !== undefined) {
    const h = header[specials.duration_ms]!;
    errors.add({ row: 1, column: h, message: `Row 1, column "${h}": give either duration_s or duration_ms, not both.` });
  }
  for (const p of plans) {
    if (p.whole >= 0 && p.picks.length + p.rows.length + p.cells.length + p.items.length > 0) {
      const h = header[p.whole]!;
      const others = header.filter((c, col) => col !== p.whole && !isCompanion(p, col) && p.columns.includes(c));
      errors.add({ row: 1, column: h, message: `Row 1, column "${h}": question "${p.name}" is given both in one column and in per-part columns (${others.join(", ")}); keep one layout.` });
    }
  }
  if (errors.total > 0) return { ok: false, errors: errors.result("errors") };
  const used = plans.filter((p) => p.columns.length > 0);

  // ---- rows: O(columns) each, plus one validateResponse
  const responses: PlannedResponse[] = [];
  const seenIds = new Map<string, number>();
  let dataRows = 0;
  const rows = table.rows ?? [];
  for (let r = 0; r < rows.length; r++) {
    const cells: readonly unknown[] = rows[r] ?? [];
    const rowNo = r + 2;
    const get = (col: number): string => {
      const v = cells[col];
      return typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
    };
    let empty = true;
    for (let c = 0; c < cells.length && empty; c++) if (get(c).trim() !== "") empty = false;
    if (empty) continue;
    dataRows++;
    const before = errors.total;
    const fail = (column: string | undefined, message: string) =>
      errors.add(
        column !== undefined
          ? { row: rowNo, column, message: `Row ${rowNo}, column "${column}": ${message}` }
          : { row: rowNo, message: `Row ${rowNo}: ${message}` },
      );

    for (let c = header.length; c < cells.length; c++) {
      if (get(c).trim() !== "") {
        fail(undefined, `there is a value in column ${c + 1}, but the header has only ${header.length} columns.`);
        break;
      }
    }
    for (const c of blank) if (get(c).trim() !== "") fail(undefined, `column ${c + 1} has a value but no name in the header.`);

    let submissionId: string | null = null;
    if (specials.submission_id !== undefined) {
      const h = header[specials.submission_id]!;
      const s = get(specials.submission_id).trim();
      if (s !== "") {
        if (!SUBMISSION_ID.test(s)) fail(h, `"${clip(s)}" is not a usable submission id (1–100 characters without spaces).`);
        else if (seenIds.has(s)) fail(h, `the submission id "${s}" is already used in row ${seenIds.get(s)}.`);
        else {
          seenIds.set(s, rowNo);
          submissionId = s;
        }
      }
    }
    let durationMs: number | null = null;
    const durationCol = specials.duration_s ?? specials.duration_ms;
    if (durationCol !== undefined) {
      const seconds = specials.duration_s !== undefined;
      const s = get(durationCol).trim();
      if (s !== "") {
        const n = parseNumber(s);
        const ms = n === null ? NaN : Math.round(seconds ? n * 1000 : n);
        const max = seconds ? MAX_IMPORT_DURATION_MS / 1000 : MAX_IMPORT_DURATION_MS;
        if (!Number.isFinite(ms) || ms < 0 || ms > MAX_IMPORT_DURATION_MS) fail(header[durationCol], `"${clip(s)}" is not a duration (a number from 0 to ${max}).`);
        else durationMs = ms;
      }
    }

    const answers: Record<string, unknown> = {};
    const setBy = new Map<string, QPlan>();
    for (const p of used) {
      const decoded = decodeQuestion(p, get, ctx);
      for (const e of decoded.errors) fail(e.column, e.message);
      if (decoded.errors.length > 0) continue;
      const put = (key: string, value: unknown) => {
        const first = setBy.get(key);
        if (!first) {
          setOwn(answers, key, value);
          setBy.set(key, p);
        } else if (JSON.stringify(answers[key]) !== JSON.stringify(value)) {
          fail(p.columns[0], `questions "${first.name}" and "${p.name}" store their answers under the same key "${key}", and their columns disagree.`);
        }
      };
      if (decoded.value !== undefined) put(p.key, decoded.value);
      if (decoded.comment !== undefined) put(p.key + COMMENT_SUFFIX, decoded.comment);
    }
    // A row with unreadable cells is not validated: its answers are incomplete.
    if (errors.total > before) continue;

    const result = validateResponse(definition, answers);
    if (!result.ok) {
      for (const e of result.errors) fail(columnOf(byName, e.question, e.path), e.message);
      continue;
    }
    for (const w of result.warnings) {
      const column = columnOf(byName, w.question, w.path);
      warnings.add(
        column !== undefined
          ? { row: rowNo, column, message: `Row ${rowNo}, column "${column}": ${w.message}` }
          : { row: rowNo, message: `Row ${rowNo}: ${w.message}` },
      );
    }
    if (errors.total === 0) responses.push({ row: rowNo, answers: result.cleaned, submissionId, durationMs });
  }
  if (dataRows === 0) errors.add({ row: 1, message: "Row 1: the file has no data rows below the header." });
  if (errors.total > 0) return { ok: false, errors: errors.result("errors") };
  return { ok: true, responses, warnings: warnings.result("warnings") };
}

// ---------------------------------------------------------------------------------------------
// Questions and the names their columns may have

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

function questionPlans(definition: SurveyDefinition): QPlan[] {
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
function nameIndex(plans: QPlan[], isExport: boolean): { exact: Map<string, Entry>; lower: Map<string, Entry> } {
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
function partId(p: QPlan, part: Part): string {
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

function assign(p: QPlan, part: Part, col: number, h: string): void {
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
function isCompanion(p: QPlan, col: number): boolean {
  return col === p.other || col === p.comment;
}

function describeTarget(plans: QPlan[], t: Target): string {
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
function columnOf(byName: Map<string, QPlan>, question: string | null, path: string | undefined): string | undefined {
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

function closeNames(column: string, names: string[]): string {
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

// ---------------------------------------------------------------------------------------------
// Cells → answers

interface Decoded {
  value: unknown;
  comment: string | undefined;
  errors: Array<{ column: string | undefined; message: string }>;
}

function decodeQuestion(p: QPlan, get: (col: number) => string, ctx: Context): Decoded {
  const errors: Decoded["errors"] = [];
  const bad = (col: number, message: string) => errors.push({ column: ctx.header[col], message });
  let value: unknown = undefined;

  if (p.whole >= 0) {
    const s = get(p.whole);
    if (s.trim() !== "") {
      const r = p.shape === "single" ? resolve(p.choices!, s.trim(), ctx) : p.shape === "multi" || p.shape === "ranking" ? resolveList(p.choices!, s, ctx) : rawValue(p.spec, s);
      if (r.ok) value = r.value;
      else bad(p.whole, r.message);
    }
  } else if (p.picks.length > 0 && p.shape === "multi") {
    const chosen: number[] = [];
    for (const { i, col } of p.picks) {
      const t = get(col).trim();
      if (t === "") continue;
      const n = parseNumber(t);
      if (n === 1) chosen.push(i);
      else if (n !== 0) bad(col, `"${clip(t)}" is not 0 or 1 (chosen or not) for ${describePick(p, i)}.`);
    }
    if (chosen.length > 0) value = chosen.sort((a, b) => a - b).map((i) => p.choices!.values[i]);
  } else if (p.picks.length > 0) {
    const k = p.choices!.values.length;
    const ranks: Array<{ i: number; n: number; col: number }> = [];
    for (const { i, col } of p.picks) {
      const t = get(col).trim();
      if (t === "") continue;
      const n = parseNumber(t);
      if (n === null || !Number.isInteger(n) || n < 1 || n > k) bad(col, `"${clip(t)}" is not a rank from 1 to ${k} for ${describePick(p, i)}.`);
      else ranks.push({ i, n, col });
    }
    if (errors.length === 0 && ranks.length > 0) {
      ranks.sort((a, b) => a.n - b.n);
      const wrong = ranks.find((r, j) => r.n !== j + 1);
      if (wrong) bad(wrong.col, `ranks of question "${p.name}" must run 1, 2, 3… without gaps or repeats (rank ${wrong.n} is out of sequence).`);
      else value = ranks.map((r) => p.choices!.values[r.i]);
    }
  } else if (p.rows.length > 0) {
    const obj: Record<string, unknown> = {};
    let any = false;
    for (const { row, col } of p.rows) {
      const s = get(col);
      if (s.trim() === "") continue;
      const r = p.multipleCells ? resolveList(p.matrixColumns!, s, ctx) : resolve(p.matrixColumns!, s.trim(), ctx);
      if (r.ok) {
        setOwn(obj, row, r.value);
        any = true;
      } else bad(col, `row "${row}": ${r.message}`);
    }
    if (any) value = obj;
  } else if (p.cells.length > 0) {
    const cellSpecs = p.spec.kind === "matrixdropdown" ? p.spec.cells : new Map<string, Spec>();
    const obj: Record<string, Record<string, unknown>> = {};
    let any = false;
    for (const { row, col, at } of p.cells) {
      const s = get(at);
      if (s.trim() === "") continue;
      const r = rawValue(cellSpecs.get(col), s);
      if (!r.ok) {
        bad(at, r.message);
        continue;
      }
      if (!Object.prototype.hasOwnProperty.call(obj, row)) setOwn(obj, row, {});
      setOwn(obj[row]!, col, r.value);
      any = true;
    }
    if (any) value = obj;
  } else if (p.items.length > 0) {
    const cellSpecs = p.spec.kind === "multipletext" ? p.spec.cells : new Map<string, Spec>();
    const obj: Record<string, unknown> = {};
    let any = false;
    for (const { item, at } of p.items) {
      const s = get(at);
      if (s.trim() === "") continue;
      const r = rawValue(cellSpecs.get(item), s);
      if (r.ok) {
        setOwn(obj, item, r.value);
        any = true;
      } else bad(at, r.message);
    }
    if (any) value = obj;
  }

  let comment: string | undefined;
  if (p.other >= 0 && errors.length === 0) {
    const text = get(p.other);
    if (text.trim() !== "") {
      const isOther = (v: unknown) => same(v, p.otherValue);
      const selected = Array.isArray(value) ? value.some(isOther) : value !== undefined && isOther(value);
      if (!selected) bad(p.other, `there is "other" text, but the "other" choice of question "${p.name}" is not selected.`);
      else if (p.otherAsText) value = Array.isArray(value) ? value.map((v) => (isOther(v) ? text : v)) : text;
      else comment = text;
    }
  }
  if (p.comment >= 0) {
    const text = get(p.comment);
    if (text.trim() !== "") comment = text;
  }
  return { value, comment, errors };
}

function describePick(p: QPlan, i: number): string {
  return `choice ${p.choices ? show(p.choices, i) : i + 1} of question "${p.name}"`;
}

function choiceTable(what: string, list: readonly ChoiceInfo[], allowed: Set<string> | null): ChoiceTable {
  const values = list.map((c) => c.value);
  const texts = list.map((c) => String(c.text ?? valueText(c.value)));
  const byValue = new Map<string, number>();
  const byLabel = new Map<string, number>();
  const put = (m: Map<string, number>, k: string, i: number) => {
    const prev = m.get(k);
    if (prev === undefined) m.set(k, i);
    else if (prev !== i) m.set(k, AMBIGUOUS);
  };
  values.forEach((v, i) => put(byValue, valueText(v), i));
  texts.forEach((t, i) => put(byLabel, normLabel(t), i));
  const clash = values.some((v, i) => {
    const n = parseNumber(valueText(v));
    return n !== null && Number.isInteger(n) && n >= 1 && n <= values.length && n - 1 !== i;
  });
  return { what, values, texts, byValue, byLabel, clash, allowed };
}

function show(table: ChoiceTable, i: number): string {
  const v = valueText(table.values[i]);
  const t = table.texts[i] ?? v;
  return t === v ? `"${v}"` : `${v} "${t}"`;
}

function resolve(table: ChoiceTable, t: string, ctx: Context): Resolved {
  const n = parseNumber(t);
  const byValue = (): number | undefined => table.byValue.get(t) ?? (n !== null ? table.byValue.get(String(n)) : undefined);
  const byCode = (): number | undefined => (n !== null && Number.isInteger(n) && n >= 1 && n <= table.values.length ? n - 1 : undefined);
  const byLabel = (): number | undefined => table.byLabel.get(normLabel(t));
  const several = (how: string): Resolved => ({ ok: false, message: `"${clip(t)}" is the ${how} of several choices of ${table.what}.` });
  const found = (i: number): Resolved => ({ ok: true, value: table.values[i] });
  const hidden = (): Resolved | null => {
    const v = typedAllowed(table.allowed, t, n);
    return v === undefined ? null : { ok: true, value: v };
  };

  switch (ctx.mode) {
    case "values": {
      const i = byValue();
      if (i === AMBIGUOUS) return several("value");
      if (i !== undefined) return found(i);
      return hidden() ?? notFound(table, t, ctx.mode);
    }
    case "codes": {
      const i = byCode();
      return i !== undefined ? found(i) : notFound(table, t, ctx.mode);
    }
    case "labels": {
      const i = byLabel();
      if (i === AMBIGUOUS) return several("label");
      return i !== undefined ? found(i) : notFound(table, t, ctx.mode);
    }
    case "auto": {
      const hits: Array<{ how: string; i: number }> = [];
      const v = byValue();
      if (v === AMBIGUOUS) return several("value");
      if (v !== undefined) hits.push({ how: "value", i: v });
      if (!table.clash || ctx.isExport) {
        const c = byCode();
        if (c !== undefined) hits.push({ how: "code", i: c });
      }
      const l = byLabel();
      if (l === AMBIGUOUS) return several("label");
      if (l !== undefined) hits.push({ how: "label", i: l });
      const distinct = new Set(hits.map((h) => h.i));
      if (distinct.size === 1) return found(hits[0]!.i);
      if (distinct.size > 1) {
        const what = hits.map((h) => `the ${h.how} of choice ${show(table, h.i)}`).join(", ");
        return { ok: false, message: `"${clip(t)}" is ambiguous in ${table.what}: it is ${what}; set the import mode to "codes", "labels" or "values".` };
      }
      return hidden() ?? notFound(table, t, ctx.mode);
    }
  }
}

function notFound(table: ChoiceTable, t: string, mode: ImportMode): Resolved {
  const k = table.values.length;
  const expected =
    mode === "values" ? "a choice value" : mode === "codes" ? `a code from 1 to ${k}` : mode === "labels" ? "a choice label" : "a choice value, code or label";
  const listed = table.values.slice(0, 6).map((_, i) => `${i + 1} = ${show(table, i)}`);
  const hint = k > 6 ? `${listed.join(", ")}, … (${k} choices)` : listed.join(", ");
  return { ok: false, message: `"${clip(t)}" is not ${expected} of ${table.what} (${hint}).` };
}

function resolveList(table: ChoiceTable, s: string, ctx: Context): Resolved {
  const items = listItems(s);
  if (!items.ok) return items;
  const out: unknown[] = [];
  const problems: string[] = [];
  for (const item of items.value) {
    const r = resolve(table, item, ctx);
    if (r.ok) out.push(r.value);
    else problems.push(r.message);
  }
  if (problems.length > 0) return { ok: false, message: problems.join(" ") };
  return { ok: true, value: out };
}

/** A list cell: a JSON array, or items separated by ";" or "|" (or "," between plain integers). */
function listItems(s: string): { ok: true; value: string[] } | { ok: false; message: string } {
  const t = s.trim();
  if (t.startsWith("[")) {
    const parsed = parseJson(t);
    if (parsed.ok && Array.isArray(parsed.value)) return { ok: true, value: parsed.value.map((v) => valueText(v).trim()) };
    return { ok: false, message: `"${clip(t)}" is not a list: separate items with ";" or "|", or write a JSON array.` };
  }
  if (/^\d+(?:\s*,\s*\d+)+$/.test(t)) return { ok: true, value: t.split(",").map((x) => x.trim()) };
  return { ok: true, value: t.split(/[;|]/).map((x) => x.trim()).filter((x) => x !== "") };
}

/**
 * A cell read by the answer spec alone (no codes or labels): text as is, numbers for numeric
 * inputs, choice values typed as the definition types them, JSON for structures.
 */
function rawValue(spec: Spec | undefined, s: string): Resolved {
  const t = s.trim();
  if (OMITTED.test(t)) return { ok: false, message: 'the export shortened this file content ("… chars omitted"); it cannot be imported from there.' };
  if (!spec) return { ok: true, value: s };
  switch (spec.kind) {
    case "text":
      return spec.numeric ? numberValue(t) : { ok: true, value: s };
    case "slider":
      return t.startsWith("[") ? jsonValue(t) : numberValue(t);
    case "boolean":
    case "rating":
      return { ok: true, value: typedAllowed(spec.allowed, t, parseNumber(t)) ?? t };
    case "select": {
      if (!spec.multiple) return { ok: true, value: typedAllowed(spec.allowed, t, parseNumber(t)) ?? t };
      const items = listItems(t);
      if (!items.ok) return items;
      return { ok: true, value: items.value.map((x) => typedAllowed(spec.allowed, x, parseNumber(x)) ?? x) };
    }
    case "expression":
      return { ok: true, value: parseNumber(t) ?? s };
    case "dataurl":
      return t.startsWith('"') ? jsonValue(t) : { ok: true, value: t };
    case "opaque": {
      if (!/^[[{"]/.test(t)) return { ok: true, value: s };
      const parsed = parseJson(t);
      return { ok: true, value: parsed.ok ? parsed.value : s };
    }
    default:
      return jsonValue(t);
  }
}

/** The typed value whose key the spec allows ("2" → 2 when the choice value is the number 2). */
function typedAllowed(allowed: Set<string> | null, t: string, n: number | null): unknown {
  if (allowed === null) return undefined;
  if (allowed.has("s:" + t)) return t;
  if (n !== null && allowed.has(keyOf(n) ?? "")) return n;
  if ((t === "true" || t === "false") && allowed.has("b:" + t)) return t === "true";
  return undefined;
}

function numberValue(t: string): Resolved {
  if (THOUSANDS.test(t)) return { ok: false, message: `"${t}" is ambiguous: write ${t.replace(",", "")} for thousands, or use a decimal point.` };
  const n = parseNumber(t);
  return n === null ? { ok: false, message: `"${clip(t)}" is not a number.` } : { ok: true, value: n };
}

function jsonValue(t: string): Resolved {
  const parsed = parseJson(t);
  if (parsed.ok) return parsed;
  return { ok: false, message: `"${clip(t)}" is not valid JSON; this answer is a structure and is written as JSON, as exports write it.` };
}

function parseJson(t: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(t) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Numbers with a decimal point or comma; "1,000" (a thousands separator or not?) is not a number. */
function parseNumber(t: string): number | null {
  if (!NUMBER.test(t) || THOUSANDS.test(t)) return null;
  const n = Number(t.replace(",", "."));
  return Number.isFinite(n) ? n : null;
}

function valueText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v) ?? "";
}

function normLabel(s: string): string {
  return s.replace(/\s+/g, " ").trim().toLowerCase();
}

function same(a: unknown, b: unknown): boolean {
  return a === b || (isPrimitive(a) && isPrimitive(b) && String(a) === String(b));
}

function isPrimitive(v: unknown): v is string | number | boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

/** Own data property: a key such as "__proto__" must not reach the prototype. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

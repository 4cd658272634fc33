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
import { clip, decodeQuestion, parseNumber, setOwn } from "./import-cells";
import { assign, closeNames, columnOf, describeTarget, isCompanion, nameIndex, partId, questionPlans } from "./import-header";
import type { Context, QPlan, Special } from "./import-types";
import { COMMENT_SUFFIX } from "./spec";
import type { SurveyDefinition } from "./types";
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
const SUBMISSION_ID = /^[^\s\p{Cc}]{1,100}$/u;
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

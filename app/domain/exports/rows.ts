/**
 * One response → one row of cells, following the column list from columns.ts. Kept apart from
 * the writers so CSV, XLSX and anything else get identical values. Missing answers are null
 * (an empty cell, system-missing in SPSS), never 0 or "".
 *
 * Values are matched to choices by type first (2 and "2" are different answers), then by their
 * text, so data that went through a text format still matches. A single-choice value outside
 * the list is "other" typed as text when the question has an "other" item (its code, the text in
 * `<name>_other`); otherwise the code is left empty and, in "labels" mode, the value is shown as is.
 */
import { COMMENT_SUFFIX } from "../survey/spec-types";
import type { CellValue, ExportColumn, ExportMode, Extract } from "./types";

export function rowValues(
  columns: readonly ExportColumn[],
  answers: Record<string, unknown>,
  leadingValues: readonly CellValue[] | Record<string, CellValue | undefined> = [],
  mode: ExportMode = "codes",
): CellValue[] {
  return columns.map((col) => cellValue(col, answers, leadingValues, mode));
}

/** One column's cell of one response (rowValues, a column at a time). */
export function cellValue(
  col: ExportColumn,
  answers: Record<string, unknown>,
  leadingValues: readonly CellValue[] | Record<string, CellValue | undefined>,
  mode: ExportMode,
): CellValue {
  const src = col.source;
  if (src.kind === "leading") {
    const v = Array.isArray(leadingValues) ? leadingValues[src.index] : (leadingValues as Record<string, CellValue | undefined>)[src.name];
    return clean(v);
  }
  return extract(src.extract, answers, src.question, mode);
}

/**
 * For a column whose cell depends on one primitive of the answers (or its absence), a reader of
 * that primitive: two responses with the same key get the same cell, so a writer may memoise
 * cells by it. The reader answers `NOT_MEMOISABLE` for a response where the part is a structure;
 * null (no reader) when the column's cell depends on more (other keys, lists, leading values).
 */
export const NOT_MEMOISABLE: unique symbol = Symbol("not memoisable");
export function cellKeyReader(col: ExportColumn): ((answers: Record<string, unknown>) => unknown) | null {
  const src = col.source;
  if (src.kind === "leading") return null;
  const x = src.extract;
  const key = src.question;
  const primitive = (v: unknown) => (v === undefined || v === null || isPrimitive(v) ? v : NOT_MEMOISABLE);
  switch (x.kind) {
    case "single":
    case "dummy":
    case "text":
      return (answers) => primitive(own(answers, key));
    case "matrixRow": {
      // everything after reading the row's cell depends on that cell alone
      const row = x.row;
      return (answers) => {
        const v = own(answers, key);
        return primitive(isObject(v) ? own(v, row) : undefined);
      };
    }
    default:
      return null;
  }
}

function clean(v: CellValue | undefined): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  return v;
}

function extract(x: Extract, answers: Record<string, unknown>, key: string, mode: ExportMode): CellValue {
  const v = own(answers, key);
  switch (x.kind) {
    case "single": {
      if (isEmpty(v)) return null;
      let k = indexOf(x.values, v);
      if (k < 0 && x.otherValue !== null && isPrimitive(v)) k = indexOf(x.values, x.otherValue);
      if (k < 0) return mode === "codes" ? null : asText(v);
      return mode === "codes" ? x.codes[k]! : x.texts[k]!;
    }
    case "other": {
      const parts: string[] = [];
      for (const el of Array.isArray(v) ? v : isEmpty(v) ? [] : [v]) {
        if (sameValue(el, x.otherValue)) {
          const typed = asText(own(answers, key + COMMENT_SUFFIX));
          if (typed) parts.push(typed);
        } else if (indexOf(x.values, el) < 0) {
          const typed = asText(el);
          if (typed) parts.push(typed);
        }
      }
      return parts.length > 0 ? parts.join("; ") : null;
    }
    case "comment":
      return asText(own(answers, key + COMMENT_SUFFIX));
    case "dummy": {
      if (isEmpty(v)) return null;
      const list = Array.isArray(v) ? v : [v];
      if (list.some((el) => sameValue(el, x.value))) return 1;
      // "other" stored as text: the typed text stands in the list instead of the other value.
      return x.isOther && list.some((el) => indexOf(x.values, el) < 0) ? 1 : 0;
    }
    case "rank": {
      if (!Array.isArray(v)) return null;
      const k = indexOf(v, x.value);
      return k < 0 ? null : k + 1;
    }
    case "matrixRow": {
      const cell = isObject(v) ? own(v, x.row) : undefined;
      if (isEmpty(cell)) return null;
      if (!x.multiple) return Array.isArray(cell) ? (mode === "labels" ? asText(cell) : null) : matrixCell(x, cell, mode);
      const list = (Array.isArray(cell) ? cell : [cell]).map((el) => matrixCell(x, el, mode)).filter((c) => c !== null && c !== "");
      return list.length > 0 ? list.join(mode === "codes" ? "," : "; ") : null;
    }
    case "cell": {
      const row = isObject(v) ? own(v, x.row) : undefined;
      return asText(isObject(row) ? own(row, x.column) : undefined);
    }
    case "item":
      return asText(isObject(v) ? own(v, x.item) : undefined);
    case "text": {
      if (!x.numeric) return asText(v);
      const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
      return Number.isFinite(n) ? n : null;
    }
    case "json":
      return isEmpty(v) ? null : compactJson(v);
  }
}

/** One matrix cell's code or label (a module function: a closure per row cost the export measurably). */
function matrixCell(x: Extract & { kind: "matrixRow" }, el: unknown, mode: ExportMode): CellValue {
  const k = indexOf(x.values, el);
  if (k >= 0) return mode === "codes" ? x.codes[k]! : x.texts[k]!;
  return x.multiple || mode === "labels" ? asText(el) : null;
}

/** Own properties only: an answer keyed "constructor" or "__proto__" must not reach Object.prototype. */
function own(obj: Record<string, unknown>, key: string): unknown {
  const v = obj[key];
  // Read first, ask second: what a plain object inherits from Object.prototype is a function or,
  // for "__proto__", the prototype itself, so only those need the (per cell, costly) own check.
  if (typeof v === "function" || v === Object.prototype) return Object.prototype.hasOwnProperty.call(obj, key) ? v : undefined;
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (isPrimitive(a) && isPrimitive(b) && String(a) === String(b));
}

function isPrimitive(v: unknown): v is string | number | boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

function indexOf(list: readonly unknown[], v: unknown): number {
  const exact = list.indexOf(v);
  if (exact >= 0 || !isPrimitive(v)) return exact;
  const text = String(v);
  return list.findIndex((el) => isPrimitive(el) && String(el) === text);
}

/** Text of a value: strings as they are, numbers and booleans printed, structures as JSON. */
function asText(v: unknown): string | null {
  if (isEmpty(v)) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return compactJson(v);
}

const DATA_URL_KEEP = 256;

/**
 * Compact JSON; inline file contents and signatures (data: URLs, up to megabytes of base64) are
 * replaced by a short note so a cell stays readable and within spreadsheet and SPSS limits.
 */
export function compactJson(v: unknown): string {
  return JSON.stringify(v, (_key, value: unknown) => {
    if (typeof value === "string" && value.length > DATA_URL_KEEP && value.startsWith("data:")) {
      const mime = /^data:([^;,]*)/.exec(value)?.[1] || "application/octet-stream";
      return `data:${mime} (${value.length} chars omitted)`;
    }
    return value;
  });
}

/**
 * Strict, static checks of an answers object against the answer specs: the things survey-core
 * does not check (unknown keys, out-of-list choices, rating scale, lengths, types, counts,
 * unknown matrix rows/columns). No survey-core model is touched here, so nothing untrusted has
 * reached survey-core yet when these run.
 */
import { COMMENT_SUFFIX, DEFAULT_MAX_STRING, MAX_DATA_URL, MAX_FILES, keyOf, type SelectSpec, type Spec } from "./spec";
import type { Prepared } from "./prepared";

export interface Issue {
  question: string | null;
  code: string;
  path: string;
  params?: Record<string, string | number>;
}

export const MAX_KEYS = 2_000;
const MAX_OPAQUE_NODES = 1_000;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** survey-core's notion of an empty answer (strings trimmed). */
export function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === "string") return v.trim() === "";
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) return Object.values(v).every(isEmptyValue);
  return false;
}

class Checker {
  issues: Issue[] = [];
  warnings: Issue[] = [];
  constructor(public question: string | null) {}

  add(code: string, path: string, params?: Record<string, string | number>) {
    this.issues.push({ question: this.question, code, path, ...(params ? { params } : {}) });
  }

  string(v: unknown, path: string, max: number, allowNumber = false): void {
    if (typeof v === "number" && allowNumber && Number.isFinite(v)) return;
    if (typeof v !== "string") return this.add("invalid_type", path, { expected: "string" });
    if (v.length > max) this.add("too_long", path, { max });
  }

  value(spec: Spec, v: unknown, path: string): void {
    if (v === null || v === undefined) return;
    switch (spec.kind) {
      case "text":
        if (spec.numeric) {
          if (typeof v !== "number" || !Number.isFinite(v)) return this.add("invalid_type", path, { expected: "number" });
          if (spec.min !== null && v < spec.min) this.add("out_of_range", path, { min: spec.min });
          if (spec.max !== null && v > spec.max) this.add("out_of_range", path, { max: spec.max });
          return;
        }
        return this.string(v, path, spec.maxLength, true);
      case "boolean":
        if (!spec.allowed.has(keyOf(v) ?? "")) this.add("invalid_type", path, { expected: "boolean" });
        return;
      case "rating":
        if (!spec.allowed.has(keyOf(v) ?? "")) this.add("out_of_scale", path);
        return;
      case "select":
        return spec.multiple ? this.multi(spec, v, path) : this.single(spec, v, path);
      case "matrix":
        return this.matrix(spec.rows, spec.columns, spec.multiple, v, path);
      case "matrixdropdown":
        if (!isPlainObject(v)) return this.add("invalid_type", path, { expected: "object" });
        for (const [row, cells] of Object.entries(v)) {
          if (!spec.rows.has(row)) this.add("unknown_row", `${path}.${row}`);
          else if (cells !== null && cells !== undefined) this.fields(spec.cells, cells, `${path}.${row}`);
        }
        return;
      case "matrixdynamic":
      case "paneldynamic": {
        const max = spec.kind === "matrixdynamic" ? spec.maxRows : spec.maxPanels;
        if (!Array.isArray(v)) return this.add("invalid_type", path, { expected: "array" });
        if (v.length > max) return this.add("too_many_items", path, { max });
        if (spec.kind === "paneldynamic" && v.length > 0 && v.length < spec.minPanels) this.add("too_few_items", path, { min: spec.minPanels });
        v.forEach((item, i) => this.fields(spec.cells, item, `${path}[${i}]`));
        return;
      }
      case "multipletext":
        return this.fields(spec.cells, v, path);
      case "file":
        return this.files(spec.multiple, spec.maxContent, v, path);
      case "slider": {
        const nums = Array.isArray(v) && v.length <= 10 ? v : [v];
        for (const n of nums) {
          if (typeof n !== "number" || !Number.isFinite(n)) return this.add("invalid_type", path, { expected: "number" });
          if ((spec.min !== null && n < spec.min) || (spec.max !== null && n > spec.max)) this.add("out_of_range", path, { min: spec.min ?? "", max: spec.max ?? "" });
        }
        return;
      }
      case "expression":
        if (typeof v === "string") return this.string(v, path, DEFAULT_MAX_STRING);
        if (typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))) return;
        if (Array.isArray(v) && v.length <= 100 && v.every((x) => keyOf(x) !== null)) return;
        return this.add("invalid_type", path, { expected: "scalar" });
      case "dataurl":
        return this.string(v, path, MAX_DATA_URL);
      case "opaque":
        if (jsonSize(v, 0) > MAX_OPAQUE_NODES) this.add("too_large", path);
        else this.warnings.push({ question: this.question, code: "unverified_value", path });
        return;
    }
  }

  fields(cells: Map<string, Spec>, obj: unknown, path: string): void {
    if (!isPlainObject(obj)) return this.add("invalid_type", path, { expected: "object" });
    for (const [k, v] of Object.entries(obj)) {
      const spec = cells.get(k);
      if (spec) this.value(spec, v, `${path}.${k}`);
      else if (k.endsWith(COMMENT_SUFFIX) && cells.get(k.slice(0, -COMMENT_SUFFIX.length))?.hasComment) {
        if (v !== null && v !== undefined) this.string(v, `${path}.${k}`, DEFAULT_MAX_STRING);
      } else this.add("unknown_key", `${path}.${k}`);
    }
  }

  matrix(rows: Set<string>, columns: Set<string>, multiple: boolean, v: unknown, path: string): void {
    if (!isPlainObject(v)) return this.add("invalid_type", path, { expected: "object" });
    for (const [row, col] of Object.entries(v)) {
      const p = `${path}.${row}`;
      if (!rows.has(row)) {
        this.add("unknown_row", p);
        continue;
      }
      if (col === null || col === undefined) continue;
      const cols = multiple ? col : [col];
      if (!Array.isArray(cols)) {
        this.add("invalid_type", p, { expected: "array" });
        continue;
      }
      if (new Set(cols.map((c) => keyOf(c))).size !== cols.length) this.add("duplicate_choice", p);
      for (const c of cols) if (!columns.has(keyOf(c) ?? "")) this.add("unknown_column", p, { value: String(c) });
    }
  }

  /** One selected element: key of its choice value, or null after reporting a problem. */
  element(spec: SelectSpec, v: unknown, path: string): { key: string; otherText: boolean } | null {
    let raw = v;
    if (spec.valuePropertyName && isPlainObject(v)) raw = v[spec.valuePropertyName];
    else if (isPlainObject(v) && spec.commentChoices.size > 0) {
      const extra = Object.keys(v).filter((k) => k !== "value" && k !== "comment");
      if (extra.length > 0 || !spec.commentChoices.has(keyOf(v.value) ?? "")) {
        this.add("invalid_type", path, { expected: "choice" });
        return null;
      }
      if (v.comment !== undefined) this.string(v.comment, path, DEFAULT_MAX_STRING);
      raw = v.value;
    }
    const key = keyOf(raw);
    if (key === null || (typeof raw === "string" && raw.length > DEFAULT_MAX_STRING)) {
      this.add("invalid_type", path, { expected: "choice" });
      return null;
    }
    if (spec.allowed === null || spec.allowed.has(key) || spec.special.has(key)) return { key, otherText: false };
    if (spec.otherAsText && typeof raw === "string") return { key, otherText: true };
    const code = raw === "other" ? "other_not_allowed" : raw === "none" ? "none_not_allowed" : "invalid_choice";
    this.add(code, path, { value: String(raw) });
    return null;
  }

  single(spec: SelectSpec, v: unknown, path: string): void {
    if (Array.isArray(v)) return this.add("invalid_type", path, { expected: "scalar" });
    this.element(spec, v, path);
  }

  multi(spec: SelectSpec, v: unknown, path: string): void {
    if (!Array.isArray(v)) return this.add("invalid_type", path, { expected: "array" });
    const cap = spec.allowed ? spec.allowed.size + spec.special.size + 1 : 1_000;
    if (v.length > cap) return this.add("too_many_choices", path, { max: cap });
    const seen = new Set<string>();
    let otherTexts = 0;
    let exclusive = false;
    let errors = false;
    v.forEach((item, i) => {
      const el = this.element(spec, item, `${path}[${i}]`);
      if (!el) return void (errors = true);
      if (seen.has(el.key)) {
        errors = true;
        this.add("duplicate_choice", `${path}[${i}]`);
      }
      seen.add(el.key);
      if (el.otherText) otherTexts++;
      if (spec.exclusive.has(el.key)) exclusive = true;
    });
    if (errors) return;
    if (otherTexts > 1) this.add("invalid_choice", path, { value: "other" });
    if (exclusive && v.length > 1) this.add("exclusive_choice", path);
    if (spec.ranking) {
      if (!spec.selectToRank && spec.allowed && !spec.live && v.length > 0 && v.length !== spec.allowed.size) this.add("incomplete_ranking", path, { count: spec.allowed.size });
      return;
    }
    if (spec.maxSelected > 0 && v.length > spec.maxSelected) this.add("too_many_choices", path, { max: spec.maxSelected });
    if (spec.minSelected > 0 && v.length > 0 && v.length < spec.minSelected && !(v.length === 1 && exclusive)) this.add("too_few_choices", path, { min: spec.minSelected });
  }

  files(multiple: boolean, maxContent: number, v: unknown, path: string): void {
    if (!Array.isArray(v)) return this.add("invalid_type", path, { expected: "array" });
    const max = multiple ? MAX_FILES : 1;
    if (v.length > max) return this.add("too_many_items", path, { max });
    v.forEach((f, i) => {
      const p = `${path}[${i}]`;
      if (!isPlainObject(f) || Object.keys(f).some((k) => !["name", "type", "content"].includes(k))) return this.add("invalid_type", p, { expected: "file" });
      this.string(f.name, p + ".name", 1_000);
      if (f.type !== undefined) this.string(f.type, p + ".type", 255);
      this.string(f.content, p + ".content", maxContent);
    });
  }
}

function jsonSize(v: unknown, n: number): number {
  if (n > MAX_OPAQUE_NODES) return n;
  if (typeof v === "string") return n + 1 + Math.floor(v.length / DEFAULT_MAX_STRING);
  if (Array.isArray(v)) return v.reduce((acc: number, x) => jsonSize(x, acc), n + 1);
  if (isPlainObject(v)) return Object.values(v).reduce((acc: number, x) => jsonSize(x, acc), n + 1);
  return n + 1;
}

/** Runs every static check; returns issues (errors) and warnings. */
export function strictCheck(prep: Prepared, answers: Record<string, unknown>): { issues: Issue[]; warnings: Issue[] } {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  for (const [key, value] of Object.entries(answers)) {
    const roots = prep.byKey.get(key);
    const owner = roots?.[0]?.name ?? null;
    const c = new Checker(owner);
    const spec = key === "__proto__" ? undefined : prep.keySpec.get(key);
    if (spec) {
      c.value(spec, value, key);
      if (spec.kind === "select" && spec.unverified && !isEmptyValue(value)) c.warnings.push({ question: owner, code: "unverified_choice", path: key });
    } else if (prep.commentKeys.has(key)) {
      const base = prep.commentKeys.get(key)!;
      c.question = prep.byKey.get(base)?.[0]?.name ?? null;
      if (value !== null && value !== undefined) c.string(value, key, DEFAULT_MAX_STRING);
    } else if (prep.totalKeys.has(key)) {
      const cols = prep.totalKeys.get(key)!;
      if (!isPlainObject(value)) c.add("invalid_type", key, { expected: "object" });
      else for (const [col, t] of Object.entries(value)) if (!cols.has(col) || (typeof t !== "number" && typeof t !== "string")) c.add("unknown_key", `${key}.${col}`);
    } else if (prep.calcKeys.has(key)) {
      if (jsonSize(value, 0) > MAX_OPAQUE_NODES) c.add("too_large", key);
    } else {
      c.add("unknown_key", key);
    }
    issues.push(...c.issues);
    warnings.push(...c.warnings);
  }
  return { issues, warnings };
}

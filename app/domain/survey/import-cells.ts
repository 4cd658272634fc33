/**
 * Response import, cells → answers: one question's columns of a row decoded into its answer
 * (choice values from codes, labels or values; lists; numbers; JSON), with a message naming the
 * cell when it cannot be read. Pure; used by import-plan.ts.
 */
import type { ImportMode } from "./import-plan";
import { AMBIGUOUS, type ChoiceTable, type Context, type QPlan, type Resolved } from "./import-types";
import { keyOf, type Spec } from "./spec";
import type { ChoiceInfo } from "./types";

const NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3},\d{3}$/;
const OMITTED = /data:[^"\s]* \(\d+ chars omitted\)/;


interface Decoded {
  value: unknown;
  comment: string | undefined;
  errors: Array<{ column: string | undefined; message: string }>;
}

export function decodeQuestion(p: QPlan, get: (col: number) => string, ctx: Context): Decoded {
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

export function choiceTable(what: string, list: readonly ChoiceInfo[], allowed: Set<string> | null): ChoiceTable {
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

export function show(table: ChoiceTable, i: number): string {
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
export function parseNumber(t: string): number | null {
  if (!NUMBER.test(t) || THOUSANDS.test(t)) return null;
  const n = Number(t.replace(",", "."));
  return Number.isFinite(n) ? n : null;
}

export function valueText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v) ?? "";
}

function normLabel(s: string): string {
  return s.replace(/\s+/g, " ").trim().toLowerCase();
}

export function same(a: unknown, b: unknown): boolean {
  return a === b || (isPrimitive(a) && isPrimitive(b) && String(a) === String(b));
}

function isPrimitive(v: unknown): v is string | number | boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

/** Own data property: a key such as "__proto__" must not reach the prototype. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

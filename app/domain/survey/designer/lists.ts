/** Lists inside a question (choices, rows, columns, validators) and the generic helpers they share. */
import { clone, isObject, type JsonObject, type LocalizedText } from "./shape";
import { both, readText, writeText } from "./texts";

export function moveInArray<T>(list: T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return list;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item!);
  return list;
}

/** A shallow patch of any JSON object: `undefined`, null and "" remove a key. */
export function patchObject<T extends JsonObject>(target: T, patch: JsonObject): T {
  const out: JsonObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === null || value === "") delete out[key];
    else out[key] = clone(value);
  }
  return out as T;
}

const listOf = (q: JsonObject, prop: string): unknown[] => (Array.isArray(q[prop]) ? clone(q[prop] as unknown[]) : []);

export function insertItem<T extends JsonObject>(q: T, prop: string, item: unknown, at?: number): T {
  const list = listOf(q, prop);
  list.splice(at ?? list.length, 0, clone(item));
  return { ...q, [prop]: list };
}

export function updateItem<T extends JsonObject>(q: T, prop: string, index: number, patch: JsonObject): T {
  const list = listOf(q, prop);
  const item = list[index];
  if (!isObject(item)) return q;
  list[index] = patchObject(item, patch);
  return { ...q, [prop]: list };
}

export function removeItem<T extends JsonObject>(q: T, prop: string, index: number): T {
  const list = listOf(q, prop);
  list.splice(index, 1);
  const next: JsonObject = { ...q, [prop]: list };
  if (list.length === 0) delete next[prop];
  return next as T;
}

export function moveItem<T extends JsonObject>(q: T, prop: string, from: number, to: number): T {
  return { ...q, [prop]: moveInArray(listOf(q, prop), from, to) };
}

export type ChoiceValue = string | number;
export interface ChoiceRow {
  value: ChoiceValue;
  ru: string;
  en: string;
}

/** Choices (also matrix rows/columns and rateValues) as value + ru/en rows, whatever their stored form. */
export function readChoices(q: JsonObject, prop = "choices"): ChoiceRow[] {
  return listOf(q, prop).map((item) => {
    if (isObject(item)) {
      const value = typeof item.value === "number" || typeof item.value === "string" ? item.value : String(item.value ?? "");
      return { value, ru: readText(item.text, "ru"), en: readText(item.text, "en") };
    }
    return { value: typeof item === "number" ? item : String(item), ru: "", en: "" };
  });
}

function choiceItem(row: ChoiceRow): unknown {
  let text: LocalizedText | undefined = writeText(undefined, "ru", row.ru);
  text = writeText(text, "en", row.en);
  return text === undefined ? row.value : { value: row.value, text };
}

function writeChoices<T extends JsonObject>(q: T, prop: string, rows: ChoiceRow[]): T {
  const next: JsonObject = { ...q, [prop]: rows.map(choiceItem) };
  if (rows.length === 0) delete next[prop];
  return next as T;
}

/** Typed text to a value: a number stays a number when the list's values are numbers. */
export function coerceValue(text: string, numeric: boolean): ChoiceValue {
  const trimmed = text.trim();
  return numeric && /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : text;
}

export function addChoice<T extends JsonObject>(q: T, prop = "choices", row: Partial<ChoiceRow> = {}): T {
  const rows = readChoices(q, prop);
  const numeric = rows.length > 0 && rows.every((r) => typeof r.value === "number");
  let value = row.value;
  if (value === undefined) {
    const used = new Set(rows.map((r) => String(r.value)));
    if (numeric) value = Math.max(...rows.map((r) => Number(r.value))) + 1;
    else {
      let n = rows.length + 1;
      while (used.has(`item${n}`)) n++;
      value = `item${n}`;
    }
  }
  return writeChoices(q, prop, [...rows, { value, ru: row.ru ?? "", en: row.en ?? "" }]);
}

export function updateChoice<T extends JsonObject>(q: T, index: number, patch: Partial<ChoiceRow>, prop = "choices"): T {
  const rows = readChoices(q, prop);
  const row = rows[index];
  if (!row) return q;
  rows[index] = { ...row, ...patch };
  return writeChoices(q, prop, rows);
}

export function removeChoice<T extends JsonObject>(q: T, index: number, prop = "choices"): T {
  const rows = readChoices(q, prop);
  rows.splice(index, 1);
  return writeChoices(q, prop, rows);
}

export function moveChoice<T extends JsonObject>(q: T, from: number, to: number, prop = "choices"): T {
  return writeChoices(q, prop, moveInArray(readChoices(q, prop), from, to));
}

/** Values repeated in a list: SurveyJS would keep only the first. */
export function duplicateValues(rows: ChoiceRow[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const r of rows) (seen.has(String(r.value)) ? dup : seen).add(String(r.value));
  return dup;
}

export const VALIDATOR_TYPES = ["email", "numeric", "text", "regex", "expression"] as const;
export type ValidatorType = (typeof VALIDATOR_TYPES)[number];

export function defaultValidator(type: ValidatorType): JsonObject {
  switch (type) {
    case "email":
      return { type };
    case "numeric":
      return { type, minValue: 0, maxValue: 100 };
    case "text":
      return { type, minLength: 1, maxLength: 200 };
    case "regex":
      return { type, regex: "^[0-9]{6}$", text: both("Введите шесть цифр", "Enter six digits") };
    case "expression":
      return { type, expression: "", text: both("Проверьте ответ", "Check your answer") };
  }
}

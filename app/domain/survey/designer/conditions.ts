/**
 * Conditions (visibleIf) use survey-core's expression syntax: `{name} = 'value'`. Inside single
 * quotes survey-core understands only `\'` and `\"` as escapes (a backslash is otherwise literal),
 * and a bare `"` ends the string, so both quote characters are escaped and a trailing backslash,
 * which has no spelling at all, is refused.
 */
import { readChoices } from "./lists";
import { CHOICE_TYPES, DesignerOpError, listElements, type ElementJson, type Locale, type SurveyJson } from "./shape";
import { readText } from "./texts";

export const CONDITION_OPERATORS = ["=", "<>", ">", "<", ">=", "<=", "contains", "notcontains", "notempty", "empty", "anyof", "allof"] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];
export type ConditionScalar = string | number | boolean;
export type ConditionValue = ConditionScalar | ConditionScalar[];
export interface SimpleCondition {
  question: string;
  operator: ConditionOperator;
  value?: ConditionValue;
}
export const UNARY_OPERATORS: readonly ConditionOperator[] = ["empty", "notempty"];
export const LIST_OPERATORS: readonly ConditionOperator[] = ["anyof", "allof"];

export function quoteValue(value: ConditionScalar): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new DesignerOpError("condition.invalid", "Not a finite number");
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  if (value.endsWith("\\")) throw new DesignerOpError("condition.backslash", "A value cannot end with a backslash in a SurveyJS expression");
  return `'${value.replace(/'/g, "\\'").replace(/"/g, '\\"')}'`;
}

export function buildCondition(condition: SimpleCondition): string {
  const { question, operator, value } = condition;
  if (!question || /[{}]/.test(question)) throw new DesignerOpError("condition.invalid", `Bad question reference "${question}"`);
  if (!(CONDITION_OPERATORS as readonly string[]).includes(operator)) throw new DesignerOpError("condition.invalid", `Unknown operator "${operator}"`);
  const left = `{${question}}`;
  if (UNARY_OPERATORS.includes(operator)) return `${left} ${operator}`;
  if (value === undefined) throw new DesignerOpError("condition.invalid", `Operator "${operator}" needs a value`);
  if (LIST_OPERATORS.includes(operator)) {
    const list = Array.isArray(value) ? value : [value];
    return `${left} ${operator} [${list.map(quoteValue).join(", ")}]`;
  }
  if (Array.isArray(value)) throw new DesignerOpError("condition.invalid", `Operator "${operator}" takes one value`);
  return `${left} ${operator} ${quoteValue(value)}`;
}

const OPERATOR_ALIASES: Record<string, ConditionOperator> = {
  "=": "=",
  "==": "=",
  equal: "=",
  "<>": "<>",
  "!=": "<>",
  notequal: "<>",
  ">": ">",
  greater: ">",
  "<": "<",
  less: "<",
  ">=": ">=",
  greaterorequal: ">=",
  "<=": "<=",
  lessorequal: "<=",
  contains: "contains",
  contain: "contains",
  notcontains: "notcontains",
  notcontain: "notcontains",
  empty: "empty",
  notempty: "notempty",
  anyof: "anyof",
  allof: "allof",
};

/** `{name} op value` (as written by buildCondition or by hand); null for anything more complex. */
export function parseSimpleCondition(expression: string): SimpleCondition | null {
  let text = expression.trim();
  while (text.startsWith("(") && text.endsWith(")") && balanced(text.slice(1, -1))) text = text.slice(1, -1).trim();
  const head = /^\{([^{}]+)\}\s*(==|=|<>|!=|>=|<=|>|<|[A-Za-z]+)\s*/.exec(text);
  if (!head) return null;
  const operator = OPERATOR_ALIASES[head[2]!.toLowerCase()];
  if (!operator) return null;
  const question = head[1]!.trim();
  const rest = text.slice(head[0].length);
  if (UNARY_OPERATORS.includes(operator)) return rest === "" ? { question, operator } : null;
  const parsed = parseValue(rest, 0);
  if (!parsed || rest.slice(parsed.end).trim() !== "") return null;
  if (Array.isArray(parsed.value) !== LIST_OPERATORS.includes(operator)) return null;
  return { question, operator, value: parsed.value };
}

function balanced(text: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\" && (text[i + 1] === "'" || text[i + 1] === '"')) i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(") depth++;
    else if (c === ")" && --depth < 0) return false;
  }
  return depth === 0 && quote === null;
}

function parseValue(text: string, start: number): { value: ConditionValue; end: number } | null {
  let i = start;
  while (text[i] === " ") i++;
  const c = text[i];
  if (c === "'" || c === '"') {
    let out = "";
    for (let j = i + 1; j < text.length; j++) {
      const ch = text[j]!;
      if (ch === "\\" && (text[j + 1] === "'" || text[j + 1] === '"')) {
        out += text[++j];
      } else if (ch === "'" || ch === '"') {
        return ch === c ? { value: out, end: j + 1 } : null;
      } else out += ch;
    }
    return null;
  }
  if (c === "[") {
    const items: ConditionScalar[] = [];
    i++;
    for (;;) {
      while (text[i] === " ") i++;
      if (text[i] === "]" && items.length === 0) return { value: items, end: i + 1 };
      const item = parseValue(text, i);
      if (!item || Array.isArray(item.value)) return null;
      items.push(item.value);
      i = item.end;
      while (text[i] === " ") i++;
      if (text[i] === ",") i++;
      else if (text[i] === "]") return { value: items, end: i + 1 };
      else return null;
    }
  }
  const word = /^(-?\d+(?:\.\d+)?|true|false)(?![\w.])/i.exec(text.slice(i));
  if (!word) return null;
  const raw = word[1]!.toLowerCase();
  return { value: raw === "true" ? true : raw === "false" ? false : Number(raw), end: i + word[0].length };
}

export interface QuestionOption {
  name: string;
  type: string;
  title: string;
  /** Known answer values (choices, rating scale, yes/no), when the question has them. */
  values?: { value: ConditionScalar; label: string }[];
}

/** Possible answers of a question, for picking a condition's value. */
export function answerValues(q: ElementJson, locale: Locale = "ru"): QuestionOption["values"] {
  if (CHOICE_TYPES.includes(q.type)) {
    const values = readChoices(q).map((c) => ({ value: c.value as ConditionScalar, label: (locale === "en" ? c.en : "") || c.ru || String(c.value) }));
    if (q.showOtherItem) values.push({ value: "other", label: readText(q.otherText, locale) || "other" });
    if (q.showNoneItem) values.push({ value: "none", label: readText(q.noneText, locale) || "none" });
    return values;
  }
  if (q.type === "boolean") return [true, false].map((v) => ({ value: v, label: readText(v ? q.labelTrue : q.labelFalse, locale) || String(v) }));
  if (q.type === "rating") {
    if (Array.isArray(q.rateValues) && q.rateValues.length > 0) return readChoices(q, "rateValues").map((c) => ({ value: c.value, label: c.ru || String(c.value) }));
    const min = typeof q.rateMin === "number" ? q.rateMin : 1;
    const max = typeof q.rateMax === "number" ? q.rateMax : 5;
    const step = typeof q.rateStep === "number" && q.rateStep > 0 ? q.rateStep : 1;
    const out: { value: number; label: string }[] = [];
    for (let v = min; v <= max && out.length < 100; v += step) out.push({ value: v, label: String(v) });
    return out;
  }
  return undefined;
}

const ANSWERLESS = new Set(["html", "panel", "paneldynamic", "image", "expression"]);

/** Questions answered before `name` (document order), the ones a visibleIf can sensibly use. */
export function questionsBefore(survey: SurveyJson, name: string, locale: Locale = "ru"): QuestionOption[] {
  const out: QuestionOption[] = [];
  for (const { element } of listElements(survey)) {
    if (element.name === name) break;
    if (ANSWERLESS.has(element.type)) continue;
    out.push({ name: element.name, type: element.type, title: readText(element.title, locale) || element.name, values: answerValues(element, locale) });
  }
  return out;
}

/**
 * Definition checks (run before a definition is stored or published), the survey title and the
 * question list the UI uses for quotas, crosstabs and the designer. Pure: no I/O.
 */
import { Model } from "survey-core";
import "../survey-properties"; // our own registered properties (rpKind) are not "unknown"
import { getPrepared } from "./prepared";
import { COMMENT_SUFFIX, NON_VALUE_TYPES, TOTAL_SUFFIX } from "./spec";
import type { ChoiceInfo, CheckDefinitionResult, DefinitionIssue, DefinitionIssueCode, Locale, QuestionInfo, SurveyDefinition } from "./types";

export { sanitizeDefinition, sanitizeDefinitionWithReport } from "./sanitize";

export const MAX_DEFINITION_BYTES = 1024 * 1024;
const RESERVED_NAMES = new Set(["__proto__", "constructor", "prototype"]);
const CONTAINERS = new Set(["panel", "flowpanel"]);
const UNANSWERABLE = new Set(["html", "image", "expression"]);

const issue = (path: string, code: DefinitionIssueCode, message: string): DefinitionIssue => ({ path, code, message });

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Readable path of every object in the JSON, e.g. `pages[0].elements[2]`. */
function objectPaths(root: unknown): Map<object, string> {
  const out = new Map<object, string>();
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== "object" || out.has(node)) return;
    out.set(node, path);
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${path}[${i}]`));
    else for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(root, "");
  return out;
}

function jsonIssues(model: any, paths: Map<object, string>): { errors: DefinitionIssue[]; warnings: DefinitionIssue[] } {
  const errors: DefinitionIssue[] = [];
  const warnings: DefinitionIssue[] = [];
  for (const e of model.jsonErrors ?? []) {
    const at = (e.jsonObj && paths.get(e.jsonObj)) ?? "";
    const join = (p: string) => (at ? `${at}.${p}` : p);
    switch (e.type) {
      case "incorrecttypeproperty":
      case "missingtypeproperty":
        errors.push(issue(join("type"), "unknown_type", `Unknown or missing question type ${JSON.stringify(e.jsonObj?.type ?? null)}.`));
        break;
      case "unknownproperty":
        errors.push(issue(join(e.propertyName), "unknown_property", `Unknown property "${e.propertyName}" in "${e.className}".`));
        break;
      case "requiredproperty":
        // html and image elements are often unnamed in real surveys (they hold no answer);
        // a missing question name is reported as invalid_name by structureIssues.
        if (e.propertyName === "name" && NON_VALUE_TYPES.has(String(e.className))) warnings.push(issue(join("name"), "unnamed_element", e.message));
        else if (e.propertyName !== "name") errors.push(issue(join(e.propertyName), "missing_property", e.message));
        break;
      case "arrayproperty":
        errors.push(issue(join(e.propertyName), "not_array", e.message));
        break;
      case "incorrectvalue":
        errors.push(issue(join(e.property?.name ?? ""), "invalid_property_value", e.message));
        break;
      default:
        errors.push(issue(at, "json_error", String(e.message ?? e.type)));
    }
  }
  return { errors, warnings };
}

/** Names: non-empty trimmed strings, unique per scope, not colliding with generated keys. */
function structureIssues(json: Record<string, unknown>): { errors: DefinitionIssue[]; warnings: DefinitionIssue[]; answerable: number } {
  const errors: DefinitionIssue[] = [];
  const warnings: DefinitionIssue[] = [];
  let answerable = 0;
  const scope = (list: { path: string; name: string; key: string }[]) => {
    const seen = new Map<string, string>();
    for (const q of list) {
      if (seen.has(q.name)) errors.push(issue(`${q.path}.name`, "duplicate_name", `The name "${q.name}" is already used at ${seen.get(q.name)}.`));
      else seen.set(q.name, q.path);
    }
    const keys = new Set(list.map((q) => q.key));
    for (const q of list) {
      for (const suffix of [COMMENT_SUFFIX, TOTAL_SUFFIX]) {
        if (q.key.endsWith(suffix) && keys.has(q.key.slice(0, -suffix.length))) {
          errors.push(issue(`${q.path}.name`, "name_collision", `"${q.key}" collides with the "${suffix}" value SurveyJS stores for "${q.key.slice(0, -suffix.length)}".`));
        }
      }
    }
  };
  const named = (el: Record<string, unknown>, path: string, list: { path: string; name: string; key: string }[]) => {
    const name = el.name;
    if (typeof name !== "string" || name.trim() === "" || name !== name.trim() || RESERVED_NAMES.has(name)) {
      errors.push(issue(`${path}.name`, "invalid_name", `Question names must be non-empty strings without leading or trailing spaces (got ${JSON.stringify(name ?? null)}).`));
      return;
    }
    const vn = typeof el.valueName === "string" && el.valueName ? el.valueName : name;
    list.push({ path, name, key: vn });
  };
  const walkElements = (elements: unknown, path: string, list: { path: string; name: string; key: string }[], nested: boolean) => {
    if (!Array.isArray(elements)) return;
    elements.forEach((el, i) => {
      const p = `${path}[${i}]`;
      if (!isPlainObject(el)) return;
      const type = String(el.type ?? "").toLowerCase();
      if (CONTAINERS.has(type)) {
        for (const k of ["elements", "questions"]) walkElements(el[k], `${p}.${k}`, list, nested);
        return;
      }
      if (type === "html" || type === "image") return;
      named(el, p, list);
      if (!nested && !UNANSWERABLE.has(type)) answerable++;
      if (typeof el.choicesByUrl === "object" && el.choicesByUrl) {
        warnings.push(issue(`${p}.choicesByUrl`, "dynamic_choices", "Choices are loaded from a web service: answers are type-checked but not checked against the list on the server."));
      }
      if (type === "paneldynamic") {
        const inner: typeof list = [];
        walkElements(el.templateElements, `${p}.templateElements`, inner, true);
        scope(inner);
      }
      if (type === "matrixdropdown" || type === "matrixdynamic" || type === "multipletext") {
        const inner: typeof list = [];
        const k = type === "multipletext" ? "items" : "columns";
        if (Array.isArray(el[k])) (el[k] as unknown[]).forEach((c, j) => isPlainObject(c) && named(c, `${p}.${k}[${j}]`, inner));
        walkElements(el.detailElements, `${p}.detailElements`, inner, true);
        scope(inner);
      }
    });
  };
  const top: { path: string; name: string; key: string }[] = [];
  for (const k of ["elements", "questions"]) walkElements(json[k], k, top, false);
  if (Array.isArray(json.pages)) {
    json.pages.forEach((page, i) => {
      if (isPlainObject(page)) for (const k of ["elements", "questions"]) walkElements(page[k], `pages[${i}].${k}`, top, false);
    });
  }
  scope(top);
  return { errors, warnings, answerable };
}

/** Checks a definition before it is stored; returns a detached, JSON-clean copy when it is fine. */
export function checkDefinition(json: unknown): CheckDefinitionResult {
  if (!isPlainObject(json)) return { ok: false, errors: [issue("", "not_object", "The survey definition must be a JSON object.")] };
  let text: string;
  try {
    text = JSON.stringify(json);
  } catch {
    return { ok: false, errors: [issue("", "not_serializable", "The survey definition cannot be serialised to JSON.")] };
  }
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_DEFINITION_BYTES) {
    return { ok: false, errors: [issue("", "too_large", `The survey definition is ${bytes} bytes; the limit is ${MAX_DEFINITION_BYTES} bytes (1 MB).`)] };
  }
  const structure = structureIssues(JSON.parse(text) as Record<string, unknown>);
  const errors = [...structure.errors];
  const warnings = [...structure.warnings];
  const copy = JSON.parse(text) as Record<string, unknown>;
  try {
    const fromJson = jsonIssues(new Model(copy), objectPaths(copy));
    errors.unshift(...fromJson.errors);
    warnings.unshift(...fromJson.warnings);
  } catch (error) {
    errors.unshift(issue("", "parse_failed", `survey-core could not load the definition: ${error instanceof Error ? error.message : String(error)}`));
  }
  if (structure.answerable === 0) errors.push(issue("", "no_questions", "The survey has no questions to answer."));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, definition: JSON.parse(text) as SurveyDefinition, warnings };
}

function pickLocale(value: unknown, locale: string | undefined): string {
  if (typeof value === "string") return value;
  if (!isPlainObject(value)) return "";
  const order = [locale, "default", "en", ...Object.keys(value)];
  for (const k of order) if (k && typeof value[k] === "string" && value[k]) return value[k] as string;
  return "";
}

/** The survey's title in `locale` (falling back to the default text), "" when it has none. */
export function surveyTitle(def: SurveyDefinition, locale?: Locale): string {
  return pickLocale(def.title, locale);
}

const defaultText = (loc: any, fallback: string): string => (loc?.getLocaleText?.("default") || loc?.getLocaleText?.("") || fallback) as string;

function choiceInfo(items: any[]): ChoiceInfo[] {
  return items.map((c) => ({ value: c.value, text: defaultText(c.locText, c.text ?? String(c.value)) }));
}

/** Top-level questions with what the UI needs for quotas, crosstabs and the designer. */
export function listQuestions(def: SurveyDefinition): QuestionInfo[] {
  const prep = getPrepared(def);
  const pages: any[] = prep.full.pages ?? [];
  return prep.roots.map((r): QuestionInfo => {
    const q = r.q;
    const info: QuestionInfo = {
      name: r.name,
      valueName: r.key,
      type: r.spec.type,
      title: defaultText(q.locTitle, r.name),
      pageIndex: Math.max(0, pages.indexOf(q.page)),
    };
    switch (r.spec.kind) {
      case "select": {
        const special = [q.showNoneItem && q.noneItem, q.showRefuseItem && q.refuseItem, q.showDontKnowItem && q.dontKnowItem, q.showOtherItem && q.otherItem].filter(Boolean);
        const own: any[] = (q.visibleChoices ?? []).filter((c: any) => !special.includes(c) && c !== q.selectAllItem);
        const list = own.length > 0 ? own : (q.choices ?? []);
        info.choices = choiceInfo([...list, ...special]);
        break;
      }
      case "boolean":
        info.choices = [
          { value: q.getValueTrue?.() ?? true, text: defaultText(q.locLabelTrue, "Yes") },
          { value: q.getValueFalse?.() ?? false, text: defaultText(q.locLabelFalse, "No") },
        ];
        break;
      case "rating":
        info.rateValues = (q.visibleRateValues ?? []).map((v: any) => v.value);
        info.choices = choiceInfo(q.visibleRateValues ?? []);
        break;
      case "matrix":
        info.rows = choiceInfo(q.rows ?? []);
        info.columns = choiceInfo(q.columns ?? []);
        break;
      case "matrixdropdown":
      case "matrixdynamic":
        if (r.spec.kind === "matrixdropdown") info.rows = choiceInfo(q.rows ?? []);
        info.columns = (q.columns ?? []).map((c: any) => ({ value: c.name, text: defaultText(c.locTitle, c.name) }));
        break;
      case "multipletext":
        info.columns = (q.items ?? []).map((it: any) => ({ value: it.name, text: defaultText(it.locTitle, it.name) }));
        break;
      default:
        break;
    }
    return info;
  });
}

/** Element names: which are free, fresh ones, and following a rename through the survey's expressions. */
import { allNames, isObject, NAME_PATTERN, type JsonObject, type SurveyJson } from "./shape";

/** Why `name` cannot be used (null when it can); `current` is the element's own name when renaming. */
export function nameProblem(survey: SurveyJson, name: string, current?: string): "name.invalid" | "name.taken" | null {
  if (!NAME_PATTERN.test(name)) return "name.invalid";
  if (name !== current && allNames(survey).has(name)) return "name.taken";
  return null;
}

/** `q<n>` one past the highest `q<n>` anywhere in the survey, so a name is never reused while visible. */
export function nextQuestionName(survey: SurveyJson, prefix = "q", taken: Set<string> = allNames(survey)): string {
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  let n = 0;
  for (const name of taken) {
    const m = pattern.exec(name);
    if (m) n = Math.max(n, Number(m[1]));
  }
  do n++;
  while (taken.has(`${prefix}${n}`));
  return `${prefix}${n}`;
}

/** `base`, else `base_2`, `base_3`… */
export function uniqueName(survey: SurveyJson, base: string, taken: Set<string> = allNames(survey)): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");

/** Every `{from}` / `{from.row}` reference in the survey's expressions now says `to` (the second half of renameQuestion). */
export function renameReferences(survey: SurveyJson, from: string, to: string): SurveyJson {
  const reference = new RegExp(`\\{${escapeRegExp(from)}(?=[}.\\[])`, "g");
  const isExpressionKey = (key: string) => /If$/.test(key) || key === "expression";
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!isObject(value)) return value;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = typeof v === "string" && isExpressionKey(k) ? v.replace(reference, `{${to}`) : rewrite(v);
    return out;
  };
  return rewrite(survey) as SurveyJson;
}

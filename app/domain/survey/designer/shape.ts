/**
 * The shape of the survey JSON the designer edits (pages of elements; panels and dynamic panels hold
 * more elements), and finding elements in it. Pure: no React, no I/O, no survey-core.
 */

export type Locale = "ru" | "en";
export type LocalizedText = string | Record<string, string>;
export type JsonObject = Record<string, unknown>;
export interface ElementJson extends JsonObject {
  type: string;
  name: string;
}
export interface PageJson extends JsonObject {
  name: string;
  elements: ElementJson[];
}
export interface SurveyJson extends JsonObject {
  pages: PageJson[];
}

export class DesignerOpError extends Error {
  constructor(
    readonly code: "name.invalid" | "name.taken" | "notFound" | "condition.invalid" | "condition.backslash",
    message: string,
  ) {
    super(message);
    this.name = "DesignerOpError";
  }
}

export const QUESTION_TYPES = [
  "radiogroup",
  "checkbox",
  "dropdown",
  "tagbox",
  "rating",
  "boolean",
  "text",
  "comment",
  "matrix",
  "matrixdropdown",
  "ranking",
  "html",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const CHOICE_TYPES: readonly string[] = ["radiogroup", "checkbox", "dropdown", "tagbox", "ranking"];
export const MULTI_SELECT_TYPES: readonly string[] = ["checkbox", "tagbox"];
/** Elements that hold other elements: panels directly, dynamic panels through their template. */
const CHILD_KEYS = ["elements", "templateElements"] as const;
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export const clone = <T>(value: T): T => structuredClone(value);
export const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------- survey shape and traversal

/** Any JSON the designer may be handed becomes `{ pages: [...] }` (a bare `elements` list becomes page 1). */
export function normalizeSurvey(input: unknown): SurveyJson {
  const source = isObject(input) ? clone(input) : {};
  const { elements, pages, ...rest } = source;
  let list: PageJson[] = Array.isArray(pages)
    ? pages.filter(isObject).map((p, i) => ({ ...p, name: typeof p.name === "string" && p.name ? p.name : `page${i + 1}`, elements: Array.isArray(p.elements) ? (p.elements as ElementJson[]) : [] }))
    : [];
  if (list.length === 0) list = [{ name: "page1", elements: Array.isArray(elements) ? (elements as ElementJson[]) : [] }];
  return { ...rest, pages: list };
}

export function childLists(element: JsonObject): ElementJson[][] {
  return CHILD_KEYS.map((k) => element[k]).filter((v): v is ElementJson[] => Array.isArray(v));
}

export interface ElementRef {
  element: ElementJson;
  pageIndex: number;
  depth: number;
}

/** Every element (panels included) in document order. */
export function listElements(survey: SurveyJson): ElementRef[] {
  const out: ElementRef[] = [];
  const walk = (list: ElementJson[], pageIndex: number, depth: number) => {
    for (const element of list) {
      if (!isObject(element)) continue;
      out.push({ element, pageIndex, depth });
      for (const children of childLists(element)) walk(children, pageIndex, depth + 1);
    }
  };
  survey.pages.forEach((page, i) => walk(page.elements, i, 0));
  return out;
}

export function allNames(survey: SurveyJson): Set<string> {
  return new Set(listElements(survey).map((r) => r.element.name).filter((n): n is string => typeof n === "string"));
}

export interface Location {
  pageIndex: number;
  /** From the page's list down to the list holding the element. */
  trail: { list: ElementJson[]; index: number }[];
}

export function locate(survey: SurveyJson, name: string): Location | null {
  const search = (list: ElementJson[], trail: Location["trail"]): Location["trail"] | null => {
    for (let index = 0; index < list.length; index++) {
      const element = list[index];
      if (!element) continue;
      const here = [...trail, { list, index }];
      if (element.name === name) return here;
      for (const children of childLists(element)) {
        const found = search(children, here);
        if (found) return found;
      }
    }
    return null;
  };
  for (let pageIndex = 0; pageIndex < survey.pages.length; pageIndex++) {
    const trail = search(survey.pages[pageIndex]!.elements, []);
    if (trail) return { pageIndex, trail };
  }
  return null;
}

export function mustLocate(survey: SurveyJson, name: string): Location {
  const found = locate(survey, name);
  if (!found) throw new DesignerOpError("notFound", `No element named "${name}"`);
  return found;
}

export function findElement(survey: SurveyJson, name: string): ElementJson | null {
  const found = locate(survey, name);
  const last = found?.trail[found.trail.length - 1];
  return last ? (last.list[last.index] ?? null) : null;
}

/** Questions and panels: create, insert, move, duplicate, delete, patch, replace, rename. */
import { moveInArray, patchObject } from "./lists";
import { nameProblem, nextQuestionName, renameReferences, uniqueName } from "./names";
import {
  allNames,
  childLists,
  clone,
  DesignerOpError,
  listElements,
  locate,
  mustLocate,
  NAME_PATTERN,
  type ElementJson,
  type JsonObject,
  type QuestionType,
  type SurveyJson,
} from "./shape";
import { both } from "./texts";

const CHOICES_RU = ["Вариант 1", "Вариант 2", "Вариант 3"];
const defaultChoices = () => CHOICES_RU.map((ru, i) => ({ value: `item${i + 1}`, text: both(ru, `Option ${i + 1}`) }));

/** A sensible starting question of each supported type. */
export function defaultQuestion(type: QuestionType | "panel", name: string): ElementJson {
  const title = both("Новый вопрос", "New question");
  switch (type) {
    case "radiogroup":
    case "dropdown":
    case "ranking":
    case "checkbox":
    case "tagbox":
      return { type, name, title, choices: defaultChoices() };
    case "rating":
      return { type, name, title, rateMin: 1, rateMax: 5, minRateDescription: both("Очень плохо", "Very poor"), maxRateDescription: both("Отлично", "Excellent") };
    case "boolean":
      return { type, name, title, labelTrue: both("Да", "Yes"), labelFalse: both("Нет", "No") };
    case "text":
      return { type, name, title, maxLength: 200 };
    case "comment":
      return { type, name, title, maxLength: 2000 };
    case "matrix":
      return {
        type,
        name,
        title,
        rows: [{ value: "row1", text: both("Строка 1", "Row 1") }, { value: "row2", text: both("Строка 2", "Row 2") }],
        columns: [1, 2, 3, 4, 5].map((v) => ({ value: v, text: String(v) })),
      };
    case "matrixdropdown":
      return {
        type,
        name,
        title,
        rows: [{ value: "row1", text: both("Строка 1", "Row 1") }, { value: "row2", text: both("Строка 2", "Row 2") }],
        columns: [{ name: "col1", title: both("Оценка", "Score"), cellType: "dropdown", choices: [1, 2, 3, 4, 5] }],
      };
    case "html":
      return { type, name, html: both("<p>Пояснение для респондента</p>", "<p>A note for the respondent</p>") };
    case "panel":
      return { type, name, title: both("Блок", "Section"), elements: [] };
  }
}

/** Inserts a ready element (names must be free) at the top level of a page. */
export function insertElement(survey: SurveyJson, element: ElementJson, pageIndex: number, atIndex?: number): SurveyJson {
  const taken = allNames(survey);
  for (const ref of listElements({ pages: [{ name: "x", elements: [element] }] })) {
    if (!NAME_PATTERN.test(ref.element.name)) throw new DesignerOpError("name.invalid", `Invalid name "${ref.element.name}"`);
    if (taken.has(ref.element.name)) throw new DesignerOpError("name.taken", `Name "${ref.element.name}" is taken`);
  }
  const next = clone(survey);
  const page = next.pages[pageIndex];
  if (!page) throw new DesignerOpError("notFound", `No page ${pageIndex}`);
  const at = atIndex === undefined ? page.elements.length : Math.max(0, Math.min(atIndex, page.elements.length));
  page.elements.splice(at, 0, clone(element));
  return next;
}

export function addQuestion(survey: SurveyJson, type: QuestionType | "panel", pageIndex: number, atIndex?: number): { survey: SurveyJson; name: string } {
  const name = type === "panel" ? nextQuestionName(survey, "panel") : nextQuestionName(survey);
  return { survey: insertElement(survey, defaultQuestion(type, name), pageIndex, atIndex), name };
}

/**
 * One step up or down. Inside its list an element swaps with its neighbour; at the edge of a panel
 * it steps out of the panel; at the edge of a page it goes to the end of the previous page or the
 * start of the next one.
 */
export function moveQuestion(survey: SurveyJson, name: string, direction: "up" | "down"): SurveyJson {
  const next = clone(survey);
  const { pageIndex, trail } = mustLocate(next, name);
  const own = trail[trail.length - 1]!;
  const delta = direction === "up" ? -1 : 1;
  const target = own.index + delta;
  if (target >= 0 && target < own.list.length) {
    moveInArray(own.list, own.index, target);
    return next;
  }
  const [element] = own.list.splice(own.index, 1);
  const parent = trail[trail.length - 2];
  if (parent) {
    parent.list.splice(direction === "up" ? parent.index : parent.index + 1, 0, element!);
    return next;
  }
  const page = next.pages[pageIndex + delta];
  if (!page) return clone(survey);
  if (direction === "up") page.elements.push(element!);
  else page.elements.unshift(element!);
  return next;
}

/** Whether moveQuestion would do anything (cheap: no copying, for rendering buttons). */
export function canMove(survey: SurveyJson, name: string, direction: "up" | "down"): boolean {
  const found = locate(survey, name);
  if (!found) return false;
  const own = found.trail[found.trail.length - 1]!;
  const target = own.index + (direction === "up" ? -1 : 1);
  if (target >= 0 && target < own.list.length) return true;
  return found.trail.length > 1 || Boolean(survey.pages[found.pageIndex + (direction === "up" ? -1 : 1)]);
}

/** Moves an element to the top level of another (or the same) page. */
export function moveQuestionTo(survey: SurveyJson, name: string, pageIndex: number, atIndex?: number): SurveyJson {
  if (!survey.pages[pageIndex]) throw new DesignerOpError("notFound", `No page ${pageIndex}`);
  const next = clone(survey);
  const { trail } = mustLocate(next, name);
  const own = trail[trail.length - 1]!;
  const [element] = own.list.splice(own.index, 1);
  const page = next.pages[pageIndex]!;
  const at = atIndex === undefined ? page.elements.length : Math.max(0, Math.min(atIndex, page.elements.length));
  page.elements.splice(at, 0, element!);
  return next;
}

/** A deep copy right after the original; it and every element inside it get fresh names. */
export function duplicateQuestion(survey: SurveyJson, name: string): { survey: SurveyJson; name: string } {
  const next = clone(survey);
  const { trail } = mustLocate(next, name);
  const own = trail[trail.length - 1]!;
  const copy = clone(own.list[own.index]!);
  const taken = allNames(next);
  const rename = (element: ElementJson) => {
    const fresh = /^q\d+$/.test(element.name) ? nextQuestionName(next, "q", taken) : uniqueName(next, element.name, taken);
    taken.add(fresh);
    element.name = fresh;
    for (const children of childLists(element)) children.forEach(rename);
  };
  rename(copy);
  own.list.splice(own.index + 1, 0, copy);
  return { survey: next, name: copy.name };
}

export function deleteQuestion(survey: SurveyJson, name: string): SurveyJson {
  const next = clone(survey);
  const found = locate(next, name);
  if (!found) return next;
  const own = found.trail[found.trail.length - 1]!;
  own.list.splice(own.index, 1);
  return next;
}

/** Shallow patch; `undefined`, null and "" remove a key. A new `name` goes through renameQuestion. */
export function updateQuestion(survey: SurveyJson, name: string, patch: JsonObject): SurveyJson {
  let next = survey;
  let current = name;
  const { name: newName, ...rest } = patch;
  if (typeof newName === "string" && newName !== name) {
    next = renameQuestion(next, name, newName);
    current = newName;
  }
  next = clone(next);
  const { trail } = mustLocate(next, current);
  const own = trail[trail.length - 1]!;
  own.list[own.index] = patchObject(own.list[own.index]!, rest);
  return next;
}

/** Replaces a whole element (the editors build it with the list helpers in ./lists). */
export function replaceQuestion(survey: SurveyJson, name: string, element: ElementJson): SurveyJson {
  const next = element.name !== name ? renameQuestion(survey, name, element.name) : clone(survey);
  const { trail } = mustLocate(next, element.name);
  const own = trail[trail.length - 1]!;
  own.list[own.index] = clone(element);
  return next;
}

/** Renames an element and every `{old}` / `{old.row}` reference in the survey's expressions. */
export function renameQuestion(survey: SurveyJson, from: string, to: string): SurveyJson {
  const problem = nameProblem(survey, to, from);
  if (problem) throw new DesignerOpError(problem, `Cannot rename "${from}" to "${to}"`);
  const next = clone(survey);
  const { trail } = mustLocate(next, from);
  const own = trail[trail.length - 1]!;
  own.list[own.index] = { ...own.list[own.index]!, name: to };
  return renameReferences(next, from, to);
}

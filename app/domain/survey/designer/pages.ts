/** Pages: add, rename, patch, delete, move. */
import { moveInArray, patchObject } from "./lists";
import { clone, DesignerOpError, NAME_PATTERN, type JsonObject, type SurveyJson } from "./shape";

export function addPage(survey: SurveyJson, atIndex = survey.pages.length): SurveyJson {
  const next = clone(survey);
  const taken = new Set(next.pages.map((p) => p.name));
  let n = next.pages.length + 1;
  while (taken.has(`page${n}`)) n++;
  next.pages.splice(Math.max(0, Math.min(atIndex, next.pages.length)), 0, { name: `page${n}`, elements: [] });
  return next;
}

export function renamePage(survey: SurveyJson, index: number, name: string): SurveyJson {
  if (!NAME_PATTERN.test(name)) throw new DesignerOpError("name.invalid", `Invalid page name "${name}"`);
  if (survey.pages.some((p, i) => i !== index && p.name === name)) throw new DesignerOpError("name.taken", `Page "${name}" exists`);
  return updatePage(survey, index, { name });
}

/** Shallow patch of a page's own properties (title, description, visibleIf…); undefined removes a key. */
export function updatePage(survey: SurveyJson, index: number, patch: JsonObject): SurveyJson {
  const next = clone(survey);
  const page = next.pages[index];
  if (!page) throw new DesignerOpError("notFound", `No page ${index}`);
  next.pages[index] = patchObject(page, patch);
  return next;
}

/** Removes a page and its questions; the last page is emptied rather than removed. */
export function deletePage(survey: SurveyJson, index: number): SurveyJson {
  const next = clone(survey);
  if (index < 0 || index >= next.pages.length) return next;
  next.pages.splice(index, 1);
  if (next.pages.length === 0) next.pages.push({ name: "page1", elements: [] });
  return next;
}

export function movePage(survey: SurveyJson, from: number, to: number): SurveyJson {
  const next = clone(survey);
  moveInArray(next.pages, from, to);
  return next;
}

/**
 * A study's hierarchical codebook as a flat list with parent links: that is how it is stored and
 * edited, and the tree is derived on demand. Array order is sibling order. Edits (add, rename,
 * move, merge) live in codebook-ops.ts and return a new codebook or the reasons they cannot.
 */
import { codebookProblem, type CodebookProblemCode } from "./codebook-messages";
import type { Problem } from "./problems";

export interface Code {
  id: string;
  parentId: string | null;
  name: string;
  /** when to apply the code, for coders and for the report's methods section */
  definition: string;
  /** "#RRGGBB" or null for the UI's default */
  color: string | null;
  /** false for a pure grouping node ("Темы"), as REFI-QDA's isCodable; true when absent */
  isCodable?: boolean;
}

export interface Codebook {
  codes: readonly Code[];
}

export type CodebookProblem = Problem<CodebookProblemCode>;

export type CodebookResult = { ok: true; codebook: Codebook } | { ok: false; errors: CodebookProblem[] };

export interface CodeTreeNode {
  code: Code;
  children: CodeTreeNode[];
}

export const MAX_CODE_NAME_LENGTH = 200;

/** Names are compared as people read them: without case, "ё" as "е", extra spaces ignored. */
export const nameKey = (name: string) => tidyName(name).toLocaleLowerCase("ru-RU").replace(/ё/g, "е");

export const tidyName = (name: string) => name.replace(/\s+/g, " ").trim();

/** "#1f77b4" -> "#1F77B4"; null when the colour is not #RRGGBB. */
export function normaliseColor(color: string): string | null {
  return /^#[0-9a-fA-F]{6}$/.test(color.trim()) ? color.trim().toUpperCase() : null;
}

export function nameProblems(name: string): CodebookProblem[] {
  const tidy = tidyName(name);
  if (tidy === "") return [codebookProblem("empty_name", null)];
  if (tidy.length > MAX_CODE_NAME_LENGTH) {
    return [codebookProblem("name_too_long", null, { name: tidy.slice(0, 40), max: MAX_CODE_NAME_LENGTH })];
  }
  return [];
}

export function findCode(codebook: Codebook, id: string): Code | undefined {
  return codebook.codes.find((c) => c.id === id);
}

/** The code and everything below it; safe on a codebook with a cycle (it stops there). */
export function subtreeIds(codebook: Codebook, rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of codebook.codes) {
      if (c.parentId !== null && ids.has(c.parentId) && !ids.has(c.id)) {
        ids.add(c.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Another code under `parentId` with the same name, ignoring `exceptId`. */
export function siblingWithName(
  codebook: Codebook,
  parentId: string | null,
  name: string,
  exceptId: string | null,
): Code | undefined {
  const key = nameKey(name);
  return codebook.codes.find((c) => c.parentId === parentId && c.id !== exceptId && nameKey(c.name) === key);
}

/** Names from the root down: ["Доверие", "Власть", "Губернатор"]. Unknown ids give []. */
export function codePath(codebook: Codebook, id: string): string[] {
  const byId = new Map(codebook.codes.map((c) => [c.id, c]));
  const path: string[] = [];
  const seen = new Set<string>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.unshift(current.name);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return path;
}

/** "Доверие / Власть / Губернатор", the form exports and reports use. */
export const codePathLabel = (codebook: Codebook, id: string) => codePath(codebook, id).join(" / ");

/** Every rule a stored codebook must satisfy; an empty list means valid. */
export function validateCodebook(codebook: Codebook): CodebookProblem[] {
  const problems: CodebookProblem[] = [];
  const byId = new Map<string, Code>();
  for (const code of codebook.codes) {
    if (byId.has(code.id)) problems.push(codebookProblem("duplicate_id", null, { id: code.id }));
    byId.set(code.id, code);
  }
  const siblingNames = new Map<string, Code>();
  for (const code of codebook.codes) {
    for (const p of nameProblems(code.name)) problems.push(p);
    if (code.color !== null && normaliseColor(code.color) === null) {
      problems.push(codebookProblem("invalid_color", null, { color: code.color }));
    }
    if (code.parentId !== null && !byId.has(code.parentId)) {
      problems.push(codebookProblem("unknown_parent", null, { id: code.parentId }));
    }
    const key = `${code.parentId ?? ""}\u0000${nameKey(code.name)}`;
    if (siblingNames.has(key) && tidyName(code.name) !== "") {
      const parent = code.parentId === null ? "" : byId.get(code.parentId)?.name ?? "";
      problems.push(codebookProblem("duplicate_sibling_name", null, { name: tidyName(code.name), parent }));
    }
    siblingNames.set(key, code);
  }
  for (const code of codebook.codes) {
    // A code is on a loop when walking up returns to it; codes merely below a loop are not
    // reported (their ancestors are), and n steps bound the walk either way.
    let current: Code | undefined = code;
    for (let steps = 0; current && current.parentId !== null && steps <= codebook.codes.length; steps++) {
      if (current.parentId === code.id) {
        problems.push(codebookProblem("parent_cycle", null, { name: code.name }));
        break;
      }
      current = byId.get(current.parentId);
    }
  }
  return problems;
}

/** The tree for display and export; codes not reachable from a root (cycles) are left out. */
export function codebookTree(codebook: Codebook): CodeTreeNode[] {
  const children = new Map<string | null, Code[]>();
  const ids = new Set(codebook.codes.map((c) => c.id));
  for (const code of codebook.codes) {
    const parent = code.parentId !== null && ids.has(code.parentId) ? code.parentId : null;
    if (code.parentId !== null && parent === null) continue; // orphan: validateCodebook reports it
    children.set(parent, [...(children.get(parent) ?? []), code]);
  }
  const seen = new Set<string>();
  const build = (code: Code): CodeTreeNode => {
    seen.add(code.id);
    const kids = (children.get(code.id) ?? []).filter((c) => !seen.has(c.id));
    return { code, children: kids.map(build) };
  };
  return (children.get(null) ?? []).map(build);
}

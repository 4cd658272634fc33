/**
 * Codebook edits as pure functions: each returns a new codebook (and, for a merge, re-pointed
 * codings) or the reasons it cannot, never a half-applied change. The rules are the ones coders
 * rely on when they talk about a code by its path: sibling names are unique and the tree has no
 * loops.
 */
import {
  findCode,
  nameProblems,
  normaliseColor,
  siblingWithName,
  subtreeIds,
  tidyName,
  type Code,
  type Codebook,
  type CodebookProblem,
  type CodebookResult,
} from "./codebook";
import { codebookProblem } from "./codebook-messages";
import type { Coding } from "./types";

const fail = (...errors: CodebookProblem[]): { ok: false; errors: CodebookProblem[] } => ({ ok: false, errors });

function colorProblems(color: string | null | undefined): CodebookProblem[] {
  if (color === null || color === undefined) return [];
  return normaliseColor(color) === null ? [codebookProblem("invalid_color", null, { color })] : [];
}

function clashProblems(codebook: Codebook, parentId: string | null, name: string, exceptId: string | null) {
  if (!siblingWithName(codebook, parentId, name, exceptId)) return [];
  const parent = parentId === null ? "" : findCode(codebook, parentId)?.name ?? "";
  return [codebookProblem("duplicate_sibling_name", null, { name: tidyName(name), parent })];
}

export interface NewCode {
  id: string;
  name: string;
  parentId?: string | null;
  definition?: string;
  color?: string | null;
  isCodable?: boolean;
}

/** Appends the code as the last child of its parent (or the last root). */
export function addCode(codebook: Codebook, input: NewCode): CodebookResult {
  const parentId = input.parentId ?? null;
  if (findCode(codebook, input.id)) return fail(codebookProblem("duplicate_id", null, { id: input.id }));
  if (parentId !== null && !findCode(codebook, parentId))
    return fail(codebookProblem("unknown_parent", null, { id: parentId }));
  const errors = [...nameProblems(input.name), ...colorProblems(input.color)];
  if (errors.length === 0) errors.push(...clashProblems(codebook, parentId, input.name, null));
  if (errors.length > 0) return fail(...errors);
  const code: Code = {
    id: input.id,
    parentId,
    name: tidyName(input.name),
    definition: (input.definition ?? "").trim(),
    color: input.color ? normaliseColor(input.color) : null,
    ...(input.isCodable === false ? { isCodable: false } : {}),
  };
  return { ok: true, codebook: { codes: [...codebook.codes, code] } };
}

export function renameCode(codebook: Codebook, id: string, name: string): CodebookResult {
  const code = findCode(codebook, id);
  if (!code) return fail(codebookProblem("unknown_code", null, { id }));
  const errors = nameProblems(name);
  if (errors.length === 0) errors.push(...clashProblems(codebook, code.parentId, name, id));
  if (errors.length > 0) return fail(...errors);
  return replaceCode(codebook, { ...code, name: tidyName(name) });
}

/** Definition and colour; `undefined` leaves a field as it is, a null colour clears it. */
export function updateCodeDetails(
  codebook: Codebook,
  id: string,
  details: { definition?: string; color?: string | null },
): CodebookResult {
  const code = findCode(codebook, id);
  if (!code) return fail(codebookProblem("unknown_code", null, { id }));
  const errors = colorProblems(details.color);
  if (errors.length > 0) return fail(...errors);
  return replaceCode(codebook, {
    ...code,
    definition: details.definition === undefined ? code.definition : details.definition.trim(),
    color: details.color === undefined ? code.color : details.color === null ? null : normaliseColor(details.color),
  });
}

function replaceCode(codebook: Codebook, code: Code): CodebookResult {
  return { ok: true, codebook: { codes: codebook.codes.map((c) => (c.id === code.id ? code : c)) } };
}

/** Moves the code (with its subtree) to the end of `newParentId`'s children; null makes it a root. */
export function moveCode(codebook: Codebook, id: string, newParentId: string | null): CodebookResult {
  const code = findCode(codebook, id);
  if (!code) return fail(codebookProblem("unknown_code", null, { id }));
  if (newParentId !== null && !findCode(codebook, newParentId)) {
    return fail(codebookProblem("unknown_parent", null, { id: newParentId }));
  }
  if (newParentId !== null && subtreeIds(codebook, id).has(newParentId)) {
    return fail(codebookProblem("parent_cycle", null, { name: code.name }));
  }
  const clash = clashProblems(codebook, newParentId, code.name, id);
  if (clash.length > 0) return fail(...clash);
  const others = codebook.codes.filter((c) => c.id !== id);
  return { ok: true, codebook: { codes: [...others, { ...code, parentId: newParentId }] } };
}

export type MergeResult<C extends Coding> =
  | { ok: true; codebook: Codebook; codings: C[]; collapsed: number }
  | { ok: false; errors: CodebookProblem[] };

const spanKey = (c: Coding) => JSON.stringify([c.sessionId, c.turnIndex, c.start, c.end, c.coderId, c.codeId]);

/**
 * Merges code `fromId` into `intoId`: codings of `fromId` now point at `intoId`, the subcodes of
 * `fromId` move under `intoId`, and `fromId` disappears. A coder who had applied both codes to the
 * same span now has two identical codings: they collapse into the first, memos kept side by side.
 */
export function mergeCodes<C extends Coding>(
  codebook: Codebook,
  codings: readonly C[],
  fromId: string,
  intoId: string,
): MergeResult<C> {
  const from = findCode(codebook, fromId);
  const into = findCode(codebook, intoId);
  if (!from) return fail(codebookProblem("unknown_code", null, { id: fromId }));
  if (!into) return fail(codebookProblem("unknown_code", null, { id: intoId }));
  if (fromId === intoId) return fail(codebookProblem("merge_into_itself", null, { name: from.name }));
  if (subtreeIds(codebook, fromId).has(intoId)) {
    return fail(codebookProblem("merge_into_descendant", null, { name: from.name, into: into.name }));
  }
  const moving = codebook.codes.filter((c) => c.parentId === fromId);
  const staying: Codebook = { codes: codebook.codes.filter((c) => c.id !== fromId && c.parentId !== fromId) };
  const clashes = moving.flatMap((child) => clashProblems(staying, intoId, child.name, child.id));
  if (clashes.length > 0) return fail(...clashes);
  const codes = codebook.codes
    .filter((c) => c.id !== fromId)
    .map((c) => (c.parentId === fromId ? { ...c, parentId: intoId } : c));

  const kept = new Map<string, C>();
  let collapsed = 0;
  for (const coding of codings) {
    const repointed = coding.codeId === fromId ? { ...coding, codeId: intoId } : coding;
    const key = spanKey(repointed);
    const first = kept.get(key);
    if (!first) {
      kept.set(key, repointed);
      continue;
    }
    collapsed += 1;
    const memos = [first.memo, repointed.memo].filter((m): m is string => m !== null && m.trim() !== "");
    const memo = [...new Set(memos)].join("\n\n");
    kept.set(key, { ...first, memo: memo === "" ? null : memo });
  }
  return { ok: true, codebook: { codes }, codings: [...kept.values()], collapsed };
}

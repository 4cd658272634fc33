/**
 * A study's codebook as people edit it: add, rename, define, recolour, move under another code,
 * merge into another code (codings follow), delete an unused code, memos on codes. Every edit is
 * checked by the pure codebook operations first (names unique among siblings, no cycles), so the
 * database constraint is a backstop, not the message.
 */
import { z } from "zod";
import { appendAudit } from "../../db/queries/audit-log";
import { insertCode } from "../../db/queries/focus-groups";
import { studyCodeRows } from "../../db/queries/focus-group-study";
import { codeUsage, deleteCodeRow, deleteMemosOf, memosOf, mergeCodeRows, updateCodeRow } from "../../db/queries/focus-group-workspace";
import { getStudy } from "../../db/queries/surveys";
import {
  addCode as addToCodebook,
  codebookTree,
  formatProblem,
  mergeCodes,
  moveCode as moveInCodebook,
  renameCode,
  updateCodeDetails,
  type Codebook,
  type CodebookResult,
} from "../domain/focus-groups";
import { subtreeIds } from "../domain/focus-groups/codebook";
import type { AppContext } from "./context.server";
import type { FgOutcome } from "./focus-groups.server";

type Ctx = Pick<AppContext, "db">;
type Locale = "ru" | "en";

const DEFAULT_COLOUR = "#2f6db5";

async function loadCodebook(ctx: Ctx, studyId: number): Promise<Codebook> {
  const rows = await studyCodeRows(ctx.db, studyId);
  return { codes: rows.map((c) => ({ id: String(c.id), parentId: c.parent_id === null ? null : String(c.parent_id), name: c.name, definition: c.definition ?? "", color: c.colour })) };
}

export async function codebookPage(ctx: Ctx, studyId: number) {
  const study = await getStudy(ctx.db, studyId);
  if (!study) return null;
  const [codebook, usage] = await Promise.all([loadCodebook(ctx, studyId), codeUsage(ctx.db, studyId)]);
  const memos = await memosOf(ctx.db, studyId, "code", codebook.codes.map((c) => Number(c.id)));
  return {
    study: { id: study.id, title: study.title },
    codebook,
    tree: codebookTree(codebook),
    usage: Object.fromEntries(usage.map((u) => [u.id, { codings: Number(u.codings), coders: Number(u.coders) }])),
    memos,
  };
}

const refused = (result: Extract<CodebookResult, { ok: false }>, locale: Locale, field = "_form"): FgOutcome<never> => ({
  ok: false,
  status: 400,
  errors: { [field]: result.errors.map((e) => formatProblem(e, locale)).join(" ") },
});

const optionalId = z.preprocess((v) => (v === "" || v === null || v === undefined ? null : v), z.coerce.number().int().positive().nullable());
const colour = z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^#[0-9a-fA-F]{6}$/, "colour as #RRGGBB").optional());

const newCodeSchema = z.object({ name: z.string(), parentId: optionalId, definition: z.string().max(4000).default(""), colour });

export async function createCode(ctx: Ctx, studyId: number, raw: unknown, userId: number, locale: Locale): Promise<FgOutcome<number>> {
  if (!(await getStudy(ctx.db, studyId))) return { ok: false, status: 404, errors: { _form: "study not found" } };
  const parsed = newCodeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, errors: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])) };
  const c = parsed.data;
  const checked = addToCodebook(await loadCodebook(ctx, studyId), { id: "new", name: c.name, parentId: c.parentId === null ? null : String(c.parentId), definition: c.definition, color: c.colour ?? null });
  if (!checked.ok) return refused(checked, locale, "name");
  const added = checked.codebook.codes.find((x) => x.id === "new")!;
  const id = await insertCode(ctx.db, { study_id: studyId, parent_id: c.parentId, name: added.name, definition: added.definition || null, colour: added.color ?? DEFAULT_COLOUR });
  await appendAudit(ctx.db, { actorUserId: userId, action: "focus-group.code.add", entityType: "fg_code", entityId: id });
  return { ok: true, value: id };
}

const editSchema = z.object({ codeId: z.coerce.number().int().positive(), name: z.string(), definition: z.string().max(4000).default(""), colour });

export async function editCode(ctx: Ctx, studyId: number, raw: unknown, userId: number, locale: Locale): Promise<FgOutcome<null>> {
  const parsed = editSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, errors: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])) };
  const e = parsed.data;
  const codebook = await loadCodebook(ctx, studyId);
  const renamed = renameCode(codebook, String(e.codeId), e.name);
  if (!renamed.ok) return renamed.errors.some((x) => x.code === "unknown_code") ? { ok: false, status: 404, errors: { _form: "code not found" } } : refused(renamed, locale, "name");
  const detailed = updateCodeDetails(renamed.codebook, String(e.codeId), { definition: e.definition, color: e.colour });
  if (!detailed.ok) return refused(detailed, locale, "colour");
  const code = detailed.codebook.codes.find((x) => x.id === String(e.codeId))!;
  await updateCodeRow(ctx.db, e.codeId, { name: code.name, definition: code.definition || null, ...(code.color ? { colour: code.color } : {}) });
  await appendAudit(ctx.db, { actorUserId: userId, action: "focus-group.code.edit", entityType: "fg_code", entityId: e.codeId });
  return { ok: true, value: null };
}

const moveSchema = z.object({ codeId: z.coerce.number().int().positive(), parentId: optionalId });

export async function moveCode(ctx: Ctx, studyId: number, raw: unknown, userId: number, locale: Locale): Promise<FgOutcome<null>> {
  const parsed = moveSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, errors: { parentId: "choose a code" } };
  const { codeId, parentId } = parsed.data;
  const moved = moveInCodebook(await loadCodebook(ctx, studyId), String(codeId), parentId === null ? null : String(parentId));
  if (!moved.ok) return moved.errors.some((x) => x.code === "unknown_code") ? { ok: false, status: 404, errors: { _form: "code not found" } } : refused(moved, locale, "parentId");
  await updateCodeRow(ctx.db, codeId, { parent_id: parentId });
  await appendAudit(ctx.db, { actorUserId: userId, action: "focus-group.code.move", entityType: "fg_code", entityId: codeId, details: { parentId } });
  return { ok: true, value: null };
}

const mergeSchema = z.object({ codeId: z.coerce.number().int().positive(), intoId: z.coerce.number().int().positive() });

/** Merges a code into another: its codings and subcodes go to the other code, then it is gone. */
export async function mergeCode(ctx: Ctx, studyId: number, raw: unknown, userId: number, locale: Locale): Promise<FgOutcome<{ collapsed: number }>> {
  const parsed = mergeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, errors: { intoId: "choose a code" } };
  const { codeId, intoId } = parsed.data;
  // the pure merge decides whether it may happen (cycles, name clashes); the codings move in SQL
  const merged = mergeCodes(await loadCodebook(ctx, studyId), [], String(codeId), String(intoId));
  if (!merged.ok) return merged.errors.some((x) => x.code === "unknown_code") ? { ok: false, status: 404, errors: { _form: "code not found" } } : refused(merged, locale, "intoId");
  const collapsed = await ctx.db.transaction().execute((trx) => mergeCodeRows(trx, codeId, intoId));
  await appendAudit(ctx.db, { actorUserId: userId, action: "focus-group.code.merge", entityType: "fg_code", entityId: codeId, details: { intoId, collapsed } });
  return { ok: true, value: { collapsed } };
}

/** Only a code nobody has applied (itself or its subcodes) can be deleted; a used one is merged instead. */
export async function deleteCode(ctx: Ctx, studyId: number, codeId: number, userId: number): Promise<FgOutcome<null>> {
  const codebook = await loadCodebook(ctx, studyId);
  if (!codebook.codes.some((c) => c.id === String(codeId))) return { ok: false, status: 404, errors: { _form: "code not found" } };
  const subtree = subtreeIds(codebook, String(codeId));
  const usage = await codeUsage(ctx.db, studyId);
  if (usage.some((u) => subtree.has(String(u.id)) && Number(u.codings) > 0)) return { ok: false, status: 409, errors: { _form: "code.inUse" } };
  await ctx.db.transaction().execute(async (trx) => {
    await deleteMemosOf(trx, "code", [...subtree].map(Number));
    await deleteCodeRow(trx, codeId);
  });
  await appendAudit(ctx.db, { actorUserId: userId, action: "focus-group.code.delete", entityType: "fg_code", entityId: codeId });
  return { ok: true, value: null };
}

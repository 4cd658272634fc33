/**
 * The coding workspace: a session's transcript with the codings of one coder (each coder works
 * separately; others' codings are shown read-only on request), applying codes to a span, removing
 * one's own codings, marking quotes, memos, and correcting a turn's text or speaker without
 * losing the codings on it.
 */
import { z } from "zod";
import { appendAudit } from "../../db/queries/audit-log";
import { insertCoding } from "../../db/queries/focus-groups";
import { studyCodeRows, studyCoderRows, studyCodingRows, studyParticipantRows, studyTurnRows } from "../../db/queries/focus-group-study";
import {
  addAttendee,
  codingWithStudy,
  codingsOfTurn,
  deleteCodingRow,
  memosOf,
  moveCodingSpan,
  refreshSessionCodedStatus,
  sessionDetail,
  turnForEdit,
  updateCodingRow,
  updateTurnText,
} from "../../db/queries/focus-group-workspace";
import { codebookTree, relocateSpans, MODERATOR, type Codebook } from "../domain/focus-groups";
import type { AppContext } from "./context.server";
import type { FgOutcome } from "./focus-groups.server";

type Ctx = Pick<AppContext, "db">;
const fieldErrors = (error: z.ZodError) => Object.fromEntries(error.issues.map((i) => [i.path.join(".") || "_form", i.message]));

/** `view`: whose codings to show — the signed-in coder's own (editable), another coder's, or everyone's (read-only). */
export async function codingWorkspace(ctx: Ctx, sessionId: number, coderId: number, view: { coder: number | "all" }) {
  const session = await sessionDetail(ctx.db, sessionId);
  if (!session) return null;
  const shown = view.coder === "all" ? {} : { coderId: view.coder };
  const [turns, codes, codings, coders, participants] = await Promise.all([
    studyTurnRows(ctx.db, session.study_id, sessionId),
    studyCodeRows(ctx.db, session.study_id),
    studyCodingRows(ctx.db, session.study_id, { sessionId, ...shown }),
    studyCoderRows(ctx.db, session.study_id),
    studyParticipantRows(ctx.db, session.study_id),
  ]);
  const memos = await memosOf(ctx.db, session.study_id, "turn", turns.map((t) => t.id));
  const codebook: Codebook = { codes: codes.map((c) => ({ id: String(c.id), parentId: c.parent_id === null ? null : String(c.parent_id), name: c.name, definition: c.definition ?? "", color: c.colour })) };
  return {
    session,
    editable: view.coder === coderId,
    turns: turns.map((t) => ({ id: t.id, idx: t.idx, speakerKind: t.speaker_kind, participantCode: t.participant_code, text: t.text, startMs: t.start_ms, endMs: t.end_ms })),
    codebook,
    tree: codebookTree(codebook),
    codings: codings.map((c) => ({ id: c.id, turnId: c.turn_id, codeId: c.code_id, coderId: c.coder_id, start: c.start_offset, end: c.end_offset, quote: c.quote, memo: c.memo })),
    coders: coders.map((c) => ({ id: c.id, name: c.display_name, codings: Number(c.codings) })),
    participants: participants.map((p) => ({ id: p.id, code: p.code, quoting: p.quoting === true })),
    memos,
  };
}

const applySchema = z.object({
  turnId: z.coerce.number().int().positive(),
  codeIds: z.array(z.coerce.number().int().positive()).min(1, "choose at least one code").max(20),
  start: z.coerce.number().int().min(0),
  end: z.coerce.number().int().positive(),
  quote: z.boolean().default(false),
  memo: z.preprocess((v) => (v === "" ? null : v), z.string().trim().max(4000).nullable().default(null)),
});

/**
 * Applies one or more codes to a span of a turn as the signed-in coder, all or none: the turn must
 * belong to the session, every code to its study, and the span lie inside the text.
 */
export async function applyCodes(ctx: Ctx, sessionId: number, raw: unknown, coderId: number): Promise<FgOutcome<{ added: number; already: number }>> {
  const parsed = applySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error) };
  const a = parsed.data;
  const turn = await turnForEdit(ctx.db, a.turnId);
  if (!turn || turn.session_id !== sessionId) return { ok: false, status: 404, errors: { turnId: "the turn is gone (the transcript was replaced or the participant withdrew)" } };
  if (a.end <= a.start || a.end > turn.text.length) return { ok: false, status: 400, errors: { end: `the span must lie inside the turn (0–${turn.text.length})` } };
  const studyCodes = new Set((await studyCodeRows(ctx.db, turn.study_id)).map((c) => c.id));
  const foreign = a.codeIds.filter((id) => !studyCodes.has(id));
  if (foreign.length) return { ok: false, status: 400, errors: { codeIds: `not codes of this study: ${foreign.join(", ")}` } };
  let added = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const codeId of new Set(a.codeIds)) {
      const id = await insertCoding(trx, { turn_id: a.turnId, code_id: codeId, coder_id: coderId, start_offset: a.start, end_offset: a.end, quote: a.quote, memo: a.memo });
      if (id !== null) added++;
    }
    await refreshSessionCodedStatus(trx, sessionId);
  });
  return { ok: true, value: { added, already: new Set(a.codeIds).size - added } };
}

/** Coders change only their own codings (an administrator any): two coders' work stays separate for the agreement table. */
async function ownCoding(ctx: Ctx, sessionId: number, codingId: number, user: { id: number; role: string }) {
  const coding = await codingWithStudy(ctx.db, codingId);
  if (!coding || coding.session_id !== sessionId) return { error: { ok: false as const, status: 404, errors: { _form: "coding not found" } } };
  if (coding.coder_id !== user.id && user.role !== "admin") return { error: { ok: false as const, status: 403, errors: { _form: "another coder's coding" } } };
  return { coding };
}

export async function removeCoding(ctx: Ctx, sessionId: number, codingId: number, user: { id: number; role: string }): Promise<FgOutcome<null>> {
  const found = await ownCoding(ctx, sessionId, codingId, user);
  if ("error" in found) return found.error!;
  await ctx.db.transaction().execute(async (trx) => {
    await deleteCodingRow(trx, codingId);
    await refreshSessionCodedStatus(trx, sessionId);
  });
  return { ok: true, value: null };
}

const codingPatch = z.object({
  quote: z.boolean().optional(),
  memo: z.preprocess((v) => (v === "" ? null : v), z.string().trim().max(4000).nullable().optional()),
});

export async function updateCoding(ctx: Ctx, sessionId: number, codingId: number, raw: unknown, user: { id: number; role: string }): Promise<FgOutcome<null>> {
  const parsed = codingPatch.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error) };
  const found = await ownCoding(ctx, sessionId, codingId, user);
  if ("error" in found) return found.error!;
  await updateCodingRow(ctx.db, codingId, parsed.data);
  return { ok: true, value: null };
}

const turnSchema = z.object({
  text: z.string().trim().min(1, "a turn cannot be empty").max(20000),
  // participant code, "moderator", or empty to keep the speaker
  speaker: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(20).optional()),
});

/**
 * Corrects a turn: its text (typos, mishearings) and, if given, its speaker. Codings on the turn
 * (every coder's) follow their words to their new place; if an edit deletes coded words, it is
 * refused and names them, so nobody's coding silently lands on other words.
 */
export async function editTurn(ctx: Ctx, sessionId: number, turnId: number, raw: unknown, userId: number): Promise<FgOutcome<{ moved: number }>> {
  const parsed = turnSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error) };
  const turn = await turnForEdit(ctx.db, turnId);
  if (!turn || turn.session_id !== sessionId) return { ok: false, status: 404, errors: { _form: "turn not found" } };
  let speaker: { speaker_kind: "participant" | "moderator"; participant_id: number | null } | null = null;
  if (parsed.data.speaker !== undefined) {
    if (parsed.data.speaker === MODERATOR) speaker = { speaker_kind: "moderator", participant_id: null };
    else {
      const participant = (await studyParticipantRows(ctx.db, turn.study_id)).find((p) => p.code === parsed.data.speaker);
      if (!participant) return { ok: false, status: 400, errors: { speaker: `no participant with code ${parsed.data.speaker}` } };
      speaker = { speaker_kind: "participant", participant_id: participant.id };
    }
  }
  const codings = await codingsOfTurn(ctx.db, turnId);
  const relocated = relocateSpans(turn.text, parsed.data.text, codings.map((c) => ({ id: c.id, start: c.start_offset, end: c.end_offset })));
  if (!relocated.ok) {
    return { ok: false, status: 409, errors: { text: `coded words would be deleted: ${relocated.lost.map((l) => `«${l.fragment}»`).join(", ")} — remove those codings first` } };
  }
  await ctx.db.transaction().execute(async (trx) => {
    // offsets first at a safe place: two codings may swap order; the unique key is per code and coder
    for (const m of relocated.moved) await moveCodingSpan(trx, m.id, m.start, m.end);
    await updateTurnText(trx, turnId, parsed.data.text, speaker);
    if (speaker?.participant_id) await addAttendee(trx, sessionId, speaker.participant_id);
  });
  await appendAudit(ctx.db, { actorUserId: userId, action: "focus-group.turn.edit", entityType: "fg_turn", entityId: turnId, details: { moved: relocated.moved.length } });
  return { ok: true, value: { moved: relocated.moved.length } };
}

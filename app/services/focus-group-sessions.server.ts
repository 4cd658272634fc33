/**
 * Focus-group sessions as the workspace shows and edits them: the study's session list and guide
 * versions, one session's details (guide, attendees, transcript, file references, memos), edits
 * of its facts and status, file references, and memos on sessions, turns and codes.
 */
import { z } from "zod";
import { appendAudit } from "../../db/queries/audit-log";
import { getSession } from "../../db/queries/focus-groups";
import {
  deleteMemoRow,
  deleteSessionFile,
  guidesOfStudy,
  insertMemo,
  insertSessionFile,
  memosOf,
  sessionAttendees,
  sessionDetail,
  sessionFiles,
  sessionList,
  staffUsers,
  updateSessionRow,
} from "../../db/queries/focus-group-workspace";
import { codeOfStudy, turnWithStudy } from "../../db/queries/focus-groups";
import { studyParticipantRows } from "../../db/queries/focus-group-study";
import { getStudy } from "../../db/queries/surveys";
import { zonedLocalToDate } from "../domain/time";
import type { AppContext } from "./context.server";
import type { FgOutcome } from "./focus-groups.server";

type Ctx = Pick<AppContext, "db">;

const fieldErrors = (error: z.ZodError) => Object.fromEntries(error.issues.map((i) => [i.path.join(".") || "_form", i.message]));
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export async function focusGroupsOverview(ctx: Ctx, studyId: number) {
  const study = await getStudy(ctx.db, studyId);
  if (!study) return null;
  const [sessions, guides, staff] = await Promise.all([sessionList(ctx.db, studyId), guidesOfStudy(ctx.db, studyId), staffUsers(ctx.db)]);
  return {
    study: { id: study.id, title: study.title },
    sessions: sessions.map((s) => ({ ...s, turns: Number(s.turns ?? 0), participants: Number(s.participants ?? 0), codings: Number(s.codings ?? 0) })),
    guides,
    staff,
  };
}

/** The study a session belongs to, or null when there is no such session. */
export async function sessionStudyId(ctx: Ctx, sessionId: number): Promise<number | null> {
  return (await getSession(ctx.db, sessionId))?.study_id ?? null;
}

export async function sessionWorkspace(ctx: Ctx, sessionId: number) {
  const session = await sessionDetail(ctx.db, sessionId);
  if (!session) return null;
  const [guides, files, attendees, staff, participants, memos] = await Promise.all([
    guidesOfStudy(ctx.db, session.study_id),
    sessionFiles(ctx.db, sessionId),
    sessionAttendees(ctx.db, sessionId),
    staffUsers(ctx.db),
    studyParticipantRows(ctx.db, session.study_id),
    memosOf(ctx.db, session.study_id, "session", [sessionId]),
  ]);
  return {
    session,
    guide: guides.find((g) => g.id === session.guide_id) ?? null,
    guides: guides.map((g) => ({ id: g.id, version: g.version, title: g.title })),
    files,
    attendees,
    staff,
    participantCodes: participants.map((p) => p.code),
    memos,
  };
}

const sessionSchema = z.object({
  title: z.string().trim().min(1).max(200),
  heldAt: z.preprocess(blankToUndefined, z.coerce.date().optional()),
  mode: z.enum(["in_person", "online"]),
  place: z.preprocess(blankToUndefined, z.string().trim().max(300).optional()),
  moderatorId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  noteTakerId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  guideId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  status: z.enum(["planned", "held", "transcribed", "coded"]),
});

/** Status follows the work (import makes it "transcribed", the first coding "coded"); here a person may still set it, but not claim a transcript that is not there. */
export async function updateSession(ctx: Ctx, sessionId: number, raw: unknown, userId: number): Promise<FgOutcome<null>> {
  const session = await sessionDetail(ctx.db, sessionId);
  if (!session) return { ok: false, status: 404, errors: { _form: "session not found" } };
  const parsed = sessionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error) };
  const s = parsed.data;
  if ((s.status === "transcribed" || s.status === "coded") && !session.transcript_format) return { ok: false, status: 400, errors: { status: "status.noTranscript" } };
  if (s.status === "planned" && session.transcript_format) return { ok: false, status: 400, errors: { status: "status.alreadyHeld" } };
  if (s.guideId !== undefined && !(await guidesOfStudy(ctx.db, session.study_id)).some((g) => g.id === s.guideId)) return { ok: false, status: 400, errors: { guideId: "not a guide of this study" } };
  await updateSessionRow(ctx.db, sessionId, {
    title: s.title,
    held_at: s.heldAt ?? null,
    mode: s.mode,
    place: s.place ?? null,
    moderator_id: s.moderatorId ?? null,
    note_taker_id: s.noteTakerId ?? null,
    guide_id: s.guideId ?? null,
    status: s.status,
  });
  await appendAudit(ctx.db, { actorUserId: userId, action: "focus-group.session.update", entityType: "fg_session", entityId: sessionId });
  return { ok: true, value: null };
}

const fileSchema = z.object({
  kind: z.enum(["recording", "consent_scans", "other"]),
  // a reference (archive shelf, storage path, URL), not the file: recordings stay in the centre's archive
  reference: z.string().trim().min(1).max(500),
  note: z.preprocess(blankToUndefined, z.string().trim().max(500).optional()),
});

export async function addSessionFile(ctx: Ctx, sessionId: number, raw: unknown): Promise<FgOutcome<number>> {
  if (!(await getSession(ctx.db, sessionId))) return { ok: false, status: 404, errors: { _form: "session not found" } };
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error) };
  return { ok: true, value: await insertSessionFile(ctx.db, { session_id: sessionId, kind: parsed.data.kind, reference: parsed.data.reference, note: parsed.data.note ?? null }) };
}

export async function removeSessionFile(ctx: Ctx, sessionId: number, fileId: number): Promise<FgOutcome<null>> {
  return (await deleteSessionFile(ctx.db, sessionId, fileId)) ? { ok: true, value: null } : { ok: false, status: 404, errors: { _form: "file not found" } };
}

const memoSchema = z.object({
  targetKind: z.enum(["code", "turn", "session"]),
  targetId: z.coerce.number().int().positive(),
  text: z.string().trim().min(1).max(8000),
});

/** A memo belongs to the study of its target; a target of another study is refused. */
export async function addMemo(ctx: Ctx, studyId: number, raw: unknown, authorId: number): Promise<FgOutcome<number>> {
  const parsed = memoSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error) };
  const m = parsed.data;
  const targetStudy =
    m.targetKind === "session" ? (await getSession(ctx.db, m.targetId))?.study_id : m.targetKind === "turn" ? (await turnWithStudy(ctx.db, m.targetId))?.study_id : (await codeOfStudy(ctx.db, m.targetId))?.study_id;
  if (targetStudy !== studyId) return { ok: false, status: 404, errors: { targetId: "no such record in this study" } };
  return { ok: true, value: await insertMemo(ctx.db, { study_id: studyId, target_kind: m.targetKind, target_id: m.targetId, author_id: authorId, text: m.text }) };
}

/** Authors delete their own memos; an administrator any. */
export async function deleteMemo(ctx: Ctx, studyId: number, memoId: number, user: { id: number; role: string }): Promise<FgOutcome<null>> {
  const done = await deleteMemoRow(ctx.db, studyId, memoId, user.role === "admin" ? null : user.id);
  return done ? { ok: true, value: null } : { ok: false, status: 404, errors: { _form: "memo not found or not yours" } };
}

export async function studyGuides(ctx: Ctx, studyId: number) {
  return guidesOfStudy(ctx.db, studyId);
}

/** A form's datetime-local "heldAt" is wall-clock time in the region, not on the server. */
export function regionTime(fields: Record<string, string | boolean>, timeZone: string) {
  const held = fields.heldAt;
  if (typeof held === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(held)) return { ...fields, heldAt: zonedLocalToDate(held, timeZone)?.toISOString() ?? held };
  return fields;
}

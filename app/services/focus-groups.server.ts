/**
 * Focus-group records: sessions, versioned discussion guides, pseudonymous participants with
 * consent (a name or contact, if given, goes to the restricted identities table only), transcript
 * import (plain, WebVTT, SRT; any encoding the pure reader accepts) all or nothing, withdrawal
 * with everything the participant said, and codings checked against the text they code.
 */
import { isStorableText } from "../domain/storable-text";
import { z } from "zod";
import { appendAudit } from "../../db/queries/audit-log";
import {
  codeOfStudy,
  codingsOfSession,
  deleteParticipant,
  getSession,
  insertCode,
  insertCoding,
  insertGuide,
  insertParticipant,
  insertSession,
  nextGuideVersion,
  participantByCode,
  replaceTranscript,
  studyParticipants,
  turnWithStudy,
  updateParticipantRows,
} from "../../db/queries/focus-groups";
import { guidesOfStudy, refreshSessionCodedStatus } from "../../db/queries/focus-group-workspace";
import { getStudy } from "../../db/queries/surveys";
import { formatProblem, importTranscript, MODERATOR, type TranscriptFormat } from "../domain/focus-groups";
import type { AppContext } from "./context.server";

export type FgOutcome<T> = { ok: true; value: T } | { ok: false; status: number; errors: Record<string, string> | string[] };

const fieldErrors = (error: z.ZodError) => Object.fromEntries(error.issues.map((i) => [i.path.join(".") || "_form", i.message]));
const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => z.preprocess((v) => (v === "" ? undefined : v), text(max).optional());

const sessionSchema = z.object({
  title: text(200).min(1),
  heldAt: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.date().optional()),
  mode: z.enum(["in_person", "online"]),
  place: optionalText(300),
  // a form's "—" option sends an empty string: no one chosen
  moderatorId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
  noteTakerId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
  guideId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
});

export async function createSession(ctx: Pick<AppContext, "db">, studyId: number, raw: unknown, userId: number): Promise<FgOutcome<number>> {
  if (!(await getStudy(ctx.db, studyId))) return { ok: false, status: 404, errors: { _form: "study not found" } };
  const parsed = sessionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error) };
  const s = parsed.data;
  if (s.guideId !== undefined && !(await guidesOfStudy(ctx.db, studyId)).some((g) => g.id === s.guideId)) return { ok: false, status: 400, errors: { guideId: "not a guide of this study" } };
  const id = await insertSession(ctx.db, { study_id: studyId, title: s.title, held_at: s.heldAt ?? null, mode: s.mode, place: s.place ?? null, moderator_id: s.moderatorId ?? null, note_taker_id: s.noteTakerId ?? null, guide_id: s.guideId ?? null });
  await appendAudit(ctx.db, { actorUserId: userId, action: "focus-group.session.create", entityType: "fg_session", entityId: id });
  return { ok: true, value: id };
}

const guideSchema = z.object({
  title: text(200).min(1),
  sections: z.array(z.object({ title: text(300).min(1), questions: z.array(text(2000).min(1)).max(200) })).min(1).max(50),
});

/** A new version of the study's discussion guide (earlier versions stay as they were used). */
export async function saveGuide(ctx: Pick<AppContext, "db">, studyId: number, raw: unknown, userId: number): Promise<FgOutcome<{ id: number; version: number }>> {
  if (!(await getStudy(ctx.db, studyId))) return { ok: false, status: 404, errors: { _form: "study not found" } };
  const parsed = guideSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error) };
  const version = await nextGuideVersion(ctx.db, studyId);
  const id = await insertGuide(ctx.db, { study_id: studyId, version, ...parsed.data, created_by: userId });
  return { ok: true, value: { id, version } };
}

const participantSchema = z.object({
  code: z.string().trim().regex(/^[A-Za-zА-Яа-я0-9._-]{1,20}$/, "1–20 letters, digits, dot, dash or underscore (a pseudonym such as P01)"),
  sex: optionalText(40),
  ageBand: optionalText(40),
  territoryId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
  occupation: optionalText(200),
  attributes: z.record(text(200)).default({}),
  screener: z.record(text(2000)).default({}),
  consent: z.object({
    formVersion: text(60).min(1),
    givenOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD"),
    recording: z.boolean(),
    quoting: z.boolean(),
    sharing: z.boolean(),
  }),
  identity: z.object({ name: optionalText(200), contact: optionalText(200) }).optional(),
});

/** A participant with their consent, in one transaction; the code is unique in the study. */
export async function addParticipant(ctx: Pick<AppContext, "db">, studyId: number, raw: unknown, userId: number): Promise<FgOutcome<number>> {
  if (!(await getStudy(ctx.db, studyId))) return { ok: false, status: 404, errors: { _form: "study not found" } };
  const parsed = participantSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error) };
  const p = parsed.data;
  if (await participantByCode(ctx.db, studyId, p.code)) return { ok: false, status: 400, errors: { code: "this code is already used in the study" } };
  const id = await ctx.db.transaction().execute((trx) =>
    insertParticipant(
      trx,
      { study_id: studyId, code: p.code, sex: p.sex ?? null, age_band: p.ageBand ?? null, territory_id: p.territoryId ?? null, occupation: p.occupation ?? null, attributes: p.attributes, screener: p.screener },
      { form_version: p.consent.formVersion, given_on: p.consent.givenOn, recording: p.consent.recording, quoting: p.consent.quoting, sharing: p.consent.sharing },
      p.identity ? { name: p.identity.name ?? null, contact: p.identity.contact ?? null } : null,
    ),
  );
  // the audit log names the pseudonym only
  await appendAudit(ctx.db, { actorUserId: userId, action: "focus-group.participant.add", entityType: "fg_participant", entityId: id, details: { code: p.code } });
  return { ok: true, value: id };
}

/**
 * Corrects a participant's attributes, screener answers or consent record (a participant may narrow
 * their consent, say to no quoting, without withdrawing). The code stays: transcripts name it.
 */
export async function updateParticipant(ctx: Pick<AppContext, "db">, studyId: number, participantId: number, raw: unknown, userId: number): Promise<FgOutcome<null>> {
  const parsed = participantSchema.omit({ code: true, identity: true }).safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error) };
  const p = parsed.data;
  const done = await ctx.db.transaction().execute((trx) =>
    updateParticipantRows(
      trx,
      studyId,
      participantId,
      { sex: p.sex ?? null, age_band: p.ageBand ?? null, territory_id: p.territoryId ?? null, occupation: p.occupation ?? null, attributes: p.attributes, screener: p.screener },
      { form_version: p.consent.formVersion, given_on: p.consent.givenOn, recording: p.consent.recording, quoting: p.consent.quoting, sharing: p.consent.sharing },
    ),
  );
  if (!done) return { ok: false, status: 404, errors: { _form: "participant not found" } };
  await appendAudit(ctx.db, { actorUserId: userId, action: "focus-group.participant.update", entityType: "fg_participant", entityId: participantId });
  return { ok: true, value: null };
}

/** Consent withdrawn: the participant goes, with their consent, identity, turns and codings. */
export async function withdrawParticipant(ctx: Pick<AppContext, "db">, studyId: number, participantId: number, userId: number): Promise<FgOutcome<{ code: string }>> {
  const gone = await deleteParticipant(ctx.db, studyId, participantId);
  if (!gone) return { ok: false, status: 404, errors: { _form: "participant not found" } };
  await appendAudit(ctx.db, { actorUserId: userId, action: "focus-group.participant.withdraw", entityType: "fg_participant", entityId: participantId, details: { code: gone.code } });
  return { ok: true, value: { code: gone.code } };
}

/**
 * Imports a session's transcript: every speaker label must be mapped to a participant code of the
 * study or to the moderator; any problem refuses the whole file with its line numbers, nothing is
 * stored. A transcript already coded is not replaced (its codings would point at text that moved).
 */
export async function importSessionTranscript(
  ctx: Pick<AppContext, "db">,
  sessionId: number,
  input: { bytes: Uint8Array; fileName?: string; format?: TranscriptFormat; speakerMap: Record<string, string>; locale: "ru" | "en" },
  userId: number,
): Promise<FgOutcome<{ turns: number; format: string; encoding: string; warnings: string[] }>> {
  const session = await getSession(ctx.db, sessionId);
  if (!session) return { ok: false, status: 404, errors: ["session not found"] };
  if (input.bytes.byteLength > 5 * 1024 * 1024) return { ok: false, status: 413, errors: [input.locale === "ru" ? "Файл больше 5 МБ." : "The file is over 5 MB."] };
  if ((await codingsOfSession(ctx.db, sessionId)) > 0) {
    return { ok: false, status: 409, errors: [input.locale === "ru" ? "Расшифровка уже закодирована: сначала удалите кодировки." : "The transcript is already coded: delete its codings first."] };
  }
  const participants = new Map((await studyParticipants(ctx.db, session.study_id)).map((p) => [p.code, p.id]));
  const unknownTargets = Object.entries(input.speakerMap).filter(([, target]) => target !== MODERATOR && !participants.has(target));
  if (unknownTargets.length) {
    return { ok: false, status: 400, errors: unknownTargets.map(([label, target]) => (input.locale === "ru" ? `«${label}»: нет участника с кодом ${target}` : `“${label}”: no participant with code ${target}`)) };
  }
  const read = importTranscript({ bytes: input.bytes, fileName: input.fileName, format: input.format, speakerMap: input.speakerMap });
  if (!read.ok) return { ok: false, status: 400, errors: read.errors.map((e) => formatProblem(e, input.locale)) };
  // PostgreSQL keeps no NUL and no lone surrogate: refuse the file rather than fail the insert
  const unstorable = read.turns.findIndex((t) => !isStorableText(t.text) || !isStorableText(t.speakerLabel));
  if (unstorable >= 0) {
    return { ok: false, status: 400, errors: [input.locale === "ru" ? `Реплика ${unstorable + 1}: символ, который нельзя сохранить (NUL или испорченный символ).` : `Turn ${unstorable + 1}: a character that cannot be stored (a NUL or a broken character).`] };
  }
  const targetOf = new Map(read.speakers.map((s) => [s.label, s.mappedTo]));
  const turns = read.turns.map((t) => {
    const target = targetOf.get(t.speakerLabel) ?? null;
    const kind = target === null ? ("unmapped" as const) : target === MODERATOR ? ("moderator" as const) : ("participant" as const);
    return { idx: t.index, speaker_kind: kind, participant_id: kind === "participant" ? participants.get(target!)! : null, speaker_label: t.speakerLabel, text: t.text, start_ms: t.startMs, end_ms: t.endMs };
  });
  await ctx.db.transaction().execute((trx) => replaceTranscript(trx, sessionId, { format: read.format, encoding: read.encoding, file_name: input.fileName ?? null, imported_by: userId }, turns));
  return { ok: true, value: { turns: turns.length, format: read.format, encoding: read.encoding, warnings: read.warnings.map((w) => formatProblem(w, input.locale)) } };
}

export async function addCode(ctx: Pick<AppContext, "db">, studyId: number, input: { name: string; parentId?: number | null; definition?: string | null; colour?: string }) {
  return insertCode(ctx.db, { study_id: studyId, parent_id: input.parentId ?? null, name: input.name, definition: input.definition ?? null, ...(input.colour ? { colour: input.colour } : {}) });
}

const codingSchema = z.object({
  turnId: z.number().int().positive(),
  codeId: z.number().int().positive(),
  start: z.number().int().min(0),
  end: z.number().int().positive(),
  quote: z.boolean().default(false),
  memo: z.string().trim().max(4000).nullable().default(null),
});

/** Applies a code to a span of a turn; the span must lie inside the turn's text and the code belong to its study. */
export async function codeSpan(ctx: Pick<AppContext, "db">, raw: unknown, coderId: number): Promise<FgOutcome<number | null>> {
  const parsed = codingSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error) };
  const c = parsed.data;
  const turn = await turnWithStudy(ctx.db, c.turnId);
  if (!turn) return { ok: false, status: 404, errors: { turnId: "the turn is gone (the transcript was replaced or the participant withdrew)" } };
  const code = await codeOfStudy(ctx.db, c.codeId);
  if (!code || code.study_id !== turn.study_id) return { ok: false, status: 400, errors: { codeId: "not a code of this study" } };
  if (c.end <= c.start || c.end > turn.text.length) return { ok: false, status: 400, errors: { end: `the span must lie inside the turn (0–${turn.text.length})` } };
  const id = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertCoding(trx, { turn_id: c.turnId, code_id: c.codeId, coder_id: coderId, start_offset: c.start, end_offset: c.end, quote: c.quote, memo: c.memo });
    await refreshSessionCodedStatus(trx, turn.session_id);
    return inserted;
  });
  return { ok: true, value: id };
}

/**
 * The focus-group workspace's reads and edits: session list and detail, attached file references,
 * guides, memos, turn edits, codings of one coder, and codebook edits (rename, move, merge).
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function sessionList(db: Db, studyId: number) {
  return db
    .selectFrom("fg_sessions as s")
    .leftJoin("users as m", "m.id", "s.moderator_id")
    .select((eb) => [
      "s.id",
      "s.title",
      "s.held_at",
      "s.mode",
      "s.place",
      "s.status",
      "m.display_name as moderator",
      eb.selectFrom("fg_turns as t").whereRef("t.session_id", "=", "s.id").select((e) => e.fn.countAll<number>().as("n")).as("turns"),
      eb.selectFrom("fg_session_participants as sp").whereRef("sp.session_id", "=", "s.id").select((e) => e.fn.countAll<number>().as("n")).as("participants"),
      eb
        .selectFrom("fg_codings as c")
        .innerJoin("fg_turns as t", "t.id", "c.turn_id")
        .whereRef("t.session_id", "=", "s.id")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("codings"),
    ])
    .where("s.study_id", "=", studyId)
    .orderBy("s.held_at", (ob) => ob.asc().nullsLast())
    .orderBy("s.id")
    .execute();
}

export async function sessionDetail(db: Db, id: number) {
  return db
    .selectFrom("fg_sessions as s")
    .innerJoin("studies as st", "st.id", "s.study_id")
    .leftJoin("fg_transcripts as tr", "tr.session_id", "s.id")
    .select([
      "s.id",
      "s.study_id",
      "st.title as study_title",
      "s.title",
      "s.held_at",
      "s.mode",
      "s.place",
      "s.status",
      "s.moderator_id",
      "s.note_taker_id",
      "s.guide_id",
      "tr.format as transcript_format",
      "tr.encoding as transcript_encoding",
      "tr.file_name as transcript_file",
      "tr.imported_at as transcript_imported_at",
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
}

export async function updateSessionRow(
  db: Db,
  id: number,
  row: { title: string; held_at: Date | null; mode: "in_person" | "online"; place: string | null; moderator_id: number | null; note_taker_id: number | null; guide_id: number | null; status: "planned" | "held" | "transcribed" | "coded" },
) {
  return db.updateTable("fg_sessions").set({ ...row, updated_at: new Date() }).where("id", "=", id).executeTakeFirst();
}

export async function sessionFiles(db: Db, sessionId: number) {
  return db.selectFrom("fg_session_files").select(["id", "kind", "reference", "note"]).where("session_id", "=", sessionId).orderBy("id").execute();
}

export async function insertSessionFile(db: Db, row: { session_id: number; kind: "recording" | "consent_scans" | "other"; reference: string; note: string | null }) {
  return (await db.insertInto("fg_session_files").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

export async function deleteSessionFile(db: Db, sessionId: number, fileId: number) {
  return (await db.deleteFrom("fg_session_files").where("id", "=", fileId).where("session_id", "=", sessionId).executeTakeFirst()).numDeletedRows > 0n;
}

export async function sessionAttendees(db: Db, sessionId: number) {
  return db
    .selectFrom("fg_session_participants as sp")
    .innerJoin("fg_participants as p", "p.id", "sp.participant_id")
    .select(["p.id", "p.code"])
    .where("sp.session_id", "=", sessionId)
    .orderBy("p.code")
    .execute();
}

export async function guidesOfStudy(db: Db, studyId: number) {
  return db
    .selectFrom("fg_guides as g")
    .leftJoin("users as u", "u.id", "g.created_by")
    .select(["g.id", "g.version", "g.title", "g.sections", "g.created_at", "u.display_name as author"])
    .where("g.study_id", "=", studyId)
    .orderBy("g.version", "desc")
    .execute();
}

/** Users who may moderate or code: everyone but page administrators. */
export async function staffUsers(db: Db) {
  return db.selectFrom("users").select(["id", "display_name"]).where("role", "in", ["admin", "sociologist", "analyst"]).orderBy("display_name").execute();
}

export async function memosOf(db: Db, studyId: number, targetKind: "code" | "turn" | "session", targetIds: readonly number[]) {
  if (targetIds.length === 0) return [];
  return db
    .selectFrom("fg_memos as m")
    .leftJoin("users as u", "u.id", "m.author_id")
    .select(["m.id", "m.target_kind", "m.target_id", "m.text", "m.created_at", "m.author_id", "u.display_name as author"])
    .where("m.study_id", "=", studyId)
    .where("m.target_kind", "=", targetKind)
    .where("m.target_id", "in", targetIds)
    .orderBy("m.created_at")
    .execute();
}

export async function insertMemo(db: Db, row: { study_id: number; target_kind: "code" | "turn" | "session"; target_id: number; author_id: number; text: string }) {
  return (await db.insertInto("fg_memos").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

export async function deleteMemoRow(db: Db, studyId: number, memoId: number, authorId: number | null) {
  let q = db.deleteFrom("fg_memos").where("id", "=", memoId).where("study_id", "=", studyId);
  if (authorId !== null) q = q.where("author_id", "=", authorId);
  return (await q.executeTakeFirst()).numDeletedRows > 0n;
}

/** Memos point at their target by id without a foreign key (three kinds of target): drop them with it. */
export async function deleteMemosOf(db: Db, targetKind: "code" | "turn" | "session", targetIds: readonly number[]) {
  if (targetIds.length === 0) return;
  await db.deleteFrom("fg_memos").where("target_kind", "=", targetKind).where("target_id", "in", targetIds).execute();
}

export async function turnForEdit(db: Db, turnId: number) {
  return db
    .selectFrom("fg_turns as t")
    .innerJoin("fg_sessions as s", "s.id", "t.session_id")
    .select(["t.id", "t.session_id", "s.study_id", "t.text", "t.speaker_kind", "t.participant_id", "t.start_ms", "t.end_ms"])
    .where("t.id", "=", turnId)
    .executeTakeFirst();
}

export async function codingsOfTurn(db: Db, turnId: number) {
  return db.selectFrom("fg_codings").select(["id", "code_id", "coder_id", "start_offset", "end_offset"]).where("turn_id", "=", turnId).execute();
}

export async function updateTurnText(trx: Transaction<DB>, turnId: number, text: string, speaker: { speaker_kind: "participant" | "moderator"; participant_id: number | null } | null) {
  await trx
    .updateTable("fg_turns")
    .set({ text, ...(speaker ?? {}) })
    .where("id", "=", turnId)
    .execute();
}

export async function addAttendee(db: Db, sessionId: number, participantId: number) {
  await db.insertInto("fg_session_participants").values({ session_id: sessionId, participant_id: participantId }).onConflict((oc) => oc.doNothing()).execute();
}

export async function moveCodingSpan(trx: Transaction<DB>, codingId: number, start: number, end: number) {
  await trx.updateTable("fg_codings").set({ start_offset: start, end_offset: end }).where("id", "=", codingId).execute();
}

export async function codingWithStudy(db: Db, codingId: number) {
  return db
    .selectFrom("fg_codings as c")
    .innerJoin("fg_turns as t", "t.id", "c.turn_id")
    .innerJoin("fg_sessions as s", "s.id", "t.session_id")
    .select(["c.id", "c.coder_id", "c.quote", "c.memo", "t.session_id", "s.study_id"])
    .where("c.id", "=", codingId)
    .executeTakeFirst();
}

export async function deleteCodingRow(db: Db, codingId: number) {
  await db.deleteFrom("fg_codings").where("id", "=", codingId).execute();
}

export async function updateCodingRow(db: Db, codingId: number, patch: { quote?: boolean; memo?: string | null }) {
  await db.updateTable("fg_codings").set(patch).where("id", "=", codingId).execute();
}

/** After the first coding a transcribed session counts as coded; the last one removed takes it back. */
export async function refreshSessionCodedStatus(db: Db, sessionId: number) {
  await sql`
    update fg_sessions s set status = case when exists (
        select 1 from fg_codings c join fg_turns t on t.id = c.turn_id where t.session_id = s.id
      ) then 'coded' else 'transcribed' end, updated_at = now()
    where s.id = ${sessionId} and s.status in ('transcribed', 'coded')`.execute(db);
}

export async function codeUsage(db: Db, studyId: number) {
  return db
    .selectFrom("fg_codes as k")
    .leftJoin("fg_codings as c", "c.code_id", "k.id")
    .select((eb) => ["k.id", eb.fn.count<number>("c.id").as("codings"), eb.fn.count<number>("c.coder_id").distinct().as("coders")])
    .where("k.study_id", "=", studyId)
    .groupBy("k.id")
    .execute();
}

export async function updateCodeRow(db: Db, codeId: number, patch: { name?: string; definition?: string | null; colour?: string; parent_id?: number | null }) {
  await db.updateTable("fg_codes").set(patch).where("id", "=", codeId).execute();
}

export async function deleteCodeRow(db: Db, codeId: number) {
  await db.deleteFrom("fg_codes").where("id", "=", codeId).execute();
}

/**
 * Merge in SQL, as the pure mergeCodes decides it: codings of `fromId` move to `intoId` unless the
 * same coder already coded the same span with `intoId` (then the duplicate goes, its memo appended
 * to the kept one), subcodes move under `intoId`, and `fromId` is deleted.
 */
export async function mergeCodeRows(trx: Transaction<DB>, fromId: number, intoId: number) {
  await sql`
    update fg_codings k
    set memo = case when d.memo is distinct from k.memo then nullif(concat_ws(E'\n\n', nullif(k.memo, ''), nullif(d.memo, '')), '') else k.memo end,
        quote = k.quote or d.quote
    from fg_codings d
    where d.code_id = ${fromId} and k.code_id = ${intoId} and k.turn_id = d.turn_id and k.coder_id = d.coder_id
      and k.start_offset = d.start_offset and k.end_offset = d.end_offset`.execute(trx);
  const collapsed = await sql`
    delete from fg_codings d using fg_codings k
    where d.code_id = ${fromId} and k.code_id = ${intoId} and k.turn_id = d.turn_id and k.coder_id = d.coder_id
      and k.start_offset = d.start_offset and k.end_offset = d.end_offset`.execute(trx);
  await trx.updateTable("fg_codings").set({ code_id: intoId }).where("code_id", "=", fromId).execute();
  await trx.updateTable("fg_codes").set({ parent_id: intoId }).where("parent_id", "=", fromId).execute();
  await trx.updateTable("fg_memos").set({ target_id: intoId }).where("target_kind", "=", "code").where("target_id", "=", fromId).execute();
  await trx.deleteFrom("fg_codes").where("id", "=", fromId).execute();
  return Number(collapsed.numAffectedRows ?? 0n);
}

export async function participantTurnCounts(db: Db, studyId: number) {
  return db
    .selectFrom("fg_turns as t")
    .innerJoin("fg_participants as p", "p.id", "t.participant_id")
    .select((eb) => ["t.participant_id", eb.fn.countAll<number>().as("n")])
    .where("p.study_id", "=", studyId)
    .groupBy("t.participant_id")
    .execute();
}

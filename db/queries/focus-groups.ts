/** Focus-group records (migration 0008). Identities (fg_participant_identities) are written here and read by nothing that exports. */
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function insertSession(db: Db, row: { study_id: number; title: string; held_at: Date | null; mode: "in_person" | "online"; place: string | null; moderator_id: number | null; note_taker_id: number | null; guide_id: number | null }) {
  return (await db.insertInto("fg_sessions").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

export async function getSession(db: Db, id: number) {
  return db.selectFrom("fg_sessions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function nextGuideVersion(db: Db, studyId: number) {
  const row = await db.selectFrom("fg_guides").select((eb) => eb.fn.max("version").as("v")).where("study_id", "=", studyId).executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

export async function insertGuide(db: Db, row: { study_id: number; version: number; title: string; sections: Array<{ title: string; questions: string[] }>; created_by: number | null }) {
  return (await db.insertInto("fg_guides").values({ ...row, sections: JSON.stringify(row.sections) }).returning("id").executeTakeFirstOrThrow()).id;
}

export async function participantByCode(db: Db, studyId: number, code: string) {
  return db.selectFrom("fg_participants").select(["id", "code"]).where("study_id", "=", studyId).where("code", "=", code).executeTakeFirst();
}

export async function studyParticipants(db: Db, studyId: number) {
  return db.selectFrom("fg_participants").select(["id", "code", "sex", "age_band", "territory_id", "occupation", "attributes"]).where("study_id", "=", studyId).orderBy("code").execute();
}

export async function insertParticipant(
  trx: Transaction<DB>,
  row: { study_id: number; code: string; sex: string | null; age_band: string | null; territory_id: number | null; occupation: string | null; attributes: Record<string, string>; screener: Record<string, string> },
  consent: { form_version: string; given_on: string; recording: boolean; quoting: boolean; sharing: boolean },
  identity: { name: string | null; contact: string | null } | null,
) {
  const { id } = await trx
    .insertInto("fg_participants")
    .values({ ...row, attributes: JSON.stringify(row.attributes), screener: JSON.stringify(row.screener) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx.insertInto("fg_consents").values({ ...consent, participant_id: id }).execute();
  if (identity && (identity.name || identity.contact)) await trx.insertInto("fg_participant_identities").values({ participant_id: id, ...identity }).execute();
  return id;
}

/** A participant's attributes and consent, in the caller's transaction; false when not in the study. */
export async function updateParticipantRows(
  trx: Transaction<DB>,
  studyId: number,
  id: number,
  row: { sex: string | null; age_band: string | null; territory_id: number | null; occupation: string | null; attributes: Record<string, string>; screener: Record<string, string> },
  consent: { form_version: string; given_on: string; recording: boolean; quoting: boolean; sharing: boolean },
) {
  const updated = await trx
    .updateTable("fg_participants")
    .set({ ...row, attributes: JSON.stringify(row.attributes), screener: JSON.stringify(row.screener) })
    .where("id", "=", id)
    .where("study_id", "=", studyId)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) return false;
  const consentUpdated = await trx.updateTable("fg_consents").set(consent).where("participant_id", "=", id).executeTakeFirst();
  if (consentUpdated.numUpdatedRows === 0n) await trx.insertInto("fg_consents").values({ ...consent, participant_id: id }).execute();
  return true;
}

/** Withdrawal: the participant with their consent, identity, turns and codings (foreign keys cascade). */
export async function deleteParticipant(db: Db, studyId: number, id: number) {
  return db.deleteFrom("fg_participants").where("id", "=", id).where("study_id", "=", studyId).returning(["id", "code"]).executeTakeFirst();
}

export async function codingsOfSession(db: Db, sessionId: number) {
  const row = await db
    .selectFrom("fg_codings as c")
    .innerJoin("fg_turns as t", "t.id", "c.turn_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("t.session_id", "=", sessionId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function replaceTranscript(
  trx: Transaction<DB>,
  sessionId: number,
  transcript: { format: string; encoding: string; file_name: string | null; imported_by: number | null },
  turns: Array<{ idx: number; speaker_kind: "participant" | "moderator" | "unmapped"; participant_id: number | null; speaker_label: string; text: string; start_ms: number | null; end_ms: number | null }>,
) {
  await trx.deleteFrom("fg_turns").where("session_id", "=", sessionId).execute();
  await trx.deleteFrom("fg_transcripts").where("session_id", "=", sessionId).execute();
  await trx.insertInto("fg_transcripts").values({ session_id: sessionId, ...transcript }).execute();
  for (let i = 0; i < turns.length; i += 500) await trx.insertInto("fg_turns").values(turns.slice(i, i + 500).map((t) => ({ ...t, session_id: sessionId }))).execute();
  const attended = [...new Set(turns.map((t) => t.participant_id).filter((id): id is number => id !== null))];
  if (attended.length) {
    await trx
      .insertInto("fg_session_participants")
      .values(attended.map((participant_id) => ({ session_id: sessionId, participant_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await trx.updateTable("fg_sessions").set({ status: "transcribed", updated_at: new Date() }).where("id", "=", sessionId).where("status", "in", ["planned", "held"]).execute();
}

export async function sessionTurns(db: Db, sessionId: number) {
  return db
    .selectFrom("fg_turns as t")
    .leftJoin("fg_participants as p", "p.id", "t.participant_id")
    .select(["t.id", "t.idx", "t.speaker_kind", "p.code as participant_code", "t.text", "t.start_ms", "t.end_ms"])
    .where("t.session_id", "=", sessionId)
    .orderBy("t.idx")
    .execute();
}

export async function turnWithStudy(db: Db, turnId: number) {
  return db
    .selectFrom("fg_turns as t")
    .innerJoin("fg_sessions as s", "s.id", "t.session_id")
    .select(["t.id", "t.text", "t.session_id", "s.study_id"])
    .where("t.id", "=", turnId)
    .executeTakeFirst();
}

export async function codeOfStudy(db: Db, codeId: number) {
  return db.selectFrom("fg_codes").select(["id", "study_id"]).where("id", "=", codeId).executeTakeFirst();
}

export async function insertCode(db: Db, row: { study_id: number; parent_id: number | null; name: string; definition: string | null; colour?: string }) {
  return (await db.insertInto("fg_codes").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

export async function insertCoding(db: Db, row: { turn_id: number; code_id: number; coder_id: number; start_offset: number; end_offset: number; quote: boolean; memo: string | null }) {
  return (await db.insertInto("fg_codings").values(row).onConflict((oc) => oc.doNothing()).returning("id").executeTakeFirst())?.id ?? null;
}

/**
 * Everything a study's focus-group analysis and exports read, in a handful of queries: sessions,
 * turns, participants (pseudonymous: the identities table is never joined), the codebook, codings
 * and the coders who made them. No names or contacts leave here.
 */
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function studySessionRows(db: Db, studyId: number) {
  return db
    .selectFrom("fg_sessions")
    .select(["id", "title", "held_at", "mode", "place", "status", "moderator_id", "note_taker_id", "guide_id"])
    .where("study_id", "=", studyId)
    .orderBy("held_at", (ob) => ob.asc().nullsLast())
    .orderBy("id")
    .execute();
}

export async function studyTurnRows(db: Db, studyId: number, sessionId?: number) {
  let q = db
    .selectFrom("fg_turns as t")
    .innerJoin("fg_sessions as s", "s.id", "t.session_id")
    .leftJoin("fg_participants as p", "p.id", "t.participant_id")
    .select(["t.id", "t.session_id", "t.idx", "t.speaker_kind", "t.speaker_label", "p.code as participant_code", "t.text", "t.start_ms", "t.end_ms"])
    .where("s.study_id", "=", studyId);
  if (sessionId !== undefined) q = q.where("t.session_id", "=", sessionId);
  return q.orderBy("t.session_id").orderBy("t.idx").execute();
}

export async function studyParticipantRows(db: Db, studyId: number) {
  return db
    .selectFrom("fg_participants as p")
    .leftJoin("territories as tr", "tr.id", "p.territory_id")
    .leftJoin("fg_consents as c", "c.participant_id", "p.id")
    .select([
      "p.id",
      "p.code",
      "p.sex",
      "p.age_band",
      "p.territory_id",
      "tr.name_ru as territory_name",
      "p.occupation",
      "p.attributes",
      "p.screener",
      "c.form_version",
      "c.given_on",
      "c.recording",
      "c.quoting",
      "c.sharing",
    ])
    .where("p.study_id", "=", studyId)
    .orderBy("p.code")
    .execute();
}

export async function studyCodeRows(db: Db, studyId: number) {
  return db
    .selectFrom("fg_codes")
    .select(["id", "parent_id", "name", "definition", "colour", "guid"])
    .where("study_id", "=", studyId)
    .orderBy("parent_id", (ob) => ob.asc().nullsFirst())
    .orderBy("name")
    .execute();
}

export async function studyCodingRows(db: Db, studyId: number, filter: { sessionId?: number; coderId?: number } = {}) {
  let q = db
    .selectFrom("fg_codings as c")
    .innerJoin("fg_turns as t", "t.id", "c.turn_id")
    .innerJoin("fg_sessions as s", "s.id", "t.session_id")
    .select(["c.id", "c.turn_id", "t.session_id", "t.idx as turn_idx", "c.code_id", "c.coder_id", "c.start_offset", "c.end_offset", "c.quote", "c.memo"])
    .where("s.study_id", "=", studyId);
  if (filter.sessionId !== undefined) q = q.where("t.session_id", "=", filter.sessionId);
  if (filter.coderId !== undefined) q = q.where("c.coder_id", "=", filter.coderId);
  return q.orderBy("t.session_id").orderBy("t.idx").orderBy("c.start_offset").orderBy("c.id").execute();
}

/** Users who coded anything in the study, with how many codings each made. */
export async function studyCoderRows(db: Db, studyId: number) {
  return db
    .selectFrom("fg_codings as c")
    .innerJoin("fg_turns as t", "t.id", "c.turn_id")
    .innerJoin("fg_sessions as s", "s.id", "t.session_id")
    .innerJoin("users as u", "u.id", "c.coder_id")
    .select((eb) => ["u.id", "u.display_name", eb.fn.countAll<number>().as("codings")])
    .where("s.study_id", "=", studyId)
    .groupBy(["u.id", "u.display_name"])
    .orderBy("u.display_name")
    .execute();
}

/**
 * Focus groups (RESEARCH.md "Focus groups"): sessions inside a study with a versioned discussion
 * guide, pseudonymous participants with consent records (names and contacts, if kept at all, sit
 * in fg_participant_identities, which no export reads), transcripts as turns, a hierarchical
 * codebook, codings of spans of turns by several coders, memos. Withdrawing a participant deletes
 * them with their turns and codings (foreign keys cascade).
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("fg_guides")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("study_id", "integer", (c) => c.notNull().references("studies.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    /** [{ title, questions: [text] }] */
    .addColumn("sections", "jsonb", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("fg_guides_version_key", ["study_id", "version"])
    .execute();

  await db.schema
    .createTable("fg_sessions")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("study_id", "integer", (c) => c.notNull().references("studies.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("held_at", "timestamptz")
    .addColumn("mode", "text", (c) => c.notNull().check(sql`mode in ('in_person','online')`))
    .addColumn("place", "text")
    .addColumn("moderator_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("note_taker_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("guide_id", "integer", (c) => c.references("fg_guides.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned").check(sql`status in ('planned','held','transcribed','coded')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  /** references to files kept elsewhere (a recording on the centre's storage, consent scans) */
  await db.schema
    .createTable("fg_session_files")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("session_id", "integer", (c) => c.notNull().references("fg_sessions.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('recording','consent_scans','other')`))
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .execute();

  await db.schema
    .createTable("fg_participants")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("study_id", "integer", (c) => c.notNull().references("studies.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull().check(sql`code ~ '^[A-Za-zА-Яа-я0-9._-]{1,20}$'`))
    .addColumn("sex", "text")
    .addColumn("age_band", "text")
    .addColumn("territory_id", "integer", (c) => c.references("territories.id").onDelete("set null"))
    .addColumn("occupation", "text")
    /** free attributes: { key: value } */
    .addColumn("attributes", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    /** screener answers: { question: answer } */
    .addColumn("screener", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("fg_participants_code_key", ["study_id", "code"])
    .execute();

  /** The only place a participant's name or contact may be kept: read by no export, no analysis. */
  await db.schema
    .createTable("fg_participant_identities")
    .addColumn("participant_id", "integer", (c) => c.primaryKey().references("fg_participants.id").onDelete("cascade"))
    .addColumn("name", "text")
    .addColumn("contact", "text")
    .execute();

  await db.schema
    .createTable("fg_consents")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("participant_id", "integer", (c) => c.notNull().references("fg_participants.id").onDelete("cascade"))
    .addColumn("form_version", "text", (c) => c.notNull())
    .addColumn("given_on", "date", (c) => c.notNull())
    .addColumn("recording", "boolean", (c) => c.notNull())
    .addColumn("quoting", "boolean", (c) => c.notNull())
    .addColumn("sharing", "boolean", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("fg_session_participants")
    .addColumn("session_id", "integer", (c) => c.notNull().references("fg_sessions.id").onDelete("cascade"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("fg_participants.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("fg_session_participants_pkey", ["session_id", "participant_id"])
    .execute();

  await db.schema
    .createTable("fg_transcripts")
    .addColumn("session_id", "integer", (c) => c.primaryKey().references("fg_sessions.id").onDelete("cascade"))
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("encoding", "text", (c) => c.notNull())
    .addColumn("file_name", "text")
    .addColumn("imported_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("imported_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("fg_turns")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("session_id", "integer", (c) => c.notNull().references("fg_sessions.id").onDelete("cascade"))
    .addColumn("idx", "integer", (c) => c.notNull())
    .addColumn("speaker_kind", "text", (c) => c.notNull().check(sql`speaker_kind in ('participant','moderator','unmapped')`))
    // a withdrawn participant's turns go with them
    .addColumn("participant_id", "integer", (c) => c.references("fg_participants.id").onDelete("cascade"))
    /** the label as the transcript wrote it (may be a first name): kept to re-map, never exported */
    .addColumn("speaker_label", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("start_ms", "integer")
    .addColumn("end_ms", "integer")
    .addUniqueConstraint("fg_turns_idx_key", ["session_id", "idx"])
    .addCheckConstraint("fg_turns_speaker", sql`(speaker_kind = 'participant') = (participant_id is not null)`)
    .execute();

  await db.schema
    .createTable("fg_codes")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("study_id", "integer", (c) => c.notNull().references("studies.id").onDelete("cascade"))
    .addColumn("parent_id", "integer", (c) => c.references("fg_codes.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("definition", "text")
    .addColumn("colour", "text", (c) => c.notNull().defaultTo("#2f6db5").check(sql`colour ~ '^#[0-9a-fA-F]{6}$'`))
    /** the REFI-QDA guid when imported, kept so an exchanged codebook round-trips */
    .addColumn("guid", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index fg_codes_sibling_name on fg_codes (study_id, coalesce(parent_id, 0), lower(name))`.execute(db);

  await db.schema
    .createTable("fg_codings")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("turn_id", "integer", (c) => c.notNull().references("fg_turns.id").onDelete("cascade"))
    .addColumn("code_id", "integer", (c) => c.notNull().references("fg_codes.id").onDelete("cascade"))
    .addColumn("coder_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("start_offset", "integer", (c) => c.notNull())
    .addColumn("end_offset", "integer", (c) => c.notNull())
    .addColumn("quote", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("memo", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("fg_codings_span", sql`start_offset >= 0 and end_offset > start_offset`)
    .addUniqueConstraint("fg_codings_once", ["turn_id", "code_id", "coder_id", "start_offset", "end_offset"])
    .execute();
  await db.schema.createIndex("fg_codings_code_idx").on("fg_codings").column("code_id").execute();

  await db.schema
    .createTable("fg_memos")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("study_id", "integer", (c) => c.notNull().references("studies.id").onDelete("cascade"))
    .addColumn("target_kind", "text", (c) => c.notNull().check(sql`target_kind in ('code','turn','session')`))
    .addColumn("target_id", "integer", (c) => c.notNull())
    .addColumn("author_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["fg_memos", "fg_codings", "fg_codes", "fg_turns", "fg_transcripts", "fg_session_participants", "fg_consents", "fg_participant_identities", "fg_participants", "fg_session_files", "fg_sessions", "fg_guides"]) {
    await db.schema.dropTable(table).execute();
  }
}

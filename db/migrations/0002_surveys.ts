// Frozen: never edit a migration that has shipped; add a new one.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("studies")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('quantitative','qualitative','mixed')`))
    .addColumn("commissioning_organisation_id", "integer", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("starts_on", "date")
    .addColumn("ends_on", "date")
    .addColumn("description", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("studies_dates_ordered", sql`ends_on is null or starts_on is null or ends_on >= starts_on`)
    .execute();

  await db.schema
    .createTable("surveys")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("study_id", "integer", (c) => c.notNull().references("studies.id").onDelete("restrict"))
    .addColumn("slug", "text", (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9][a-z0-9-]{1,79}$'`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(sql`status in ('draft','published','closed','archived')`))
    .addColumn("published_version_id", "integer")
    .addColumn("opens_at", "timestamptz")
    .addColumn("closes_at", "timestamptz")
    .addColumn("duplicate_policy", "text", (c) =>
      c.notNull().defaultTo("open").check(sql`duplicate_policy in ('open','device','invitation')`),
    )
    .addColumn("origin", "text", (c) => c.notNull().defaultTo("ui").check(sql`origin in ('ui','code','api')`))
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("survey_versions")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("definition", "jsonb", (c) => c.notNull())
    /** sha-256 of the canonical JSON: `surveys:sync` makes a version only when this changes */
    .addColumn("definition_hash", "text", (c) => c.notNull())
    .addColumn("published_at", "timestamptz")
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("survey_versions_number_key", ["survey_id", "version"])
    .execute();
  await db.schema
    .alterTable("surveys")
    .addForeignKeyConstraint("surveys_published_version_fk", ["published_version_id"], "survey_versions", ["id"])
    .execute();
  // A published version is frozen: answers point at it, so its definition may never change.
  await sql`
    create function survey_version_frozen() returns trigger language plpgsql as $$
    begin
      if old.published_at is not null and (new.definition is distinct from old.definition or new.published_at is distinct from old.published_at) then
        raise exception 'survey version % is published and cannot change', old.id using errcode = 'check_violation';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger survey_versions_frozen before update on survey_versions
    for each row execute function survey_version_frozen()`.execute(db);

  await db.schema
    .createTable("invitations")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("used_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("responses")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("version_id", "integer", (c) => c.notNull().references("survey_versions.id"))
    .addColumn("submission_id", "text", (c) => c.notNull())
    .addColumn("answers", "jsonb", (c) => c.notNull())
    /** the body exactly as received, beside the cleaned answers */
    .addColumn("raw", "jsonb", (c) => c.notNull())
    .addColumn("locale", "text")
    .addColumn("started_at", "timestamptz")
    .addColumn("submitted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("duration_ms", "integer")
    /** set only under the one-per-device policy: the unique key below is the real guard */
    .addColumn("device_key", "text")
    .addColumn("invitation_id", "integer", (c) => c.references("invitations.id"))
    /** keyed HMAC of the client address; the address itself is never stored */
    .addColumn("client_hash", "text")
    .addColumn("quota_cell_ids", sql`integer[]`)
    .addUniqueConstraint("responses_submission_key", ["survey_id", "submission_id"])
    .addUniqueConstraint("responses_device_key", ["survey_id", "device_key"])
    .addUniqueConstraint("responses_invitation_key", ["invitation_id"])
    .execute();
  await db.schema.createIndex("responses_version_idx").on("responses").columns(["version_id", "submitted_at"]).execute();

  await db.schema
    .createTable("response_drafts")
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    /** sha-256 of the device cookie */
    .addColumn("device_hash", "text", (c) => c.notNull())
    .addColumn("version_id", "integer", (c) => c.notNull().references("survey_versions.id").onDelete("cascade"))
    .addColumn("answers", "jsonb", (c) => c.notNull())
    .addColumn("page_no", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("started_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("response_drafts_pkey", ["survey_id", "device_hash"])
    .execute();

  await db.schema
    .createTable("quota_cells")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    /** { questionName: value } that an answer must all match to fall in this cell */
    .addColumn("conditions", "jsonb", (c) => c.notNull())
    .addColumn("target", "integer", (c) => c.notNull().check(sql`target > 0`))
    .addColumn("filled", "integer", (c) => c.notNull().defaultTo(0))
    .addCheckConstraint("quota_cells_not_overfilled", sql`filled >= 0 and filled <= target`)
    .execute();
  await db.schema.createIndex("quota_cells_survey_idx").on("quota_cells").column("survey_id").execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["api_tokens", "quota_cells", "response_drafts", "responses", "invitations"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.alterTable("surveys").dropConstraint("surveys_published_version_fk").execute();
  await db.schema.dropTable("survey_versions").ifExists().execute();
  await sql`drop function if exists survey_version_frozen()`.execute(db);
  for (const table of ["surveys", "studies"]) await db.schema.dropTable(table).ifExists().execute();
}

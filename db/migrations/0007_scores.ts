/**
 * Compliance scores: methodologies as versioned records (a published one is frozen), scoring
 * runs per period and methodology, one row per organisation and run (score, grade, rank, the
 * criteria as scored), residents' ratings fed from surveys, and the archive of weekly reports.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("methodologies")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(sql`status in ('draft','published')`))
    /** the one the scheduled scoring and the default views use */
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("document", "jsonb", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("published_at", "timestamptz")
    .addUniqueConstraint("methodologies_code_version_key", ["code", "version"])
    .addCheckConstraint("methodologies_active_published", sql`not active or status = 'published'`)
    .execute();
  await sql`create unique index methodologies_one_active on methodologies ((true)) where active`.execute(db);
  await sql`
    create function methodology_frozen() returns trigger language plpgsql as $$
    begin
      if old.status = 'published' and (new.document is distinct from old.document or new.status is distinct from old.status
          or new.code is distinct from old.code or new.version is distinct from old.version) then
        raise exception 'methodology % is published and cannot change', old.id using errcode = 'check_violation';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger methodologies_frozen before update on methodologies for each row execute function methodology_frozen()`.execute(db);

  await db.schema
    .createTable("score_runs")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("methodology_id", "integer", (c) => c.notNull().references("methodologies.id").onDelete("cascade"))
    .addColumn("period_label", "text", (c) => c.notNull())
    .addColumn("period_start", "timestamptz", (c) => c.notNull())
    .addColumn("period_end", "timestamptz", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("running").check(sql`status in ('running','done','failed')`))
    .addColumn("organisations", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("pages", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addColumn("requested_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .execute();
  await db.schema.createIndex("score_runs_period_idx").on("score_runs").columns(["period_label", "methodology_id", "id"]).execute();

  await db.schema
    .createTable("organisation_scores")
    .addColumn("run_id", "integer", (c) => c.notNull().references("score_runs.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("peer_group", "text", (c) => c.notNull())
    .addColumn("score", "double precision")
    .addColumn("grade", "text", (c) => c.check(sql`grade in ('green','yellow','red')`))
    .addColumn("grade_from_score", "text")
    .addColumn("capped_by", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("rank", "integer")
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("ranked", "integer", (c) => c.notNull())
    .addColumn("previous_rank", "integer")
    .addColumn("movement", "text", (c) => c.notNull().check(sql`movement in ('up','down','same','new','unranked')`))
    .addColumn("measured_weight", "double precision", (c) => c.notNull())
    /** the organisation as scored: gates and criteria (OrganisationScore without its name) */
    .addColumn("detail", "jsonb", (c) => c.notNull())
    .addPrimaryKeyConstraint("organisation_scores_pkey", ["run_id", "organisation_id"])
    .execute();
  await db.schema.createIndex("organisation_scores_org_idx").on("organisation_scores").columns(["organisation_id", "run_id"]).execute();
  // a ranking page is a run's rows in peer-group order, 100 at a time
  await db.schema.createIndex("organisation_scores_rank_idx").on("organisation_scores").columns(["run_id", "peer_group", "position"]).execute();

  /** M11 as fed from a survey for a period: one row per organisation rated (the last feed wins). */
  await db.schema
    .createTable("organisation_ratings")
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("period_label", "text", (c) => c.notNull())
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("mean", "double precision", (c) => c.notNull())
    .addColumn("moe95", "double precision", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addColumn("n_eff", "double precision", (c) => c.notNull())
    .addColumn("weighted", "boolean", (c) => c.notNull())
    .addColumn("computed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("organisation_ratings_pkey", ["organisation_id", "period_label", "survey_id", "question"])
    .execute();

  await db.schema
    .createTable("report_archive")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("run_id", "integer", (c) => c.references("score_runs.id").onDelete("set null"))
    .addColumn("period_label", "text", (c) => c.notNull())
    .addColumn("file", "text", (c) => c.notNull())
    .addColumn("bytes", "integer", (c) => c.notNull())
    .addColumn("mailed_to", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("mail_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("report_archive").execute();
  await db.schema.dropTable("organisation_ratings").execute();
  await db.schema.dropTable("organisation_scores").execute();
  await db.schema.dropTable("score_runs").execute();
  await sql`drop trigger methodologies_frozen on methodologies`.execute(db);
  await sql`drop function methodology_frozen()`.execute(db);
  await db.schema.dropTable("methodologies").execute();
}

/**
 * Survey results: weighting targets per survey and the weights computed from them (recomputed by
 * the results.weights job; the last good weights stay until a new computation succeeds), and
 * data-quality flags per response (flagged answers are kept and can be excluded from results).
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey_weightings")
    .addColumn("survey_id", "integer", (c) => c.primaryKey().references("surveys.id").onDelete("cascade"))
    /** [{ question, targets: { category: population } }] */
    .addColumn("dimensions", "jsonb", (c) => c.notNull())
    .addColumn("trim_max", "double precision")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending','ok','failed')`))
    /** the last computation: converged, rounds, max gap, n, n_eff, deff, collapsed cells, trimmed */
    .addColumn("report", "jsonb")
    .addColumn("error", "text")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("computed_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("response_weights")
    // no per-row foreign key: a survey's million weights are replaced at once, and the key check
    // was most of that write (bench:results); the triggers below delete them with their responses
    .addColumn("response_id", "bigint", (c) => c.primaryKey())
    .addColumn("survey_id", "integer", (c) => c.notNull())
    .addColumn("weight", "double precision", (c) => c.notNull().check(sql`weight > 0`))
    .execute();
  await db.schema.createIndex("response_weights_survey_idx").on("response_weights").column("survey_id").execute();

  await db.schema
    .createTable("response_flags")
    .addColumn("response_id", "bigint", (c) => c.notNull())
    .addColumn("survey_id", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull().check(sql`reason in ('speeder','straight_liner','attention_failed','duplicate_device')`))
    .addColumn("question", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("detail", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("response_flags_pkey", ["response_id", "reason", "question"])
    .execute();
  await db.schema.createIndex("response_flags_survey_idx").on("response_flags").column("survey_id").execute();
  await sql`
    create function delete_response_results() returns trigger language plpgsql as $$
    begin
      delete from response_weights where response_id = old.id;
      delete from response_flags where response_id = old.id;
      return old;
    end $$`.execute(db);
  await sql`create trigger responses_delete_results after delete on responses for each row execute function delete_response_results()`.execute(db);
  // the last data-quality pass per survey: responses after max_response_id are not judged yet
  await db.schema
    .createTable("survey_quality_runs")
    .addColumn("survey_id", "integer", (c) => c.primaryKey().references("surveys.id").onDelete("cascade"))
    .addColumn("max_response_id", "bigint", (c) => c.notNull())
    .addColumn("counts", "jsonb", (c) => c.notNull())
    .addColumn("computed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("survey_exports")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("format", "text", (c) => c.notNull().check(sql`format in ('csv','xlsx','spss')`))
    /** codes or labels in the cells (SPSS always codes, with labels in the syntax) */
    .addColumn("mode", "text", (c) => c.notNull().check(sql`mode in ('codes','labels')`))
    .addColumn("version_id", "integer")
    .addColumn("exclude_flagged", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending','running','done','failed')`))
    .addColumn("rows_total", "integer")
    .addColumn("rows_done", "integer", (c) => c.notNull().defaultTo(0))
    /** file names inside DATA_DIR/exports/<id>/ */
    .addColumn("files", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("bytes", "bigint")
    .addColumn("error", "text")
    .addColumn("requested_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .execute();
  await db.schema.createIndex("survey_exports_survey_idx").on("survey_exports").columns(["survey_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger responses_delete_results on responses`.execute(db);
  await sql`drop function delete_response_results()`.execute(db);
  for (const table of ["survey_exports", "survey_quality_runs", "response_flags", "response_weights", "survey_weightings"]) await db.schema.dropTable(table).execute();
}

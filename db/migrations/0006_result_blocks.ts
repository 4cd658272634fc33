/**
 * Results read from column blocks: a survey's answers to its categorical questions copied, block
 * by block of responses in id order, into one text array per question (result_block_values), with
 * the block's response ids, versions, data-quality flags and weights as arrays beside them
 * (result_blocks). A results query then unnests a few arrays instead of parsing a million JSON
 * documents (bench:results), and reads the responses after the last block (the tail) as before.
 *
 * Where a weight lives: in its block once the block exists, else in response_weights. Deleting a
 * block (a response deleted, the question set changed) hands its weights back to
 * response_weights, and building a block takes them from there, so no weight is lost in between.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // a survey's newest answers (the tail, "answers since") along one index instead of the whole key
  await db.schema.createIndex("responses_survey_id_idx").on("responses").columns(["survey_id", "id"]).execute();
  await db.schema
    .createTable("result_blocks")
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("block", "integer", (c) => c.notNull())
    .addColumn("first_id", "bigint", (c) => c.notNull())
    .addColumn("last_id", "bigint", (c) => c.notNull())
    .addColumn("response_ids", sql`bigint[]`, (c) => c.notNull())
    .addColumn("version_ids", sql`integer[]`, (c) => c.notNull())
    .addColumn("flagged", sql`boolean[]`, (c) => c.notNull())
    /** aligned with response_ids; null elements are responses the last raking left unweighted */
    .addColumn("weights", sql`double precision[]`)
    .addColumn("built_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("result_blocks_pkey", ["survey_id", "block"])
    .execute();

  await db.schema
    .createTable("result_block_values")
    .addColumn("survey_id", "integer", (c) => c.notNull())
    .addColumn("block", "integer", (c) => c.notNull())
    /** a column id: scalar, matrix row or list (see db/queries/result-blocks.ts) */
    .addColumn("col", "text", (c) => c.notNull())
    .addColumn("vals", sql`text[]`, (c) => c.notNull())
    .addPrimaryKeyConstraint("result_block_values_pkey", ["survey_id", "col", "block"])
    .addForeignKeyConstraint("result_block_values_block_fkey", ["survey_id", "block"], "result_blocks", ["survey_id", "block"], (fk) => fk.onDelete("cascade"))
    .execute();
  // out of line but not compressed: decompressing every block on every read cost more than the I/O
  await sql`alter table result_block_values alter column vals set storage external`.execute(db);
  await sql`alter table result_blocks alter column weights set storage external`.execute(db);

  /** The question columns the survey's blocks hold: when the survey's questions change, the blocks are rebuilt. */
  await db.schema
    .createTable("result_block_sets")
    .addColumn("survey_id", "integer", (c) => c.primaryKey().references("surveys.id").onDelete("cascade"))
    .addColumn("columns", sql`text[]`, (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await sql`
    create function result_block_release_weights() returns trigger language plpgsql as $$
    begin
      if old.weights is not null then
        insert into response_weights (response_id, survey_id, weight)
        select t.id, old.survey_id, t.w from unnest(old.response_ids, old.weights) as t(id, w)
        -- a survey being deleted takes its responses too: keep no orphan weight
        where t.w is not null and exists (select 1 from responses r where r.id = t.id)
        on conflict (response_id) do update set weight = excluded.weight;
      end if;
      return old;
    end $$`.execute(db);
  await sql`create trigger result_blocks_release_weights before delete on result_blocks for each row execute function result_block_release_weights()`.execute(db);

  // a deleted or changed answer invalidates its block and every later one (blocks stay contiguous)
  await sql`
    create or replace function delete_response_results() returns trigger language plpgsql as $$
    begin
      delete from result_blocks where survey_id = old.survey_id and last_id >= old.id;
      delete from response_weights where response_id = old.id;
      delete from response_flags where response_id = old.id;
      return old;
    end $$`.execute(db);
  await sql`
    create function invalidate_response_blocks() returns trigger language plpgsql as $$
    begin
      delete from result_blocks where survey_id = old.survey_id and last_id >= old.id;
      return new;
    end $$`.execute(db);
  await sql`create trigger responses_update_blocks after update of answers, version_id, survey_id on responses for each row execute function invalidate_response_blocks()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger responses_update_blocks on responses`.execute(db);
  await sql`drop function invalidate_response_blocks()`.execute(db);
  await sql`
    create or replace function delete_response_results() returns trigger language plpgsql as $$
    begin
      delete from response_weights where response_id = old.id;
      delete from response_flags where response_id = old.id;
      return old;
    end $$`.execute(db);
  await db.schema.dropTable("result_block_values").execute();
  await sql`drop trigger result_blocks_release_weights on result_blocks`.execute(db);
  await db.schema.dropTable("result_blocks").execute();
  await sql`drop function result_block_release_weights()`.execute(db);
  await db.schema.dropTable("result_block_sets").execute();
  await db.schema.dropIndex("responses_survey_id_idx").execute();
}

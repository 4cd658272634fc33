/**
 * Column blocks of survey answers (migration 0006): building them, and the expressions that read
 * the same value out of a response's JSON, so a block and the tail after it always agree.
 *
 * A column is one categorical value per response: a single-answer question (`scalar`), one row of
 * a matrix (`row`), or an ordered list (checkbox, tagbox, ranking) kept as its elements joined by
 * U+001F, '' for an empty list. Unanswered is SQL null in every kind.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import { arrayLiteral } from "../array-literal";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export type ResultColumn = { kind: "scalar"; key: string } | { kind: "row"; key: string; row: string } | { kind: "list"; key: string };

/** The separator of a list column's elements (a choice value never holds a control character). */
export const LIST_SEPARATOR = "\u001f";

export const columnId = (c: ResultColumn): string => JSON.stringify(c.kind === "row" ? ["row", c.key, c.row] : [c.kind, c.key]);

/** The column's value read from a response's answers (`r.answers` unless told). */
export function answerValue(c: ResultColumn, answers: RawBuilder<unknown> = sql`r.answers`): RawBuilder<string | null> {
  switch (c.kind) {
    case "scalar":
      return sql`(${answers} ->> ${c.key})`;
    case "row":
      return sql`(${answers} -> ${c.key} ->> ${c.row})`;
    case "list":
      return sql`(case when jsonb_typeof(${answers} -> ${c.key}) = 'array' then
        (select coalesce(string_agg(e.v, ${LIST_SEPARATOR} order by e.o), '') from jsonb_array_elements_text(${answers} -> ${c.key}) with ordinality e(v, o)) end)`;
  }
}

export const DEFAULT_BLOCK_SIZE = 10_000;

/**
 * The highest response id below which every response is committed. Responses get their ids from a
 * sequence at insert but commit in any order, so a block built up to the newest id could miss one
 * still in flight and leave it out of both the block and the tail. SHARE mode waits for the
 * inserting transactions in flight and holds new ones back for the one read that follows.
 */
export async function committedResponseBound(db: Kysely<DB>): Promise<number | null> {
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`set local lock_timeout = '2s'`.execute(trx);
      await sql`lock table responses in share mode`.execute(trx);
      const { rows } = await sql<{ max: string | null }>`select max(id) as max from responses`.execute(trx);
      return Number(rows[0]?.max ?? 0);
    });
  } catch (error) {
    // a long import holds the table: build next time rather than stall the submissions queued behind
    if ((error as { code?: string }).code === "55P03") return null;
    throw error;
  }
}

/** The survey's column set, and whether the blocks were built for it. */
export async function blockSet(db: Db, surveyId: number) {
  return db.selectFrom("result_block_sets").select("columns").where("survey_id", "=", surveyId).executeTakeFirst();
}

/** A new column set for the survey: its blocks are dropped (their weights go back to response_weights). */
export async function resetBlocks(db: Kysely<DB>, surveyId: number, columns: string[]) {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('result_blocks'), ${surveyId})`.execute(trx);
    await trx.deleteFrom("result_blocks").where("survey_id", "=", surveyId).execute();
    await trx
      .insertInto("result_block_sets")
      .values({ survey_id: surveyId, columns })
      .onConflict((oc) => oc.column("survey_id").doUpdateSet({ columns, updated_at: new Date() }))
      .execute();
  });
}

/**
 * Builds the survey's next full block of `size` responses (ids up to `bound`), in one statement:
 * the arrays of ids, versions, flags and weights (taken out of response_weights), and one array
 * per column. Returns false when fewer than `size` responses are left: those stay in the tail.
 */
export async function buildNextBlock(db: Kysely<DB>, surveyId: number, columns: ResultColumn[], bound: number, size: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('result_blocks'), ${surveyId})`.execute(trx);
    const last = await trx
      .selectFrom("result_blocks")
      .select(["block", "last_id"])
      .where("survey_id", "=", surveyId)
      .orderBy("block", "desc")
      .limit(1)
      .executeTakeFirst();
    const block = last ? last.block + 1 : 0;
    const after = last ? Number(last.last_id) : 0;
    const arrays = columns.map((c, i) => sql`array_agg(${answerValue(c)} order by r.id) as ${sql.ref(`a${i}`)}`);
    const pairs = columns.map((c, i) => sql`(${columnId(c)}::text, agg.${sql.ref(`a${i}`)})`);
    const { rows } = await sql<{ built: number }>`
      with r as materialized (
        select r.id, r.version_id, r.answers from responses r
        where r.survey_id = ${surveyId} and r.id > ${after} and r.id <= ${bound}
        order by r.id limit ${size}
      ), agg as (
        select count(*) as n, min(r.id) as first_id, max(r.id) as last_id,
          array_agg(r.id order by r.id) as ids, array_agg(r.version_id order by r.id) as versions,
          array_agg(exists (select 1 from response_flags f where f.response_id = r.id) order by r.id) as flagged,
          array_agg(w.weight order by r.id) as weights, count(w.weight) as weighted
          ${arrays.length ? sql`, ${sql.join(arrays)}` : sql``}
        from r left join response_weights w on w.response_id = r.id
      ), blk as (
        insert into result_blocks (survey_id, block, first_id, last_id, response_ids, version_ids, flagged, weights)
        select ${surveyId}, ${block}, agg.first_id, agg.last_id, agg.ids, agg.versions, agg.flagged, case when agg.weighted > 0 then agg.weights end
        from agg where agg.n = ${size}
        returning block
      ), vals as (
        ${
          pairs.length
            ? sql`insert into result_block_values (survey_id, block, col, vals)
                select ${surveyId}, blk.block, v.col, v.vals from agg cross join blk cross join lateral (values ${sql.join(pairs)}) v(col, vals)`
            : sql`select 1`
        }
      ), moved as (
        delete from response_weights w using agg, blk where w.response_id = any(agg.ids)
      )
      select count(*)::int as built from blk`.execute(trx);
    return (rows[0]?.built ?? 0) > 0;
  });
}

/**
 * Where the tail starts: the last block's last response id, or 0 (read no block) when there is
 * none or the blocks were built for a column set that lacks one of `needed`.
 */
export async function blockWatermark(db: Db, surveyId: number, needed: string[] = []): Promise<number> {
  return (await blockExtent(db, surveyId, needed)).watermark;
}

/** The watermark and the number of blocks (0 when they cannot be read for `needed`). */
export async function blockExtent(db: Db, surveyId: number, needed: string[] = []): Promise<{ watermark: number; blocks: number }> {
  const { rows } = await sql<{ last: string | null; blocks: number }>`
    select max(b.last_id) as last, count(*)::int as blocks from result_blocks b
    where b.survey_id = ${surveyId}
      and exists (select 1 from result_block_sets s where s.survey_id = ${surveyId} and s.columns @> ${arrayLiteral(needed)}::text[])`.execute(db);
  return { watermark: Number(rows[0]?.last ?? 0), blocks: Number(rows[0]?.blocks ?? 0) };
}

/** After a data-quality pass: every block's flags from response_flags again. */
export async function refreshBlockFlags(db: Db, surveyId: number) {
  await sql`
    update result_blocks b set flagged = (
      select array_agg(exists (select 1 from response_flags f where f.response_id = t.id) order by t.o)
      from unnest(b.response_ids) with ordinality t(id, o))
    where b.survey_id = ${surveyId}`.execute(db);
}

/** Values of some columns for raking: every block's arrays, then the tail's rows, in id order. */
export async function columnValues(db: Db, surveyId: number, columns: ResultColumn[]): Promise<{ blocks: Array<{ block: number; ids: number[]; values: (string | null)[][] }>; watermark: number }> {
  const NULL = "\u001e";
  const SEP = "\u001d";
  const parts = columns.map(
    (c, i) => sql`(select array_to_string(x.vals, ${SEP}, ${NULL}) from result_block_values x where x.survey_id = b.survey_id and x.block = b.block and x.col = ${columnId(c)}) as ${sql.ref(`v${i}`)}`,
  );
  const { rows } = await sql<Record<string, string>>`
    select b.block, b.last_id, array_to_string(b.response_ids, ',') as ids ${parts.length ? sql`, ${sql.join(parts)}` : sql``}
    from result_blocks b where b.survey_id = ${surveyId} order by b.block`.execute(db);
  const decode = (text: string | null) => (text === null ? [] : text.split(SEP).map((v) => (v === NULL ? null : v)));
  return {
    blocks: rows.map((row) => ({ block: Number(row.block), ids: row.ids!.split(",").map(Number), values: columns.map((_, i) => decode(row[`v${i}`] ?? null)) })),
    watermark: rows.length ? Number(rows[rows.length - 1]!.last_id) : 0,
  };
}

/** Writes one block's weights (aligned with its response ids; null = not weighted). */
export async function setBlockWeights(db: Db, surveyId: number, block: number, weights: Array<number | null>) {
  await sql`update result_blocks set weights = ${arrayLiteral(weights)}::float8[] where survey_id = ${surveyId} and block = ${block}`.execute(db);
}

/** The definitions of a survey's published versions: answers exist only for these. */
export async function publishedDefinitions(db: Db, surveyId: number) {
  const rows = await db.selectFrom("survey_versions").select("definition").where("survey_id", "=", surveyId).where("published_at", "is not", null).orderBy("version").execute();
  return rows.map((r) => r.definition as Record<string, unknown>);
}

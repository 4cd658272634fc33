/**
 * Survey results as aggregates: per category (or crosstab cell) the number of respondents, Σw and
 * Σw², which is all the statistics modules need (app/domain/statistics), so a million answers are
 * summed by PostgreSQL and never travel. Question keys arrive as parameters like every value.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import { arrayLiteral } from "../array-literal";
import { canSplitAcrossConnections } from "../client";
import { answerValue, blockExtent, blockWatermark, columnId, LIST_SEPARATOR, type ResultColumn } from "./result-blocks";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export interface ResultScope {
  surveyId: number;
  versionId?: number | null;
  /** single-choice answers to keep: question key -> accepted values */
  filters?: Array<{ key: string; values: string[] }>;
  excludeFlagged?: boolean;
  weighted: boolean;
}

export interface AggregateRow {
  category: string | null;
  count: number;
  sum_w: number;
  sum_w2: number;
}

/**
 * The scope's responses as rows of (w, c0, c1, …): `w` the weight (1 unweighted) and c_i the
 * value of columns[i]. Two branches read the same values: the column blocks (arrays unnested, see
 * result-blocks.ts) and the tail after the last block, straight from the answers. `watermark` is
 * the last block's last id, read in the same snapshot as this query (see `run`).
 */
function sourceRows(
  scope: ResultScope,
  columns: ResultColumn[],
  watermark: number,
  part: { blocks: [number, number] | null; tail: boolean } = { blocks: null, tail: true },
  keepUnweighted = false,
): RawBuilder<unknown> {
  const cols = (prefix: string) => columns.map((_, i) => sql`${sql.ref(`${prefix}c${i}`)}`);
  const filters = scope.filters ?? [];
  const valueJoins = [
    ...columns.map((c, i) => ({ alias: `x${i}`, col: columnId(c) })),
    ...filters.map((f, i) => ({ alias: `f${i}`, col: columnId({ kind: "scalar", key: f.key }) })),
  ];
  // only the arrays this query needs are unnested; set-returning functions in the select list
  // (one ProjectSet node) cost a third of the same unnest in FROM, which fills a tuplestore per block
  const arrays: Array<{ expr: RawBuilder<unknown>; as: string }> = [];
  if (scope.versionId) arrays.push({ expr: sql`b.version_ids`, as: "ver" });
  if (scope.excludeFlagged) arrays.push({ expr: sql`b.flagged`, as: "fl" });
  if (scope.weighted) arrays.push({ expr: sql`b.weights`, as: "w" });
  valueJoins.forEach((j, i) => arrays.push({ expr: sql.ref(`${j.alias}.vals`), as: i < columns.length ? `c${i}` : `f${i - columns.length}` }));
  if (arrays.length === 0) arrays.push({ expr: sql`b.response_ids`, as: "id" }); // a count of rows and nothing else
  const blockWhere: RawBuilder<unknown>[] = [];
  if (scope.versionId) blockWhere.push(sql`u.ver = ${scope.versionId}`);
  if (scope.excludeFlagged) blockWhere.push(sql`not u.fl`);
  // a block holds every response, weighted or not; without `keepUnweighted` the unweighted ones
  // (w null) are dropped here, row by row; a query that counts count(w) and sums w may keep them
  if (scope.weighted && !keepUnweighted) blockWhere.push(sql`u.w is not null`);
  filters.forEach((f, i) => blockWhere.push(sql`${sql.ref(`u.f${i}`)} = any(${arrayLiteral(f.values)}::text[])`));
  const blocks = sql`select ${scope.weighted ? sql`u.w` : sql`1.0::float8`} as w${columns.length ? sql`, ${sql.join(cols("u."))}` : sql``}
    from (
      select ${sql.join(arrays.map((a) => sql`unnest(${a.expr}) as ${sql.ref(a.as)}`))}
      from result_blocks b
      ${sql.join(
        valueJoins.map((j) => sql`left join result_block_values ${sql.ref(j.alias)} on ${sql.ref(`${j.alias}.survey_id`)} = b.survey_id and ${sql.ref(`${j.alias}.block`)} = b.block and ${sql.ref(`${j.alias}.col`)} = ${j.col}`),
        sql` `,
      )}
      where b.survey_id = ${scope.surveyId}${part.blocks ? sql` and b.block >= ${part.blocks[0]} and b.block < ${part.blocks[1]}` : sql``}
    ) u
    ${blockWhere.length ? sql`where ${sql.join(blockWhere, sql` and `)}` : sql``}`;

  const tailWhere: RawBuilder<unknown>[] = [sql`r.survey_id = ${scope.surveyId}`, sql`r.id > ${watermark}`];
  if (scope.versionId) tailWhere.push(sql`r.version_id = ${scope.versionId}`);
  for (const f of filters) tailWhere.push(sql`r.answers ->> ${f.key} = any(${arrayLiteral(f.values)}::text[])`);
  if (scope.excludeFlagged) tailWhere.push(sql`not exists (select 1 from response_flags f where f.response_id = r.id)`);
  const values = columns.map((c, i) => sql`${answerValue(c)} as ${sql.ref(`c${i}`)}`);
  // the values are pulled out first so the wide answers column stays out of the weights join
  // (OFFSET 0 keeps the planner from merging the two back)
  const inner = sql`select r.id${values.length ? sql`, ${sql.join(values)}` : sql``} from responses r where ${sql.join(tailWhere, sql` and `)} offset 0`;
  const tail = scope.weighted
    ? sql`select rw.weight as w${columns.length ? sql`, ${sql.join(cols("t."))}` : sql``} from (${inner}) t join response_weights rw on rw.response_id = t.id`
    : sql`select 1.0::float8 as w${columns.length ? sql`, ${sql.join(cols("t."))}` : sql``} from (${inner}) t`;
  if (!part.tail) return sql`(${blocks}) s`;
  return watermark > 0 ? sql`(${blocks} union all ${tail}) s` : sql`(${tail}) s`;
}

/**
 * Runs a results query on one snapshot: where the blocks end (the watermark) and the query see the
 * same blocks, so a block built in between is counted once. Blocks built for another set of
 * columns than the query needs are not read at all (watermark 0): the answers are. Weighted
 * aggregates hash a million rows: the statement gets the memory to do it at once.
 *
 * On PostgreSQL with a pool, the blocks are split in two halves read by two backends at once —
 * the second transaction imports the first one's snapshot (pg_export_snapshot), so both see the
 * same data — and the two aggregates, all sums, are added up (bench:results: a million answers on
 * two cores instead of one).
 */
async function run<T extends object>(
  db: Db,
  scope: ResultScope,
  columns: ResultColumn[],
  build: (from: RawBuilder<unknown>) => RawBuilder<T>,
  options: { keepUnweighted?: boolean } = {},
): Promise<T[]> {
  const source = (watermark: number, part?: { blocks: [number, number] | null; tail: boolean }) => sourceRows(scope, columns, watermark, part, options.keepUnweighted);
  const needed = [...columns.map(columnId), ...(scope.filters ?? []).map((f) => columnId({ kind: "scalar", key: f.key }))];
  const memory = async (trx: Db) => {
    if (scope.weighted) await sql`set local work_mem = '128MB'`.execute(trx);
  };
  if (db.isTransaction) {
    await memory(db);
    return (await build(source(await blockWatermark(db, scope.surveyId, needed))).execute(db)).rows;
  }
  const root = db as Kysely<DB>;
  return root.transaction().setIsolationLevel("repeatable read").execute(async (trx) => {
    await memory(trx);
    const extent = await blockExtent(trx, scope.surveyId, needed);
    if (extent.blocks < SPLIT_FROM_BLOCKS || splitsInFlight >= MAX_SPLITS || !canSplitAcrossConnections(root)) {
      return (await build(source(extent.watermark)).execute(trx)).rows;
    }
    splitsInFlight++;
    try {
      const { rows: snap } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx);
      const snapshot = snap[0]!.id;
      if (!/^[0-9A-Fa-f-]+$/.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
      const half = Math.ceil(extent.blocks / 2);
      const secondHalf = source(extent.watermark, { blocks: [half, extent.blocks], tail: false });
      const [first, second] = await Promise.all([
        build(source(extent.watermark, { blocks: [0, half], tail: true })).execute(trx),
        root
          .transaction()
          .setIsolationLevel("repeatable read")
          .execute(async (other) => {
            await sql`set transaction snapshot ${sql.lit(snapshot)}`.execute(other);
            await memory(other);
            return build(secondHalf).execute(other);
          })
          // no second connection in time (the pool is busy): this backend reads the other half too
          .catch(() => null),
      ]);
      return addUp([...first.rows, ...(second ?? (await build(secondHalf).execute(trx))).rows]);
    } finally {
      splitsInFlight--;
    }
  });
}

/** Splits at once: each holds a second connection, so never more than a few of the pool's. */
const MAX_SPLITS = 2;
let splitsInFlight = 0;

/** Below this many blocks one backend is quicker than two (the split costs a snapshot and a round trip). */
const SPLIT_FROM_BLOCKS = 2;

/** Rows of two partial aggregates added up: equal on every text column, numbers summed. */
function addUp<T extends object>(rows: T[]): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    const entries = Object.entries(row);
    const key = JSON.stringify(entries.filter(([, v]) => typeof v !== "number"));
    const seen = byKey.get(key) as Record<string, unknown> | undefined;
    if (!seen) byKey.set(key, { ...row });
    else for (const [k, v] of entries) if (typeof v === "number") seen[k] = (seen[k] as number) + v;
  }
  return [...byKey.values()];
}

const scalar = (key: string): ResultColumn => ({ kind: "scalar", key });

/** One answer per respondent (choice, rating, boolean): a row per category. */
export async function scalarAggregates(db: Db, scope: ResultScope, key: string): Promise<AggregateRow[]> {
  // The hottest results query (a dashboard's every choice question). Rows are not filtered one by
  // one: unanswered (c0 null) and unweighted (w null) rows are grouped too, count(w) and sum(w)
  // leave the unweighted out, and the few groups are filtered after (OFFSET 0 keeps the planner
  // from pushing that filter back down to every row). Same figures, a quarter less work a row.
  return run(
    db,
    scope,
    [scalar(key)],
    (from) => sql<AggregateRow>`
    select * from (
      select s.c0 as category, count(s.w)::int as count, sum(s.w)::float8 as sum_w, sum(s.w * s.w)::float8 as sum_w2
      from ${from}
      group by 1 offset 0
    ) g where g.category is not null and g.count > 0`,
    { keepUnweighted: true },
  );
}

/**
 * Every single-answer question at once: one pass over the scope pulls out each key's value (a
 * lateral VALUES list), so a page of thirty questions reads the answers once, not thirty times.
 */
export async function scalarAggregatesMany(db: Db, scope: ResultScope, keys: string[]): Promise<Array<AggregateRow & { key: string }>> {
  if (keys.length === 0) return [];
  const pairs = sql.join(keys.map((k, i) => sql`(${k}::text, ${sql.ref(`s.c${i}`)})`));
  return run(db, scope, keys.map(scalar), (from) => sql<AggregateRow & { key: string }>`
    select v.key, v.category, count(*)::int as count, sum(s.w)::float8 as sum_w, sum(s.w * s.w)::float8 as sum_w2
    from ${from} cross join lateral (values ${pairs}) v(key, category)
    where v.category is not null
    group by 1, 2`);
}

/** Several answers per respondent (checkbox, tagbox): a row per category plus the base (category null). */
export async function multiAggregates(db: Db, scope: ResultScope, key: string): Promise<AggregateRow[]> {
  return run(db, scope, [{ kind: "list", key }], (from) => sql<AggregateRow>`
    with base as (select s.w, s.c0 as v from ${from} where s.c0 <> '')
    select e.value as category, count(*)::int as count, sum(base.w)::float8 as sum_w, sum(base.w * base.w)::float8 as sum_w2
    from base cross join lateral unnest(string_to_array(base.v, ${LIST_SEPARATOR})) e(value)
    group by 1
    union all
    select null, count(*)::int, coalesce(sum(w), 0)::float8, coalesce(sum(w * w), 0)::float8 from base`);
}

/** A matrix row's answers (answers[key][row]): a row per column value. */
export async function matrixRowAggregates(db: Db, scope: ResultScope, key: string, row: string): Promise<AggregateRow[]> {
  return run(db, scope, [{ kind: "row", key, row }], (from) => sql<AggregateRow>`
    select s.c0 as category, count(*)::int as count, sum(s.w)::float8 as sum_w, sum(s.w * s.w)::float8 as sum_w2
    from ${from} where s.c0 is not null
    group by 1`);
}

export interface CellRow {
  row: string;
  col: string;
  count: number;
  sum_w: number;
  sum_w2: number;
}

/** Crosstab cells of two single-answer questions (respondents who answered both). */
export async function cellAggregates(db: Db, scope: ResultScope, rowKey: string, colKey: string): Promise<CellRow[]> {
  return run(db, scope, [scalar(rowKey), scalar(colKey)], (from) => sql<CellRow>`
    select s.c0 as row, s.c1 as col, count(*)::int as count, sum(s.w)::float8 as sum_w, sum(s.w * s.w)::float8 as sum_w2
    from ${from} where s.c0 is not null and s.c1 is not null
    group by 1, 2`);
}

/**
 * Responses of a survey after `afterId` (the tail after its column blocks) with their answers to
 * the weighting questions (null when unanswered), one plain column per question: an array built
 * per row cost three times the read (bench:results).
 */
export async function answersForWeighting(db: Db, surveyId: number, keys: string[], afterId = 0): Promise<{ ids: number[]; values: (string | null)[][] }> {
  const columns = sql.join(keys.map((k, i) => sql`r.answers ->> ${k} as ${sql.ref(`k${i}`)}`));
  const { rows } = await sql<Record<string, string | null>>`
    select r.id, ${columns} from responses r where r.survey_id = ${surveyId} and r.id > ${afterId} order by r.id`.execute(db);
  const ids = new Array<number>(rows.length);
  const values = keys.map(() => new Array<string | null>(rows.length));
  rows.forEach((row, i) => {
    ids[i] = Number(row.id);
    for (let d = 0; d < keys.length; d++) values[d]![i] = row[`k${d}`] ?? null;
  });
  return { ids, values };
}

/** Locks a survey's weighting (two computations take turns instead of colliding) and its blocks (none is built meanwhile). */
export async function lockWeighting(trx: Transaction<DB>, surveyId: number) {
  await sql`select pg_advisory_xact_lock(hashtext('result_blocks'), ${surveyId})`.execute(trx);
  await trx.selectFrom("survey_weightings").select("survey_id").where("survey_id", "=", surveyId).forUpdate().execute();
}

/** The tail's weights (responses after the blocks), replacing the survey's old ones in response_weights. */
export async function replaceTailWeights(trx: Transaction<DB>, surveyId: number, ids: number[], weights: number[]) {
  await trx.deleteFrom("response_weights").where("survey_id", "=", surveyId).execute();
  const CHUNK = 20_000;
  for (let i = 0; i < ids.length; i += CHUNK) {
    await sql`insert into response_weights (response_id, survey_id, weight)
      select id, ${surveyId}, w from unnest(${arrayLiteral(ids.slice(i, i + CHUNK))}::bigint[], ${arrayLiteral(weights.slice(i, i + CHUNK))}::float8[]) as t(id, w)`.execute(trx);
  }
}

export async function markWeightingDone(db: Db, surveyId: number, report: Record<string, unknown>) {
  await db
    .updateTable("survey_weightings")
    .set({ status: "ok", report: JSON.stringify(report), error: null, computed_at: new Date() })
    .where("survey_id", "=", surveyId)
    .execute();
}

/** Whether any response of the survey has a weight (in its block or in response_weights). */
export async function hasStoredWeights(db: Db, surveyId: number): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    select exists (select 1 from response_weights where survey_id = ${surveyId})
        or exists (select 1 from result_blocks where survey_id = ${surveyId} and weights is not null) as found`.execute(db);
  return rows[0]?.found ?? false;
}

export async function markWeightingFailed(db: Db, surveyId: number, error: string, report: Record<string, unknown> | null) {
  await db
    .updateTable("survey_weightings")
    .set({ status: "failed", error: error.slice(0, 4000), report: report ? JSON.stringify(report) : null, computed_at: new Date() })
    .where("survey_id", "=", surveyId)
    .execute();
}

export async function getWeighting(db: Db, surveyId: number) {
  return db.selectFrom("survey_weightings").selectAll().where("survey_id", "=", surveyId).executeTakeFirst();
}

export async function saveWeightingTargets(db: Db, surveyId: number, dimensions: Array<{ question: string; targets: Record<string, number> }>, trimMax: number | null) {
  await db
    .insertInto("survey_weightings")
    .values({ survey_id: surveyId, dimensions: JSON.stringify(dimensions), trim_max: trimMax, status: "pending", updated_at: new Date() })
    .onConflict((oc) => oc.column("survey_id").doUpdateSet({ dimensions: JSON.stringify(dimensions), trim_max: trimMax, status: "pending", updated_at: new Date() }))
    .execute();
}

/**
 * Responses that arrived after the weights were computed (`afterId`, the highest id weighted
 * then): a range of the primary key, not a scan of the survey.
 */
export async function responsesSince(db: Db, surveyId: number, afterId: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from responses r where r.id > ${afterId} and r.survey_id = ${surveyId}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Ranking answers (ordered lists): per choice the respondents, Σw, Σw² and Σw·rank. */
export async function rankingAggregates(db: Db, scope: ResultScope, key: string): Promise<Array<AggregateRow & { sum_w_rank: number }>> {
  return run(db, scope, [{ kind: "list", key }], (from) => sql<AggregateRow & { sum_w_rank: number }>`
    select e.value as category, count(*)::int as count, sum(s.w)::float8 as sum_w, sum(s.w * s.w)::float8 as sum_w2,
           sum(s.w * e.ord)::float8 as sum_w_rank
    from ${from} cross join lateral unnest(string_to_array(s.c0, ${LIST_SEPARATOR})) with ordinality e(value, ord)
    where s.c0 is not null
    group by 1`);
}

/** WHERE of a query on the answers themselves (free text is not in the column blocks). */
function conditions(scope: ResultScope, answered: RawBuilder<unknown>): RawBuilder<unknown> {
  const list: RawBuilder<unknown>[] = [sql`r.survey_id = ${scope.surveyId}`, answered];
  if (scope.versionId) list.push(sql`r.version_id = ${scope.versionId}`);
  for (const f of scope.filters ?? []) list.push(sql`r.answers ->> ${f.key} = any(${arrayLiteral(f.values)}::text[])`);
  if (scope.excludeFlagged) list.push(sql`not exists (select 1 from response_flags f where f.response_id = r.id)`);
  return sql.join(list, sql` and `);
}

/** Free-text answers, newest first, optionally containing `search` (case-insensitive, literal). */
export async function textAnswers(db: Db, scope: ResultScope, key: string, input: { search?: string; beforeId?: number; limit: number }) {
  const pattern = input.search ? `%${input.search.replace(/[\\%_]/g, "\\$&")}%` : null;
  const { rows } = await sql<{ id: string; text: string }>`
    select r.id, r.answers ->> ${key} as text
    from responses r
    where ${conditions({ ...scope, weighted: false }, sql`jsonb_typeof(r.answers -> ${key}) in ('string', 'number') and r.answers ->> ${key} <> ''`)}
      ${pattern ? sql`and r.answers ->> ${key} ilike ${pattern}` : sql``}
      ${input.beforeId ? sql`and r.id < ${input.beforeId}` : sql``}
    order by r.id desc limit ${input.limit}`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), text: r.text }));
}

/** Responses per local day, and unfinished drafts (partial answers kept on residents' devices). */
export async function responsesOverTime(db: Db, surveyId: number, timeZone: string) {
  const { rows } = await sql<{ day: string; n: number }>`
    select to_char(r.submitted_at at time zone ${timeZone}, 'YYYY-MM-DD') as day, count(*)::int as n
    from responses r where r.survey_id = ${surveyId} group by 1 order by 1`.execute(db);
  const drafts = await db.selectFrom("response_drafts").select((eb) => eb.fn.countAll<number>().as("n")).where("survey_id", "=", surveyId).executeTakeFirst();
  return { days: rows, partial: Number(drafts?.n ?? 0) };
}

/** Populations of these territory codes (null where the registry has none). */
export async function territoryPopulations(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom("territories").select(["code", "population"]).where("code", "in", codes).execute();
}

/** The region's (root territory's) population margins by dimension, summed over the region itself. */
export async function regionMargins(db: Db) {
  return db
    .selectFrom("population_margins as m")
    .innerJoin("territories as t", "t.id", "m.territory_id")
    .select(["m.dimension", "m.category", "m.population", "m.illustrative"])
    .where("t.parent_id", "is", null)
    .execute();
}

export async function insertMargins(db: Db, rows: Array<{ territory_code: string; dimension: "sex" | "age_band"; category: string; population: number; source: string; illustrative: boolean }>) {
  for (const r of rows) {
    await sql`insert into population_margins (territory_id, dimension, category, population, source, illustrative)
      select id, ${r.dimension}, ${r.category}, ${r.population}, ${r.source}, ${r.illustrative} from territories where code = ${r.territory_code}
      on conflict (territory_id, dimension, category) do nothing`.execute(db);
  }
}

/** The root territory's (the region's) population. */
export async function regionPopulation(db: Db): Promise<number | null> {
  const row = await db.selectFrom("territories").select("population").where("parent_id", "is", null).orderBy("id").executeTakeFirst();
  return row?.population ?? null;
}

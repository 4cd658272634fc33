/**
 * Survey results as aggregates: per category (or crosstab cell) the number of respondents, Σw and
 * Σw², which is all the statistics modules need (app/domain/statistics), so a million answers are
 * summed by PostgreSQL and never travel. Question keys arrive as parameters like every value.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import { arrayLiteral } from "../array-literal";
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

/** WHERE shared by every results query. */
function conditions(scope: ResultScope, answered: RawBuilder<unknown>): RawBuilder<unknown> {
  const list: RawBuilder<unknown>[] = [sql`r.survey_id = ${scope.surveyId}`, answered];
  if (scope.versionId) list.push(sql`r.version_id = ${scope.versionId}`);
  for (const f of scope.filters ?? []) list.push(sql`r.answers ->> ${f.key} = any(${arrayLiteral(f.values)}::text[])`);
  if (scope.excludeFlagged) list.push(sql`not exists (select 1 from response_flags f where f.response_id = r.id)`);
  return sql.join(list, sql` and `);
}

/**
 * The scope's responses reduced to the few values a question needs (`columns`), then joined to
 * their weights: pulling the values out first keeps the wide answers column out of the join
 * (OFFSET 0 stops the planner from merging the two back), and `w` is the weight, 1 unweighted.
 * "Answered" tests are plain IS NOT NULL, which the planner estimates well: jsonb_typeof tests
 * made it expect a few thousand rows of a million and sort or hash the wrong side (bench:results).
 */
function scoped(scope: ResultScope, columns: RawBuilder<unknown>, answered: RawBuilder<unknown>): RawBuilder<unknown> {
  const inner = sql`(select r.id, ${columns} from responses r where ${conditions(scope, answered)} offset 0) s`;
  return scope.weighted ? sql`${inner} join response_weights rw on rw.response_id = s.id` : inner;
}

const weight = (scope: ResultScope) => (scope.weighted ? sql`rw.weight` : sql`1.0::float8`);

/** Weighted aggregates hash a million rows: give this one statement the memory to do it at once. */
async function run<T>(db: Db, scope: ResultScope, query: RawBuilder<T>): Promise<T[]> {
  if (!scope.weighted || db.isTransaction) return (await query.execute(db)).rows;
  return db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '128MB'`.execute(trx);
    return (await query.execute(trx)).rows;
  });
}

/** One answer per respondent (choice, rating, boolean): a row per category. */
export async function scalarAggregates(db: Db, scope: ResultScope, key: string): Promise<AggregateRow[]> {
  const w = weight(scope);
  return run(db, scope, sql<AggregateRow>`
    select s.category, count(*)::int as count, sum(${w})::float8 as sum_w, sum(${w} * ${w})::float8 as sum_w2
    from ${scoped(scope, sql`r.answers ->> ${key} as category`, sql`r.answers ->> ${key} is not null`)}
    group by 1`);
}

/**
 * Every single-answer question at once: one pass over the responses pulls out each key's value
 * (a lateral VALUES list), so a page of thirty questions reads the table once, not thirty times.
 */
export async function scalarAggregatesMany(db: Db, scope: ResultScope, keys: string[]): Promise<Array<AggregateRow & { key: string }>> {
  if (keys.length === 0) return [];
  const w = weight(scope);
  const pairs = sql.join(keys.map((k) => sql`(${k}::text, r.answers ->> ${k})`));
  const inner = sql`(select r.id, v.key, v.category from responses r cross join lateral (values ${pairs}) v(key, category)
    where ${conditions(scope, sql`v.category is not null`)} offset 0) s`;
  const from = scope.weighted ? sql`${inner} join response_weights rw on rw.response_id = s.id` : inner;
  return run(db, scope, sql<AggregateRow & { key: string }>`
    select s.key, s.category, count(*)::int as count, sum(${w})::float8 as sum_w, sum(${w} * ${w})::float8 as sum_w2
    from ${from}
    group by 1, 2`);
}

/** Several answers per respondent (checkbox, tagbox): a row per category plus the base (category null). */
export async function multiAggregates(db: Db, scope: ResultScope, key: string): Promise<AggregateRow[]> {
  const w = weight(scope);
  return run(db, scope, sql<AggregateRow>`
    with base as (
      select s.v, ${w} as w from ${scoped(scope, sql`r.answers -> ${key} as v`, sql`r.answers -> ${key} is not null`)}
      where jsonb_typeof(s.v) = 'array' and jsonb_array_length(s.v) > 0
    )
    select e.value as category, count(*)::int as count, sum(base.w)::float8 as sum_w, sum(base.w * base.w)::float8 as sum_w2
    from base cross join lateral jsonb_array_elements_text(base.v) e
    group by 1
    union all
    select null, count(*)::int, coalesce(sum(w), 0)::float8, coalesce(sum(w * w), 0)::float8 from base`);
}

/** A matrix row's answers (answers[key][row]): a row per column value. */
export async function matrixRowAggregates(db: Db, scope: ResultScope, key: string, row: string): Promise<AggregateRow[]> {
  const w = weight(scope);
  return run(db, scope, sql<AggregateRow>`
    select s.category, count(*)::int as count, sum(${w})::float8 as sum_w, sum(${w} * ${w})::float8 as sum_w2
    from ${scoped(scope, sql`r.answers -> ${key} ->> ${row} as category`, sql`r.answers -> ${key} ->> ${row} is not null`)}
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
  const w = weight(scope);
  return run(db, scope, sql<CellRow>`
    select s.row, s.col, count(*)::int as count, sum(${w})::float8 as sum_w, sum(${w} * ${w})::float8 as sum_w2
    from ${scoped(scope, sql`r.answers ->> ${rowKey} as row, r.answers ->> ${colKey} as col`, sql`r.answers ->> ${rowKey} is not null and r.answers ->> ${colKey} is not null`)}
    group by 1, 2`);
}

/**
 * Responses of a survey with their answers to the weighting questions (null when unanswered),
 * one plain column per question: an array built per row cost three times the read (bench:results).
 */
export async function answersForWeighting(db: Db, surveyId: number, keys: string[]): Promise<{ ids: number[]; values: (string | null)[][] }> {
  const columns = sql.join(keys.map((k, i) => sql`r.answers ->> ${k} as ${sql.ref(`k${i}`)}`));
  const { rows } = await sql<Record<string, string | null>>`
    select r.id, ${columns} from responses r where r.survey_id = ${surveyId} order by r.id`.execute(db);
  const ids = new Array<number>(rows.length);
  const values = keys.map(() => new Array<string | null>(rows.length));
  rows.forEach((row, i) => {
    ids[i] = Number(row.id);
    for (let d = 0; d < keys.length; d++) values[d]![i] = row[`k${d}`] ?? null;
  });
  return { ids, values };
}

/** Replaces a survey's weights at once: readers see the old set or the new, never a mix. */
export async function replaceWeights(db: Kysely<DB>, surveyId: number, ids: number[], weights: number[], report: Record<string, unknown>) {
  await db.transaction().execute(async (trx) => {
    // two computations of one survey (two uploads, two workers) take turns instead of colliding
    await trx.selectFrom("survey_weightings").select("survey_id").where("survey_id", "=", surveyId).forUpdate().execute();
    await trx.deleteFrom("response_weights").where("survey_id", "=", surveyId).execute();
    const CHUNK = 20_000;
    for (let i = 0; i < ids.length; i += CHUNK) {
      await sql`insert into response_weights (response_id, survey_id, weight)
        select id, ${surveyId}, w from unnest(${arrayLiteral(ids.slice(i, i + CHUNK))}::bigint[], ${arrayLiteral(weights.slice(i, i + CHUNK))}::float8[]) as t(id, w)`.execute(trx);
    }
    await trx
      .updateTable("survey_weightings")
      .set({ status: "ok", report: JSON.stringify(report), error: null, computed_at: new Date() })
      .where("survey_id", "=", surveyId)
      .execute();
  });
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

/** Ranking answers (ordered arrays): per choice the respondents, Σw, Σw² and Σw·rank. */
export async function rankingAggregates(db: Db, scope: ResultScope, key: string): Promise<Array<AggregateRow & { sum_w_rank: number }>> {
  const w = weight(scope);
  return run(db, scope, sql<AggregateRow & { sum_w_rank: number }>`
    with base as (
      select s.v, ${w} as w from ${scoped(scope, sql`r.answers -> ${key} as v`, sql`r.answers -> ${key} is not null`)}
      where jsonb_typeof(s.v) = 'array'
    )
    select e.value as category, count(*)::int as count, sum(base.w)::float8 as sum_w, sum(base.w * base.w)::float8 as sum_w2,
           sum(base.w * e.ord)::float8 as sum_w_rank
    from base cross join lateral jsonb_array_elements_text(base.v) with ordinality e(value, ord)
    group by 1`);
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

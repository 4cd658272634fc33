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

/** FROM + WHERE shared by every results query; `w` is the weight (1 unweighted). */
function scoped(scope: ResultScope, answered: RawBuilder<unknown>): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [sql`r.survey_id = ${scope.surveyId}`, answered];
  if (scope.versionId) conditions.push(sql`r.version_id = ${scope.versionId}`);
  for (const f of scope.filters ?? []) conditions.push(sql`r.answers ->> ${f.key} = any(${arrayLiteral(f.values)}::text[])`);
  if (scope.excludeFlagged) conditions.push(sql`not exists (select 1 from response_flags f where f.response_id = r.id)`);
  const from = scope.weighted
    ? sql`responses r join response_weights rw on rw.response_id = r.id`
    : sql`responses r`;
  return sql`${from} where ${sql.join(conditions, sql` and `)}`;
}

const weight = (scope: ResultScope) => (scope.weighted ? sql`rw.weight` : sql`1.0::float8`);

const answeredScalar = (key: string) => sql`jsonb_typeof(r.answers -> ${key}) in ('string', 'number', 'boolean')`;

/** One answer per respondent (choice, rating, boolean): a row per category. */
export async function scalarAggregates(db: Db, scope: ResultScope, key: string): Promise<AggregateRow[]> {
  const w = weight(scope);
  const { rows } = await sql<AggregateRow>`
    select r.answers ->> ${key} as category, count(*)::int as count, sum(${w})::float8 as sum_w, sum(${w} * ${w})::float8 as sum_w2
    from ${scoped(scope, answeredScalar(key))}
    group by 1`.execute(db);
  return rows;
}

/** Several answers per respondent (checkbox, tagbox): a row per category plus the base (category null). */
export async function multiAggregates(db: Db, scope: ResultScope, key: string): Promise<AggregateRow[]> {
  const w = weight(scope);
  const { rows } = await sql<AggregateRow>`
    with base as (
      select r.answers -> ${key} as v, ${w} as w from ${scoped(scope, sql`jsonb_typeof(r.answers -> ${key}) = 'array' and jsonb_array_length(r.answers -> ${key}) > 0`)}
    )
    select e.value as category, count(*)::int as count, sum(base.w)::float8 as sum_w, sum(base.w * base.w)::float8 as sum_w2
    from base cross join lateral jsonb_array_elements_text(base.v) e
    group by 1
    union all
    select null, count(*)::int, coalesce(sum(w), 0)::float8, coalesce(sum(w * w), 0)::float8 from base`.execute(db);
  return rows;
}

/** A matrix row's answers (answers[key][row]): a row per column value. */
export async function matrixRowAggregates(db: Db, scope: ResultScope, key: string, row: string): Promise<AggregateRow[]> {
  const w = weight(scope);
  const { rows } = await sql<AggregateRow>`
    select r.answers -> ${key} ->> ${row} as category, count(*)::int as count, sum(${w})::float8 as sum_w, sum(${w} * ${w})::float8 as sum_w2
    from ${scoped(scope, sql`jsonb_typeof(r.answers -> ${key} -> ${row}) in ('string', 'number', 'boolean')`)}
    group by 1`.execute(db);
  return rows;
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
  const { rows } = await sql<CellRow>`
    select r.answers ->> ${rowKey} as row, r.answers ->> ${colKey} as col,
           count(*)::int as count, sum(${w})::float8 as sum_w, sum(${w} * ${w})::float8 as sum_w2
    from ${scoped(scope, sql`${answeredScalar(rowKey)} and ${answeredScalar(colKey)}`)}
    group by 1, 2`.execute(db);
  return rows;
}

/** Responses of a survey with their answers to the weighting questions (null when unanswered). */
export async function answersForWeighting(db: Db, surveyId: number, keys: string[]): Promise<{ ids: number[]; values: (string | null)[][] }> {
  const { rows } = await sql<{ id: string; v: (string | null)[] }>`
    select r.id, array(select r.answers ->> k from unnest(${arrayLiteral(keys)}::text[]) with ordinality as t(k, i) order by i) as v
    from responses r where r.survey_id = ${surveyId} order by r.id`.execute(db);
  return { ids: rows.map((r) => Number(r.id)), values: keys.map((_, d) => rows.map((r) => r.v[d] ?? null)) };
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

/** How many of the scope's responses have no weight yet (answers arrived after the last computation). */
export async function responsesWithoutWeight(db: Db, surveyId: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from responses r
    where r.survey_id = ${surveyId} and not exists (select 1 from response_weights w where w.response_id = r.id)`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Ranking answers (ordered arrays): per choice the respondents, Σw, Σw² and Σw·rank. */
export async function rankingAggregates(db: Db, scope: ResultScope, key: string): Promise<Array<AggregateRow & { sum_w_rank: number }>> {
  const w = weight(scope);
  const { rows } = await sql<AggregateRow & { sum_w_rank: number }>`
    with base as (
      select r.answers -> ${key} as v, ${w} as w from ${scoped(scope, sql`jsonb_typeof(r.answers -> ${key}) = 'array'`)}
    )
    select e.value as category, count(*)::int as count, sum(base.w)::float8 as sum_w, sum(base.w * base.w)::float8 as sum_w2,
           sum(base.w * e.ord)::float8 as sum_w_rank
    from base cross join lateral jsonb_array_elements_text(base.v) with ordinality e(value, ord)
    group by 1`.execute(db);
  return rows;
}

/** Free-text answers, newest first, optionally containing `search` (case-insensitive, literal). */
export async function textAnswers(db: Db, scope: ResultScope, key: string, input: { search?: string; beforeId?: number; limit: number }) {
  const pattern = input.search ? `%${input.search.replace(/[\\%_]/g, "\\$&")}%` : null;
  const { rows } = await sql<{ id: string; text: string }>`
    select r.id, r.answers ->> ${key} as text
    from ${scoped({ ...scope, weighted: false }, sql`jsonb_typeof(r.answers -> ${key}) in ('string', 'number') and r.answers ->> ${key} <> ''`)}
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

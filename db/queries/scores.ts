/**
 * Scoring runs and their organisation scores (migration 0007), and the inputs a run reads: the
 * registry's organisations and pages, the period's stored page metrics, residents' ratings.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import { inParallel } from "../in-parallel";
import { arrayLiteral } from "../array-literal";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function scoringOrganisations(db: Db) {
  return db.selectFrom("organisations").select(["id", "code", "name_ru", "kind", "peer_group", "territory_id", "parent_id"]).orderBy("id").execute();
}

export async function scoringPages(db: Db) {
  return db.selectFrom("official_pages").select(["id", "organisation_id", "platform", "active"]).orderBy("id").execute();
}

/**
 * The period's stored metrics as JSON text, parsed by the caller: one pass over a region's pages
 * (175,000 documents) without node-postgres parsing every one into objects it then copies.
 */
export async function periodMetrics(db: Db, periodLabel: string, pageIds?: { from: number; to: number }): Promise<Array<{ page_id: number; metrics: string }>> {
  const { rows } = await sql<{ page_id: number; metrics: string }>`
    select page_id, metrics::text as metrics from page_metrics
    where period_label = ${periodLabel} ${pageIds ? sql`and page_id >= ${pageIds.from} and page_id < ${pageIds.to}` : sql``}`.execute(db);
  return rows;
}

/** The range of page ids that have metrics for the period (to read them in parallel slices). */
export async function periodMetricsRange(db: Db, periodLabel: string) {
  const { rows } = await sql<{ lo: number | null; hi: number | null }>`
    select min(page_id) as lo, max(page_id) as hi from page_metrics where period_label = ${periodLabel}`.execute(db);
  return rows[0]?.lo == null ? null : { lo: Number(rows[0].lo), hi: Number(rows[0].hi) };
}

export async function periodRatings(db: Db, periodLabel: string) {
  return db.selectFrom("organisation_ratings").selectAll().where("period_label", "=", periodLabel).execute();
}

/** One organisation's rating for the period with the survey it came from. */
export async function organisationRating(db: Db, periodLabel: string, organisationId: number) {
  return db
    .selectFrom("organisation_ratings as r")
    .innerJoin("surveys as s", "s.id", "r.survey_id")
    .selectAll("r")
    .select("s.title as survey_title")
    .where("r.period_label", "=", periodLabel)
    .where("r.organisation_id", "=", organisationId)
    .executeTakeFirst();
}

export async function replaceRatings(db: Kysely<DB>, periodLabel: string, rows: Array<{ organisation_id: number; survey_id: number; question: string; mean: number; moe95: number; n: number; n_eff: number; weighted: boolean }>) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("organisation_ratings").where("period_label", "=", periodLabel).execute();
    if (rows.length) await trx.insertInto("organisation_ratings").values(rows.map((r) => ({ ...r, period_label: periodLabel }))).execute();
  });
}

export async function startRun(db: Db, row: { methodology_id: number; period_label: string; period_start: Date; period_end: Date; requested_by: number | null }) {
  return (await db.insertInto("score_runs").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

export async function finishRun(db: Db, runId: number, outcome: { status: "done" | "failed"; organisations?: number; pages?: number; error?: string }) {
  await db
    .updateTable("score_runs")
    .set({ status: outcome.status, organisations: outcome.organisations ?? 0, pages: outcome.pages ?? 0, error: outcome.error?.slice(0, 4000) ?? null, finished_at: new Date() })
    .where("id", "=", runId)
    .execute();
}

/** The newest finished run of a period (under one methodology, or any). */
export async function latestRun(db: Db, periodLabel: string, methodologyId?: number) {
  let q = db.selectFrom("score_runs").selectAll().where("period_label", "=", periodLabel).where("status", "=", "done");
  if (methodologyId) q = q.where("methodology_id", "=", methodologyId);
  return q.orderBy("id", "desc").limit(1).executeTakeFirst();
}

/** Periods with a finished run, newest first. */
export async function scoredPeriods(db: Db) {
  const { rows } = await sql<{ period_label: string }>`select distinct period_label from score_runs where status = 'done' order by period_label desc`.execute(db);
  return rows.map((r) => r.period_label);
}

/** A run's rank, score and grade per organisation (last month's ranks; the preview's "now"). */
export async function runRanks(db: Db, runId: number) {
  return db.selectFrom("organisation_scores").select(["organisation_id", "rank", "peer_group", "score", "grade"]).where("run_id", "=", runId).execute();
}

export interface ScoreRow {
  organisation_id: number;
  peer_group: string;
  score: number | null;
  grade: "green" | "yellow" | "red" | null;
  grade_from_score: string | null;
  capped_by: string[];
  rank: number | null;
  position: number;
  ranked: number;
  previous_rank: number | null;
  movement: "up" | "down" | "same" | "new" | "unranked";
  measured_weight: number;
  detail: string;
}

/**
 * A run's scores, 5,000 rows a statement: each column one array parameter, and the details one
 * JSON array (already JSON text: escaping 14 MB of it into an array literal cost seconds).
 */
export async function saveScores(db: Db, runId: number, rows: ScoreRow[]) {
  const CHUNK = 5_000;
  // chunks side by side on the pool's connections: parsing and compressing the details keeps a
  // PostgreSQL backend busy, and a run's rows count only once the run is marked done
  const starts = Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, k) => k * CHUNK);
  await inParallel(starts.map((i) => () => saveChunk(db, runId, rows.slice(i, i + CHUNK))), 2);
}

async function saveChunk(db: Db, runId: number, part: ScoreRow[]) {
  const col = <K extends keyof ScoreRow>(k: K) => arrayLiteral(part.map((r) => r[k] as string | number | null));
  await sql`
    insert into organisation_scores (run_id, organisation_id, peer_group, score, grade, grade_from_score, capped_by, rank, position, ranked, previous_rank, movement, measured_weight, detail)
    select ${runId}, t.organisation_id, t.peer_group, t.score, t.grade, t.grade_from_score, string_to_array(t.capped_by, ','), t.rank, t.position, t.ranked, t.previous_rank, t.movement, t.measured_weight, d.detail
    from unnest(${col("organisation_id")}::int[], ${col("peer_group")}::text[], ${col("score")}::float8[], ${col("grade")}::text[], ${col("grade_from_score")}::text[],
                ${arrayLiteral(part.map((r) => r.capped_by.join(",")))}::text[], ${col("rank")}::int[], ${col("position")}::int[], ${col("ranked")}::int[], ${col("previous_rank")}::int[],
                ${col("movement")}::text[], ${col("measured_weight")}::float8[]) with ordinality
      as t(organisation_id, peer_group, score, grade, grade_from_score, capped_by, rank, position, ranked, previous_rank, movement, measured_weight, ord)
    join jsonb_array_elements(${`[${part.map((r) => r.detail).join(",")}]`}::jsonb) with ordinality as d(detail, ord) on d.ord = t.ord`.execute(db);
}

/** A failed run's rows (it may have stored some chunks before failing). */
export async function deleteRunScores(db: Db, runId: number) {
  await db.deleteFrom("organisation_scores").where("run_id", "=", runId).execute();
}

/**
 * Reading stored scores: the ranking of a run with its filters, one organisation's score and
 * history, grade and territory summaries. Every value is a parameter; sorting by a whitelisted
 * column only (the caller maps user input through RANKING_SORTS).
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import { arrayLiteral } from "../array-literal";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export interface RankingFilters {
  peerGroup?: string;
  territoryId?: number;
  kind?: string;
  grade?: "green" | "yellow" | "red";
  platform?: string;
}

export const RANKING_SORTS = ["rank", "score", "name", "change"] as const;
export type RankingSort = (typeof RANKING_SORTS)[number];

export interface RankingRow {
  organisation_id: number;
  code: string;
  name_ru: string;
  name_en: string | null;
  kind: string;
  peer_group: string;
  territory_id: number | null;
  territory_name: string | null;
  score: number | null;
  grade: "green" | "yellow" | "red" | null;
  capped_by: string[];
  rank: number | null;
  ranked: number;
  position: number;
  previous_rank: number | null;
  movement: "up" | "down" | "same" | "new" | "unranked";
  platforms: string[];
}

function where(runId: number, f: RankingFilters): RawBuilder<unknown> {
  const list: RawBuilder<unknown>[] = [sql`s.run_id = ${runId}`];
  if (f.peerGroup) list.push(sql`s.peer_group = ${f.peerGroup}`);
  if (f.territoryId) list.push(sql`o.territory_id = ${f.territoryId}`);
  if (f.kind) list.push(sql`o.kind = ${f.kind}`);
  if (f.grade) list.push(sql`s.grade = ${f.grade}`);
  if (f.platform) list.push(sql`exists (select 1 from official_pages p where p.organisation_id = o.id and p.active and p.platform = ${f.platform})`);
  return sql.join(list, sql` and `);
}

const ORDER: Record<RankingSort, RawBuilder<unknown>> = {
  rank: sql`s.peer_group, s.position`,
  score: sql`s.score desc nulls last, s.peer_group, s.position`,
  name: sql`o.name_ru, o.id`,
  change: sql`(s.previous_rank - s.rank) desc nulls last, s.peer_group, s.position`,
};

export async function rankingRows(db: Db, runId: number, filters: RankingFilters, sort: RankingSort = "rank", limit = 100_000, offset = 0): Promise<RankingRow[]> {
  const { rows } = await sql<RankingRow>`
    select s.organisation_id, o.code, o.name_ru, o.name_en, o.kind, s.peer_group, o.territory_id, t.name_ru as territory_name,
           s.score, s.grade, s.capped_by, s.rank, s.ranked, s.position, s.previous_rank, s.movement,
           array(select distinct p.platform from official_pages p where p.organisation_id = o.id and p.active order by 1) as platforms
    from organisation_scores s
    join organisations o on o.id = s.organisation_id
    left join territories t on t.id = o.territory_id
    where ${where(runId, filters)}
    order by ${ORDER[sort]}
    limit ${limit} offset ${offset}`.execute(db);
  return rows;
}

export async function gradeCounts(db: Db, runId: number, filters: RankingFilters) {
  const { rows } = await sql<{ grade: string | null; n: number }>`
    select s.grade, count(*)::int as n from organisation_scores s join organisations o on o.id = s.organisation_id
    where ${where(runId, filters)} group by 1`.execute(db);
  const out = { green: 0, yellow: 0, red: 0, none: 0 };
  for (const r of rows) out[(r.grade ?? "none") as keyof typeof out] += r.n;
  return out;
}

/** Per territory of the organisations: how many, mean score, grades (the heat map). */
export async function territoryScores(db: Db, runId: number) {
  const { rows } = await sql<{ territory_id: number; code: string; name_ru: string; organisations: number; mean_score: number | null; green: number; yellow: number; red: number }>`
    select t.id as territory_id, t.code, t.name_ru, count(*)::int as organisations, avg(s.score)::float8 as mean_score,
           count(*) filter (where s.grade = 'green')::int as green, count(*) filter (where s.grade = 'yellow')::int as yellow,
           count(*) filter (where s.grade = 'red')::int as red
    from organisation_scores s join organisations o on o.id = s.organisation_id join territories t on t.id = o.territory_id
    where s.run_id = ${runId}
    group by t.id order by t.name_ru`.execute(db);
  return rows;
}

export async function organisationScore(db: Db, runId: number, organisationId: number) {
  return db.selectFrom("organisation_scores").selectAll().where("run_id", "=", runId).where("organisation_id", "=", organisationId).executeTakeFirst();
}

/** The organisation's score per period (each period's newest finished run), oldest first. */
export async function organisationHistory(db: Db, organisationId: number, periods = 12) {
  const { rows } = await sql<{ period_label: string; score: number | null; grade: string | null; rank: number | null; ranked: number }>`
    select * from (
      select distinct on (r.period_label) r.period_label, s.score, s.grade, s.rank, s.ranked
      from score_runs r join organisation_scores s on s.run_id = r.id and s.organisation_id = ${organisationId}
      where r.status = 'done'
      order by r.period_label desc, r.id desc
      limit ${periods}
    ) h order by period_label`.execute(db);
  return rows;
}

/** Mean score per period (each period's newest finished run), oldest first. */
export async function scoreHistory(db: Db, periods = 12) {
  const { rows } = await sql<{ period_label: string; mean_score: number | null }>`
    select * from (
      select r.period_label, (select avg(s.score)::float8 from organisation_scores s where s.run_id = r.id) as mean_score
      from (select distinct on (period_label) id, period_label from score_runs where status = 'done' order by period_label desc, id desc) r
      order by r.period_label desc limit ${periods}
    ) h order by period_label`.execute(db);
  return rows;
}

export async function peerGroupsOfRun(db: Db, runId: number) {
  const { rows } = await sql<{ peer_group: string; n: number }>`select peer_group, count(*)::int as n from organisation_scores where run_id = ${runId} group by 1 order by 1`.execute(db);
  return rows;
}

/** One organisation's scoring input for a period: its pages with their metrics JSON, and its rating. */
export async function organisationPagesWithMetrics(db: Db, organisationId: number, periodLabel: string) {
  const { rows } = await sql<{ id: number; platform: string; url: string; active: boolean; metrics: unknown; computed_at: Date | null }>`
    select p.id, p.platform, p.url, p.active, m.metrics, m.computed_at
    from official_pages p left join page_metrics m on m.page_id = p.id and m.period_label = ${periodLabel}
    where p.organisation_id = ${organisationId} order by p.platform, p.id`.execute(db);
  return rows;
}

/** A body and everything below it (parent bodies see their subordinates' scores). */
export async function subordinateIds(db: Db, organisationId: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    with recursive tree as (select id from organisations where id = ${organisationId}
      union all select o.id from organisations o join tree on o.parent_id = tree.id)
    select id from tree`.execute(db);
  return rows.map((r) => r.id);
}

export async function organisationSummary(db: Db, organisationId: number) {
  return db.selectFrom("organisations").select(["id", "code", "name_ru", "name_en", "kind", "peer_group", "parent_id", "territory_id"]).where("id", "=", organisationId).executeTakeFirst();
}

/** These organisations' names with their scores in a run (null scores when not in it). */
export async function organisationsWithScores(db: Db, ids: number[], runId: number | null) {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: number; name_ru: string; score: number | null; grade: "green" | "yellow" | "red" | null; rank: number | null; ranked: number | null }>`
    select o.id, o.name_ru, s.score, s.grade, s.rank, s.ranked
    from organisations o left join organisation_scores s on s.organisation_id = o.id and s.run_id = ${runId ?? 0}
    where o.id = any(${arrayLiteral(ids)}::int[]) order by o.name_ru, o.id`.execute(db);
  return rows;
}

/** The briefing's cover counts: active pages, and resident comments waiting more than 24 h now. */
export async function briefingCounts(db: Db) {
  const { rows } = await sql<{ pages: number; overdue: number }>`
    select (select count(*)::int from official_pages where active) as pages,
           (select count(*)::int from page_unanswered u join page_comments c on c.id = u.comment_id
             where c.created_at < now() - interval '24 hours') as overdue`.execute(db);
  return rows[0] ?? { pages: 0, overdue: 0 };
}

/** The region's (root territory's) names. */
export async function regionNames(db: Db) {
  return db.selectFrom("territories").select(["name_ru", "name_en"]).where("parent_id", "is", null).orderBy("id").executeTakeFirst();
}

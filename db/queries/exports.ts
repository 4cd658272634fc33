/** Response exports: the job's bookkeeping and the keyset-paged read of responses it streams. */
import { sql, type Kysely, type Transaction } from "kysely";
import type { DB, SurveyExportsTable } from "../schema";
import type { Insertable } from "kysely";

type Db = Kysely<DB> | Transaction<DB>;

export async function insertExport(db: Db, row: Insertable<SurveyExportsTable>) {
  return (await db.insertInto("survey_exports").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

export async function getExport(db: Db, id: number) {
  return db.selectFrom("survey_exports").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listExports(db: Db, surveyId: number, limit = 10) {
  return db.selectFrom("survey_exports").selectAll().where("survey_id", "=", surveyId).orderBy("id", "desc").limit(limit).execute();
}

export async function markExport(db: Db, id: number, fields: Partial<Pick<SurveyExportsTable, "rows_total" | "error" | "bytes" | "finished_at">> & { status?: "running" | "done" | "failed"; rows_done?: number; files?: string[] }) {
  await db.updateTable("survey_exports").set(fields).where("id", "=", id).execute();
}

export async function countResponses(db: Db, scope: { surveyId: number; versionId: number | null; excludeFlagged: boolean }) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from responses r
    where r.survey_id = ${scope.surveyId} ${scope.versionId ? sql`and r.version_id = ${scope.versionId}` : sql``}
    ${scope.excludeFlagged ? sql`and not exists (select 1 from response_flags f where f.response_id = r.id)` : sql``}`.execute(db);
  return rows[0]?.n ?? 0;
}

export interface ExportResponseRow {
  id: string;
  submitted_at: Date;
  version: number;
  duration_ms: number | null;
  answers: Record<string, unknown>;
  weight: number | null;
  flags: string | null;
}

/**
 * The next page of responses after `afterId`, with weight and quality flags. A weight lives in the
 * response's column block or, for the newest answers, in response_weights: the page's blocks are
 * unnested once (a block covers thousands of rows) and the rest looked up per row — a join made
 * PostgreSQL walk the weights from their start for every page.
 */
export async function responsesAfter(db: Db, scope: { surveyId: number; versionId: number | null; excludeFlagged: boolean }, afterId: number, limit: number) {
  const { rows } = await sql<ExportResponseRow>`
    with page as materialized (
      select r.id, r.submitted_at, r.version_id, r.duration_ms, r.answers
      from responses r
      where r.survey_id = ${scope.surveyId} and r.id > ${afterId}
        ${scope.versionId ? sql`and r.version_id = ${scope.versionId}` : sql``}
        ${scope.excludeFlagged ? sql`and not exists (select 1 from response_flags f where f.response_id = r.id)` : sql``}
      order by r.id
      limit ${limit}
    ), block_weights as (
      select t.id, t.w from result_blocks b cross join lateral unnest(b.response_ids, b.weights) t(id, w)
      where b.survey_id = ${scope.surveyId} and b.weights is not null
        and b.last_id > ${afterId} and b.first_id <= (select max(id) from page)
    )
    select p.id, p.submitted_at, v.version, p.duration_ms, p.answers,
           coalesce(bw.w, (select w.weight from response_weights w where w.response_id = p.id)) as weight,
           (select string_agg(f.reason || case when f.question <> '' then ':' || f.question else '' end, ' ' order by f.reason, f.question)
              from response_flags f where f.response_id = p.id) as flags
    from page p
    join survey_versions v on v.id = p.version_id
    left join block_weights bw on bw.id = p.id
    order by p.id`.execute(db);
  return rows;
}

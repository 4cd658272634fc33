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
  /** ISO 8601 in UTC, as the export writes it (formatted by PostgreSQL: no Date per row) */
  submitted_at: string;
  version: number;
  duration_ms: number | null;
  answers: Record<string, unknown>;
  weight: number | null;
  flags: string | null;
}

/**
 * The next page of responses after `afterId`, with quality flags and, for the newest answers (the
 * tail after the column blocks), their weight from response_weights; a weight inside a block comes
 * from `blockWeightsFrom`. Looked up per row: a join made PostgreSQL walk the weights from their
 * start for every page.
 */
export async function responsesAfter(db: Db, scope: { surveyId: number; versionId: number | null; excludeFlagged: boolean }, afterId: number, limit: number) {
  const { rows } = await sql<ExportResponseRow>`
    select r.id, to_char(r.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as submitted_at, v.version, r.duration_ms, r.answers,
           (select w.weight from response_weights w where w.response_id = r.id) as weight,
           (select string_agg(f.reason || case when f.question <> '' then ':' || f.question else '' end, ' ' order by f.reason, f.question)
              from response_flags f where f.response_id = r.id) as flags
    from responses r
    join survey_versions v on v.id = r.version_id
    where r.survey_id = ${scope.surveyId} and r.id > ${afterId}
      ${scope.versionId ? sql`and r.version_id = ${scope.versionId}` : sql``}
      ${scope.excludeFlagged ? sql`and not exists (select 1 from response_flags f where f.response_id = r.id)` : sql``}
    order by r.id
    limit ${limit}`.execute(db);
  return rows;
}

/** The weights of the column block holding `id` or the next one after it (null: no block there). */
export async function blockWeightsFrom(db: Db, surveyId: number, id: number): Promise<{ firstId: number; lastId: number; ids: number[]; weights: Array<number | null> } | null> {
  const { rows } = await sql<{ first_id: string; last_id: string; ids: string; weights: string | null }>`
    select first_id, last_id, array_to_string(response_ids, ',') as ids, array_to_string(weights, ',', '') as weights
    from result_blocks where survey_id = ${surveyId} and last_id >= ${id} order by block limit 1`.execute(db);
  const row = rows[0];
  if (!row) return null;
  const ids = row.ids.split(",").map(Number);
  const weights = row.weights === null ? ids.map(() => null) : row.weights.split(",").map((w) => (w === "" ? null : Number(w)));
  return { firstId: Number(row.first_id), lastId: Number(row.last_id), ids, weights };
}

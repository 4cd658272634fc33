/** Data-quality flags per response and the pass that computed them; what the refresh job looks at. */
import { sql, type Kysely, type Transaction } from "kysely";
import { arrayLiteral } from "../array-literal";
import type { DB, QualityReason } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * What the quality rules read: timing, the client, and only the answers they judge. The device
 * is the keyed hash of the submitting client (device tokens are unique per survey by
 * constraint, so a repeat shows up as the same client, never as the same token).
 */
export async function qualityInputs(db: Db, surveyId: number, keys: string[]) {
  const { rows } = await sql<{ id: string; duration_ms: number | null; device_key: string | null; answers: Record<string, unknown> | null }>`
    select r.id, r.duration_ms, r.client_hash as device_key,
           (select jsonb_object_agg(k, r.answers -> k) from unnest(${arrayLiteral(keys)}::text[]) k where r.answers ? k) as answers
    from responses r where r.survey_id = ${surveyId} order by r.id`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), durationMs: r.duration_ms, deviceKey: r.device_key, answers: r.answers ?? {} }));
}

/** Replaces a survey's flags in one transaction and records the pass. */
export async function replaceFlags(
  db: Kysely<DB>,
  surveyId: number,
  flags: Array<{ responseId: number; reason: QualityReason; question: string; detail: string }>,
  maxResponseId: number,
  counts: Record<string, number>,
) {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('quality'), ${surveyId})`.execute(trx);
    await trx.deleteFrom("response_flags").where("survey_id", "=", surveyId).execute();
    for (let i = 0; i < flags.length; i += 20_000) {
      const chunk = flags.slice(i, i + 20_000);
      await sql`insert into response_flags (response_id, survey_id, reason, question, detail)
        select id, ${surveyId}, reason, question, detail from unnest(
          ${arrayLiteral(chunk.map((f) => f.responseId))}::bigint[], ${arrayLiteral(chunk.map((f) => f.reason))}::text[],
          ${arrayLiteral(chunk.map((f) => f.question))}::text[], ${arrayLiteral(chunk.map((f) => f.detail))}::text[]) as t(id, reason, question, detail)
        on conflict do nothing`.execute(trx);
    }
    await trx
      .insertInto("survey_quality_runs")
      .values({ survey_id: surveyId, max_response_id: maxResponseId, counts: JSON.stringify(counts) })
      .onConflict((oc) => oc.column("survey_id").doUpdateSet({ max_response_id: maxResponseId, counts: JSON.stringify(counts), computed_at: new Date() }))
      .execute();
  });
}

export async function qualityRun(db: Db, surveyId: number) {
  return db.selectFrom("survey_quality_runs").selectAll().where("survey_id", "=", surveyId).executeTakeFirst();
}

/** Surveys with answers the last pass has not seen, and weighted surveys with unweighted answers. */
export async function surveysToRefresh(db: Db, blockSize: number) {
  const { rows } = await sql<{ survey_id: number; quality: boolean; weights: boolean; blocks: boolean }>`
    -- per survey, the newest answer: a backward walk of the primary key, not a scan of every answer
    with latest as (
      select s.id as survey_id, (select max(r.id) from responses r where r.survey_id = s.id) as max_id
      from surveys s where s.status <> 'draft'
    )
    select l.survey_id,
           coalesce(q.max_response_id, 0) < l.max_id as quality,
           (w.survey_id is not null and coalesce((w.report ->> 'maxResponseId')::bigint, 0) < l.max_id) as weights,
           -- a full block's worth of answers after the last block (counted along the key, at most that many)
           (select count(*) from (select 1 from responses r where r.survey_id = l.survey_id
              and r.id > coalesce((select max(b.last_id) from result_blocks b where b.survey_id = l.survey_id), 0)
              limit ${blockSize}) t) >= ${blockSize}
           -- or a version published after the blocks' column set was made
           or exists (select 1 from result_block_sets bs where bs.survey_id = l.survey_id
              and bs.updated_at < (select max(v.published_at) from survey_versions v where v.survey_id = l.survey_id)) as blocks
    from latest l
    left join survey_quality_runs q on q.survey_id = l.survey_id
    left join survey_weightings w on w.survey_id = l.survey_id and w.status <> 'pending'`.execute(db);
  return rows.filter((r) => r.quality || r.weights || r.blocks);
}

/** A page of responses with their flags, newest first, for the responses table. */
export async function responsesWithFlags(db: Db, surveyId: number, input: { beforeId?: number; limit: number; flaggedOnly: boolean }) {
  const { rows } = await sql<{ id: string; submitted_at: Date; duration_ms: number | null; flags: Array<{ reason: QualityReason; question: string; detail: string }> | null }>`
    select r.id, r.submitted_at, r.duration_ms,
           (select jsonb_agg(jsonb_build_object('reason', f.reason, 'question', f.question, 'detail', f.detail) order by f.reason, f.question)
              from response_flags f where f.response_id = r.id) as flags
    from responses r
    where r.survey_id = ${surveyId} ${input.beforeId ? sql`and r.id < ${input.beforeId}` : sql``}
      ${input.flaggedOnly ? sql`and exists (select 1 from response_flags f where f.response_id = r.id)` : sql``}
    order by r.id desc limit ${input.limit}`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id), flags: r.flags ?? [] }));
}

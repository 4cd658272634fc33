/** What operators look at: readiness, audit progress for /metrics, and the metadata retention pass. */
import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Pages done, failed and left of every audit run that has not finished. */
export async function unfinishedAuditRunProgress(db: Db) {
  const { rows } = await sql<{ run_id: number; done: string; failed: string; left: string }>`
    select r.id as run_id,
           count(*) filter (where p.status = 'done') as done,
           count(*) filter (where p.status = 'failed') as failed,
           count(*) filter (where p.status = 'pending') as left
    from audit_runs r join audit_run_pages p on p.run_id = r.id
    where r.finished_at is null
    group by r.id order by r.id`.execute(db);
  return rows.map((r) => ({ runId: r.run_id, done: Number(r.done), failed: Number(r.failed), left: Number(r.left) }));
}

/** Audit pages that failed in the window, by failure kind (rate limit, not found, network…). */
export async function auditPageFailuresByKind(db: Db, since: Date) {
  const { rows } = await sql<{ kind: string; failures: string }>`
    select coalesce(error_kind, 'unknown') as kind, count(*) as failures
    from audit_run_pages
    where status = 'failed' and finished_at >= ${since}
    group by 1 order by 1`.execute(db);
  return rows.map((r) => ({ kind: r.kind, failures: Number(r.failures) }));
}

/**
 * One batch of the retention pass over responses submitted before `cutoff`: what identifies a
 * device or a person goes, the answers, submission time, duration and quality flags stay.
 * - device_key (one-per-device guard) and invitation_id (a link to a possibly personal invitation): null
 * - client_hash (keyed hash of the address): replaced by a pseudonym shared by the batch's responses
 *   of one survey that had the same hash, so a later data-quality pass still sees those repeats
 * - started_at: null (duration_ms keeps the timing the quality rules need)
 * - raw: only the submission id and the answers as received, or an import's file and row (drops
 *   timing, locale, invitation token, and any unknown key a client sent)
 * A response already treated matches none of the conditions, so the pass is idempotent.
 * Returns how many responses changed; the caller repeats until a batch comes back short.
 */
export async function anonymiseResponseMetadataBatch(db: Db, cutoff: Date, batchSize: number): Promise<number> {
  const result = await sql`
    with due as (
      select id, survey_id, client_hash from responses
      where submitted_at < ${cutoff}
        and (device_key is not null or invitation_id is not null or started_at is not null
             or (client_hash is not null and client_hash not like 'retained-%')
             or (jsonb_typeof(raw) = 'object' and (raw - 'submissionId' - 'answers' - 'import' - 'row') <> '{}'::jsonb))
      order by id
      limit ${batchSize}
      for update skip locked
    ), pseudonyms as (
      select id, case
        when client_hash is null or client_hash like 'retained-%' then client_hash
        else 'retained-' || min(id) over (partition by survey_id, client_hash)
      end as pseudonym
      from due
    )
    update responses r
    set device_key = null,
        invitation_id = null,
        started_at = null,
        client_hash = p.pseudonym,
        raw = case when jsonb_typeof(r.raw) = 'object' then jsonb_strip_nulls(jsonb_build_object(
          'submissionId', r.raw -> 'submissionId', 'answers', r.raw -> 'answers', 'import', r.raw -> 'import', 'row', r.raw -> 'row')) else r.raw end
    from pseudonyms p
    where r.id = p.id`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Unfinished answers (drafts, keyed by a device hash) untouched since before the cutoff. */
export async function deleteStaleResponseDrafts(db: Db, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom("response_drafts").where("updated_at", "<", cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

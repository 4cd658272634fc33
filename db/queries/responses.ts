import { sql, type Kysely, type Transaction } from "kysely";
import { prepared } from "../prepared-statements";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

/** The public face of a survey: one indexed lookup, no definition (that is cached by version). */
export async function findPollBySlug(db: Db, slug: string) {
  return db
    .selectFrom("surveys")
    .select(["id", "slug", "title", "status", "published_version_id", "opens_at", "closes_at", "duplicate_policy"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}

export async function listOpenPolls(db: Db, now: Date) {
  return db
    .selectFrom("surveys")
    .select(["slug", "title", "closes_at", "duplicate_policy"])
    .where("status", "=", "published")
    .where((eb) => eb.or([eb("opens_at", "is", null), eb("opens_at", "<=", now)]))
    .where((eb) => eb.or([eb("closes_at", "is", null), eb("closes_at", ">", now)]))
    .orderBy("updated_at", "desc")
    .execute();
}

export async function findResponseBySubmission(db: Db, surveyId: number, submissionId: string) {
  return db
    .selectFrom("responses")
    .select(["id"])
    .where("survey_id", "=", surveyId)
    .where("submission_id", "=", submissionId)
    .executeTakeFirst();
}

export async function deviceHasResponded(db: Db, surveyId: number, deviceKey: string) {
  const row = await db.selectFrom("responses").select("id").where("survey_id", "=", surveyId).where("device_key", "=", deviceKey).executeTakeFirst();
  return Boolean(row);
}

export interface NewResponse {
  survey_id: number;
  version_id: number;
  submission_id: string;
  answers: Record<string, unknown>;
  raw: unknown;
  locale: string | null;
  started_at: Date | null;
  duration_ms: number | null;
  device_key: string | null;
  invitation_id: number | null;
  client_hash: string | null;
  quota_cell_ids: number[] | null;
}

/** Returns the new id, or null when this submission id is already stored (a retry). */
export async function insertResponse(db: Db, r: NewResponse): Promise<number | null> {
  const row = await db
    .insertInto("responses")
    .values({ ...r, answers: JSON.stringify(r.answers), raw: JSON.stringify(r.raw) })
    .onConflict((oc) => oc.columns(["survey_id", "submission_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

export async function listResponses(db: Db, input: { surveyId: number; afterId?: number; limit: number }) {
  let q = db
    .selectFrom("responses as r")
    .innerJoin("survey_versions as v", "v.id", "r.version_id")
    .select(["r.id", "r.submission_id", "v.version", "r.answers", "r.locale", "r.started_at", "r.submitted_at", "r.duration_ms"])
    .where("r.survey_id", "=", input.surveyId)
    .orderBy("r.id")
    .limit(input.limit);
  if (input.afterId) q = q.where("r.id", ">", input.afterId);
  return q.execute();
}

export async function countResponses(db: Db, surveyId: number) {
  const row = await db.selectFrom("responses").select((eb) => eb.fn.countAll<number>().as("n")).where("survey_id", "=", surveyId).executeTakeFirstOrThrow();
  return Number(row.n);
}

// Drafts: a resident's unfinished answers, keyed by the device cookie's hash.
export async function upsertDraft(
  db: Db,
  d: { surveyId: number; deviceHash: string; versionId: number; answers: Record<string, unknown>; pageNo: number },
) {
  await db
    .insertInto("response_drafts")
    .values({ survey_id: d.surveyId, device_hash: d.deviceHash, version_id: d.versionId, answers: JSON.stringify(d.answers), page_no: d.pageNo })
    .onConflict((oc) =>
      oc.columns(["survey_id", "device_hash"]).doUpdateSet({
        version_id: d.versionId,
        answers: JSON.stringify(d.answers),
        page_no: d.pageNo,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

export async function getDraft(db: Db, surveyId: number, deviceHash: string) {
  return db
    .selectFrom("response_drafts")
    .select(["version_id", "answers", "page_no", "started_at", "updated_at"])
    .where("survey_id", "=", surveyId)
    .where("device_hash", "=", deviceHash)
    .executeTakeFirst();
}

export async function deleteDraft(db: Db, surveyId: number, deviceHash: string) {
  await db.deleteFrom("response_drafts").where("survey_id", "=", surveyId).where("device_hash", "=", deviceHash).execute();
}

// Invitations: single-use links; only the token's hash is kept.
export async function insertInvitations(db: Db, surveyId: number, tokenHashes: string[]) {
  for (let i = 0; i < tokenHashes.length; i += 1000) {
    await db
      .insertInto("invitations")
      .values(tokenHashes.slice(i, i + 1000).map((token_hash) => ({ survey_id: surveyId, token_hash })))
      .execute();
  }
}

/** Claims an unused invitation inside the caller's transaction; null when unknown or used. */
export async function claimInvitation(db: Db, surveyId: number, tokenHash: string): Promise<number | null> {
  const row = await db
    .updateTable("invitations")
    .set({ used_at: sql`now()` })
    .where("survey_id", "=", surveyId)
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function invitationState(db: Db, surveyId: number, tokenHash: string) {
  return db.selectFrom("invitations").select(["id", "used_at"]).where("survey_id", "=", surveyId).where("token_hash", "=", tokenHash).executeTakeFirst();
}

export async function invitationCounts(db: Db, surveyId: number) {
  const row = await db
    .selectFrom("invitations")
    .select((eb) => [eb.fn.countAll<number>().as("total"), eb.fn.count<number>("used_at").as("used")])
    .where("survey_id", "=", surveyId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), used: Number(row.used) };
}

/**
 * Everything a submission needs to know before writing, in one round trip: the poll, whether this
 * submission id is already stored, and the quota cells (conditions and counts).
 */
export async function findPollForSubmission(db: Db, slug: string, submissionId: string) {
  return db
    .selectFrom("surveys as s")
    .select((eb) => [
      "s.id",
      "s.slug",
      "s.title",
      "s.status",
      "s.published_version_id",
      "s.opens_at",
      "s.closes_at",
      "s.duplicate_policy",
      eb
        .selectFrom("responses as r")
        .select("r.id")
        .whereRef("r.survey_id", "=", "s.id")
        .where("r.submission_id", "=", submissionId)
        .as("existing_id"),
      eb
        .selectFrom("quota_cells as q")
        .select(sql<QuotaCellRow[] | null>`json_agg(json_build_object('id', q.id, 'label', q.label, 'conditions', q.conditions, 'target', q.target, 'filled', q.filled) order by q.id)`.as("cells"))
        .whereRef("q.survey_id", "=", "s.id")
        .as("quota_cells"),
    ])
    .where("s.slug", "=", slug)
    .executeTakeFirst();
}

interface QuotaCellRow {
  id: number;
  label: string;
  conditions: Record<string, string | number | boolean>;
  target: number;
  filled: number;
}

/**
 * The hot path's single statement: inserts only while the poll is still published with this
 * version and policy, inside its window, and without quota cells. Null when the guard or the
 * submission id's unique key stopped it.
 */
export async function insertResponseIfOpen(db: Db, r: NewResponse, policy: string): Promise<number | null> {
  const { rows } = await sql<{ id: number }>`${sql.raw(prepared("insert-response-if-open"))}
    insert into responses (survey_id, version_id, submission_id, answers, raw, locale, started_at, duration_ms, device_key, client_hash)
    select ${r.survey_id}, ${r.version_id}, ${r.submission_id}, ${JSON.stringify(r.answers)}::jsonb, ${JSON.stringify(r.raw)}::jsonb,
           ${r.locale}, ${r.started_at}::timestamptz, ${r.duration_ms}::integer, ${r.device_key}, ${r.client_hash}
    where exists (
      select 1 from surveys s
      where s.id = ${r.survey_id} and s.status = 'published' and s.published_version_id = ${r.version_id}
        and s.duplicate_policy = ${policy}
        and (s.closes_at is null or s.closes_at > now()) and (s.opens_at is null or s.opens_at <= now())
    )
    and not exists (select 1 from quota_cells q where q.survey_id = ${r.survey_id})
    on conflict (survey_id, submission_id) do nothing
    returning id`.execute(db);
  return rows[0] ? Number(rows[0].id) : null;
}

/** Audit runs and their pages: what the sweep enqueued, what finished, what failed and why. */
import { sql, type Kysely, type Transaction } from "kysely";
import { prepared } from "../prepared-statements";
import type { AuditScope, AuditTrigger, DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

/** The active pages a run covers: everything, one organisation (with its subordinates) or one page. */
export async function pagesInScope(db: Db, scope: AuditScope, ref: string | null): Promise<number[]> {
  if (scope === "page") {
    const row = await db.selectFrom("official_pages").select("id").where("id", "=", Number(ref)).executeTakeFirst();
    return row ? [row.id] : [];
  }
  if (scope === "organisation") {
    const { rows } = await sql<{ id: number }>`
      with recursive tree as (
        select id from organisations where code = ${ref}
        union all
        select o.id from organisations o join tree t on o.parent_id = t.id
      )
      select p.id from official_pages p join tree t on p.organisation_id = t.id where p.active order by p.id`.execute(db);
    return rows.map((r) => r.id);
  }
  const rows = await db.selectFrom("official_pages").select("id").where("active", "=", true).orderBy("id").execute();
  return rows.map((r) => r.id);
}

/**
 * Creates the run with one pending row per page. A scheduled run is keyed by its local date, so
 * a second call for the same day returns the existing run (and `created` false).
 */
export async function createAuditRun(
  db: Db,
  input: { scope: AuditScope; scopeRef: string | null; trigger: AuditTrigger; scheduleKey?: string; requestedBy: number | null; pageIds: number[] },
): Promise<{ id: number; created: boolean }> {
  const inserted = await db
    .insertInto("audit_runs")
    .values({
      scope: input.scope,
      scope_ref: input.scopeRef,
      trigger: input.trigger,
      schedule_key: input.scheduleKey ?? null,
      requested_by: input.requestedBy,
      page_count: input.pageIds.length,
    })
    .onConflict((oc) => oc.column("schedule_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) {
    const existing = await db.selectFrom("audit_runs").select("id").where("schedule_key", "=", input.scheduleKey!).executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  }
  for (let i = 0; i < input.pageIds.length; i += 1000) {
    await db
      .insertInto("audit_run_pages")
      .values(input.pageIds.slice(i, i + 1000).map((page_id) => ({ run_id: inserted.id, page_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return { id: inserted.id, created: true };
}

export async function scheduledRun(db: Db, scheduleKey: string) {
  return db.selectFrom("audit_runs").select(["id", "finished_at"]).where("schedule_key", "=", scheduleKey).executeTakeFirst();
}

export async function pendingPagesOfRun(db: Db, runId: number): Promise<number[]> {
  const rows = await db.selectFrom("audit_run_pages").select("page_id").where("run_id", "=", runId).where("status", "=", "pending").orderBy("page_id").execute();
  return rows.map((r) => r.page_id);
}

export async function markRunStarted(db: Db, runId: number) {
  await db.updateTable("audit_runs").set({ started_at: sql`coalesce(started_at, now())` }).where("id", "=", runId).execute();
}

/** Records a page's outcome in a run; a retry of a finished page changes nothing. */
export async function finishRunPage(
  db: Db,
  input: { runId: number; pageId: number; status: "done" | "failed"; errorKind?: string | null; errorMessage?: string | null; attempts: number; counts?: Record<string, number> },
) {
  await db
    .updateTable("audit_run_pages")
    .set({
      status: input.status,
      error_kind: input.errorKind ?? null,
      error_message: input.errorMessage?.slice(0, 1000) ?? null,
      attempts: input.attempts,
      counts: input.counts ? JSON.stringify(input.counts) : null,
      finished_at: new Date(),
    })
    .where("run_id", "=", input.runId)
    .where("page_id", "=", input.pageId)
    .where("status", "=", "pending")
    .execute();
}

/** Closes the run once no page is pending; true only for the call that closed it. */
export async function finishRunIfComplete(db: Db, runId: number): Promise<boolean> {
  const result = await sql`${sql.raw(prepared("finish-run-if-complete"))}
    update audit_runs set finished_at = now()
    where id = ${runId} and finished_at is null
      and not exists (select 1 from audit_run_pages where run_id = ${runId} and status = 'pending')`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

export async function runProgress(db: Db, runId: number) {
  const run = await db.selectFrom("audit_runs").selectAll().where("id", "=", runId).executeTakeFirst();
  if (!run) return null;
  const rows = await db
    .selectFrom("audit_run_pages")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("run_id", "=", runId)
    .groupBy("status")
    .execute();
  const count = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { run, done: count("done"), failed: count("failed"), pending: count("pending") };
}

export async function listAuditRuns(db: Db, limit: number) {
  const { rows } = await sql<{
    id: number;
    scope: AuditScope;
    scope_ref: string | null;
    trigger: AuditTrigger;
    created_at: Date;
    finished_at: Date | null;
    page_count: number;
    done: number;
    failed: number;
  }>`
    select r.id, r.scope, r.scope_ref, r.trigger, r.created_at, r.finished_at, r.page_count,
      (select count(*) from audit_run_pages p where p.run_id = r.id and p.status = 'done')::int as done,
      (select count(*) from audit_run_pages p where p.run_id = r.id and p.status = 'failed')::int as failed
    from audit_runs r order by r.id desc limit ${limit}`.execute(db);
  return rows;
}

export async function runPages(db: Db, runId: number, filter: { status?: "pending" | "done" | "failed"; limit: number; offset: number }) {
  let q = db
    .selectFrom("audit_run_pages as rp")
    .innerJoin("official_pages as p", "p.id", "rp.page_id")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .where("rp.run_id", "=", runId);
  if (filter.status) q = q.where("rp.status", "=", filter.status);
  const [rows, total] = await Promise.all([
    q
      .select(["rp.page_id", "rp.status", "rp.error_kind", "rp.error_message", "rp.attempts", "rp.counts", "rp.finished_at", "p.platform", "p.platform_id", "p.url", "o.name_ru as organisation_name", "o.code as organisation_code"])
      .orderBy("rp.status", "desc")
      .orderBy("o.name_ru")
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function auditedPagesOfRun(db: Db, runId: number): Promise<number[]> {
  const rows = await db.selectFrom("audit_run_pages").select("page_id").where("run_id", "=", runId).where("status", "=", "done").orderBy("page_id").execute();
  return rows.map((r) => r.page_id);
}

export async function markRunMetrics(db: Db, runId: number) {
  await db.updateTable("audit_runs").set({ metrics_at: new Date() }).where("id", "=", runId).execute();
}

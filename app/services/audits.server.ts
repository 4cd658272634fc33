/**
 * Audit runs: started by an analyst (one page, one organisation with its subordinates, or
 * everything), by `npm run audit`, or by the daily sweep; expanded into one job per page; followed
 * through their progress (done / failed / left).
 */
import { z } from "zod";
import type { Database } from "../../db/client";
import {
  createAuditRun,
  finishRunIfComplete,
  listAuditRuns,
  markRunStarted,
  pagesInScope,
  pendingPagesOfRun,
  runPages,
  scheduledRun,
  runProgress,
} from "../../db/queries/audit-runs";
import { appendAudit } from "../../db/queries/audit-log";
import { getOrganisationByCode } from "../../db/queries/organisations";
import { getAuditState } from "../../db/queries/observations";
import { latestPageMetrics, listUnanswered, pageMetricsForPeriod } from "../../db/queries/page-metrics";
import { getPageById } from "../../db/queries/pages";
import { listOpenAlerts, resolveAlert } from "../../db/queries/platform-tokens";
import type { AuditTrigger } from "../../db/schema";
import type { JobRunner } from "../../jobs/types";
import type { AppContext } from "./context.server";

export const auditScopeSchema = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("all") }),
  z.object({ scope: z.literal("organisation"), organisation: z.string().trim().min(1, "required").max(100) }),
  z.object({ scope: z.literal("page"), page: z.coerce.number().int().positive("a page id") }),
]);
export type AuditScopeInput = z.infer<typeof auditScopeSchema>;

export type StartRunResult = { ok: true; runId: number; pages: number } | { ok: false; errors: Record<string, string> };

export async function startAuditRun(
  ctx: Pick<AppContext, "db" | "jobs">,
  input: unknown,
  options: { trigger: AuditTrigger; requestedBy: number | null },
): Promise<StartRunResult> {
  const parsed = auditScopeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "scope", i.message])) };
  const scope = parsed.data;
  let ref: string | null = null;
  if (scope.scope === "organisation") {
    if (!(await getOrganisationByCode(ctx.db, scope.organisation))) return { ok: false, errors: { organisation: "unknown_organisation" } };
    ref = scope.organisation;
  }
  if (scope.scope === "page") {
    if (!(await getPageById(ctx.db, scope.page))) return { ok: false, errors: { page: "unknown_page" } };
    ref = String(scope.page);
  }
  const pageIds = await pagesInScope(ctx.db, scope.scope, ref);
  const run = await createAuditRun(ctx.db, { scope: scope.scope, scopeRef: ref, trigger: options.trigger, requestedBy: options.requestedBy, pageIds });
  await appendAudit(ctx.db, { actorUserId: options.requestedBy, action: "audit.run.start", entityType: "audit_run", entityId: run.id, details: { scope: scope.scope, ref, pages: pageIds.length, trigger: options.trigger } });
  await ctx.jobs.enqueue("audit.run", { runId: run.id }, { jobId: `audit-run-${run.id}` });
  return { ok: true, runId: run.id, pages: pageIds.length };
}

/** One job per page still pending; deterministic job ids, so a repeated expansion adds nothing. */
export async function expandRun(db: Database, jobs: JobRunner, runId: number): Promise<number> {
  await markRunStarted(db, runId);
  const pending = await pendingPagesOfRun(db, runId);
  for (const pageId of pending) await jobs.enqueue("audit.page", { runId, pageId }, { jobId: `audit-page-${runId}-${pageId}` });
  if (pending.length === 0) await finishRunIfComplete(db, runId);
  return pending.length;
}

/**
 * The daily sweep: one run per local date however many processes schedule it. The schedule asks
 * again every minute after the sweep hour (so a process started late still sweeps): a finished
 * day's run is answered from one lookup, and an unfinished one is resumed rather than recreated.
 */
export async function scheduledSweep(db: Database, jobs: JobRunner, date: string): Promise<{ runId: number; created: boolean; enqueued: number }> {
  const existing = await scheduledRun(db, date);
  if (existing) return { runId: existing.id, created: false, enqueued: existing.finished_at ? 0 : await expandRun(db, jobs, existing.id) };
  const pageIds = await pagesInScope(db, "all", null);
  const run = await createAuditRun(db, { scope: "all", scopeRef: null, trigger: "schedule", scheduleKey: date, requestedBy: null, pageIds });
  const enqueued = await expandRun(db, jobs, run.id);
  return { runId: run.id, created: run.created, enqueued };
}

export async function getRunProgress(db: Database, runId: number) {
  const progress = await runProgress(db, runId);
  if (!progress) return null;
  const total = progress.run.page_count;
  return { ...progress, total, percent: total === 0 ? 100 : Math.round((100 * (progress.done + progress.failed)) / total) };
}

export const listRuns = (db: Database, limit = 30) => listAuditRuns(db, limit);
export const listRunPages = runPages;

/** One page's audit picture: state on the platform, month-to-date metrics and the to-do list. */
export async function pageAuditReport(db: Database, pageId: number, options: { unansweredLimit: number; unansweredOffset?: number }) {
  const page = await getPageById(db, pageId);
  if (!page) return null;
  const [state, metrics, unanswered] = await Promise.all([
    getAuditState(db, pageId),
    latestPageMetrics(db, pageId),
    listUnanswered(db, [pageId], options.unansweredLimit, options.unansweredOffset ?? 0),
  ]);
  return { page, state: state ?? null, metrics: metrics ?? null, unanswered };
}

export const monthMetrics = (db: Database, month: string, limit: number, offset: number) => pageMetricsForPeriod(db, month, limit, offset);
export const openAlerts = (db: Database) => listOpenAlerts(db);
export async function dismissAlert(db: Database, id: number, userId: number) {
  await resolveAlert(db, id);
  await appendAudit(db, { actorUserId: userId, action: "alert.resolve", entityType: "alert", entityId: id });
}

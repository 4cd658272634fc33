import { computeMetricsForPeriod, computeRunMetrics } from "../../app/services/page-metrics.server";
import { pagesInScope } from "../../db/queries/audit-runs";
import type { Processor } from "../types";
import type { JobAppContext } from "./context";

/** A finished run's month to date and to-do lists, then its scores; or a month re-computed from stored observations. */
export const auditMetrics: Processor<"audit.metrics", JobAppContext> = async (payload, ctx) => {
  const env = ctx.audit.env;
  if ("runId" in payload) {
    const done = await computeRunMetrics(ctx.db, { runId: payload.runId, now: ctx.audit.now(), timeZone: env.REGION_TIMEZONE, lookbackDays: env.AUDIT_LOOKBACK_DAYS });
    // the month's scores follow every audit run (one scoring per run, however often this retries)
    await ctx.jobs.enqueue("scores.compute", {}, { jobId: `scores-after-run-${payload.runId}` });
    return done;
  }
  const ids = payload.pageIds ?? (await pagesInScope(ctx.db, "all", null));
  return computeMetricsForPeriod(ctx.db, {
    label: payload.month,
    timeZone: env.REGION_TIMEZONE,
    now: ctx.audit.now(),
    pageIds: ids,
    onProgress: (done) => void ctx.progress(Math.round((100 * done) / Math.max(1, ids.length))),
  });
};

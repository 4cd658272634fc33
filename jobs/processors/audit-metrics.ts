import { computeMetricsForPeriod } from "../../app/services/page-metrics.server";
import { pagesInScope } from "../../db/queries/audit-runs";
import type { Processor } from "../types";
import type { JobAppContext } from "./context";

/** A month's page metrics re-computed from stored observations (every active page, or the listed). */
export const auditMetrics: Processor<"audit.metrics", JobAppContext> = async ({ month, pageIds }, ctx) => {
  const ids = pageIds ?? (await pagesInScope(ctx.db, "all", null));
  return computeMetricsForPeriod(ctx.db, {
    label: month,
    timeZone: ctx.audit.env.REGION_TIMEZONE,
    now: ctx.audit.now(),
    pageIds: ids,
    onProgress: (done) => void ctx.progress(Math.round((100 * done) / Math.max(1, ids.length))),
  });
};

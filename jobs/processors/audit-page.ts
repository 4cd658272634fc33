import { auditPage } from "../../app/services/page-audit.server";
import { jobDefinitions } from "../queues";
import type { Processor } from "../types";
import type { JobAppContext } from "./context";

/**
 * parse -> read the platform -> upsert observations -> metrics. A transient fault is thrown so the
 * runner retries with backoff; on the last attempt it is recorded as the page's failure instead,
 * so a run always finishes and the sweep goes on.
 */
export const auditPageJob: Processor<"audit.page", JobAppContext> = async ({ runId, pageId }, ctx) => {
  const outcome = await auditPage(ctx.db, ctx.audit, {
    runId,
    pageId,
    attempt: ctx.attempt,
    maxAttempts: jobDefinitions["audit.page"].options.attempts,
    signal: ctx.signal,
  });
  if (outcome.status === "retry") throw outcome.error;
  if (outcome.runFinished) await ctx.jobs.enqueue("audit.metrics", { runId }, { jobId: `audit-metrics-run-${runId}` });
  // no progress report: a page is one step, its outcome is in PostgreSQL, and each report cost a
  // Redis round trip per page
  return outcome;
};

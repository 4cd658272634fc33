/**
 * Page metrics for a period: load observations set-wise, apply the pure rules
 * (app/domain/compliance/metrics.ts), store one row per page and period. A run's last step
 * computes its pages' month to date in chunks (far cheaper than page by page: bench:audit);
 * `computeMetricsForPeriod` re-scores any month for many pages.
 */
import type { Database } from "../../db/client";
import { auditedPagesOfRun, markRunMetrics } from "../../db/queries/audit-runs";
import { loadMetricInputs, replaceUnansweredMany, savePageMetrics, type PageMetricsRow } from "../../db/queries/page-metrics";
import { computePageMetrics, type PageMetrics } from "../domain/compliance/metrics";
import type { Period } from "../domain/compliance/observations";
import { monthLabelOf, monthPeriod } from "../domain/compliance/period";

export function metricsRow(pageId: number, label: string, period: Period, partial: boolean, m: PageMetrics): PageMetricsRow {
  return {
    page_id: pageId,
    period_start: period.start,
    period_end: period.end,
    period_label: label,
    partial,
    badge: m.badge.status,
    profile_share: m.profile.share,
    activity_share: m.posting.activityShare,
    owner_posts: m.posting.ownerPosts,
    dormant: m.posting.dormant,
    engagement: m.engagement.rate,
    eligible_comments: m.replies.eligible,
    reply_rate: m.replies.replyRate,
    rr24: m.replies.rr24,
    first_reply_mean_s: m.firstReply.meanSeconds,
    first_reply_median_s: m.firstReply.medianSeconds,
    first_reply_p90_s: m.firstReply.p90Seconds,
    streams: m.streams.count,
    comments_open_share: m.commentsOpen.share,
    reach: m.reach.ratio,
    // the to-do list is stored on its own (page_unanswered); a month's row keeps only its count
    metrics: JSON.stringify({ ...m, unanswered: { status: m.unanswered.status, count: m.unanswered.items.length, overdue: m.unanswered.overdue } }),
  };
}

/**
 * A whole month for many pages (a past period re-scored, or the national benchmark): pages are
 * taken in chunks so memory stays flat whatever the number of pages; each chunk is four reads
 * and one batched upsert.
 */
export async function computeMetricsForPeriod(
  db: Database,
  input: {
    label: string;
    timeZone: string;
    now: Date;
    pageIds: number[];
    chunkSize?: number;
    /**
     * Also replace the pages' lists of comments still waiting for an answer (as of `now`), read
     * from this date on — an audit's look-back, so a question left before the month still shows.
     */
    todoSince?: Date;
    onProgress?: (done: number) => void;
  },
): Promise<{ pages: number }> {
  const month = monthPeriod(input.label, input.timeZone);
  const partial = input.now < month.end;
  const period: Period = { ...month, end: partial ? input.now : month.end };
  const chunk = input.chunkSize ?? 500;
  const load = (ids: number[]) => loadMetricInputs(db, ids, period, { commentsSince: input.todoSince });
  let done = 0;
  // Read the next chunk while the current one is computed and written: the database and the
  // rules then work at the same time.
  let next = load(input.pageIds.slice(0, chunk));
  for (let i = 0; i < input.pageIds.length; i += chunk) {
    const inputs = await next;
    if (i + chunk < input.pageIds.length) next = load(input.pageIds.slice(i + chunk, i + 2 * chunk));
    const computed = inputs.map((page) => ({
      pageId: page.pageId,
      metrics: computePageMetrics(page.observations, period, { now: input.now, population: page.population }),
    }));
    await db.transaction().execute(async (trx) => {
      await savePageMetrics(trx, computed.map((c) => metricsRow(c.pageId, input.label, period, partial, c.metrics)));
      if (input.todoSince) {
        const items = computed.flatMap((c) => c.metrics.unanswered.items.map((u) => ({ pageId: c.pageId, commentId: u.commentId })));
        await replaceUnansweredMany(trx, computed.map((c) => c.pageId), items, input.now);
      }
    });
    done += inputs.length;
    input.onProgress?.(done);
  }
  return { pages: done };
}

/** The month to date of the pages a run audited, with their to-do lists: the run's last step. */
export async function computeRunMetrics(db: Database, input: { runId: number; now: Date; timeZone: string; lookbackDays: number }) {
  const pageIds = await auditedPagesOfRun(db, input.runId);
  const result = await computeMetricsForPeriod(db, {
    label: monthLabelOf(input.now, input.timeZone),
    timeZone: input.timeZone,
    now: input.now,
    pageIds,
    todoSince: new Date(input.now.getTime() - input.lookbackDays * 86_400_000),
  });
  await markRunMetrics(db, input.runId);
  return result;
}

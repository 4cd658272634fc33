/**
 * Page metrics for a period: load observations set-wise, apply the pure rules
 * (app/domain/compliance/metrics.ts), store one row per page and period. The audit of a page
 * refreshes its month to date; `computeMetricsForPeriod` re-scores any month for many pages.
 */
import type { Database } from "../../db/client";
import { loadMetricInputs, replaceUnanswered, savePageMetrics, type PageMetricsRow } from "../../db/queries/page-metrics";
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
 * The month to date for one page right after its audit, and its list of comments still waiting
 * for an answer. Comments are read from `commentsSince` (the audit's look-back), so a comment
 * left unanswered before the current month still shows on the to-do list.
 */
export async function refreshPageMetrics(db: Database, pageId: number, input: { now: Date; timeZone: string; commentsSince: Date }) {
  const label = monthLabelOf(input.now, input.timeZone);
  const month = monthPeriod(label, input.timeZone);
  const period: Period = { ...month, end: input.now < month.end ? input.now : month.end };
  const [inputData] = await loadMetricInputs(db, [pageId], period, { commentsSince: input.commentsSince });
  if (!inputData) return null;
  const metrics = computePageMetrics(inputData.observations, period, { now: input.now, population: inputData.population });
  await db.transaction().execute(async (trx) => {
    await savePageMetrics(trx, [metricsRow(pageId, label, period, period.end < month.end, metrics)]);
    await replaceUnanswered(
      trx,
      pageId,
      metrics.unanswered.items.map((c) => c.commentId),
      input.now,
    );
  });
  return metrics;
}

/**
 * A whole month for many pages (a past period re-scored, or the national benchmark): pages are
 * taken in chunks so memory stays flat whatever the number of pages; each chunk is four reads
 * and one batched upsert.
 */
export async function computeMetricsForPeriod(
  db: Database,
  input: { label: string; timeZone: string; now: Date; pageIds: number[]; chunkSize?: number; onProgress?: (done: number) => void },
): Promise<{ pages: number }> {
  const month = monthPeriod(input.label, input.timeZone);
  const partial = input.now < month.end;
  const period: Period = { ...month, end: partial ? input.now : month.end };
  const chunk = input.chunkSize ?? 500;
  let done = 0;
  // Read the next chunk while the current one is computed and written: the database and the
  // rules then work at the same time.
  let next = loadMetricInputs(db, input.pageIds.slice(0, chunk), period);
  for (let i = 0; i < input.pageIds.length; i += chunk) {
    const inputs = await next;
    if (i + chunk < input.pageIds.length) next = loadMetricInputs(db, input.pageIds.slice(i + chunk, i + 2 * chunk), period);
    const rows = inputs.map((page) =>
      metricsRow(page.pageId, input.label, period, partial, computePageMetrics(page.observations, period, { now: input.now, population: page.population })),
    );
    await savePageMetrics(db, rows);
    done += inputs.length;
    input.onProgress?.(done);
  }
  return { pages: done };
}

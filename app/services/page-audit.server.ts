/**
 * Auditing one page inside a run: read the platform through its connector, upsert what it saw by
 * platform ids (a retried or resumed audit never duplicates), move the page's cursor and record
 * the outcome in the run. The run's last page hands over to the metrics job (page-metrics.server). Platform faults are the
 * page's outcome, not the sweep's: transient ones are retried by the job, the rest are recorded.
 */
import type { Database } from "../../db/client";
import { finishRunIfComplete, finishRunPage } from "../../db/queries/audit-runs";
import { pageForAudit, saveAuditState, saveObservations, type CommentRow } from "../../db/queries/observations";
import { ConnectorError, type PageTarget } from "../../jobs/connectors/types";
import type { PlatformStatus } from "../../db/schema";
import type { AuditRuntime } from "./audit-runtime.server";

const DAY_MS = 86_400_000;
/** a platform date this far ahead of our clock is counted as clock skew (kept, but reported) */
const SKEW_TOLERANCE_MS = 10 * 60_000;

const PAGE_STATUS: Partial<Record<ConnectorError["kind"], PlatformStatus>> = {
  page_private: "private",
  page_deleted: "deleted",
  page_not_found: "not_found",
};

/** runFinished: this page was the run's last, so the run's metrics are due (the caller enqueues them). */
export type PageAuditOutcome =
  | { status: "done"; counts: Record<string, number>; runFinished: boolean }
  | { status: "failed"; errorKind: string; message: string; runFinished: boolean }
  | { status: "retry"; error: unknown };

function dedupeById<T extends { id: string }>(items: T[]): { items: T[]; duplicates: number } {
  const seen = new Map<string, T>();
  for (const item of items) seen.set(item.id, item);
  return { items: [...seen.values()], duplicates: items.length - seen.size };
}

// PostgreSQL text cannot hold NUL; a comment carrying one must not fail its page
const excerpt = (text: string | null) => (text ? text.slice(0, 500).replaceAll("\u0000", "") : null);

async function readPlatform(runtime: AuditRuntime, target: PageTarget, since: Date, lookbackStart: Date, storedPostIds: string[], signal?: AbortSignal) {
  const choice = await runtime.connectors.connectorFor(target);
  if (!choice) throw new ConnectorError("not_configured", `no API access configured for ${target.platform} and no activity file covers this page`);
  const { connector } = choice;
  const overview = connector.overview
    ? await connector.overview(target, since, signal)
    : { profile: await connector.profile(target, signal), posts: await connector.posts(target, since, signal), streams: null };
  const { profile, posts } = overview;
  // Comments arrive late: re-read them on every post inside the look-back, stored or new.
  const recent = new Set(storedPostIds);
  for (const p of posts) if (p.publishedAt >= lookbackStart || p.pinned) recent.add(p.id);
  const comments = await connector.comments(target, [...recent], signal);
  const streams = overview.streams ?? (await connector.streams(target, since, signal));
  return { profile, posts, comments, streams, capabilities: connector.capabilities(target), source: choice.source };
}

export async function auditPage(
  db: Database,
  runtime: AuditRuntime,
  input: { runId: number; pageId: number; attempt: number; maxAttempts: number; signal?: AbortSignal },
): Promise<PageAuditOutcome> {
  const now = runtime.now();
  const env = runtime.env;
  const lookbackStart = new Date(now.getTime() - env.AUDIT_LOOKBACK_DAYS * DAY_MS);
  const page = await pageForAudit(db, input.pageId, lookbackStart);
  if (!page) {
    await finishRunPage(db, { runId: input.runId, pageId: input.pageId, status: "failed", errorKind: "page_removed", errorMessage: "the page was removed from the registry", attempts: input.attempt });
    return { status: "failed", errorKind: "page_removed", message: "removed from the registry", runFinished: await finishRunIfComplete(db, input.runId) };
  }
  const cursor = page.posts_cursor ?? new Date(now.getTime() - env.AUDIT_FIRST_DAYS * DAY_MS);
  const since = cursor < lookbackStart ? cursor : lookbackStart;
  const target: PageTarget = { pageId: page.id, platform: page.platform, platformId: page.platform_id, url: page.url, resolvedId: page.resolved_id };

  let seen: Awaited<ReturnType<typeof readPlatform>>;
  try {
    seen = await readPlatform(runtime, target, since, lookbackStart, page.recent_post_ids ?? [], input.signal);
  } catch (error) {
    const connectorError = error instanceof ConnectorError ? error : null;
    if ((!connectorError || connectorError.retryable) && input.attempt < input.maxAttempts) return { status: "retry", error };
    const errorKind = connectorError?.kind ?? "internal";
    const message = error instanceof Error ? error.message : String(error);
    await saveAuditState(db, { pageId: page.id, outcome: "failed", errorKind, errorMessage: message, platformStatus: connectorError ? PAGE_STATUS[connectorError.kind] : undefined });
    await finishRunPage(db, { runId: input.runId, pageId: page.id, status: "failed", errorKind, errorMessage: message, attempts: input.attempt });
    return { status: "failed", errorKind, message, runFinished: await finishRunIfComplete(db, input.runId) };
  }

  const posts = dedupeById(seen.posts);
  const comments = dedupeById(seen.comments);
  const skewLimit = now.getTime() + SKEW_TOLERANCE_MS;
  const futureDated = [...posts.items, ...comments.items].filter((x) => ("publishedAt" in x ? x.publishedAt : x.createdAt).getTime() > skewLimit).length;
  const commentRows: CommentRow[] = [];
  for (const c of comments.items) {
    commentRows.push({
      page_id: page.id,
      platform_post_id: c.postId,
      platform_comment_id: c.id,
      parent_platform_id: c.parentId,
      author_kind: c.authorKind,
      author_hash: c.authorId && c.authorKind !== "page" ? await runtime.authorHash(page.platform, c.authorId) : null,
      created_at: c.createdAt,
      deleted: c.deleted,
      text_excerpt: c.deleted ? null : excerpt(c.text),
      url: c.url,
    });
  }
  const newestPost = posts.items.filter((p) => !p.pinned).reduce<Date | null>((max, p) => (!max || p.publishedAt > max ? p.publishedAt : max), null);
  const p = seen.profile;
  const counts = {
    posts: posts.items.length,
    comments: comments.items.length,
    streams: seen.streams.length,
    duplicates: posts.duplicates + comments.duplicates,
    futureDated,
  };

  await saveObservations(db, {
    snapshot: {
      page_id: page.id,
      run_id: input.runId,
      observed_at: now,
      name: p.name,
      badge: p.badge,
      verified: p.verified,
      members: p.members,
      description: p.description,
      has_contacts: p.hasContacts,
      address: p.address ?? null,
      site: p.site ?? null,
      has_avatar: p.hasAvatar,
      has_cover: p.hasCover,
      wall_open: p.wallOpen,
      unknown_items: [...(p.address === undefined ? ["address"] : []), ...(p.site === undefined ? ["site"] : [])],
    },
    posts: posts.items.map((x) => ({
      page_id: page.id,
      platform_post_id: x.id,
      published_at: x.publishedAt,
      by_owner: x.byOwner,
      is_repost: x.isRepost,
      pinned: x.pinned,
      comments_open: x.commentsOpen,
      likes: x.likes,
      reposts: x.reposts,
      comments_count: x.comments,
      views: x.views,
      text_excerpt: excerpt(x.text),
      url: x.url,
    })),
    comments: commentRows,
    streams: seen.streams.map((s) => ({ page_id: page.id, platform_video_id: s.id, started_at: s.startedAt, title: s.title, url: s.url })),
    state: {
      pageId: page.id,
      postsCursor: newestPost && (!page.posts_cursor || newestPost > page.posts_cursor) ? newestPost : page.posts_cursor,
      resolvedId: p.resolvedId,
      capabilities: { ...seen.capabilities },
    },
    run: { runId: input.runId, attempts: input.attempt, counts },
  });
  return { status: "done", counts, runFinished: await finishRunIfComplete(db, input.runId) };
}

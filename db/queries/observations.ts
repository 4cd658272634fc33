/**
 * Raw observations of official pages, upserted by platform ids: a repeated or resumed audit
 * overwrites what it saw before and never adds a second row for the same post or comment.
 */
import { sql, type Kysely, type Selectable, type Transaction } from "kysely";
import type { Platform } from "../../app/domain/compliance/observations";
import { arrayLiteral, type ArrayElement } from "../array-literal";
import { prepared } from "../prepared-statements";
import type { DB, PageCommentsTable, PagePostsTable, PageSnapshotsTable, PageStreamsTable, PlatformStatus } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export type SnapshotRow = Omit<Selectable<PageSnapshotsTable>, "id">;

export type PostRow = Omit<Selectable<PagePostsTable>, "id" | "first_seen_at" | "last_seen_at">;

export type CommentRow = Omit<Selectable<PageCommentsTable>, "id" | "first_seen_at" | "last_seen_at">;

export type StreamRow = Omit<Selectable<PageStreamsTable>, "id">;

/**
 * Everything one audit of a page saw, and the page's outcome in its run, in one statement
 * (writable CTEs: one round trip, atomic — a page is marked done only with its observations).
 * Rows travel as one array literal per column (unnest), built in one pass (db/array-literal.ts):
 * the statement text is fixed, so it is prepared once per connection, and PostgreSQL reads such
 * arrays in half the time of the same rows as JSON.
 * Upserts are keyed by platform ids: a repeated or resumed audit duplicates nothing. A comment
 * once seen and later missing stays stored; one the platform now shows as deleted is marked
 * deleted (its text dropped) and is never un-deleted by a stale read.
 */
export async function saveObservations(
  db: Db,
  input: {
    snapshot: SnapshotRow;
    posts: PostRow[];
    comments: CommentRow[];
    streams: StreamRow[];
    state: { pageId: number; postsCursor: Date | null; resolvedId: string | null; capabilities: Record<string, boolean> };
    /** the run this audit belongs to: its page row becomes done in the same statement */
    run: { runId: number; attempts: number; counts: Record<string, number> };
  },
): Promise<void> {
  const { snapshot: n, posts: p, comments: c, streams: v, state, run } = input;
  const col = <T extends object, K extends keyof T>(rows: T[], key: K) => sql.val(arrayLiteral(rows.map((r) => r[key] as ArrayElement)));
  await sql`${sql.raw(prepared("save-page-observations"))}
    with snapshot as (
      insert into page_snapshots (page_id, run_id, observed_at, name, badge, verified, members, description, has_contacts, address, site, has_avatar, has_cover, wall_open, unknown_items)
      values (${n.page_id}, ${n.run_id}, ${n.observed_at}, ${n.name}, ${n.badge}, ${n.verified}, ${n.members}, ${n.description}, ${n.has_contacts}, ${n.address}, ${n.site}, ${n.has_avatar}, ${n.has_cover}, ${n.wall_open}, ${sql.val(arrayLiteral(n.unknown_items))}::text[])
      on conflict (page_id, run_id) do update set
        observed_at = excluded.observed_at, name = excluded.name, badge = excluded.badge, verified = excluded.verified, members = excluded.members,
        description = excluded.description, has_contacts = excluded.has_contacts, address = excluded.address, site = excluded.site,
        has_avatar = excluded.has_avatar, has_cover = excluded.has_cover, wall_open = excluded.wall_open, unknown_items = excluded.unknown_items
      returning 1
    ), posts as (
      insert into page_posts (page_id, platform_post_id, published_at, by_owner, is_repost, pinned, comments_open, likes, reposts, comments_count, views, text_excerpt, url)
      select * from unnest(
        ${col(p, "page_id")}::int[], ${col(p, "platform_post_id")}::text[], ${col(p, "published_at")}::timestamptz[],
        ${col(p, "by_owner")}::boolean[], ${col(p, "is_repost")}::boolean[], ${col(p, "pinned")}::boolean[],
        ${col(p, "comments_open")}::boolean[], ${col(p, "likes")}::int[], ${col(p, "reposts")}::int[],
        ${col(p, "comments_count")}::int[], ${col(p, "views")}::int[], ${col(p, "text_excerpt")}::text[], ${col(p, "url")}::text[])
      on conflict (page_id, platform_post_id) do update set
        published_at = excluded.published_at, by_owner = excluded.by_owner, is_repost = excluded.is_repost, pinned = excluded.pinned,
        comments_open = excluded.comments_open, likes = excluded.likes, reposts = excluded.reposts, comments_count = excluded.comments_count,
        views = excluded.views, text_excerpt = excluded.text_excerpt, url = excluded.url, last_seen_at = now()
      returning 1
    ), comments as (
      insert into page_comments (page_id, platform_post_id, platform_comment_id, parent_platform_id, author_kind, author_hash, created_at, deleted, text_excerpt, url)
      select * from unnest(
        ${col(c, "page_id")}::int[], ${col(c, "platform_post_id")}::text[], ${col(c, "platform_comment_id")}::text[],
        ${col(c, "parent_platform_id")}::text[], ${col(c, "author_kind")}::text[], ${col(c, "author_hash")}::text[],
        ${col(c, "created_at")}::timestamptz[], ${col(c, "deleted")}::boolean[], ${col(c, "text_excerpt")}::text[], ${col(c, "url")}::text[])
      on conflict (page_id, platform_comment_id) do update set
        deleted = page_comments.deleted or excluded.deleted,
        text_excerpt = case when excluded.deleted then null else coalesce(excluded.text_excerpt, page_comments.text_excerpt) end,
        parent_platform_id = coalesce(excluded.parent_platform_id, page_comments.parent_platform_id),
        author_hash = coalesce(excluded.author_hash, page_comments.author_hash),
        last_seen_at = now()
      returning 1
    ), streams as (
      insert into page_streams (page_id, platform_video_id, started_at, title, url)
      select * from unnest(${col(v, "page_id")}::int[], ${col(v, "platform_video_id")}::text[], ${col(v, "started_at")}::timestamptz[], ${col(v, "title")}::text[], ${col(v, "url")}::text[])
      on conflict (page_id, platform_video_id) do update set started_at = excluded.started_at, title = excluded.title, url = excluded.url
      returning 1
    ), state as (
      insert into page_audit_state (page_id, last_audit_at, last_outcome, last_error_kind, last_error_message, platform_status, posts_cursor, resolved_id, capabilities)
      values (${state.pageId}, now(), 'ok', null, null, 'active', ${state.postsCursor}, ${state.resolvedId}, ${JSON.stringify(state.capabilities)}::jsonb)
      on conflict (page_id) do update set
        last_audit_at = excluded.last_audit_at, last_outcome = 'ok', last_error_kind = null, last_error_message = null, platform_status = 'active',
        posts_cursor = excluded.posts_cursor, resolved_id = excluded.resolved_id, capabilities = excluded.capabilities
      returning 1
    ), run_page as (
      -- only a pending page: a job repeated after its page was recorded changes nothing
      update audit_run_pages set status = 'done', error_kind = null, error_message = null,
        attempts = ${run.attempts}, counts = ${JSON.stringify(run.counts)}::jsonb, finished_at = now()
      where run_id = ${run.runId} and page_id = ${n.page_id} and status = 'pending'
      returning 1
    )
    select (select count(*) from snapshot) + (select count(*) from posts) + (select count(*) from comments)
         + (select count(*) from streams) + (select count(*) from state) + (select count(*) from run_page) as written`.execute(db);
}

/** What an audit needs to know of a page before reading it: registry row, state, recent posts. */
export async function pageForAudit(db: Db, pageId: number, recentSince: Date) {
  const { rows } = await sql<{
    id: number;
    platform: Platform;
    platform_id: string;
    url: string;
    posts_cursor: Date | null;
    resolved_id: string | null;
    recent_post_ids: string[] | null;
  }>`${sql.raw(prepared("page-for-audit"))}
    select p.id, p.platform, p.platform_id, p.url, s.posts_cursor, s.resolved_id,
           (select array_agg(platform_post_id) from page_posts where page_id = p.id and published_at >= ${recentSince}) as recent_post_ids
    from official_pages p left join page_audit_state s on s.page_id = p.id
    where p.id = ${pageId}`.execute(db);
  return rows[0] ?? null;
}

export async function getAuditState(db: Db, pageId: number) {
  return db.selectFrom("page_audit_state").selectAll().where("page_id", "=", pageId).executeTakeFirst();
}

export async function saveAuditState(
  db: Db,
  input: {
    pageId: number;
    outcome: "ok" | "failed";
    platformStatus?: PlatformStatus;
    postsCursor?: Date | null;
    resolvedId?: string | null;
    errorKind?: string | null;
    errorMessage?: string | null;
    capabilities?: Record<string, boolean>;
  },
) {
  const values = {
    page_id: input.pageId,
    last_audit_at: new Date(),
    last_outcome: input.outcome,
    last_error_kind: input.errorKind ?? null,
    last_error_message: input.errorMessage?.slice(0, 1000) ?? null,
    ...(input.platformStatus ? { platform_status: input.platformStatus } : {}),
    ...(input.postsCursor !== undefined ? { posts_cursor: input.postsCursor } : {}),
    ...(input.resolvedId !== undefined ? { resolved_id: input.resolvedId } : {}),
    ...(input.capabilities ? { capabilities: JSON.stringify(input.capabilities) } : {}),
  };
  const { page_id: _p, ...update } = values;
  await db
    .insertInto("page_audit_state")
    .values(values)
    .onConflict((oc) => oc.column("page_id").doUpdateSet(update))
    .execute();
}

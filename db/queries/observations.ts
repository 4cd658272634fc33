/**
 * Raw observations of official pages, upserted by platform ids: a repeated or resumed audit
 * overwrites what it saw before and never adds a second row for the same post or comment.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { DB, PlatformStatus } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;
const BATCH = 500;

export interface SnapshotRow {
  page_id: number;
  run_id: number;
  observed_at: Date;
  name: string | null;
  badge: boolean | null;
  verified: boolean | null;
  members: number | null;
  description: string | null;
  has_contacts: boolean | null;
  address: string | null;
  site: string | null;
  has_avatar: boolean | null;
  has_cover: boolean | null;
  wall_open: boolean | null;
  unknown_items: string[];
}

export async function upsertSnapshot(db: Db, row: SnapshotRow) {
  const { page_id: _p, run_id: _r, ...rest } = row;
  await db
    .insertInto("page_snapshots")
    .values(row)
    .onConflict((oc) => oc.columns(["page_id", "run_id"]).doUpdateSet(rest))
    .execute();
}

export interface PostRow {
  page_id: number;
  platform_post_id: string;
  published_at: Date;
  by_owner: boolean;
  is_repost: boolean;
  pinned: boolean;
  comments_open: boolean | null;
  likes: number | null;
  reposts: number | null;
  comments_count: number | null;
  views: number | null;
  text_excerpt: string | null;
  url: string | null;
}

export async function upsertPosts(db: Db, rows: PostRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto("page_posts")
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc.columns(["page_id", "platform_post_id"]).doUpdateSet((eb) => ({
          published_at: eb.ref("excluded.published_at"),
          by_owner: eb.ref("excluded.by_owner"),
          is_repost: eb.ref("excluded.is_repost"),
          pinned: eb.ref("excluded.pinned"),
          comments_open: eb.ref("excluded.comments_open"),
          likes: eb.ref("excluded.likes"),
          reposts: eb.ref("excluded.reposts"),
          comments_count: eb.ref("excluded.comments_count"),
          views: eb.ref("excluded.views"),
          text_excerpt: eb.ref("excluded.text_excerpt"),
          url: eb.ref("excluded.url"),
          last_seen_at: sql`now()`,
        })),
      )
      .execute();
  }
}

export interface CommentRow {
  page_id: number;
  platform_post_id: string;
  platform_comment_id: string;
  parent_platform_id: string | null;
  author_kind: "page" | "organisation" | "resident";
  author_hash: string | null;
  created_at: Date;
  deleted: boolean;
  text_excerpt: string | null;
  url: string | null;
}

/**
 * A comment once seen and later missing from the platform stays stored; a comment the platform
 * now shows as deleted is marked deleted (and its text dropped), never un-deleted by a stale read.
 */
export async function upsertComments(db: Db, rows: CommentRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto("page_comments")
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc.columns(["page_id", "platform_comment_id"]).doUpdateSet((eb) => ({
          deleted: sql<boolean>`page_comments.deleted or ${eb.ref("excluded.deleted")}`,
          text_excerpt: sql<string | null>`case when excluded.deleted then null else coalesce(excluded.text_excerpt, page_comments.text_excerpt) end`,
          parent_platform_id: sql<string | null>`coalesce(excluded.parent_platform_id, page_comments.parent_platform_id)`,
          author_hash: sql<string | null>`coalesce(excluded.author_hash, page_comments.author_hash)`,
          last_seen_at: sql`now()`,
        })),
      )
      .execute();
  }
}

export interface StreamRow {
  page_id: number;
  platform_video_id: string;
  started_at: Date;
  title: string | null;
  url: string | null;
}

export async function upsertStreams(db: Db, rows: StreamRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("page_streams")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["page_id", "platform_video_id"]).doUpdateSet((eb) => ({ started_at: eb.ref("excluded.started_at"), title: eb.ref("excluded.title"), url: eb.ref("excluded.url") })),
    )
    .execute();
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

/** The stored posts of a page published at or after `since` (whose comments an audit re-reads). */
export async function postIdsSince(db: Db, pageId: number, since: Date): Promise<string[]> {
  const rows = await db.selectFrom("page_posts").select("platform_post_id").where("page_id", "=", pageId).where("published_at", ">=", since).execute();
  return rows.map((r) => r.platform_post_id);
}

export async function countObservations(db: Db, pageId: number) {
  const { rows } = await sql<{ posts: number; comments: number; streams: number; snapshots: number }>`
    select (select count(*) from page_posts where page_id = ${pageId})::int as posts,
           (select count(*) from page_comments where page_id = ${pageId})::int as comments,
           (select count(*) from page_streams where page_id = ${pageId})::int as streams,
           (select count(*) from page_snapshots where page_id = ${pageId})::int as snapshots`.execute(db);
  return rows[0]!;
}

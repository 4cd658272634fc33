/**
 * Official-page audits: runs and their pages, raw observations keyed by platform ids (so a
 * repeated or resumed audit never duplicates anything), per-page cursors and state, page metrics
 * per period, the unanswered-comment lists, activity files for the file connector, revoked
 * platform tokens and alerts. Frozen once released.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audit_runs")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("scope", "text", (c) => c.notNull().check(sql`scope in ('all','organisation','page')`))
    .addColumn("scope_ref", "text")
    .addColumn("trigger", "text", (c) => c.notNull().check(sql`trigger in ('schedule','analyst','cli','demo')`))
    /** the scheduled sweep's local date: one scheduled run a day however many processes tick */
    .addColumn("schedule_key", "text", (c) => c.unique())
    .addColumn("requested_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("started_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    .addColumn("page_count", "integer", (c) => c.notNull().defaultTo(0))
    /** when the run's page metrics were computed (a job after its last page) */
    .addColumn("metrics_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("audit_run_pages")
    .addColumn("run_id", "integer", (c) => c.notNull().references("audit_runs.id").onDelete("cascade"))
    .addColumn("page_id", "integer", (c) => c.notNull().references("official_pages.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending','done','failed')`))
    .addColumn("error_kind", "text")
    .addColumn("error_message", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("counts", "jsonb")
    .addColumn("finished_at", "timestamptz")
    .addPrimaryKeyConstraint("audit_run_pages_pkey", ["run_id", "page_id"])
    .execute();
  await db.schema.createIndex("audit_run_pages_status_idx").on("audit_run_pages").columns(["run_id", "status"]).execute();

  await db.schema
    .createTable("page_audit_state")
    .addColumn("page_id", "integer", (c) => c.primaryKey().references("official_pages.id").onDelete("cascade"))
    /** the newest post date seen: the next audit reads back to min(this, now - look-back) */
    .addColumn("posts_cursor", "timestamptz")
    .addColumn("resolved_id", "text")
    .addColumn("last_audit_at", "timestamptz")
    .addColumn("last_outcome", "text", (c) => c.check(sql`last_outcome in ('ok','failed')`))
    .addColumn("last_error_kind", "text")
    .addColumn("last_error_message", "text")
    /** what the platform says about the page itself: active, private, deleted, not found */
    .addColumn("platform_status", "text", (c) =>
      c.notNull().defaultTo("unknown").check(sql`platform_status in ('unknown','active','private','deleted','not_found')`),
    )
    .addColumn("capabilities", "jsonb")
    .execute();

  await db.schema
    .createTable("page_snapshots")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("page_id", "integer", (c) => c.notNull().references("official_pages.id").onDelete("cascade"))
    .addColumn("run_id", "integer", (c) => c.notNull().references("audit_runs.id").onDelete("cascade"))
    .addColumn("observed_at", "timestamptz", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("badge", "boolean")
    .addColumn("verified", "boolean")
    .addColumn("members", "integer")
    .addColumn("description", "text")
    .addColumn("has_contacts", "boolean")
    .addColumn("address", "text")
    .addColumn("site", "text")
    .addColumn("has_avatar", "boolean")
    .addColumn("has_cover", "boolean")
    .addColumn("wall_open", "boolean")
    /** which profile items the platform could report (undefined vs null in the observation) */
    .addColumn("unknown_items", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addUniqueConstraint("page_snapshots_run_key", ["page_id", "run_id"])
    .execute();
  await db.schema.createIndex("page_snapshots_page_idx").on("page_snapshots").columns(["page_id", "observed_at"]).execute();

  await db.schema
    .createTable("page_posts")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("page_id", "integer", (c) => c.notNull().references("official_pages.id").onDelete("cascade"))
    .addColumn("platform_post_id", "text", (c) => c.notNull())
    .addColumn("published_at", "timestamptz", (c) => c.notNull())
    .addColumn("by_owner", "boolean", (c) => c.notNull())
    .addColumn("is_repost", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("pinned", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("comments_open", "boolean")
    .addColumn("likes", "integer")
    .addColumn("reposts", "integer")
    .addColumn("comments_count", "integer")
    .addColumn("views", "integer")
    .addColumn("text_excerpt", "text")
    .addColumn("url", "text")
    .addColumn("first_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("page_posts_platform_key", ["page_id", "platform_post_id"])
    .execute();
  await db.schema.createIndex("page_posts_published_idx").on("page_posts").columns(["page_id", "published_at"]).execute();

  await db.schema
    .createTable("page_comments")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("page_id", "integer", (c) => c.notNull().references("official_pages.id").onDelete("cascade"))
    .addColumn("platform_post_id", "text", (c) => c.notNull())
    .addColumn("platform_comment_id", "text", (c) => c.notNull())
    .addColumn("parent_platform_id", "text")
    .addColumn("author_kind", "text", (c) => c.notNull().check(sql`author_kind in ('page','organisation','resident')`))
    /** keyed hash of the platform's author id: residents are never stored by their real id */
    .addColumn("author_hash", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("deleted", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("text_excerpt", "text")
    .addColumn("url", "text")
    .addColumn("first_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("page_comments_platform_key", ["page_id", "platform_comment_id"])
    .execute();
  await db.schema.createIndex("page_comments_created_idx").on("page_comments").columns(["page_id", "created_at"]).execute();

  await db.schema
    .createTable("page_streams")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("page_id", "integer", (c) => c.notNull().references("official_pages.id").onDelete("cascade"))
    .addColumn("platform_video_id", "text", (c) => c.notNull())
    .addColumn("started_at", "timestamptz", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("url", "text")
    .addUniqueConstraint("page_streams_platform_key", ["page_id", "platform_video_id"])
    .execute();

  await db.schema
    .createTable("page_metrics")
    .addColumn("page_id", "integer", (c) => c.notNull().references("official_pages.id").onDelete("cascade"))
    .addColumn("period_start", "timestamptz", (c) => c.notNull())
    .addColumn("period_end", "timestamptz", (c) => c.notNull())
    /** the local month, e.g. 2026-11: what reports group by */
    .addColumn("period_label", "text", (c) => c.notNull())
    /** month to date: the period's end is the audit's time, not the month's end */
    .addColumn("partial", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("computed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("badge", "text")
    .addColumn("profile_share", "double precision")
    .addColumn("activity_share", "double precision")
    .addColumn("owner_posts", "integer")
    .addColumn("dormant", "boolean")
    .addColumn("engagement", "double precision")
    .addColumn("eligible_comments", "integer")
    .addColumn("reply_rate", "double precision")
    .addColumn("rr24", "double precision")
    .addColumn("first_reply_mean_s", "double precision")
    .addColumn("first_reply_median_s", "double precision")
    .addColumn("first_reply_p90_s", "double precision")
    .addColumn("streams", "integer")
    .addColumn("comments_open_share", "double precision")
    .addColumn("reach", "double precision")
    /** the whole PageMetrics (app/domain/compliance/metrics.ts), statuses included */
    .addColumn("metrics", "jsonb", (c) => c.notNull())
    .addPrimaryKeyConstraint("page_metrics_pkey", ["page_id", "period_label"])
    .execute();

  await db.schema
    .createTable("page_unanswered")
    .addColumn("page_id", "integer", (c) => c.notNull().references("official_pages.id").onDelete("cascade"))
    .addColumn("comment_id", "bigint", (c) => c.notNull().references("page_comments.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("as_of", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("page_unanswered_pkey", ["page_id", "comment_id"])
    .execute();

  await db.schema
    .createTable("activity_files")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("origin", "text", (c) => c.notNull().check(sql`origin in ('upload','cli','demo')`))
    .addColumn("uploaded_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("uploaded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("content", "text", (c) => c.notNull())
    /** "platform:platform_id" of every page the file describes, for finding a page's files */
    .addColumn("pages", sql`text[]`, (c) => c.notNull())
    .addColumn("record_count", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("platform_tokens")
    .addColumn("platform", "text", (c) => c.notNull())
    /** SHA-256 of the token: the token itself lives only in the environment */
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("disabled_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("reason", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("platform_tokens_pkey", ["platform", "token_hash"])
    .execute();

  // Secrets the installation generates for itself (e.g. the salt of residents' author hashes),
  // shared by every process through the database so hashes agree across workers and restarts.
  await db.schema
    .createTable("app_secrets")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("alerts")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("details", "jsonb")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("resolved_at", "timestamptz")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "alerts",
    "app_secrets",
    "platform_tokens",
    "activity_files",
    "page_unanswered",
    "page_metrics",
    "page_streams",
    "page_comments",
    "page_posts",
    "page_snapshots",
    "page_audit_state",
    "audit_run_pages",
    "audit_runs",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

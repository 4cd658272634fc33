/** Official-page audit tables (migrations 0003–0004); db/schema.ts's DB lists them. */
import type { Generated } from "kysely";
import type { CreatedAt, Json } from "./schema";

export type AuditScope = "all" | "organisation" | "page";
export type AuditTrigger = "schedule" | "analyst" | "cli" | "demo";
export type AuditPageStatus = "pending" | "done" | "failed";
export type PlatformStatus = "unknown" | "active" | "private" | "deleted" | "not_found";

export interface AuditRunsTable {
  id: Generated<number>;
  scope: AuditScope;
  scope_ref: string | null;
  trigger: AuditTrigger;
  schedule_key: string | null;
  requested_by: number | null;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
  page_count: Generated<number>;
  metrics_at: Date | null;
}

export interface AuditRunPagesTable {
  run_id: number;
  page_id: number;
  status: Generated<AuditPageStatus>;
  error_kind: string | null;
  error_message: string | null;
  attempts: Generated<number>;
  counts: Json<Record<string, number>> | null;
  finished_at: Date | null;
}

export interface PageAuditStateTable {
  page_id: number;
  posts_cursor: Date | null;
  resolved_id: string | null;
  last_audit_at: Date | null;
  last_outcome: "ok" | "failed" | null;
  last_error_kind: string | null;
  last_error_message: string | null;
  platform_status: Generated<PlatformStatus>;
  capabilities: Json<Record<string, boolean>> | null;
}

export interface PageSnapshotsTable {
  id: Generated<number>;
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
  unknown_items: Generated<string[]>;
}

export interface PagePostsTable {
  id: Generated<number>;
  page_id: number;
  platform_post_id: string;
  published_at: Date;
  by_owner: boolean;
  is_repost: Generated<boolean>;
  pinned: Generated<boolean>;
  comments_open: boolean | null;
  likes: number | null;
  reposts: number | null;
  comments_count: number | null;
  views: number | null;
  text_excerpt: string | null;
  url: string | null;
  first_seen_at: Generated<Date>;
  last_seen_at: Generated<Date>;
}

export interface PageCommentsTable {
  id: Generated<number>;
  page_id: number;
  platform_post_id: string;
  platform_comment_id: string;
  parent_platform_id: string | null;
  author_kind: "page" | "organisation" | "resident";
  author_hash: string | null;
  created_at: Date;
  deleted: Generated<boolean>;
  text_excerpt: string | null;
  url: string | null;
  first_seen_at: Generated<Date>;
  last_seen_at: Generated<Date>;
}

export interface PageStreamsTable {
  id: Generated<number>;
  page_id: number;
  platform_video_id: string;
  started_at: Date;
  title: string | null;
  url: string | null;
}

export interface PageMetricsTable {
  page_id: number;
  period_start: Date;
  period_end: Date;
  period_label: string;
  partial: Generated<boolean>;
  computed_at: Generated<Date>;
  badge: string | null;
  profile_share: number | null;
  activity_share: number | null;
  owner_posts: number | null;
  dormant: boolean | null;
  engagement: number | null;
  eligible_comments: number | null;
  reply_rate: number | null;
  rr24: number | null;
  first_reply_mean_s: number | null;
  first_reply_median_s: number | null;
  first_reply_p90_s: number | null;
  streams: number | null;
  comments_open_share: number | null;
  reach: number | null;
  metrics: Json<unknown>;
}

export interface PageUnansweredTable {
  page_id: number;
  comment_id: number;
  created_at: Date;
  as_of: Date;
}

export interface ActivityFilesTable {
  id: Generated<number>;
  name: string;
  origin: "upload" | "cli" | "demo";
  uploaded_by: number | null;
  uploaded_at: CreatedAt;
  content: string;
  pages: string[];
  record_count: number;
}

export interface PlatformTokensTable {
  platform: string;
  token_hash: string;
  disabled_at: Generated<Date>;
  reason: string;
}

export interface AppSecretsTable {
  name: string;
  value: string;
  created_at: CreatedAt;
}

export interface AlertsTable {
  id: Generated<number>;
  kind: string;
  message: string;
  details: Json<unknown> | null;
  created_at: CreatedAt;
  resolved_at: Date | null;
}

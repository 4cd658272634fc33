/**
 * Inputs for the page metrics (observations of many pages in four set-based reads) and the stored
 * results: page_metrics per period and each page's list of unanswered resident comments.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type {
  Capabilities,
  CommentObservation,
  PageObservations,
  Platform,
  PostObservation,
  ProfileObservation,
  StreamObservation,
} from "../../app/domain/compliance/observations";
import { prepared } from "../prepared-statements";
import type { DB, PageCommentsTable, PageMetricsTable, PagePostsTable, PageStreamsTable } from "../schema";
import type { Insertable, Selectable } from "kysely";

type Db = Kysely<DB> | Transaction<DB>;

export interface MetricInput {
  pageId: number;
  observations: PageObservations;
  population: number | null;
}

const ALL_CAPABLE: Capabilities = { badge: true, replies: true, engagement: true, streams: true };

/**
 * Everything the rules need for these pages and the period: the latest snapshot taken before the
 * period's end, owner-relevant posts published in the period (and the 14 days before its end for
 * dormancy, which lie inside it), comments created since `commentsSince` (a reply always follows
 * its comment, so nothing earlier can matter), and streams in the period.
 */
export async function loadMetricInputs(
  db: Db,
  pageIds: number[],
  period: { start: Date; end: Date },
  options: { commentsSince?: Date } = {},
): Promise<MetricInput[]> {
  if (pageIds.length === 0) return [];
  const ids = sql`${sql.val(pageIds)}::int[]`;
  const commentsSince = options.commentsSince && options.commentsSince < period.start ? options.commentsSince : period.start;
  const [pages, posts, comments, streams] = await Promise.all([
    sql<{
      id: number;
      platform: Platform;
      capabilities: Record<string, boolean> | null;
      population: number | null;
      observed_at: Date | null;
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
      unknown_items: string[] | null;
    }>`${sql.raw(prepared("metric-inputs-pages"))}
      select p.id, p.platform, st.capabilities, t.population, s.observed_at, s.badge, s.verified, s.members, s.description,
             s.has_contacts, s.address, s.site, s.has_avatar, s.has_cover, s.wall_open, s.unknown_items
      from official_pages p
      join organisations o on o.id = p.organisation_id
      left join territories t on t.id = o.territory_id
      left join page_audit_state st on st.page_id = p.id
      left join lateral (
        select * from page_snapshots s where s.page_id = p.id and s.observed_at <= ${period.end}
        order by s.observed_at desc limit 1
      ) s on true
      where p.id = any(${ids})`.execute(db),
    sql<Pick<Selectable<PagePostsTable>, "page_id" | "platform_post_id" | "published_at" | "by_owner" | "is_repost" | "pinned" | "comments_open" | "likes" | "reposts" | "comments_count" | "views">>`${sql.raw(prepared("metric-inputs-posts"))}
      select page_id, platform_post_id, published_at, by_owner, is_repost, pinned, comments_open, likes, reposts, comments_count, views
      from page_posts where page_id = any(${ids}) and published_at >= ${period.start} and published_at < ${period.end}`.execute(db),
    sql<Pick<Selectable<PageCommentsTable>, "page_id" | "platform_post_id" | "platform_comment_id" | "parent_platform_id" | "author_kind" | "created_at" | "deleted">>`${sql.raw(prepared("metric-inputs-comments"))}
      select page_id, platform_post_id, platform_comment_id, parent_platform_id, author_kind, created_at, deleted
      from page_comments where page_id = any(${ids}) and created_at >= ${commentsSince}`.execute(db),
    sql<Pick<Selectable<PageStreamsTable>, "page_id" | "platform_video_id" | "started_at">>`${sql.raw(prepared("metric-inputs-streams"))}
      select page_id, platform_video_id, started_at from page_streams
      where page_id = any(${ids}) and started_at >= ${period.start} and started_at < ${period.end}`.execute(db),
  ]);

  const byPage = new Map<number, { posts: PostObservation[]; comments: CommentObservation[]; streams: StreamObservation[] }>();
  const bucket = (id: number) => {
    let b = byPage.get(id);
    if (!b) byPage.set(id, (b = { posts: [], comments: [], streams: [] }));
    return b;
  };
  for (const r of posts.rows) {
    bucket(r.page_id).posts.push({
      id: r.platform_post_id,
      publishedAt: r.published_at,
      byOwner: r.by_owner,
      isRepost: r.is_repost,
      pinned: r.pinned,
      commentsOpen: r.comments_open,
      likes: r.likes,
      reposts: r.reposts,
      comments: r.comments_count,
      views: r.views,
    });
  }
  for (const r of comments.rows) {
    bucket(r.page_id).comments.push({
      id: r.platform_comment_id,
      postId: r.platform_post_id,
      parentId: r.parent_platform_id,
      authorKind: r.author_kind,
      createdAt: r.created_at,
      deleted: r.deleted,
    });
  }
  for (const r of streams.rows) bucket(r.page_id).streams.push({ id: r.platform_video_id, startedAt: r.started_at });

  return pages.rows.map((p) => {
    const unknown = new Set(p.unknown_items ?? []);
    const item = <T>(name: string, value: T): T | undefined => (unknown.has(name) ? undefined : value);
    const profile: ProfileObservation | null = p.observed_at
      ? {
          observedAt: p.observed_at,
          badge: p.badge,
          verified: p.verified,
          members: p.members,
          description: p.description,
          hasContacts: p.has_contacts,
          address: item("address", p.address),
          site: item("site", p.site),
          hasAvatar: p.has_avatar,
          hasCover: p.has_cover,
          wallOpen: p.wall_open,
        }
      : null;
    const capabilities = { ...ALL_CAPABLE, ...(p.capabilities ?? {}) } as Capabilities;
    const observed = byPage.get(p.id) ?? { posts: [], comments: [], streams: [] };
    return { pageId: p.id, population: p.population, observations: { platform: p.platform, capabilities, profile, ...observed } };
  });
}

export type PageMetricsRow = Insertable<PageMetricsTable>;

export async function savePageMetrics(db: Db, rows: PageMetricsRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("page_metrics")
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(["page_id", "period_label"]).doUpdateSet((eb) => ({
          period_start: eb.ref("excluded.period_start"),
          period_end: eb.ref("excluded.period_end"),
          partial: eb.ref("excluded.partial"),
          computed_at: sql`now()`,
          badge: eb.ref("excluded.badge"),
          profile_share: eb.ref("excluded.profile_share"),
          activity_share: eb.ref("excluded.activity_share"),
          owner_posts: eb.ref("excluded.owner_posts"),
          dormant: eb.ref("excluded.dormant"),
          engagement: eb.ref("excluded.engagement"),
          eligible_comments: eb.ref("excluded.eligible_comments"),
          reply_rate: eb.ref("excluded.reply_rate"),
          rr24: eb.ref("excluded.rr24"),
          first_reply_mean_s: eb.ref("excluded.first_reply_mean_s"),
          first_reply_median_s: eb.ref("excluded.first_reply_median_s"),
          first_reply_p90_s: eb.ref("excluded.first_reply_p90_s"),
          streams: eb.ref("excluded.streams"),
          comments_open_share: eb.ref("excluded.comments_open_share"),
          reach: eb.ref("excluded.reach"),
          metrics: eb.ref("excluded.metrics"),
        })),
      )
      .execute();
  }
}

/** The to-do lists of many pages at once: `items` pairs a page with a comment's platform id. */
export async function replaceUnansweredMany(db: Db, pageIds: number[], items: { pageId: number; commentId: string }[], asOf: Date): Promise<void> {
  if (pageIds.length === 0) return;
  await sql`delete from page_unanswered where page_id = any(${sql.val(pageIds)}::int[])`.execute(db);
  if (items.length === 0) return;
  await sql`
    insert into page_unanswered (page_id, comment_id, created_at, as_of)
    select c.page_id, c.id, c.created_at, ${asOf}
    from unnest(${sql.val(items.map((i) => i.pageId))}::int[], ${sql.val(items.map((i) => i.commentId))}::text[]) as u(page_id, comment_id)
    join page_comments c on c.page_id = u.page_id and c.platform_comment_id = u.comment_id
    on conflict do nothing`.execute(db);
}

export async function listUnanswered(db: Db, pageIds: number[], limit: number, offset = 0) {
  if (pageIds.length === 0) return { rows: [], total: 0 };
  const base = db
    .selectFrom("page_unanswered as u")
    .innerJoin("page_comments as c", "c.id", "u.comment_id")
    .innerJoin("official_pages as p", "p.id", "u.page_id")
    .where("u.page_id", "in", pageIds);
  const [rows, total] = await Promise.all([
    base
      .select(["u.page_id", "p.platform", "p.url as page_url", "c.platform_comment_id", "c.platform_post_id", "c.text_excerpt", "c.url", "c.created_at", "u.as_of"])
      .orderBy("c.created_at")
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function latestPageMetrics(db: Db, pageId: number) {
  return db.selectFrom("page_metrics").selectAll().where("page_id", "=", pageId).orderBy("period_start", "desc").orderBy("computed_at", "desc").executeTakeFirst();
}

export async function pageMetricsForPeriod(db: Db, periodLabel: string, limit: number, offset: number) {
  return db
    .selectFrom("page_metrics as m")
    .innerJoin("official_pages as p", "p.id", "m.page_id")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .select(["m.page_id", "p.platform", "p.url", "o.name_ru as organisation_name", "o.code as organisation_code", "m.badge", "m.profile_share", "m.activity_share", "m.owner_posts", "m.dormant", "m.engagement", "m.eligible_comments", "m.reply_rate", "m.rr24", "m.first_reply_mean_s", "m.first_reply_median_s", "m.first_reply_p90_s", "m.streams", "m.comments_open_share", "m.reach", "m.computed_at"])
    .where("m.period_label", "=", periodLabel)
    .orderBy("o.name_ru")
    .orderBy("p.platform")
    .limit(limit)
    .offset(offset)
    .execute();
}

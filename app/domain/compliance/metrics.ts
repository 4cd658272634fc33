/**
 * The per-page metrics of COMPLIANCE.md ("Metrics" and "Precise rules") computed from one page's
 * observations for one period, plus M2 presence at organisation level. Pure: no I/O, no clock
 * (the caller passes `now`). Built to run over ~175,000 pages per audit: per page the work is
 * linear in its posts and comments (maps, no pairwise scans); the period's ISO-week calendar is
 * computed once and memoised (metrics-posting.ts).
 *
 * Status convention: "not_measurable" means the platform (with our access) cannot tell, and the
 * scorer must leave the metric out of the page's weights. "measured" with a null value means the
 * metric was measurable but has no denominator this period (e.g. no eligible comment, no owner
 * post); how to weigh that is the scorer's decision, not this module's.
 */
import type { PageObservations, Period, Platform, PostObservation, ProfileObservation } from "./observations";
import { computePosting, type MeasureStatus, type PostingMetrics } from "./metrics-posting";
import { computeReplies, type FirstReplyMetrics, type ReplyMetrics, type UnansweredList } from "./metrics-replies";

export type { MeasureStatus, PostingMetrics, PostingWeek, IsoWeek } from "./metrics-posting";
export { isoWeekOf, localYmd } from "./metrics-posting";
export type { ReplyMetrics, FirstReplyMetrics, UnansweredList, UnansweredComment } from "./metrics-replies";

export type ProfileItem = "description" | "contacts" | "address" | "site" | "avatar" | "cover" | "wallOpen";
export const PROFILE_ITEMS: readonly ProfileItem[] = ["description", "contacts", "address", "site", "avatar", "cover", "wallOpen"];
export type ItemState = "present" | "absent" | "unknown";

export interface PageMetrics {
  platform: Platform;
  /** M1 (rule 3): the government-organisation badge; the verified tick is ignored */
  badge: { status: "pass" | "fail" | "not_measurable"; value: boolean | null };
  /** M3 (rule 4): unknown items leave the denominator */
  profile: {
    status: MeasureStatus;
    items: Record<ProfileItem, ItemState>;
    present: number;
    /** items the platform reported (present + absent) */
    known: number;
    /** present / known; null when not measurable */
    share: number | null;
  };
  /** M4 (rules 2 and 5) */
  posting: PostingMetrics;
  /** M5: (likes + reposts + comments) / views over owner posts in the period */
  engagement: {
    status: MeasureStatus;
    rate: number | null;
    /** owner posts in the period whose views are known (the ones summed) */
    postsCounted: number;
    /** owner posts in the period with unknown views (left out) */
    postsWithoutViews: number;
    likes: number;
    reposts: number;
    comments: number;
    views: number;
    /** some counted post had an unknown like/repost/comment count (summed as 0) */
    interactionsIncomplete: boolean;
  };
  /** M6 (rules 6 and 7) */
  replies: ReplyMetrics;
  /** M7 (rule 8) */
  firstReply: FirstReplyMetrics;
  /** M8 (rule 9): owner live streams started in [start, end) */
  streams: { status: MeasureStatus; count: number | null };
  /** M9 (rule 9): owner posts in the period with comments open / those with a known setting */
  commentsOpen: {
    status: MeasureStatus;
    open: number;
    /** owner posts in the period whose setting is known */
    known: number;
    /** owner posts in the period whose setting the platform did not report (left out) */
    unknown: number;
    /** open / known; null when there is no owner post with a known setting */
    share: number | null;
  };
  /** M10: members / population of the territory served */
  reach: { status: MeasureStatus; members: number | null; population: number | null; ratio: number | null };
  /** the administrators' to-do list as of options.now, whatever the period */
  unanswered: UnansweredList;
}

export interface MetricsOptions {
  now: Date;
  population: number | null;
  /** the "24 h" of the rules (eligibility cut-off, RR24, hard limit, overdue); default 86,400 */
  replyWindowSeconds?: number;
  /** default 14 */
  dormantDays?: number;
  /** posts a full week needs to count as active; default 3 */
  postsPerWeekTarget?: number;
}

function badgeMetric(obs: PageObservations): PageMetrics["badge"] {
  const value = obs.capabilities.badge ? (obs.profile?.badge ?? null) : null;
  return { status: value === null ? "not_measurable" : value ? "pass" : "fail", value };
}

const textState = (v: string | null | undefined): ItemState =>
  v === null || v === undefined ? "unknown" : v.trim() !== "" ? "present" : "absent";
const flagState = (v: boolean | null | undefined): ItemState =>
  v === null || v === undefined ? "unknown" : v ? "present" : "absent";

function profileMetric(profile: ProfileObservation | null): PageMetrics["profile"] {
  const items: Record<ProfileItem, ItemState> = {
    description: textState(profile?.description),
    contacts: flagState(profile?.hasContacts),
    address: textState(profile?.address),
    site: textState(profile?.site),
    avatar: flagState(profile?.hasAvatar),
    cover: flagState(profile?.hasCover),
    wallOpen: flagState(profile?.wallOpen),
  };
  let present = 0;
  let known = 0;
  for (const k of PROFILE_ITEMS) {
    if (items[k] === "unknown") continue;
    known++;
    if (items[k] === "present") present++;
  }
  return { status: known ? "measured" : "not_measurable", items, present, known, share: known ? present / known : null };
}

function engagementMetric(ownerInPeriod: readonly PostObservation[], capable: boolean): PageMetrics["engagement"] {
  let postsCounted = 0;
  let postsWithoutViews = 0;
  let likes = 0;
  let reposts = 0;
  let comments = 0;
  let views = 0;
  let interactionsIncomplete = false;
  for (const p of ownerInPeriod) {
    if (p.views === null) { postsWithoutViews++; continue; }
    postsCounted++;
    views += p.views;
    if (p.likes === null || p.reposts === null || p.comments === null) interactionsIncomplete = true;
    likes += p.likes ?? 0;
    reposts += p.reposts ?? 0;
    comments += p.comments ?? 0;
  }
  const ok = capable && views > 0;
  return {
    status: ok ? "measured" : "not_measurable",
    rate: ok ? (likes + reposts + comments) / views : null,
    postsCounted, postsWithoutViews, likes, reposts, comments, views, interactionsIncomplete,
  };
}

function commentsOpenMetric(ownerInPeriod: readonly PostObservation[]): PageMetrics["commentsOpen"] {
  let open = 0;
  let known = 0;
  for (const p of ownerInPeriod) {
    if (p.commentsOpen === null) continue;
    known++;
    if (p.commentsOpen) open++;
  }
  const unknown = ownerInPeriod.length - known;
  // Not measurable only when there were posts but the platform reported none of their settings;
  // no owner post at all is a measured null (rule 9).
  return { status: known === 0 && unknown > 0 ? "not_measurable" : "measured", open, known, unknown, share: known ? open / known : null };
}

export function computePageMetrics(observations: PageObservations, period: Period, options: MetricsOptions): PageMetrics {
  const windowSeconds = options.replyWindowSeconds ?? 86_400;
  const startMs = period.start.getTime();
  const endMs = period.end.getTime();
  const caps = observations.capabilities;

  // Posts are unique by id by contract; a connector listing the pinned post twice must not
  // double it, so keep the first of each id.
  const seen = new Set<string>();
  const posts: PostObservation[] = [];
  for (const p of observations.posts) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    posts.push(p);
  }
  const ownerInPeriod = posts.filter((p) => {
    const t = p.publishedAt.getTime();
    return p.byOwner && t >= startMs && t < endMs;
  });

  let streamCount = 0;
  for (const s of observations.streams) {
    const t = s.startedAt.getTime();
    if (t >= startMs && t < endMs) streamCount++;
  }

  const members = observations.profile?.members ?? null;
  const population = options.population;
  const reachOk = members !== null && population !== null && population > 0;

  const { replies, firstReply, unanswered } = computeReplies(observations.comments, period, {
    now: options.now,
    measurable: caps.replies,
    windowSeconds,
  });

  return {
    platform: observations.platform,
    badge: badgeMetric(observations),
    profile: profileMetric(observations.profile),
    posting: computePosting(posts, period, { dormantDays: options.dormantDays ?? 14, target: options.postsPerWeekTarget ?? 3 }),
    engagement: engagementMetric(ownerInPeriod, caps.engagement),
    replies,
    firstReply,
    streams: caps.streams ? { status: "measured", count: streamCount } : { status: "not_measurable", count: null },
    commentsOpen: commentsOpenMetric(ownerInPeriod),
    reach: { status: reachOk ? "measured" : "not_measurable", members, population, ratio: reachOk ? members / population : null },
    unanswered,
  };
}

/** M2 (organisation level): an active page on every required platform. */
export function presence(
  pages: readonly { platform: Platform; active: boolean }[],
  required: readonly Platform[],
): { status: "pass" | "fail"; missing: Platform[] } {
  const active = new Set<Platform>();
  for (const p of pages) if (p.active) active.add(p.platform);
  const missing = [...new Set(required)].filter((p) => !active.has(p));
  return { status: missing.length ? "fail" : "pass", missing };
}

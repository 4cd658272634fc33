/**
 * Test inputs for the scoring tests, built directly as PageMetrics (never through
 * computePageMetrics, so a scoring test cannot pass by accident of the metrics code).
 * `page()` is a fully compliant page; each test overrides only what it is about.
 */
import type { PageMetrics, PostingWeek } from "../../app/domain/compliance/metrics";
import type { Platform } from "../../app/domain/compliance/observations";
import type { OrganisationInput, PageInput, ResidentRating } from "../../app/domain/scoring";

/** Full ISO weeks with these post counts, plus a partial first week (never counted) with 10. */
export function weeks(fullWeekPosts: number[]): PostingWeek[] {
  const partial: PostingWeek = { isoYear: 2026, isoWeek: 9, label: "2026-W09", monday: "2026-02-23", sunday: "2026-03-01", posts: 10, full: false };
  return [
    partial,
    ...fullWeekPosts.map((posts, i): PostingWeek => ({
      isoYear: 2026, isoWeek: 10 + i, label: `2026-W${10 + i}`, monday: "2026-03-02", sunday: "2026-03-08", posts, full: true,
    })),
  ];
}

type Over = { [K in keyof PageMetrics]?: Partial<PageMetrics[K]> };

export function metrics(over: Over = {}, platform: Platform = "vk"): PageMetrics {
  const base: PageMetrics = {
    platform,
    badge: { status: "pass", value: true },
    profile: {
      status: "measured",
      items: { description: "present", contacts: "present", address: "present", site: "present", avatar: "present", cover: "present", wallOpen: "present" },
      present: 7, known: 7, share: 1,
    },
    posting: {
      status: "measured", ownerPosts: 22, weeks: weeks([3, 3, 3, 3]), fullWeeks: 4, activeWeeks: 4, target: 3,
      activityShare: 1, postsPerWeek: 3, dormant: false, lastOwnerPostAt: new Date("2026-03-30T00:00:00Z"),
    },
    engagement: { status: "measured", rate: 0.05, postsCounted: 12, postsWithoutViews: 0, likes: 40, reposts: 10, comments: 10, views: 1200, interactionsIncomplete: false },
    replies: { status: "measured", eligible: 10, replied: 10, repliedWithinWindow: 10, replyRate: 1, rr24: 1 },
    firstReply: { status: "measured", n: 10, meanSeconds: 3_600, medianSeconds: 3_000, p90Seconds: 7_000, overLimit: 0 },
    streams: { status: "measured", count: 1 },
    commentsOpen: { status: "measured", open: 12, known: 12, unknown: 0, share: 1 },
    reach: { status: "measured", members: 5_000, population: 10_000, ratio: 0.5 },
    unanswered: { status: "measured", items: [], overdue: 0 },
  };
  const parts = base as unknown as Record<string, object>;
  const out: Record<string, unknown> = { ...parts };
  for (const [k, v] of Object.entries(over)) out[k] = { ...parts[k], ...(v as object) };
  return out as unknown as PageMetrics;
}

/** Replies on a page: `within` of `eligible` answered within 24 h, all answered, at `meanSeconds`. */
export function replies(eligible: number, within: number, meanSeconds: number | null): Over {
  const replied = meanSeconds === null ? 0 : eligible;
  return {
    replies: { eligible, replied, repliedWithinWindow: within, replyRate: eligible ? replied / eligible : null, rr24: eligible ? within / eligible : null },
    firstReply: { n: replied, meanSeconds, medianSeconds: meanSeconds, p90Seconds: meanSeconds, overLimit: replied - within },
  };
}

export function page(pageId: number, platform: Platform, over: Over = {}, extra: Partial<PageInput> = {}): PageInput {
  return { pageId, platform, active: true, metrics: metrics(over, platform), ...extra };
}

export const goodRating = (mean = 4.5, nEff = 200): ResidentRating => ({ mean, moe95: 0.12, nEff, n: 250, surveyId: 7 });

/** A ministry with a compliant VK page (id×10+1) and OK page (id×10+2) and a rating. */
export function org(organisationId: number, over: Partial<OrganisationInput> = {}): OrganisationInput {
  return {
    organisationId,
    name: `Организация ${organisationId}`,
    kind: "ministry",
    pages: [page(organisationId * 10 + 1, "vk"), page(organisationId * 10 + 2, "ok")],
    rating: goodRating(),
    ...over,
  };
}

/** Same organisation, each page's metrics overridden. */
export function orgWithPages(organisationId: number, vk: Over, ok: Over, over: Partial<OrganisationInput> = {}): OrganisationInput {
  return org(organisationId, { pages: [page(organisationId * 10 + 1, "vk", vk), page(organisationId * 10 + 2, "ok", ok)], ...over });
}

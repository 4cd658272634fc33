/**
 * The building blocks of a score: what the scorer is given per organisation, how one measure is
 * read from a page's PageMetrics, how a value becomes a [0, 1] score against fixed targets,
 * how pages roll up, and the gates (M1 badge, M2 presence). Pure; score.ts assembles them.
 */
import type { PageMetrics } from "../compliance/metrics";
import type { Platform } from "../compliance/observations";
import { defaultPeerGroup, type OrganisationKind } from "../registry/vocabulary";
import { MEASURES, type Gate, type Measure, type Methodology, type Rollup, type Scoring } from "./methodology";

export interface PageInput {
  pageId: number;
  platform: Platform;
  /** registry flag: inactive pages count for nothing, not even presence */
  active: boolean;
  /** null when the page has not been audited for the period: it is left out of every criterion */
  metrics: PageMetrics | null;
}

/** M11 as the survey analysis publishes it: weighted mean with its 95% margin of error. */
export interface ResidentRating {
  mean: number;
  moe95: number;
  /** effective sample size after weighting (Kish) */
  nEff: number;
  n: number;
  surveyId: number;
}

export interface OrganisationInput {
  organisationId: number;
  /** only to order ties for display */
  name?: string;
  kind: OrganisationKind;
  sphere?: string | null;
  /** the registry's peer group, used when the methodology's rule is "registry" */
  peerGroup?: string | null;
  pages: readonly PageInput[];
  rating: ResidentRating | null;
}

/**
 * Why a criterion (or part) is left out of the weights. The first three come from the
 * platform or the data; the rest are our rules:
 * - nothing_eligible: no resident comment to answer. Neither reward nor punishment, so reply
 *   criteria are not measurable rather than 0 or 1.
 * - no_full_week / no_posts: no denominator for M4 / M9 (a page that never posts already loses
 *   the posting criterion; it is not punished twice through M9).
 * - not_required: the methodology sets no target for this organisation kind.
 * - no_survey / sample_too_small: no M11 rating, or effective n below the minimum.
 * - no_peers: fewer than two organisations of the peer group have the value to compare.
 */
export const NOT_MEASURABLE_REASONS = [
  "platform_cannot_tell",
  "no_population",
  "no_pages",
  "nothing_eligible",
  "no_full_week",
  "no_posts",
  "not_required",
  "no_survey",
  "sample_too_small",
  "no_peers",
] as const;
export type NotMeasurableReason = (typeof NOT_MEASURABLE_REASONS)[number];

/**
 * One measure read from one page: a number when measured; null when measured without a value,
 * which happens once — eligible comments exist but none got a reply, so there is no first-reply
 * time; it scores 0 (the slowest possible answer), never "not measurable"; or the reason it is
 * not measurable. Plain values, not objects: bulk scoring reads ~1.5 million of them.
 */
export type Measurement = number | null | NotMeasurableReason;

export const isNotMeasurable = (m: Measurement): m is NotMeasurableReason => typeof m === "string";

/** Share of full ISO weeks with at least `postsPerWeek` owner posts, recounted so any version can re-score. */
export function activeWeekShare(m: PageMetrics, postsPerWeek: number): number | "no_full_week" {
  let active = 0;
  let full = 0;
  for (const w of m.posting.weeks) {
    if (!w.full) continue;
    full++;
    if (w.posts >= postsPerWeek) active++;
  }
  return full ? active / full : "no_full_week";
}

/** With eligible comments but no reply, M7 values are null: measured, and scored 0. */
function replyMeasure(m: PageMetrics, value: number | null): Measurement {
  if (m.replies.status === "not_measurable") return "platform_cannot_tell";
  if (!m.replies.eligible) return "nothing_eligible";
  return value;
}

const known = (v: number | null): Measurement => (v === null ? "platform_cannot_tell" : v);

/** Read one page-level measure. `rating_mean` is organisation-level and never read here. */
export function measurePage(measure: Measure, m: PageMetrics, postsPerWeek: number): Measurement {
  switch (measure) {
    case "profile_share":
      return known(m.profile.share);
    case "active_week_share":
      return activeWeekShare(m, postsPerWeek);
    case "posts_per_week":
      return m.posting.postsPerWeek ?? "no_full_week";
    case "engagement_rate":
      return known(m.engagement.rate);
    case "rr24":
      return replyMeasure(m, m.replies.rr24);
    case "reply_rate":
      return replyMeasure(m, m.replies.replyRate);
    case "first_reply_mean_seconds":
      return replyMeasure(m, m.firstReply.meanSeconds);
    case "first_reply_median_seconds":
      return replyMeasure(m, m.firstReply.medianSeconds);
    case "first_reply_p90_seconds":
      return replyMeasure(m, m.firstReply.p90Seconds);
    case "live_streams":
      return known(m.streams.count);
    case "comments_open_share":
      if (m.commentsOpen.status === "not_measurable") return "platform_cannot_tell";
      return m.commentsOpen.share ?? "no_posts";
    case "reach_ratio":
      if (m.reach.ratio !== null) return m.reach.ratio;
      return m.reach.members === null ? "platform_cannot_tell" : "no_population";
    case "rating_mean":
      return "no_survey";
  }
}

/** 1 at green or better, 0 at red or worse, linear between; works for either direction. */
export function linearScore(value: number, red: number, green: number): number {
  const t = (value - red) / (green - red);
  return t <= 0 ? 0 : t >= 1 ? 1 : t;
}

/** A page's measurement against a fixed target (absolute criteria): a score in [0, 1] or a reason. */
export function scoreMeasurement(scoring: Scoring, m: Measurement, kind: OrganisationKind): number | NotMeasurableReason {
  if (isNotMeasurable(m)) return m;
  if (scoring.kind === "count_target") {
    const target = scoring.targetByKind[kind] ?? 0;
    if (target <= 0) return "not_required";
    return m === null ? 0 : Math.min(1, m / target);
  }
  return m === null ? 0 : linearScore(m, scoring.red, scoring.green);
}

/**
 * Pages' values combined per the roll-up, one value at a time: no arrays per organisation and
 * criterion, because bulk scoring touches every page of the region. "worst"/"best" follow the
 * measure's direction; scores are always "higher is better".
 */
export class RollUp {
  count = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;

  add(v: number): void {
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  result(rollup: Rollup, better: "higher" | "lower" = "higher"): number | null {
    if (this.count === 0) return null;
    if (rollup === "mean") return this.sum / this.count;
    return (rollup === "best") === (better === "higher") ? this.max : this.min;
  }
}

export function rollUp(values: readonly number[], rollup: Rollup, better: "higher" | "lower" = "higher"): number | null {
  const acc = new RollUp();
  for (const v of values) acc.add(v);
  return acc.result(rollup, better);
}

export const measureDirection = (measure: Measure) => MEASURES[measure].better;

export function peerGroupOf(org: OrganisationInput, methodology: Methodology): string {
  switch (methodology.peerGroups.rule) {
    case "single":
      return "all";
    case "registry":
      return org.peerGroup || defaultPeerGroup(org.kind, org.sphere);
    case "kind_and_sphere":
      return defaultPeerGroup(org.kind, org.sphere);
  }
}

export function requiredPlatformsFor(methodology: Methodology, kind: OrganisationKind): readonly Platform[] {
  return methodology.requiredPlatforms.byKind?.[kind] ?? methodology.requiredPlatforms.default;
}

export interface GateResult {
  gateId: string;
  kind: Gate["kind"];
  /** not_measurable (badge unknown on every page) never caps: we do not fail what we cannot see */
  status: "pass" | "fail" | "not_measurable";
  /** badge: active audited pages whose platform reports no badge */
  failingPageIds: number[];
  /** presence: required platforms without an active page */
  missingPlatforms: Platform[];
}

export function evaluateGate(gate: Gate, org: OrganisationInput, methodology: Methodology): GateResult {
  const required = requiredPlatformsFor(methodology, org.kind);
  const failingPageIds: number[] = [];
  const missingPlatforms: Platform[] = [];
  let status: GateResult["status"];
  if (gate.kind === "presence") {
    // M2 as metrics.ts's presence(), inlined: a handful of pages, no Set per organisation.
    for (const platform of required) {
      if (missingPlatforms.includes(platform)) continue;
      if (!org.pages.some((p) => p.active && p.platform === platform)) missingPlatforms.push(platform);
    }
    status = missingPlatforms.length ? "fail" : "pass";
  } else {
    let passed = 0;
    for (const p of org.pages) {
      if (!p.active || !p.metrics) continue;
      if (gate.scope === "required_platforms" && !required.includes(p.platform)) continue;
      if (p.metrics.badge.status === "fail") failingPageIds.push(p.pageId);
      else if (p.metrics.badge.status === "pass") passed++;
    }
    status = failingPageIds.length ? "fail" : passed ? "pass" : "not_measurable";
  }
  return { gateId: gate.id, kind: gate.kind, status, failingPageIds, missingPlatforms };
}

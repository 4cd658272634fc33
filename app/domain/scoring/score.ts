/**
 * Scoring in two passes, because percentile criteria (M5 engagement, M10 reach, M11 rating)
 * need the whole peer group:
 *   1. measureOrganisation: per organisation, alone — gates, absolute criteria scored, and the
 *      rolled-up raw value of each percentile criterion. Can run as pages stream in.
 *   2. scoreMeasurements: per peer group, each percentile criterion sorted once (n log n), then
 *      the weighted total, grade and gate cap.
 * scoreOrganisations does both (peer-groups.ts). Pure: the caller passes everything.
 */
import type { MetricsOptions } from "../compliance/metrics";
import type { Platform } from "../compliance/observations";
import type { OrganisationKind } from "../registry/vocabulary";
import {
  RollUp, evaluateGate, measureDirection, measurePage, peerGroupOf, scoreMeasurement,
  type GateResult, type NotMeasurableReason, type OrganisationInput, type PageInput,
} from "./criteria";
import type { AbsoluteCriterion, Criterion, Grade, Measure, MetricId, Methodology, PercentileCriterion } from "./methodology";

export type CriterionStatus = "measured" | "not_measurable";

export interface PartScore {
  metric: MetricId;
  measure: Measure;
  status: CriterionStatus;
  reason: NotMeasurableReason | null;
  /** raw value (share 0–1, seconds, count…); null when not measurable or measured without one */
  value: number | null;
  /** [0, 1]; null when not measurable, and for percentile parts (scored at organisation level) */
  score: number | null;
}

export interface PageCriterionScore {
  pageId: number;
  platform: Platform;
  status: CriterionStatus;
  reason: NotMeasurableReason | null;
  /** the page's parts averaged by part weight over the measurable ones */
  score: number | null;
  parts: PartScore[];
}

export interface CriterionScore {
  criterionId: string;
  kind: "absolute" | "peer_percentile";
  weight: number;
  status: CriterionStatus;
  reason: NotMeasurableReason | null;
  /** [0, 1]; for a percentile criterion null until the second pass */
  score: number | null;
  /** weight × score, out of `weight` */
  points: number | null;
  /** the organisation's value of each part, rolled up over its pages like the score */
  parts: PartScore[];
  /** per-page breakdown; empty unless ScoreOptions.pageDetail */
  pages: PageCriterionScore[];
  /** percentile criteria: organisations of the peer group compared (those with a value) */
  peers: number | null;
}

export interface OrganisationMeasurement {
  organisationId: number;
  name: string | null;
  kind: OrganisationKind;
  peerGroup: string;
  gates: GateResult[];
  /** in the methodology's order */
  criteria: CriterionScore[];
}

export interface OrganisationScore extends OrganisationMeasurement {
  /** 0–100, two decimals; null when no weighted criterion could be measured */
  score: number | null;
  /** sum of the weights of measured criteria: the score is renormalised over these */
  measuredWeight: number;
  gradeFromScore: Grade | null;
  /** the lowest band when a gate failed, whatever the score */
  grade: Grade | null;
  /** ids of failed gates */
  cappedBy: string[];
}

/** The options computePageMetrics must be given so its figures match this methodology. */
export function measurementOptions(methodology: Methodology): Pick<MetricsOptions, "replyWindowSeconds" | "dormantDays" | "postsPerWeekTarget"> {
  const m = methodology.measurement;
  return { replyWindowSeconds: m.replyWindowSeconds, dormantDays: m.dormantDays, postsPerWeekTarget: m.postsPerWeek };
}

type Audited = PageInput & { metrics: NonNullable<PageInput["metrics"]> };

export interface ScoreOptions {
  /**
   * Keep the per-page breakdown (CriterionScore.pages). Off by default: bulk scoring of a whole
   * region would hold millions of small objects; explainOrganisation recomputes it for the one
   * organisation it explains.
   */
  pageDetail?: boolean;
}

// Factories keep every object of a type in one shape (one hidden class): the hot loops over a
// region's 175,000 pages stay monomorphic.
const part = (metric: MetricId, measure: Measure, reason: NotMeasurableReason | null, value: number | null, score: number | null): PartScore =>
  ({ metric, measure, status: reason ? "not_measurable" : "measured", reason, value, score });

export function criterionScore(
  c: Criterion, reason: NotMeasurableReason | null, score: number | null,
  parts: PartScore[], pages: PageCriterionScore[], peers: number | null,
): CriterionScore {
  return {
    criterionId: c.id, kind: c.kind, weight: c.weight, status: reason ? "not_measurable" : "measured", reason,
    score, points: score === null ? null : c.weight * score, parts, pages, peers,
  };
}

function measureAbsolute(c: AbsoluteCriterion, pages: readonly Audited[], org: OrganisationInput, methodology: Methodology, detail: boolean): CriterionScore {
  const rollup = c.rollup ?? methodology.rollup;
  const postsPerWeek = methodology.measurement.postsPerWeek;
  const n = c.parts.length;
  const values = c.parts.map(() => new RollUp());
  const scores = c.parts.map(() => new RollUp());
  const reasons: (NotMeasurableReason | null)[] = c.parts.map(() => null);
  const criterion = new RollUp();
  let firstReason: NotMeasurableReason | null = null;
  const details: PageCriterionScore[] = [];
  for (let i = 0; i < pages.length; i++) {
    const p = pages[i]!;
    let weighted = 0;
    let weights = 0;
    let pageReason: NotMeasurableReason | null = null;
    const parts: PartScore[] | null = detail ? [] : null;
    for (let j = 0; j < n; j++) {
      const x = c.parts[j]!;
      const m = measurePage(x.measure, p.metrics, postsPerWeek);
      const o = scoreMeasurement(x.scoring, m, org.kind);
      if (typeof o === "string") {
        reasons[j] ??= o;
        pageReason ??= o;
        parts?.push(part(x.metric, x.measure, o, null, null));
        continue;
      }
      const value = typeof m === "number" ? m : null;
      if (value !== null) values[j]!.add(value);
      scores[j]!.add(o);
      weighted += x.weight * o;
      weights += x.weight;
      parts?.push(part(x.metric, x.measure, null, value, o));
    }
    // Parts renormalise over the measurable ones, as criteria do over the organisation.
    const score = weights > 0 ? weighted / weights : null;
    const reason = score === null ? (pageReason ?? "not_required") : null;
    if (score !== null) criterion.add(score);
    else firstReason ??= reason;
    if (parts) details.push({ pageId: p.pageId, platform: p.platform, status: reason ? "not_measurable" : "measured", reason, score, parts });
  }
  const parts = c.parts.map((x, j) => (scores[j]!.count
    ? part(x.metric, x.measure, null, values[j]!.result(rollup, measureDirection(x.measure)), scores[j]!.result(rollup))
    : part(x.metric, x.measure, reasons[j] ?? "no_pages", null, null)));
  const score = criterion.result(rollup);
  return criterionScore(c, score === null ? (firstReason ?? "no_pages") : null, score, parts, details, null);
}

function measurePercentile(c: PercentileCriterion, pages: readonly Audited[], org: OrganisationInput, methodology: Methodology, detail: boolean): CriterionScore {
  if (c.measure === "rating_mean") {
    const r = org.rating;
    const reason = !r ? "no_survey" : r.nEff < methodology.measurement.ratingMinEffectiveN ? "sample_too_small" : null;
    return criterionScore(c, reason, null, [part(c.metric, c.measure, reason, r?.mean ?? null, null)], [], null);
  }
  const values = new RollUp();
  let firstReason: NotMeasurableReason | null = null;
  const details: PageCriterionScore[] = [];
  for (let i = 0; i < pages.length; i++) {
    const p = pages[i]!;
    const m = measurePage(c.measure, p.metrics, methodology.measurement.postsPerWeek);
    // A value-less measurement (no reply at all, for a first-reply percentile) has no place in
    // a distribution; it is left out like an unmeasurable page.
    const reason = typeof m === "string" ? m : m === null ? "platform_cannot_tell" : null;
    if (reason) firstReason ??= reason;
    else values.add(m as number);
    if (detail) {
      const value = reason ? null : (m as number);
      details.push({ pageId: p.pageId, platform: p.platform, status: reason ? "not_measurable" : "measured", reason, score: null, parts: [part(c.metric, c.measure, reason, value, null)] });
    }
  }
  const value = values.result(c.rollup ?? methodology.rollup, measureDirection(c.measure));
  const reason = value === null ? (firstReason ?? "no_pages") : null;
  return criterionScore(c, reason, null, [part(c.metric, c.measure, reason, value, null)], details, null);
}

/** Pass 1: everything that needs only this organisation. Inactive or unaudited pages are skipped. */
export function measureOrganisation(org: OrganisationInput, methodology: Methodology, options: ScoreOptions = {}): OrganisationMeasurement {
  const pages = org.pages.filter((p): p is Audited => p.active && p.metrics !== null);
  const detail = options.pageDetail ?? false;
  return {
    organisationId: org.organisationId,
    name: org.name ?? null,
    kind: org.kind,
    peerGroup: peerGroupOf(org, methodology),
    gates: methodology.gates.map((g) => evaluateGate(g, org, methodology)),
    criteria: methodology.criteria.map((c) =>
      c.kind === "absolute" ? measureAbsolute(c, pages, org, methodology, detail) : measurePercentile(c, pages, org, methodology, detail)),
  };
}

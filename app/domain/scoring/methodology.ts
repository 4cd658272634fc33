/**
 * A scoring methodology is data, not code (COMPLIANCE.md: "every methodology is a versioned
 * record; a published version is frozen, and any past period can be re-scored under any
 * version"). This file holds its schema, its types and the vocabulary of measures it may read;
 * the scorer (score.ts) interprets it. Validation messages live in methodology-issues.ts.
 */
import { z } from "zod";
import { ORGANISATION_KINDS, PLATFORMS } from "../registry/vocabulary";

export const METRIC_IDS = ["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9", "M10", "M11"] as const;
export type MetricId = (typeof METRIC_IDS)[number];

/** Lowest first: the order bands must follow, and "red" is where a failed gate caps the grade. */
export const GRADES = ["red", "yellow", "green"] as const;
export type Grade = (typeof GRADES)[number];

export type MeasureUnit = "share" | "rate" | "seconds" | "count" | "rating";
export interface MeasureInfo {
  metric: MetricId;
  /** page measures are read from PageMetrics; organisation measures from organisation inputs */
  level: "page" | "organisation";
  better: "higher" | "lower";
  unit: MeasureUnit;
}

/**
 * Every number a criterion may score. A metric can offer several (M7: mean, median, P90); the
 * methodology names the one it scores, so a future version can switch to the median without code.
 */
export const MEASURES = {
  profile_share: { metric: "M3", level: "page", better: "higher", unit: "share" },
  active_week_share: { metric: "M4", level: "page", better: "higher", unit: "share" },
  posts_per_week: { metric: "M4", level: "page", better: "higher", unit: "count" },
  engagement_rate: { metric: "M5", level: "page", better: "higher", unit: "rate" },
  rr24: { metric: "M6", level: "page", better: "higher", unit: "share" },
  reply_rate: { metric: "M6", level: "page", better: "higher", unit: "share" },
  first_reply_mean_seconds: { metric: "M7", level: "page", better: "lower", unit: "seconds" },
  first_reply_median_seconds: { metric: "M7", level: "page", better: "lower", unit: "seconds" },
  first_reply_p90_seconds: { metric: "M7", level: "page", better: "lower", unit: "seconds" },
  live_streams: { metric: "M8", level: "page", better: "higher", unit: "count" },
  comments_open_share: { metric: "M9", level: "page", better: "higher", unit: "share" },
  reach_ratio: { metric: "M10", level: "page", better: "higher", unit: "rate" },
  rating_mean: { metric: "M11", level: "organisation", better: "higher", unit: "rating" },
} as const satisfies Record<string, MeasureInfo>;
export type Measure = keyof typeof MEASURES;
export const MEASURE_IDS = Object.keys(MEASURES) as [Measure, ...Measure[]];

/**
 * How an organisation's pages combine into one criterion value: "mean" (every page counts the
 * same), "worst" (the weakest page decides), "best" (one good page is enough, e.g. a live
 * stream held on any of the organisation's pages).
 */
export const ROLLUPS = ["mean", "worst", "best"] as const;
export type Rollup = (typeof ROLLUPS)[number];

export const PEER_GROUP_RULES = ["kind_and_sphere", "registry", "single"] as const;

const metricId = z.enum(METRIC_IDS);
const measureId = z.enum(MEASURE_IDS);
const platform = z.enum(PLATFORMS);
const organisationKind = z.enum(ORGANISATION_KINDS);
const finite = z.number().finite();
const weight = finite.refine((w) => w >= 0, { params: { code: "negative_weight" } });
const bilingual = z.object({ ru: z.string().trim().min(1), en: z.string().trim().min(1) }).strict();
const id = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

/**
 * Piecewise linear: `green` or better scores 1, `red` or worse scores 0, straight line between.
 * green > red means "higher is better" (RR24 0.9 / 0.7), green < red "lower is better"
 * (first reply 3 h / 24 h).
 */
const linearScoring = z.object({ kind: z.literal("linear"), red: finite, green: finite }).strict();
/**
 * min(1, value / target), target per organisation kind; a kind absent from the map (or 0) is not
 * required to do it, so the criterion is not measurable for it and leaves the weights.
 */
const countTargetScoring = z
  .object({ kind: z.literal("count_target"), targetByKind: z.record(organisationKind, finite.min(0)) })
  .strict();
const scoring = z.discriminatedUnion("kind", [linearScoring, countTargetScoring]);

const part = z.object({ metric: metricId, measure: measureId, weight, scoring }).strict();

/** Scored against fixed targets, page by page, then rolled up to the organisation. */
const absoluteCriterion = z
  .object({
    id,
    kind: z.literal("absolute"),
    label: bilingual,
    weight,
    rollup: z.enum(ROLLUPS).optional(),
    parts: z.array(part).min(1),
  })
  .strict();
/**
 * Scored by where the organisation's (rolled-up) value falls among its peer group: the best
 * scores 1, the worst 0, ties share the mid-rank (see score.ts). Needs the whole group, so it
 * is scored in the second pass.
 */
const percentileCriterion = z
  .object({
    id,
    kind: z.literal("peer_percentile"),
    label: bilingual,
    weight,
    rollup: z.enum(ROLLUPS).optional(),
    metric: metricId,
    measure: measureId,
  })
  .strict();
const criterion = z.discriminatedUnion("kind", [absoluteCriterion, percentileCriterion]);

/** M1: "every_page" checks each audited page; "required_platforms" only pages on required ones. */
const badgeGate = z
  .object({ id, kind: z.literal("badge"), metric: z.literal("M1"), scope: z.enum(["every_page", "required_platforms"]) })
  .strict();
const presenceGate = z.object({ id, kind: z.literal("presence"), metric: z.literal("M2") }).strict();
const gate = z.discriminatedUnion("kind", [badgeGate, presenceGate]);

/** Half-open [from, to) on the 0–100 score; the top band also holds 100. */
const band = z.object({ grade: z.enum(GRADES), from: finite, to: finite }).strict();

const baseSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/),
    version: z.number().int().min(1),
    title: bilingual,
    criteria: z.array(criterion).min(1),
    gates: z.array(gate),
    /** M2: platforms every organisation must be on; `byKind` replaces the default for a kind */
    requiredPlatforms: z
      .object({ default: z.array(platform), byKind: z.record(organisationKind, z.array(platform)).optional() })
      .strict(),
    peerGroups: z.object({ rule: z.enum(PEER_GROUP_RULES) }).strict(),
    bands: z.array(band).min(1),
    /** default page-to-organisation roll-up; a criterion may override it */
    rollup: z.enum(ROLLUPS),
    /**
     * How the inputs are taken. The first three are what computePageMetrics must be given
     * (measurementOptions in score.ts); ratingMinEffectiveN gates M11 (COMPLIANCE.md: n >= 50).
     */
    measurement: z
      .object({
        postsPerWeek: z.number().int().min(1),
        dormantDays: z.number().int().min(1),
        replyWindowSeconds: z.number().int().min(1),
        ratingMinEffectiveN: finite.min(0),
      })
      .strict(),
  })
  .strict();

export type Methodology = z.infer<typeof baseSchema>;
export type Criterion = Methodology["criteria"][number];
export type AbsoluteCriterion = Extract<Criterion, { kind: "absolute" }>;
export type PercentileCriterion = Extract<Criterion, { kind: "peer_percentile" }>;
export type CriterionPart = AbsoluteCriterion["parts"][number];
export type Scoring = CriterionPart["scoring"];
export type Gate = Methodology["gates"][number];
export type Band = Methodology["bands"][number];
export type PeerGroupRule = (typeof PEER_GROUP_RULES)[number];

type Ctx = z.RefinementCtx;
const fail = (ctx: Ctx, path: (string | number)[], code: string, params: Record<string, string | number> = {}) =>
  ctx.addIssue({ code: z.ZodIssueCode.custom, path, params: { code, ...params } });

function checkCriteria(m: Methodology, ctx: Ctx) {
  const seen = new Set<string>();
  let total = 0;
  m.criteria.forEach((c, i) => {
    if (seen.has(c.id)) fail(ctx, ["criteria", i, "id"], "duplicate_id", { id: c.id });
    seen.add(c.id);
    total += Math.max(0, c.weight);
    const parts = c.kind === "absolute" ? c.parts : [{ metric: c.metric, measure: c.measure }];
    parts.forEach((p, j) => {
      const path = c.kind === "absolute" ? ["criteria", i, "parts", j] : ["criteria", i];
      const info = MEASURES[p.measure];
      if (info.metric !== p.metric) {
        fail(ctx, [...path, "measure"], "measure_metric_mismatch", { measure: p.measure, metric: p.metric, expected: info.metric });
      }
      // An organisation-level number has no pages to score one by one.
      if (c.kind === "absolute" && info.level === "organisation") {
        fail(ctx, [...path, "measure"], "organisation_measure_in_part", { measure: p.measure });
      }
    });
    if (c.kind !== "absolute") return;
    if (c.parts.reduce((s, p) => s + Math.max(0, p.weight), 0) <= 0) fail(ctx, ["criteria", i, "parts"], "weights_sum_zero");
    c.parts.forEach((p, j) => {
      if (p.scoring.kind === "linear" && p.scoring.red === p.scoring.green) {
        fail(ctx, ["criteria", i, "parts", j, "scoring", "green"], "thresholds_equal", { value: p.scoring.green });
      }
    });
  });
  if (total <= 0) fail(ctx, ["criteria"], "weights_sum_zero");
  const gateIds = new Set<string>();
  m.gates.forEach((g, i) => {
    if (gateIds.has(g.id)) fail(ctx, ["gates", i, "id"], "duplicate_id", { id: g.id });
    gateIds.add(g.id);
  });
}

/** Bands must tile [0, 100] lowest first, red at the bottom (a failed gate caps there). */
function checkBands(bands: readonly Band[], ctx: Ctx) {
  const first = bands[0]!;
  if (first.grade !== "red") fail(ctx, ["bands", 0, "grade"], "lowest_band_not_red", { grade: first.grade });
  if (first.from !== 0) fail(ctx, ["bands", 0, "from"], "bands_range", { value: first.from, expected: 0 });
  const last = bands[bands.length - 1]!;
  if (last.to !== 100) fail(ctx, ["bands", bands.length - 1, "to"], "bands_range", { value: last.to, expected: 100 });
  const grades = new Set<string>();
  bands.forEach((b, i) => {
    if (b.from >= b.to) fail(ctx, ["bands", i, "to"], "band_empty", { from: b.from, to: b.to });
    if (grades.has(b.grade)) fail(ctx, ["bands", i, "grade"], "duplicate_grade", { grade: b.grade });
    grades.add(b.grade);
    if (i === 0) return;
    const prev = bands[i - 1]!;
    if (b.from < prev.from || GRADES.indexOf(b.grade) < GRADES.indexOf(prev.grade)) {
      fail(ctx, ["bands", i], "bands_unordered");
    } else if (b.from < prev.to) {
      fail(ctx, ["bands", i, "from"], "bands_overlap", { from: b.from, previousTo: prev.to });
    } else if (b.from > prev.to) {
      fail(ctx, ["bands", i, "from"], "bands_gap", { from: b.from, previousTo: prev.to });
    }
  });
}

export const methodologySchema = baseSchema.superRefine((m, ctx) => {
  checkCriteria(m, ctx);
  checkBands(m.bands, ctx);
});

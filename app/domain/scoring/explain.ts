/**
 * Why a score is what it is, for the page administrator: per criterion the measured values,
 * targets and points, and plain "what to fix" items in Russian and English, each pointing at
 * the evidence (the UI links it to the comments, posts or snapshot behind the number).
 */
import { measureDirection, type OrganisationInput } from "./criteria";
import { PLATFORM_NAMES, both, formatValue, reasonText, targetText, type Bilingual } from "./explain-texts";
import { REPLY_MEASURES, overdueFix, pageFixes, type Evidence, type FixContext, type FixItem } from "./fixes";
import type { Criterion, Measure, MetricId, Methodology } from "./methodology";
import { measureOrganisation, type CriterionScore, type OrganisationScore } from "./score";

export type { Bilingual } from "./explain-texts";
export type { Evidence, FixCode, FixItem } from "./fixes";

export interface MeasuredValue {
  metric: MetricId;
  measure: Measure;
  status: "measured" | "not_measurable";
  value: number | null;
  valueText: Bilingual | null;
  target: Bilingual;
  /** percentile criteria: 0–100 within the peer group */
  percentile: number | null;
}

export interface CriterionExplanation {
  criterionId: string;
  label: Bilingual;
  status: "measured" | "not_measurable";
  /** why it could not be measured (and so left the weights) */
  note: Bilingual | null;
  measured: MeasuredValue[];
  /** weight × score, out of maxPoints (= weight); the total renormalises over measured weights */
  points: number | null;
  maxPoints: number;
  fixes: FixItem[];
}

export interface GateExplanation {
  gateId: string;
  status: "pass" | "fail" | "not_measurable";
  fixes: FixItem[];
}

export interface Explanation {
  organisationId: number;
  score: number | null;
  grade: OrganisationScore["grade"];
  cappedBy: string[];
  gates: GateExplanation[];
  criteria: CriterionExplanation[];
}

function criterionFixes(c: Criterion, cs: CriterionScore, ctx: FixContext): FixItem[] {
  const metricsOf = new Map(ctx.org.pages.map((p) => [p.pageId, p.metrics]));
  const rollup = c.rollup ?? ctx.methodology.rollup;
  const items: FixItem[] = [];
  if (c.kind === "peer_percentile") {
    // Only below the group's middle: a percentile always has someone at the bottom, and telling
    // the upper half to "fix" its rank would be noise.
    if (cs.score === null || cs.score >= 0.5) return items;
    const value = cs.parts[0]!.value!;
    const v = formatValue(c.measure, value, ctx.org.rating);
    const p = Math.round(cs.score * 100);
    const page = pickPage(cs, 0, rollup === "best", measureDirection(c.measure));
    const evidence: Evidence = c.measure === "rating_mean" && ctx.org.rating ? { kind: "survey", surveyId: ctx.org.rating.surveyId }
      : page === null ? { kind: "registry", organisationId: ctx.org.organisationId }
      : c.measure === "engagement_rate" ? { kind: "posts", pageId: page } : { kind: "snapshot", pageId: page };
    items.push({ code: "below_peers", evidence, text: {
      ru: `${c.label.ru}: ${v.ru} — в нижней половине группы сравнения (процентиль ${p})`,
      en: `${c.label.en}: ${v.en} is in the lower half of the peer group (percentile ${p})` } });
    return items;
  }
  const seen = new Set<string>();
  const push = (f: FixItem | null) => {
    if (!f) return;
    const key = `${f.code}|${JSON.stringify(f.evidence)}`;
    if (!seen.has(key)) { seen.add(key); items.push(f); }
  };
  c.parts.forEach((part, j) => {
    if (REPLY_MEASURES.includes(part.measure)) {
      for (const p of ctx.org.pages) if (p.active && p.metrics) push(overdueFix(p.metrics, p.pageId, { ...ctx, platform: p.platform }));
    }
    // "best": one good page is enough, so speak for the organisation through its best page.
    if (rollup === "best") {
      if (cs.score === 1) return;
      const pageId = pickPage(cs, j, true, "higher");
      const m = pageId === null ? null : metricsOf.get(pageId);
      if (pageId !== null && m) pageFixes(part, m, pageId, { ...ctx, platform: null }).forEach(push);
      return;
    }
    for (const pc of cs.pages) {
      const x = pc.parts[j]!;
      const m = metricsOf.get(pc.pageId);
      if (x.status !== "measured" || x.score === null || x.score >= 1 || !m) continue;
      pageFixes(part, m, pc.pageId, { ...ctx, platform: pc.platform }).forEach(push);
    }
  });
  return items;
}

/**
 * The page whose part did best (or worst) — by score for absolute criteria, by value in the
 * measure's direction for percentile ones: the evidence an organisation-level item cites.
 */
function pickPage(cs: CriterionScore, j: number, best: boolean, better: "higher" | "lower"): number | null {
  let pick: number | null = null;
  let at = 0;
  const sign = better === "higher" ? 1 : -1;
  for (const pc of cs.pages) {
    const x = pc.parts[j]!;
    if (x.status !== "measured") continue;
    const key = cs.kind === "peer_percentile" ? sign * (x.value ?? 0) : (x.score ?? 0);
    if (pick === null || (best ? key > at : key < at)) { pick = pc.pageId; at = key; }
  }
  return pick;
}

export function explainOrganisation(score: OrganisationScore, org: OrganisationInput, methodology: Methodology): Explanation {
  const ctx: FixContext = { methodology, org, platform: null };
  // Bulk scoring keeps no per-page breakdown; one organisation's is cheap to recompute. The
  // organisation-level scores (percentiles need the peer group) still come from `score`.
  const detailed = measureOrganisation(org, methodology, { pageDetail: true });
  const criteria = methodology.criteria.map((c, i): CriterionExplanation => {
    const cs: CriterionScore = { ...score.criteria[i]!, pages: detailed.criteria[i]!.pages };
    const measured = cs.parts.map((p, j): MeasuredValue => ({
      metric: p.metric,
      measure: p.measure,
      status: p.status,
      value: p.value,
      valueText: p.value === null ? null : formatValue(p.measure, p.value, org.rating),
      target: targetText(p.measure, c.kind === "absolute" ? c.parts[j]!.scoring : null, org.kind),
      percentile: c.kind === "peer_percentile" && cs.score !== null ? Math.round(cs.score * 100) : null,
    }));
    const note = cs.reason ? reasonText(cs.reason, methodology, org.rating) : null;
    const points = cs.points === null ? null : Math.round(cs.points * 100) / 100;
    return { criterionId: c.id, label: c.label, status: cs.status, note, measured, points, maxPoints: c.weight, fixes: criterionFixes(c, cs, ctx) };
  });
  const gates = score.gates.map((g): GateExplanation => {
    const fixes: FixItem[] = [];
    for (const pageId of g.failingPageIds) {
      const page = org.pages.find((p) => p.pageId === pageId);
      const name = page ? PLATFORM_NAMES[page.platform] : "";
      fixes.push({ code: "no_badge", evidence: { kind: "snapshot", pageId }, text: { ru: `На странице ${name} нет отметки «Госорганизация»`, en: `The ${name} page has no «Госорганизация» badge` } });
    }
    for (const platform of g.missingPlatforms) {
      const name = PLATFORM_NAMES[platform];
      fixes.push({ code: "missing_platform", evidence: { kind: "registry", organisationId: org.organisationId }, text: both((l) => (l === "ru" ? `Нет активной официальной страницы в ${name}` : `No active official page on ${name}`)) });
    }
    return { gateId: g.gateId, status: g.status, fixes };
  });
  return { organisationId: score.organisationId, score: score.score, grade: score.grade, cappedBy: score.cappedBy, gates, criteria };
}

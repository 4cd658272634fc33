/**
 * Compliance scores: a scoring run turns a period's stored page metrics and residents' ratings
 * into organisation scores, grades and ranks under one methodology (app/domain/scoring) and
 * stores them; the scores.compute job runs it after each audit run and on demand. A draft
 * methodology can be previewed: the same computation, not stored, beside the active ranks.
 */
import type { Database } from "../../db/client";
import { activeMethodology, getMethodology, insertMethodology } from "../../db/queries/methodologies";
import { deleteRunScores, finishRun, latestRun, periodMetrics, periodMetricsRange, periodRatings, runRanks, saveScores, scoringOrganisations, scoringPages, startRun, type ScoreRow } from "../../db/queries/scores";
import type { PageMetrics } from "../domain/compliance/metrics";
import { monthLabelOf, monthPeriod } from "../domain/compliance/period";
import { DEFAULT_METHODOLOGY, rankWithinPeerGroups, scoreOrganisations, validateMethodology, type Methodology, type OrganisationInput, type OrganisationScore, type PreviousRank } from "../domain/scoring";
import { inParallel } from "../../db/in-parallel";
import { feedResidentRatings } from "./survey-feed.server";

/** The active methodology, the default one (COMPLIANCE.md) inserted and activated on first use. */
export async function ensureActiveMethodology(db: Database) {
  const active = await activeMethodology(db);
  if (active) return active;
  try {
    await insertMethodology(db, { code: DEFAULT_METHODOLOGY.code, version: DEFAULT_METHODOLOGY.version, title: DEFAULT_METHODOLOGY.title.ru, document: DEFAULT_METHODOLOGY, status: "published", active: true, created_by: null });
  } catch (error) {
    // another process inserted it first (unique code and version, one active)
    if ((error as { code?: string }).code !== "23505") throw error;
  }
  return (await activeMethodology(db))!;
}

export function parseMethodology(document: unknown): Methodology {
  const v = validateMethodology(document);
  if (!v.ok) throw new Error(`invalid methodology: ${v.issues.map((i) => i.path + " " + i.code).join("; ")}`);
  return v.methodology;
}

const METRIC_SLICES = 8;

/** The registry and the period's page metrics as scoring input, one object per organisation. */
export async function scoringInputs(db: Database, periodLabel: string): Promise<{ inputs: OrganisationInput[]; pages: number; names: Map<number, string> }> {
  const metricsOf = new Map<number, PageMetrics>();
  const parse = (rows: Array<{ page_id: number; metrics: string }>) => {
    for (const m of rows) {
      const parsed = JSON.parse(m.metrics) as PageMetrics;
      // the stored month keeps only the to-do list's counts (the list itself is page_unanswered)
      parsed.unanswered = { ...parsed.unanswered, items: [] };
      metricsOf.set(m.page_id, parsed);
    }
  };
  // The month's documents in slices read side by side: PostgreSQL writes one slice's JSON while
  // this process parses another (175,000 documents: 6.2 s read whole, bench:scores).
  const range = await periodMetricsRange(db, periodLabel);
  const slices = range ? Math.min(METRIC_SLICES, Math.max(1, Math.ceil((range.hi - range.lo + 1) / 5_000))) : 0;
  const step = range ? Math.ceil((range.hi - range.lo + 1) / Math.max(1, slices)) : 0;
  const reads = Array.from({ length: slices }, (_, i) => () => periodMetrics(db, periodLabel, { from: range!.lo + i * step, to: range!.lo + (i + 1) * step }).then(parse));
  const [organisations, pages, ratings] = await Promise.all([scoringOrganisations(db), scoringPages(db), periodRatings(db, periodLabel), inParallel(reads, 2)]);
  const byOrg = new Map<number, OrganisationInput>();
  const names = new Map<number, string>();
  for (const o of organisations) {
    byOrg.set(o.id, { organisationId: o.id, name: o.name_ru, kind: o.kind, peerGroup: o.peer_group, pages: [], rating: null });
    names.set(o.id, o.name_ru);
  }
  for (const p of pages) {
    const org = byOrg.get(p.organisation_id);
    if (org) (org.pages as OrganisationInput["pages"][number][]).push({ pageId: p.id, platform: p.platform, active: p.active, metrics: metricsOf.get(p.id) ?? null });
  }
  for (const r of ratings) {
    const org = byOrg.get(r.organisation_id);
    if (org) org.rating = { mean: r.mean, moe95: r.moe95, nEff: r.n_eff, n: r.n, surveyId: r.survey_id };
  }
  return { inputs: [...byOrg.values()], pages: metricsOf.size, names };
}

/** A stored methodology's grade bands (territory colours), the default's when it does not validate. */
export function methodologyBands(document: unknown) {
  const v = validateMethodology(document);
  return v.ok ? v.methodology.bands : DEFAULT_METHODOLOGY.bands;
}

export function previousMonth(label: string): string {
  const [y, m] = label.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** Last period's ranks: its run under the same methodology, else its newest run. */
async function previousRanks(db: Database, periodLabel: string, methodologyId: number): Promise<Map<number, PreviousRank>> {
  const label = previousMonth(periodLabel);
  const run = (await latestRun(db, label, methodologyId)) ?? (await latestRun(db, label));
  if (!run) return new Map();
  return new Map((await runRanks(db, run.id)).map((r) => [r.organisation_id, { rank: r.rank, peerGroup: r.peer_group }]));
}

/** Scores and ranks every organisation (not stored): the run's work and the preview's. */
export async function computeScores(db: Database, periodLabel: string, methodology: Methodology, previousFrom: number) {
  const { inputs, pages, names } = await scoringInputs(db, periodLabel);
  const scores = scoreOrganisations(inputs, methodology);
  const ranked = rankWithinPeerGroups(
    scores.map((s) => ({ organisationId: s.organisationId, peerGroup: s.peerGroup, score: s.score, name: names.get(s.organisationId) ?? null })),
    await previousRanks(db, periodLabel, previousFrom),
  );
  return { scores, ranked, pages, inputs };
}

function scoreRow(s: OrganisationScore, r: ReturnType<typeof rankWithinPeerGroups>[number]): ScoreRow {
  return {
    organisation_id: s.organisationId,
    peer_group: s.peerGroup,
    score: s.score,
    grade: s.grade,
    grade_from_score: s.gradeFromScore,
    capped_by: s.cappedBy,
    rank: r.rank,
    position: r.position,
    ranked: r.ranked,
    previous_rank: r.previousRank,
    movement: r.movement,
    measured_weight: s.measuredWeight,
    detail: JSON.stringify({ gates: s.gates, criteria: s.criteria }),
  };
}

/** The scores.compute job: one stored run for the period (default: this month) under a methodology (default: the active one). */
export async function scorePeriod(db: Database, input: { periodLabel?: string; methodologyId?: number; timeZone: string; requestedBy?: number | null; now?: Date }) {
  const periodLabel = input.periodLabel ?? monthLabelOf(input.now ?? new Date(), input.timeZone);
  const row = input.methodologyId ? await getMethodology(db, input.methodologyId) : await ensureActiveMethodology(db);
  if (!row) return { status: "missing" as const };
  const methodology = parseMethodology(row.document);
  const period = monthPeriod(periodLabel, input.timeZone);
  const runId = await startRun(db, { methodology_id: row.id, period_label: periodLabel, period_start: period.start, period_end: period.end, requested_by: input.requestedBy ?? null });
  try {
    await feedResidentRatings(db, periodLabel);
    const { scores, ranked, pages } = await computeScores(db, periodLabel, methodology, row.id);
    const byId = new Map(scores.map((s) => [s.organisationId, s]));
    await saveScores(db, runId, ranked.map((r) => scoreRow(byId.get(r.organisationId)!, r)));
    await finishRun(db, runId, { status: "done", organisations: scores.length, pages });
    return { status: "done" as const, runId, periodLabel, organisations: scores.length, pages };
  } catch (error) {
    await deleteRunScores(db, runId);
    await finishRun(db, runId, { status: "failed", error: (error as Error).message });
    throw error;
  }
}

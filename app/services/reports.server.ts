/**
 * Ranked compliance reports from stored scoring runs: the ranking with filters, one organisation's
 * breakdown (criteria, what to fix, evidence, history, pages, unanswered comments), the public
 * ranking (no evidence), and the summaries behind the charts and the heat map.
 */
import type { Database } from "../../db/client";
import { getMethodology } from "../../db/queries/methodologies";
import { listUnanswered } from "../../db/queries/page-metrics";
import {
  gradeCounts,
  organisationHistory,
  organisationPagesWithMetrics,
  organisationScore,
  organisationSummary,
  peerGroupsOfRun,
  rankingRows,
  scoreHistory,
  subordinateIds,
  territoryScores,
  type RankingFilters,
  type RankingSort,
} from "../../db/queries/rankings";
import { latestRun, organisationRating, scoredPeriods } from "../../db/queries/scores";
import type { PageMetrics } from "../domain/compliance/metrics";
import { explainOrganisation, gradeFor, type OrganisationInput, type OrganisationScore } from "../domain/scoring";
import { ensureActiveMethodology, methodologyBands, parseMethodology } from "./scores.server";

/** The period asked for if it has scores, else the newest scored one (null: nothing scored yet). */
async function chosenRun(db: Database, period: string | null, methodologyId?: number) {
  const periods = await scoredPeriods(db);
  const label = period && periods.includes(period) ? period : (periods[0] ?? null);
  if (!label) return { periods, run: null };
  const active = await ensureActiveMethodology(db);
  const run = (await latestRun(db, label, methodologyId ?? active.id)) ?? (await latestRun(db, label));
  return { periods, run: run ?? null };
}

/** The ranking (a page of it when `page` is given: a region may rank 20,000 organisations). */
export async function rankingReport(db: Database, input: { period: string | null; filters: RankingFilters; sort: RankingSort; methodologyId?: number; page?: { limit: number; offset: number } }) {
  const { periods, run } = await chosenRun(db, input.period, input.methodologyId);
  if (!run) return { periods, run: null, methodology: null, rows: [], grades: { green: 0, yellow: 0, red: 0, none: 0 }, territories: [], peerGroups: [], history: [] };
  const [rows, grades, territories, peerGroups, history, methodology] = await Promise.all([
    rankingRows(db, run.id, input.filters, input.sort, input.page?.limit, input.page?.offset),
    gradeCounts(db, run.id, input.filters),
    territoryScores(db, run.id),
    peerGroupsOfRun(db, run.id),
    scoreHistory(db),
    getMethodology(db, run.methodology_id),
  ]);
  // the territory map is coloured by the run's own methodology's bands
  const bands = methodologyBands(methodology?.document);
  return {
    periods,
    run,
    methodology: methodology ? { id: methodology.id, code: methodology.code, version: methodology.version, title: methodology.title } : null,
    rows,
    grades,
    territories: territories.map((x) => ({ ...x, grade: x.mean_score === null ? null : gradeFor(x.mean_score, bands) })),
    peerGroups,
    history,
  };
}

/** The public ranking: scores, grades and ranks per peer group, nothing else. */
export async function publicRanking(db: Database, input: { period: string | null; peerGroup?: string; page: { limit: number; offset: number } }) {
  const { periods, run } = await chosenRun(db, input.period);
  if (!run) return { periods, period: null, peerGroups: [], rows: [], total: 0 };
  const [rows, peerGroups] = await Promise.all([rankingRows(db, run.id, { peerGroup: input.peerGroup }, "rank", input.page.limit, input.page.offset), peerGroupsOfRun(db, run.id)]);
  return {
    periods,
    period: run.period_label,
    peerGroups,
    total: peerGroups.filter((g) => !input.peerGroup || g.peer_group === input.peerGroup).reduce((n, g) => n + g.n, 0),
    rows: rows.map((r) => ({ code: r.code, name_ru: r.name_ru, name_en: r.name_en, peer_group: r.peer_group, score: r.score, grade: r.grade, rank: r.rank, ranked: r.ranked, previous_rank: r.previous_rank, movement: r.movement })),
  };
}

/**
 * One organisation's breakdown for a period: stored score and rank, the explanation (criteria,
 * points, what to fix with evidence) recomputed from its stored page metrics, its pages, history
 * and the resident comments still waiting for an answer.
 */
export async function organisationReport(db: Database, organisationId: number, period: string | null) {
  const organisation = await organisationSummary(db, organisationId);
  if (!organisation) return null;
  const { periods, run } = await chosenRun(db, period);
  const pages = await organisationPagesWithMetrics(db, organisationId, run?.period_label ?? "");
  const unanswered = await listUnanswered(db, pages.map((p) => p.id), 100);
  const history = await organisationHistory(db, organisationId);
  const subordinates = (await subordinateIds(db, organisationId)).filter((id) => id !== organisationId);
  const base = { organisation, periods, run, pages: pages.map(({ metrics: _m, ...p }) => ({ ...p, audited: _m !== null })), unanswered, history, subordinates };
  if (!run) return { ...base, score: null, explanation: null };
  const stored = await organisationScore(db, run.id, organisationId);
  const methodologyRow = await getMethodology(db, run.methodology_id);
  if (!stored || !methodologyRow) return { ...base, score: null, explanation: null };
  const methodology = parseMethodology(methodologyRow.document);
  const rating = await organisationRating(db, run.period_label, organisationId);
  const input: OrganisationInput = {
    organisationId,
    name: organisation.name_ru,
    kind: organisation.kind,
    peerGroup: organisation.peer_group,
    pages: pages.map((p) => ({
      pageId: p.id,
      platform: p.platform as OrganisationInput["pages"][number]["platform"],
      active: p.active,
      metrics: p.metrics ? ({ ...(p.metrics as PageMetrics), unanswered: { ...(p.metrics as PageMetrics).unanswered, items: [] } } as PageMetrics) : null,
    })),
    rating: rating ? { mean: rating.mean, moe95: rating.moe95, nEff: rating.n_eff, n: rating.n, surveyId: rating.survey_id } : null,
  };
  const detail = stored.detail as Pick<OrganisationScore, "gates" | "criteria">;
  const score: OrganisationScore = {
    organisationId,
    name: organisation.name_ru,
    kind: organisation.kind,
    peerGroup: stored.peer_group,
    gates: detail.gates,
    criteria: detail.criteria,
    score: stored.score,
    measuredWeight: stored.measured_weight,
    gradeFromScore: stored.grade_from_score as OrganisationScore["gradeFromScore"],
    grade: stored.grade,
    cappedBy: stored.capped_by,
  };
  return {
    ...base,
    score: { ...stored, detail: undefined, methodology: { id: methodologyRow.id, code: methodologyRow.code, version: methodologyRow.version, title: methodologyRow.title }, rating: rating ?? null },
    explanation: explainOrganisation(score, input, methodology),
  };
}

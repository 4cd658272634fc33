/**
 * Survey results: per-question estimates and crosstabs from SQL aggregates (db/queries/results)
 * through the pure statistics modules, and the survey's weights (targets uploaded as CSV, raked by
 * the results.weights job; a failed computation keeps the last good weights).
 */
import { z } from "zod";
import type { Database } from "../../db/client";
import {
  answersForWeighting,
  cellAggregates,
  getWeighting,
  markWeightingFailed,
  matrixRowAggregates,
  multiAggregates,
  scalarAggregatesMany,
  rankingAggregates,
  regionMargins,
  regionPopulation,
  territoryPopulations,
  responsesOverTime,
  textAnswers,
  hasStoredWeights,
  lockWeighting,
  markWeightingDone,
  replaceTailWeights,
  responsesSince,
  saveWeightingTargets,
  scalarAggregates,
  type AggregateRow,
  type ResultScope,
} from "../../db/queries/results";
import { columnValues, setBlockWeights } from "../../db/queries/result-blocks";
import { surveyVersionFor } from "../../db/queries/surveys";
import { crosstabFromCells, type CrosstabResult } from "../domain/statistics/crosstab";
import { meanFromAggregates, sharesFromAggregates, type MeanEstimate, type ShareEstimates } from "../domain/statistics/estimates";
import { parseTargetsCsv } from "../domain/statistics/targets";
import { rake } from "../domain/statistics/weighting";
import { listQuestions, type QuestionInfo } from "../domain/survey";
import type { AppContext } from "./context.server";
import { refreshResultBlocks, SCALAR_TYPES } from "./result-blocks.server";

// the same single-answer types as the column blocks hold
const SCALAR = SCALAR_TYPES;
const MULTI = new Set(["checkbox", "tagbox"]);
const TEXT = new Set(["text", "comment"]);

export type QuestionResult =
  | { name: string; key: string; title: string; type: string; kind: "choice" | "multiple"; estimates: ShareEstimates; labels: Record<string, string>; mean?: MeanEstimate | null }
  | { name: string; key: string; title: string; type: string; kind: "ranking"; n: number; ranks: Array<{ category: string; label: string; meanRank: number; n: number }> }
  | { name: string; key: string; title: string; type: string; kind: "text"; answered: number }
  | { name: string; key: string; title: string; type: string; kind: "matrix"; rows: Array<{ row: string; label: string; estimates: ShareEstimates }>; labels: Record<string, string> }
  | { name: string; key: string; title: string; type: string; kind: "other" };

const str = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
const labelsOf = (items: QuestionInfo["choices"]) => Object.fromEntries((items ?? []).map((c) => [str(c.value), c.text]));

/** Query-string form of the scope, as the results page and the API accept it. */
const blankIsAbsent = (v: unknown) => (v === "" ? undefined : v);

export const resultsQuerySchema = z.object({
  // a form's "all versions" choice sends version= (empty)
  version: z.preprocess(blankIsAbsent, z.coerce.number().int().positive().max(2_147_483_647).optional()),
  weighted: z.enum(["0", "1", "true", "false"]).optional().transform((v) => v === "1" || v === "true"),
  exclude_flagged: z.enum(["0", "1", "true", "false"]).optional().transform((v) => v === "1" || v === "true"),
});

/** filter.<question>=<value> pairs (repeatable) → filters on single-answer questions. */
export function filtersFromUrl(url: URL): Array<{ key: string; values: string[] }> {
  const by = new Map<string, string[]>();
  for (const [name, value] of url.searchParams) {
    if (!name.startsWith("filter.") || value === "") continue;
    const key = name.slice("filter.".length);
    by.set(key, [...(by.get(key) ?? []), value]);
  }
  return [...by].map(([key, values]) => ({ key, values }));
}

async function surveyQuestions(db: Database, surveyId: number, versionId?: number) {
  const found = await surveyVersionFor(db, surveyId, versionId);
  return found ? { ...found, questions: listQuestions(found.version.definition as Record<string, unknown>) } : null;
}

function categoricalKeys(questions: QuestionInfo[]): Map<string, string[]> {
  return new Map(questions.filter((q) => SCALAR.has(q.type) && q.choices).map((q) => [q.valueName, q.choices!.map((c) => str(c.value))]));
}

export type ResultsOutcome<T> = { ok: true; value: T } | { ok: false; status: number; errors: string[] };

export async function surveyResults(
  ctx: Pick<AppContext, "db">,
  surveyId: number,
  input: { versionId?: number; weighted: boolean; excludeFlagged: boolean; filters: Array<{ key: string; values: string[] }>; question?: string },
): Promise<ResultsOutcome<{ surveyId: number; versionId: number; weighted: boolean; unweightedResponses: number; questions: QuestionResult[] }>> {
  const found = await surveyQuestions(ctx.db, surveyId, input.versionId);
  if (!found) return { ok: false, status: 404, errors: ["survey or version not found"] };
  const categorical = categoricalKeys(found.questions);
  const badFilter = input.filters.find((f) => !categorical.has(f.key));
  if (badFilter) return { ok: false, status: 400, errors: [`filter.${badFilter.key}: not a single-answer question of this survey`] };
  let unweightedResponses = 0;
  if (input.weighted) {
    const weighting = await getWeighting(ctx.db, surveyId);
    const stored = weighting?.computed_at && weighting.report ? await hasStoredWeights(ctx.db, surveyId) : false;
    if (!weighting || !stored) return { ok: false, status: 409, errors: ["this survey has no weights yet: upload population totals first"] };
    // the last good computation's report says which answers it weighted
    const good = weighting.status === "ok" ? (weighting.report as { maxResponseId?: number; notWeighted?: number }) : null;
    if (good) unweightedResponses = (good.notWeighted ?? 0) + (await responsesSince(ctx.db, surveyId, good.maxResponseId ?? 0));
  }
  const scope: ResultScope = { surveyId, versionId: input.versionId ?? null, filters: input.filters, excludeFlagged: input.excludeFlagged, weighted: input.weighted };
  const chosen = input.question ? found.questions.filter((q) => q.valueName === input.question || q.name === input.question) : found.questions;
  if (input.question && chosen.length === 0) return { ok: false, status: 404, errors: [`no question "${input.question}" in this survey`] };
  const questions: QuestionResult[] = [];
  // the single-answer questions of a whole page in one pass over the answers
  const scalarKeys = chosen.filter((q) => SCALAR.has(q.type)).map((q) => q.valueName);
  const scalarRows = scalarKeys.length > 1 ? await scalarAggregatesMany(ctx.db, scope, scalarKeys) : null;
  for (const q of chosen) {
    const head = { name: q.name, key: q.valueName, title: q.title, type: q.type };
    const order = (q.choices ?? []).map((c) => str(c.value));
    if (SCALAR.has(q.type)) {
      const rows = scalarRows ? scalarRows.filter((r) => r.key === q.valueName) : await scalarAggregates(ctx.db, scope, q.valueName);
      const aggregates = toAggregates(rows);
      // a rating is also summarised by its mean
      const mean = q.type === "rating" ? meanFromAggregates(aggregates, input.weighted) : undefined;
      questions.push({ ...head, kind: "choice", estimates: sharesFromAggregates(aggregates, order, input.weighted), labels: labelsOf(q.choices), ...(mean !== undefined ? { mean } : {}) });
    } else if (MULTI.has(q.type)) {
      const rows = await multiAggregates(ctx.db, scope, q.valueName);
      const base = rows.find((r) => r.category === null) ?? { count: 0, sum_w: 0, sum_w2: 0 };
      const estimates = sharesFromAggregates(toAggregates(rows.filter((r) => r.category !== null)), order, input.weighted, { n: base.count, sumW: base.sum_w, sumW2: base.sum_w2 });
      questions.push({ ...head, kind: "multiple", estimates, labels: labelsOf(q.choices) });
    } else if (q.type === "matrix" && q.rows && q.columns) {
      const cols = q.columns.map((c) => str(c.value));
      const matrixRows = [];
      for (const row of q.rows) {
        const rows = await matrixRowAggregates(ctx.db, scope, q.valueName, str(row.value));
        matrixRows.push({ row: str(row.value), label: row.text, estimates: sharesFromAggregates(toAggregates(rows), cols, input.weighted) });
      }
      questions.push({ ...head, kind: "matrix", rows: matrixRows, labels: labelsOf(q.columns) });
    } else if (q.type === "ranking") {
      const rows = await rankingAggregates(ctx.db, scope, q.valueName);
      const labels = labelsOf(q.choices);
      const ranks = rows
        .map((r) => ({ category: r.category ?? "", label: labels[r.category ?? ""] ?? r.category ?? "", meanRank: r.sum_w_rank / (input.weighted ? r.sum_w : r.count), n: r.count }))
        .sort((a, b) => a.meanRank - b.meanRank);
      questions.push({ ...head, kind: "ranking", n: Math.max(0, ...rows.map((r) => r.count)), ranks });
    } else if (TEXT.has(q.type)) {
      const rows = await scalarAggregates(ctx.db, { ...scope, weighted: false }, q.valueName);
      questions.push({ ...head, kind: "text", answered: rows.filter((r) => r.category !== "").reduce((s, r) => s + r.count, 0) });
    } else questions.push({ ...head, kind: "other" });
  }
  return {
    ok: true,
    value: { surveyId, versionId: found.version.id, weighted: input.weighted, unweightedResponses, questions },
  };
}

const toAggregates = (rows: AggregateRow[]) => rows.map((r) => ({ category: r.category ?? "", count: r.count, sumW: r.sum_w, sumW2: r.sum_w2 }));


export async function surveyCrosstab(
  ctx: Pick<AppContext, "db">,
  surveyId: number,
  input: { row: string; col: string; versionId?: number; weighted: boolean; excludeFlagged: boolean; filters: Array<{ key: string; values: string[] }> },
): Promise<ResultsOutcome<CrosstabResult & { rowLabels: Record<string, string>; colLabels: Record<string, string> }>> {
  const found = await surveyQuestions(ctx.db, surveyId, input.versionId);
  if (!found) return { ok: false, status: 404, errors: ["survey or version not found"] };
  const categorical = categoricalKeys(found.questions);
  const errors = [input.row, input.col].filter((k) => !categorical.has(k)).map((k) => `"${k}" is not a single-answer question of this survey`);
  if (input.row === input.col) errors.push("choose two different questions");
  if (errors.length > 0) return { ok: false, status: 400, errors };
  const scope: ResultScope = { surveyId, versionId: input.versionId ?? null, filters: input.filters, excludeFlagged: input.excludeFlagged, weighted: input.weighted };
  const cells = await cellAggregates(ctx.db, scope, input.row, input.col);
  const table = crosstabFromCells(
    cells.map((c) => ({ row: c.row, col: c.col, count: c.count, sumW: c.sum_w, sumW2: c.sum_w2 })),
    categorical.get(input.row)!,
    categorical.get(input.col)!,
    input.weighted,
  );
  const question = (key: string) => found.questions.find((q) => q.valueName === key);
  return { ok: true, value: { ...table, rowLabels: labelsOf(question(input.row)?.choices), colLabels: labelsOf(question(input.col)?.choices) } };
}

/** Validates uploaded totals against the survey's questions, saves them and asks for new weights. */
export async function setWeightingTargets(
  ctx: Pick<AppContext, "db" | "jobs">,
  surveyId: number,
  input: { csv: string; trimMax: number | null },
): Promise<ResultsOutcome<{ dimensions: number }>> {
  const found = await surveyQuestions(ctx.db, surveyId);
  if (!found) return { ok: false, status: 404, errors: ["survey not found"] };
  if (input.trimMax !== null && !(input.trimMax > 1)) return { ok: false, status: 400, errors: ["the weight cap must be a number above 1 (times the mean weight)"] };
  const parsed = parseTargetsCsv(input.csv, categoricalKeys(found.questions));
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors };
  await saveWeightingTargets(ctx.db, surveyId, parsed.dimensions, input.trimMax);
  await ctx.jobs.enqueue("results.weights", { surveyId });
  return { ok: true, value: { dimensions: parsed.dimensions.length } };
}

/**
 * The results.weights job: rakes every response that answered all weighting questions. Those
 * that did not are left unweighted (counted in the report). Refused targets or a computation
 * that does not converge are recorded as the failure, and the last good weights stay.
 *
 * Answers are read from the column blocks (built first, so only the newest answers are read from
 * JSON) and weights are written back per block, one array each, and per response for the tail,
 * all in one transaction that keeps blocks from being built meanwhile.
 */
export async function computeSurveyWeights(db: Database, surveyId: number, options: { blockSize?: number } = {}) {
  const weighting = await getWeighting(db, surveyId);
  if (!weighting) return { status: "no-targets" as const };
  await refreshResultBlocks(db, surveyId, options);
  const dims = weighting.dimensions;
  return db.transaction().execute(async (trx) => {
    await lockWeighting(trx, surveyId);
    const keys = dims.map((d) => d.question);
    const { blocks, watermark } = await columnValues(trx, surveyId, keys.map((key) => ({ kind: "scalar", key })));
    const tail = await answersForWeighting(trx, surveyId, keys, watermark);
    const ids = [...blocks.flatMap((b) => b.ids), ...tail.ids];
    const values = keys.map((_, d) => [...blocks.flatMap((b) => b.values[d]!), ...tail.values[d]!]);
    const complete = ids.map((_, i) => values.every((col) => col[i] !== null));
    const keep = (arr: readonly (string | null)[]) => arr.filter((_, i) => complete[i]);
    const kept = complete.reduce((n, c) => n + (c ? 1 : 0), 0);
    const result = rake(values.map(keep), dims.map((d) => ({ name: d.question, targets: d.targets })), {
      trim: weighting.trim_max ? { max: weighting.trim_max } : undefined,
    });
    if (!result.ok) {
      await markWeightingFailed(trx, surveyId, result.errors.join("\n"), null);
      return { status: "failed" as const, errors: result.errors };
    }
    const r = result.report;
    const sum = r.weights.reduce((s, w) => s + w, 0);
    const sum2 = r.weights.reduce((s, w) => s + w * w, 0);
    const report = {
      // the refresh job recomputes once answers arrive after this one
      maxResponseId: ids.reduce((m, id) => Math.max(m, id), 0),
      converged: r.converged,
      rounds: r.rounds,
      maxGap: r.maxGap,
      collapsed: r.collapsed,
      trimmed: r.trimmed,
      weighted: kept,
      notWeighted: ids.length - kept,
      nEff: (sum * sum) / sum2,
      deff: (kept * sum2) / (sum * sum),
      // a loop, not Math.min(...weights): a million arguments overflow the stack
      minWeight: r.weights.reduce((m, w) => Math.min(m, w), Infinity),
      maxWeight: r.weights.reduce((m, w) => Math.max(m, w), 0),
    };
    if (!r.converged && !weighting.trim_max) {
      await markWeightingFailed(trx, surveyId, `raking did not converge in ${r.rounds} rounds (largest gap ${r.maxGap.toExponential(2)})`, report);
      return { status: "failed" as const, errors: ["did not converge"] };
    }
    // the weights in response order: null where a response was left out
    let next = 0;
    const all = complete.map((c) => (c ? r.weights[next++]! : null));
    let at = 0;
    for (const b of blocks) {
      await setBlockWeights(trx, surveyId, b.block, all.slice(at, at + b.ids.length));
      at += b.ids.length;
    }
    const tailIds: number[] = [];
    const tailWeights: number[] = [];
    for (let i = at; i < ids.length; i++) {
      if (all[i] === null) continue;
      tailIds.push(ids[i]!);
      tailWeights.push(all[i]!);
    }
    await replaceTailWeights(trx, surveyId, tailIds, tailWeights);
    await markWeightingDone(trx, surveyId, report);
    return { status: "ok" as const, report };
  });
}

/** The survey's weighting targets and the last computation's outcome, for the results page. */
export async function weightingState(ctx: Pick<AppContext, "db">, surveyId: number) {
  return (await getWeighting(ctx.db, surveyId)) ?? null;
}

/** Free-text answers of one question, searchable, newest first (50 a page). */
export async function surveyTextAnswers(
  ctx: Pick<AppContext, "db">,
  surveyId: number,
  input: { question: string; search?: string; beforeId?: number; versionId?: number; excludeFlagged: boolean; filters: Array<{ key: string; values: string[] }> },
): Promise<ResultsOutcome<{ answers: Array<{ id: number; text: string }>; nextBefore: number | null }>> {
  const found = await surveyQuestions(ctx.db, surveyId, input.versionId);
  if (!found) return { ok: false, status: 404, errors: ["survey or version not found"] };
  const q = found.questions.find((x) => x.valueName === input.question && TEXT.has(x.type));
  if (!q) return { ok: false, status: 400, errors: [`"${input.question}" is not a text question of this survey`] };
  const limit = 50;
  const rows = await textAnswers(ctx.db, { surveyId, versionId: input.versionId ?? null, filters: input.filters, excludeFlagged: input.excludeFlagged, weighted: false }, q.valueName, {
    search: input.search?.slice(0, 200),
    beforeId: input.beforeId,
    limit: limit + 1,
  });
  return { ok: true, value: { answers: rows.slice(0, limit), nextBefore: rows.length > limit ? rows[limit - 1]!.id : null } };
}

/** Responses per day in the region's time zone, and how many residents left a survey unfinished. */
export async function surveyTimeline(ctx: Pick<AppContext, "db" | "env">, surveyId: number) {
  return responsesOverTime(ctx.db, surveyId, ctx.env.REGION_TIMEZONE);
}

/**
 * The default targets: the demographic block against the registry — the territory question (its
 * answers are territory codes) by the territories' populations, and sex and age band by the
 * region's population margins as shares of that same total. Dimensions the registry cannot
 * cover are left out and named; the result goes through the same checks as an upload.
 */
export async function applyRegistryTargets(ctx: Pick<AppContext, "db" | "jobs">, surveyId: number): Promise<ResultsOutcome<{ dimensions: number; skipped: string[] }>> {
  const found = await surveyQuestions(ctx.db, surveyId);
  if (!found) return { ok: false, status: 404, errors: ["survey not found"] };
  const categorical = categoricalKeys(found.questions);
  const lines = ["dimension,category,population"];
  const skipped: string[] = [];
  const territoryChoices = categorical.get("territory") ?? [];
  const populations = await territoryPopulations(ctx.db, territoryChoices);
  const known = populations.filter((t) => (t.population ?? 0) > 0);
  const region = await regionPopulation(ctx.db);
  const complete = territoryChoices.length > 0 && known.length === territoryChoices.length;
  // every dimension describes the same population: the territories' sum, else the region's
  const total = complete ? known.reduce((s, t) => s + t.population!, 0) : region;
  if (complete) for (const t of known) lines.push(`territory,${t.code},${t.population}`);
  else if (territoryChoices.length > 0) {
    const missing = territoryChoices.filter((c) => !known.some((t) => t.code === c));
    skipped.push(`territory (no population in the registry for ${missing.length} of ${territoryChoices.length}: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? "…" : ""})`);
  }
  if (!total) return { ok: false, status: 400, errors: ["the registry has no population for the region"] };
  const margins = await regionMargins(ctx.db);
  for (const dimension of ["sex", "age_band"] as const) {
    const choices = categorical.get(dimension);
    const rows = margins.filter((m) => m.dimension === dimension);
    const sum = rows.reduce((s, m) => s + m.population, 0);
    if (!choices || rows.length === 0 || sum === 0 || !choices.every((c) => rows.some((m) => m.category === c))) {
      skipped.push(dimension);
      continue;
    }
    // shares of the region's margins, on the territories' total so every dimension agrees
    for (const c of choices) lines.push(`${dimension},${c},${(rows.find((m) => m.category === c)!.population / sum) * total}`);
  }
  if (lines.length === 1) return { ok: false, status: 400, errors: ["the registry covers none of this survey's questions: upload totals instead", ...skipped] };
  const saved = await setWeightingTargets(ctx, surveyId, { csv: lines.join("\n"), trimMax: null });
  return saved.ok ? { ok: true, value: { dimensions: saved.value.dimensions, skipped } } : saved;
}

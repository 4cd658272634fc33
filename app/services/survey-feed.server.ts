/**
 * M11, residents' ratings: every published or closed survey's organisation-rating matrix
 * (`rpKind: "organisation-rating"`, rows = registry organisation codes, columns a 1–5 scale)
 * gives each rated organisation a mean rating with its 95% margin and Kish effective n, weighted
 * when the survey has weights (the results issue's raking), else unweighted. The methodology uses
 * it only when the effective n reaches its minimum; where several surveys rate one organisation
 * the one with the largest effective n is kept.
 */
import { sql } from "kysely";
import type { Database } from "../../db/client";
import { hasStoredWeights, matrixRowAggregates } from "../../db/queries/results";
import { replaceRatings } from "../../db/queries/scores";
import { meanFromAggregates } from "../domain/statistics/estimates";
import { ORGANISATION_RATING } from "../domain/survey-properties";
import { listQuestions } from "../domain/survey";
import { surveyVersionFor } from "../../db/queries/surveys";

export interface FedRating {
  organisation_id: number;
  survey_id: number;
  question: string;
  mean: number;
  moe95: number;
  n: number;
  n_eff: number;
  weighted: boolean;
}

async function ratedSurveys(db: Database) {
  const { rows } = await sql<{ id: number }>`select id from surveys where status in ('published', 'closed') and published_version_id is not null order by id`.execute(db);
  return rows.map((r) => r.id);
}

export async function feedResidentRatings(db: Database, periodLabel: string): Promise<FedRating[]> {
  const codes = new Map((await db.selectFrom("organisations").select(["id", "code"]).execute()).map((o) => [o.code, o.id]));
  const best = new Map<number, FedRating>();
  for (const surveyId of await ratedSurveys(db)) {
    const found = await surveyVersionFor(db, surveyId);
    if (!found) continue;
    const definition = found.version.definition as Record<string, unknown>;
    const matrices = listQuestions(definition).filter((q) => q.type === "matrix" && q.rows && rpKindOf(definition, q.name) === ORGANISATION_RATING);
    if (matrices.length === 0) continue;
    const weighted = await hasStoredWeights(db, surveyId);
    for (const q of matrices) {
      for (const row of q.rows!) {
        const organisationId = codes.get(String(row.value));
        if (organisationId === undefined) continue;
        const aggregates = await matrixRowAggregates(db, { surveyId, weighted }, q.valueName, String(row.value));
        const mean = meanFromAggregates(
          aggregates.map((a) => ({ category: a.category ?? "", count: a.count, sumW: a.sum_w, sumW2: a.sum_w2 })),
          weighted,
        );
        if (!mean || !Number.isFinite(mean.mean)) continue;
        const fed: FedRating = { organisation_id: organisationId, survey_id: surveyId, question: q.valueName, mean: mean.mean, moe95: mean.moe95, n: mean.n, n_eff: mean.nEff, weighted };
        const kept = best.get(organisationId);
        if (!kept || fed.n_eff > kept.n_eff) best.set(organisationId, fed);
      }
    }
  }
  const rows = [...best.values()];
  await replaceRatings(db, periodLabel, rows);
  return rows;
}

/** The element's rpKind, found by name anywhere in the definition (listQuestions keeps only SurveyJS fields). */
function rpKindOf(definition: Record<string, unknown>, name: string): unknown {
  const stack: unknown[] = [definition];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.name === name && "rpKind" in o) return o.rpKind;
      for (const v of Object.values(o)) if (v && typeof v === "object") stack.push(v);
    }
  }
  return undefined;
}

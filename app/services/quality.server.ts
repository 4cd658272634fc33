/**
 * Data-quality flags per response (speeders, straight-liners, failed attention checks, repeated
 * devices): computed by the results.quality job with the pure rules of domain/survey/quality,
 * stored with their reasons, never used to drop an answer — results can exclude them on request.
 * The results.refresh job, every five minutes, asks for new flags and new weights where answers
 * arrived since the last pass.
 */
import type { Database } from "../../db/client";
import { qualityInputs, qualityRun, replaceFlags, responsesWithFlags, surveysToRefresh } from "../../db/queries/quality";
import { refreshBlockFlags } from "../../db/queries/result-blocks";
import { surveyVersionFor } from "../../db/queries/surveys";
import type { QualityReason } from "../../db/schema";
import { listQuestions } from "../domain/survey";
import { attentionChecks, qualityFlags } from "../domain/survey/quality";
import type { JobRunner } from "../../jobs/types";
import type { AppContext } from "./context.server";

export async function computeQualityFlags(db: Database, surveyId: number) {
  const target = await surveyVersionFor(db, surveyId);
  if (!target) return { status: "missing" as const };
  const definition = target.version.definition as Record<string, unknown>;
  const questions = listQuestions(definition);
  const checks = attentionChecks(questions, definition);
  // only the answers the rules judge travel: matrices and attention checks
  const keys = [...new Set([...questions.filter((q) => q.type === "matrix").map((q) => q.valueName), ...checks.map((c) => c.valueName)])];
  const inputs = await qualityInputs(db, surveyId, keys);
  const found = qualityFlags(inputs, questions, checks);
  const flags: Array<{ responseId: number; reason: QualityReason; question: string; detail: string }> = [];
  const counts: Record<string, number> = { responses: inputs.length, flagged: found.size };
  for (const [responseId, list] of found) {
    for (const f of list) {
      flags.push({ responseId, reason: f.reason, question: f.question ?? "", detail: f.detail });
      counts[f.reason] = (counts[f.reason] ?? 0) + 1;
    }
  }
  const maxId = inputs.reduce((m, r) => Math.max(m, r.id), 0);
  await replaceFlags(db, surveyId, flags, maxId, counts);
  // flags can change on old answers too (a device seen again): every block takes them anew
  await refreshBlockFlags(db, surveyId);
  return { status: "ok" as const, counts };
}

/** The results.refresh job: flags, column blocks and weights for surveys with answers since their last pass. */
export async function refreshResults(db: Database, jobs: JobRunner, slot: string, blockSize: number) {
  const due = await surveysToRefresh(db, blockSize);
  const key = slot.replace(/[^0-9]/g, "");
  for (const s of due) {
    if (s.quality) await jobs.enqueue("results.quality", { surveyId: s.survey_id }, { jobId: `results-quality-${s.survey_id}-${key}` });
    if (s.blocks) await jobs.enqueue("results.blocks", { surveyId: s.survey_id }, { jobId: `results-blocks-${s.survey_id}-${key}` });
    if (s.weights) await jobs.enqueue("results.weights", { surveyId: s.survey_id }, { jobId: `results-weights-${s.survey_id}-${key}` });
  }
  return { surveys: due.length };
}

export async function responsesTable(ctx: Pick<AppContext, "db">, surveyId: number, input: { beforeId?: number; flaggedOnly: boolean }) {
  const limit = 50;
  const rows = await responsesWithFlags(ctx.db, surveyId, { ...input, limit: limit + 1 });
  return { rows: rows.slice(0, limit), nextBefore: rows.length > limit ? rows[limit - 1]!.id : null, run: (await qualityRun(ctx.db, surveyId)) ?? null };
}

export async function requestQualityPass(ctx: Pick<AppContext, "jobs">, surveyId: number) {
  await ctx.jobs.enqueue("results.quality", { surveyId }, { jobId: `results-quality-${surveyId}-${Date.now()}` });
}

import { computeSurveyWeights } from "../../app/services/results.server";
import type { Processor } from "../types";
import type { JobAppContext } from "./context";

/** Rakes a survey to its uploaded totals; a refusal is the survey's recorded state, not a job failure. */
export const resultsWeights: Processor<"results.weights", JobAppContext> = async ({ surveyId }, ctx) => computeSurveyWeights(ctx.db, surveyId, { blockSize: ctx.env.RESULT_BLOCK_SIZE });

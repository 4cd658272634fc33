import { computeQualityFlags, refreshResults } from "../../app/services/quality.server";
import { refreshResultBlocks } from "../../app/services/result-blocks.server";
import type { Processor } from "../types";
import type { JobAppContext } from "./context";

export const resultsQuality: Processor<"results.quality", JobAppContext> = async ({ surveyId }, ctx) => computeQualityFlags(ctx.db, surveyId);

export const resultsRefresh: Processor<"results.refresh", JobAppContext> = async ({ slot }, ctx) => refreshResults(ctx.db, ctx.jobs, slot, ctx.env.RESULT_BLOCK_SIZE);

/** Copies full blocks of a survey's answers into column arrays (results read those instead of JSON). */
export const resultsBlocks: Processor<"results.blocks", JobAppContext> = async ({ surveyId }, ctx) =>
  refreshResultBlocks(ctx.db, surveyId, { blockSize: ctx.env.RESULT_BLOCK_SIZE });

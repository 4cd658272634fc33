import { computeQualityFlags, refreshResults } from "../../app/services/quality.server";
import type { Processor } from "../types";
import type { JobAppContext } from "./context";

export const resultsQuality: Processor<"results.quality", JobAppContext> = async ({ surveyId }, ctx) => computeQualityFlags(ctx.db, surveyId);

export const resultsRefresh: Processor<"results.refresh", JobAppContext> = async ({ slot }, ctx) => refreshResults(ctx.db, ctx.jobs, slot);

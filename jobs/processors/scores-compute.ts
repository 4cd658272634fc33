import { scorePeriod } from "../../app/services/scores.server";
import { weeklyReport } from "../../app/services/weekly-report.server";
import type { Processor } from "../types";
import type { JobAppContext } from "./context";

/** A stored scoring run (the month's ranks under the active or a chosen methodology). */
export const scoresCompute: Processor<"scores.compute", JobAppContext> = async (payload, ctx) =>
  scorePeriod(ctx.db, { periodLabel: payload.month, methodologyId: payload.methodologyId, requestedBy: payload.requestedBy ?? null, timeZone: ctx.env.REGION_TIMEZONE, now: ctx.audit.now() });

/** The week's briefing PDF: archived, and mailed when SMTP is configured. */
export const reportsWeekly: Processor<"reports.weekly", JobAppContext> = async ({ week }, ctx) => weeklyReport(ctx, { week });

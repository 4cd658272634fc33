import { scheduledSweep } from "../../app/services/audits.server";
import type { Processor } from "../types";
import type { JobAppContext } from "./context";

/** The daily sweep: a run for the local date (created once) expanded into page jobs. */
export const auditSweep: Processor<"audit.sweep", JobAppContext> = async ({ date }, ctx) => scheduledSweep(ctx.db, ctx.jobs, date);

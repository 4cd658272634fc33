import { expandRun } from "../../app/services/audits.server";
import type { Processor } from "../types";
import type { JobAppContext } from "./context";

/** A run started by an analyst or the terminal: one audit.page job per pending page. */
export const auditRun: Processor<"audit.run", JobAppContext> = async ({ runId }, ctx) => ({ enqueued: await expandRun(ctx.db, ctx.jobs, runId) });

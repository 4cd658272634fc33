/**
 * The one processor map: a job name with no processor here fails start-up (assertProcessorsComplete),
 * and the compiler refuses a map that misses a name from jobs/queues.ts.
 */
import type { ProcessorMap } from "../types";
import type { JobAppContext } from "./context";
import { auditMetrics } from "./audit-metrics";
import { reportsWeekly, scoresCompute } from "./scores-compute";
import { auditPageJob } from "./audit-page";
import { auditRun } from "./audit-run";
import { auditSweep } from "./audit-sweep";
import { authPrune } from "./auth-prune";
import { registryImport } from "./registry-import";
import { responsesRetention } from "./responses-retention";
import { resultsExport } from "./results-export";
import { resultsBlocks, resultsQuality, resultsRefresh } from "./results-quality";
import { resultsWeights } from "./results-weights";
import { surveysCloseDue } from "./surveys-close-due";

export type { ProcessorMap } from "../types";
export type { JobAppContext } from "./context";

export const processors: ProcessorMap<JobAppContext> = {
  "audit.sweep": auditSweep,
  "audit.run": auditRun,
  "audit.page": auditPageJob,
  "audit.metrics": auditMetrics,
  "scores.compute": scoresCompute,
  "reports.weekly": reportsWeekly,
  "auth.prune": authPrune,
  "registry.import": registryImport,
  "responses.retention": responsesRetention,
  "results.export": resultsExport,
  "results.quality": resultsQuality,
  "results.blocks": resultsBlocks,
  "results.refresh": resultsRefresh,
  "results.weights": resultsWeights,
  "surveys.close-due": surveysCloseDue,
};

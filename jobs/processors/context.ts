import type { Database } from "../../db/client";
import type { AuditRuntime } from "../../app/services/audit-runtime.server";
import type { JobRunner } from "../types";

/** What every processor may use besides its payload. */
export interface JobAppContext {
  db: Database;
  /** the runner itself: a run enqueues one job per page */
  jobs: JobRunner;
  /** connectors, rate gate and salts for official-page audits */
  audit: AuditRuntime;
}

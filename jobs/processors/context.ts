import type { Database } from "../../db/client";
import type { AuditRuntime } from "../../app/services/audit-runtime.server";
import type { Env } from "../../app/utils/env.server";
import type { JobRunner } from "../types";

/** What every processor may use besides its payload. */
export interface JobAppContext {
  db: Database;
  /** settings (DATA_DIR for export files, time zone…) */
  env: Env;
  /** the runner itself: a run enqueues one job per page */
  jobs: JobRunner;
  /** connectors, rate gate and salts for official-page audits */
  audit: AuditRuntime;
}

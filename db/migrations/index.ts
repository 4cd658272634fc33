// Static provider: Kysely's FileMigrationProvider cannot load .ts files, and a bundle has no folder.
import type { Migration } from "kysely";
import * as m0001 from "./0001_foundation";
import * as m0002 from "./0002_surveys";
import * as m0003 from "./0003_audits";
import * as m0004 from "./0004_observation_keys";
import * as m0005 from "./0005_results";
import * as m0006 from "./0006_result_blocks";
import * as m0007 from "./0007_scores";
import * as m0008 from "./0008_focus_groups";
import * as m0009 from "./0009_job_outbox";

export const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_surveys": m0002,
  "0003_audits": m0003,
  "0004_observation_keys": m0004,
  "0005_results": m0005,
  "0006_result_blocks": m0006,
  "0007_scores": m0007,
  "0008_focus_groups": m0008,
  "0009_job_outbox": m0009,
};

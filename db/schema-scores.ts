/** Compliance-score tables (migration 0007); db/schema.ts's DB lists them. */
import type { Generated } from "kysely";
import type { CreatedAt, Json, UpdatedAt } from "./schema";

export interface MethodologiesTable {
  id: Generated<number>;
  code: string;
  version: number;
  title: string;
  status: Generated<"draft" | "published">;
  active: Generated<boolean>;
  document: Json<unknown>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  published_at: Date | null;
}

export interface ScoreRunsTable {
  id: Generated<number>;
  methodology_id: number;
  period_label: string;
  period_start: Date;
  period_end: Date;
  status: Generated<"running" | "done" | "failed">;
  organisations: Generated<number>;
  pages: Generated<number>;
  error: string | null;
  requested_by: number | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface OrganisationScoresTable {
  run_id: number;
  organisation_id: number;
  peer_group: string;
  score: number | null;
  grade: "green" | "yellow" | "red" | null;
  grade_from_score: string | null;
  capped_by: Generated<string[]>;
  rank: number | null;
  position: number;
  ranked: number;
  previous_rank: number | null;
  movement: "up" | "down" | "same" | "new" | "unranked";
  measured_weight: number;
  detail: Json<unknown>;
}

export interface OrganisationRatingsTable {
  organisation_id: number;
  period_label: string;
  survey_id: number;
  question: string;
  mean: number;
  moe95: number;
  n: number;
  n_eff: number;
  weighted: boolean;
  computed_at: Generated<Date>;
}

export interface ReportArchiveTable {
  id: Generated<number>;
  run_id: number | null;
  period_label: string;
  file: string;
  bytes: number;
  mailed_to: Generated<string[]>;
  mail_error: string | null;
  created_at: Generated<Date>;
}

/**
 * Table types for Kysely. Keep in step with db/migrations (the migrations are the truth;
 * this file is what the compiler checks queries against).
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type {
  MarginDimension,
  OrganisationKind,
  Platform,
  TerritoryKind,
} from "../app/domain/registry/vocabulary";
import type { Role } from "../app/domain/roles";
import type { FgCodesTable, FgCodingsTable, FgConsentsTable, FgGuidesTable, FgMemosTable, FgParticipantIdentitiesTable, FgParticipantsTable, FgSessionFilesTable, FgSessionParticipantsTable, FgSessionsTable, FgTranscriptsTable, FgTurnsTable } from "./schema-focus-groups";
import type { ActivityFilesTable, AlertsTable, AppSecretsTable, AuditRunPagesTable, AuditRunsTable, PageAuditStateTable, PageCommentsTable, PageMetricsTable, PagePostsTable, PageSnapshotsTable, PageStreamsTable, PageUnansweredTable, PlatformTokensTable } from "./schema-audits";
import type { MethodologiesTable, OrganisationRatingsTable, OrganisationScoresTable, ReportArchiveTable, ScoreRunsTable } from "./schema-scores";

// the audit tables' types live in their own file; importers keep reading them from here
export type * from "./schema-audits";

export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T> = ColumnType<T, string | T, string | T>;

export interface TerritoriesTable {
  id: Generated<number>;
  code: string;
  name_ru: string;
  name_en: string | null;
  kind: TerritoryKind;
  parent_id: number | null;
  oktmo: string | null;
  population: number | null;
  population_year: number | null;
  source: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PopulationMarginsTable {
  id: Generated<number>;
  territory_id: number;
  dimension: MarginDimension;
  category: string;
  population: number;
  reference_year: number | null;
  source: string | null;
  /** true for demo figures that are not official statistics: every view must say so */
  illustrative: Generated<boolean>;
}

export interface OrganisationsTable {
  id: Generated<number>;
  code: string;
  name_ru: string;
  name_en: string | null;
  kind: OrganisationKind;
  parent_id: number | null;
  territory_id: number | null;
  peer_group: string;
  /** false when the name was not confirmed against an official source */
  verified: Generated<boolean>;
  source: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OfficialPagesTable {
  id: Generated<number>;
  organisation_id: number;
  platform: Platform;
  /** numeric id or handle, lower-cased; unique per platform */
  platform_id: string;
  url: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  role: Role;
  organisation_id: number | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  last_login_at: Date | null;
}

export interface SessionsTable {
  /** sha-256 of the cookie token: a leaked table does not hand out live sessions */
  id: string;
  user_id: number;
  created_at: CreatedAt;
  expires_at: Date;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  /** HMAC of the lower-cased e-mail */
  subject_hash: string;
  /** HMAC of the client address; the raw address is never stored */
  client_hash: string;
  succeeded: boolean;
  at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details: Json<Record<string, unknown>>;
}

export type RegistryImportStatus = "queued" | "running" | "succeeded" | "rejected" | "failed";

export interface RegistryImportsTable {
  id: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  status: RegistryImportStatus;
  origin: "upload" | "cli" | "demo";
  /** the uploaded CSV texts by kind, so any worker process can run the import */
  files: Json<Partial<Record<"territories" | "organisations" | "pages", string>>>;
  report: Json<unknown> | null;
  finished_at: Date | null;
}

export type StudyKind = "quantitative" | "qualitative" | "mixed";
export type SurveyStatus = "draft" | "published" | "closed" | "archived";
export type DuplicatePolicy = "open" | "device" | "invitation";

export interface StudiesTable {
  id: Generated<number>;
  title: string;
  kind: StudyKind;
  commissioning_organisation_id: number | null;
  starts_on: ColumnType<string | null, string | null | undefined, string | null>;
  ends_on: ColumnType<string | null, string | null | undefined, string | null>;
  description: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SurveysTable {
  id: Generated<number>;
  study_id: number;
  slug: string;
  title: string;
  status: Generated<SurveyStatus>;
  published_version_id: number | null;
  opens_at: Date | null;
  closes_at: Date | null;
  duplicate_policy: Generated<DuplicatePolicy>;
  origin: Generated<"ui" | "code" | "api">;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SurveyVersionsTable {
  id: Generated<number>;
  survey_id: number;
  version: number;
  definition: Json<Record<string, unknown>>;
  definition_hash: string;
  published_at: Date | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface InvitationsTable {
  id: Generated<number>;
  survey_id: number;
  token_hash: string;
  created_at: CreatedAt;
  used_at: Date | null;
}

export interface ResponsesTable {
  id: Generated<number>;
  survey_id: number;
  version_id: number;
  submission_id: string;
  answers: Json<Record<string, unknown>>;
  raw: Json<unknown>;
  locale: string | null;
  started_at: Date | null;
  submitted_at: CreatedAt;
  duration_ms: number | null;
  device_key: string | null;
  invitation_id: number | null;
  client_hash: string | null;
  quota_cell_ids: number[] | null;
}

export interface SurveyWeightingsTable {
  survey_id: number;
  /** [{ question: valueName, targets: { category: population } }] */
  dimensions: Json<Array<{ question: string; targets: Record<string, number> }>>;
  trim_max: number | null;
  status: Generated<"pending" | "ok" | "failed">;
  report: Json<Record<string, unknown>> | null;
  error: string | null;
  updated_at: Generated<Date>;
  computed_at: Date | null;
}

export interface ResponseWeightsTable {
  response_id: number;
  survey_id: number;
  weight: number;
}

export interface ResultBlocksTable {
  survey_id: number;
  block: number;
  first_id: number;
  last_id: number;
  response_ids: number[];
  version_ids: number[];
  flagged: boolean[];
  weights: Array<number | null> | null;
  built_at: Generated<Date>;
}

export interface ResultBlockValuesTable {
  survey_id: number;
  block: number;
  col: string;
  vals: Array<string | null>;
}

export interface ResultBlockSetsTable {
  survey_id: number;
  columns: string[];
  updated_at: Generated<Date>;
}

export type QualityReason = "speeder" | "straight_liner" | "attention_failed" | "duplicate_device";

export interface ResponseFlagsTable {
  response_id: number;
  survey_id: number;
  reason: QualityReason;
  question: Generated<string>;
  detail: string;
}

export interface SurveyQualityRunsTable {
  survey_id: number;
  max_response_id: number;
  counts: Json<Record<string, number>>;
  computed_at: Generated<Date>;
}

export interface SurveyExportsTable {
  id: Generated<number>;
  survey_id: number;
  format: "csv" | "xlsx" | "spss";
  mode: "codes" | "labels";
  version_id: number | null;
  exclude_flagged: Generated<boolean>;
  status: Generated<"pending" | "running" | "done" | "failed">;
  rows_total: number | null;
  rows_done: Generated<number>;
  files: Generated<string[]>;
  bytes: number | null;
  error: string | null;
  requested_by: number | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface ResponseDraftsTable {
  survey_id: number;
  device_hash: string;
  version_id: number;
  answers: Json<Record<string, unknown>>;
  page_no: Generated<number>;
  started_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface QuotaCellsTable {
  id: Generated<number>;
  survey_id: number;
  label: string;
  conditions: Json<Record<string, string | number | boolean>>;
  target: number;
  filled: Generated<number>;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** jobs waiting for Redis to come back (0009_job_outbox) */
export interface JobOutboxTable {
  id: Generated<number>;
  name: string;
  payload: Json<unknown>;
  job_id: string | null;
  run_at: Generated<Date>;
  created_at: Generated<Date>;
}

export interface DB {
  job_outbox: JobOutboxTable;
  territories: TerritoriesTable;
  population_margins: PopulationMarginsTable;
  organisations: OrganisationsTable;
  official_pages: OfficialPagesTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  registry_imports: RegistryImportsTable;
  studies: StudiesTable;
  surveys: SurveysTable;
  survey_versions: SurveyVersionsTable;
  invitations: InvitationsTable;
  responses: ResponsesTable;
  response_drafts: ResponseDraftsTable;
  survey_weightings: SurveyWeightingsTable;
  response_weights: ResponseWeightsTable;
  response_flags: ResponseFlagsTable;
  result_blocks: ResultBlocksTable;
  methodologies: MethodologiesTable;
  fg_guides: FgGuidesTable;
  fg_sessions: FgSessionsTable;
  fg_session_files: FgSessionFilesTable;
  fg_participants: FgParticipantsTable;
  fg_participant_identities: FgParticipantIdentitiesTable;
  fg_consents: FgConsentsTable;
  fg_session_participants: FgSessionParticipantsTable;
  fg_transcripts: FgTranscriptsTable;
  fg_turns: FgTurnsTable;
  fg_codes: FgCodesTable;
  fg_codings: FgCodingsTable;
  fg_memos: FgMemosTable;
  score_runs: ScoreRunsTable;
  organisation_scores: OrganisationScoresTable;
  organisation_ratings: OrganisationRatingsTable;
  report_archive: ReportArchiveTable;
  result_block_values: ResultBlockValuesTable;
  result_block_sets: ResultBlockSetsTable;
  survey_exports: SurveyExportsTable;
  survey_quality_runs: SurveyQualityRunsTable;
  quota_cells: QuotaCellsTable;
  api_tokens: ApiTokensTable;
  audit_runs: AuditRunsTable;
  audit_run_pages: AuditRunPagesTable;
  page_audit_state: PageAuditStateTable;
  page_snapshots: PageSnapshotsTable;
  page_posts: PagePostsTable;
  page_comments: PageCommentsTable;
  page_streams: PageStreamsTable;
  page_metrics: PageMetricsTable;
  page_unanswered: PageUnansweredTable;
  activity_files: ActivityFilesTable;
  platform_tokens: PlatformTokensTable;
  alerts: AlertsTable;
  app_secrets: AppSecretsTable;
}

export type Territory = Selectable<TerritoriesTable>;
export type NewTerritory = Insertable<TerritoriesTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OfficialPage = Selectable<OfficialPagesTable>;
export type User = Selectable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

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

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;

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

export interface FgGuidesTable {
  id: Generated<number>;
  study_id: number;
  version: number;
  title: string;
  sections: Json<Array<{ title: string; questions: string[] }>>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface FgSessionsTable {
  id: Generated<number>;
  study_id: number;
  title: string;
  held_at: Date | null;
  mode: "in_person" | "online";
  place: string | null;
  moderator_id: number | null;
  note_taker_id: number | null;
  guide_id: number | null;
  status: Generated<"planned" | "held" | "transcribed" | "coded">;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface FgSessionFilesTable {
  id: Generated<number>;
  session_id: number;
  kind: "recording" | "consent_scans" | "other";
  reference: string;
  note: string | null;
}

export interface FgParticipantsTable {
  id: Generated<number>;
  study_id: number;
  code: string;
  sex: string | null;
  age_band: string | null;
  territory_id: number | null;
  occupation: string | null;
  attributes: Json<Record<string, string>>;
  screener: Json<Record<string, string>>;
  created_at: Generated<Date>;
}

export interface FgParticipantIdentitiesTable {
  participant_id: number;
  name: string | null;
  contact: string | null;
}

export interface FgConsentsTable {
  id: Generated<number>;
  participant_id: number;
  form_version: string;
  given_on: string;
  recording: boolean;
  quoting: boolean;
  sharing: boolean;
  created_at: Generated<Date>;
}

export interface FgSessionParticipantsTable {
  session_id: number;
  participant_id: number;
}

export interface FgTranscriptsTable {
  session_id: number;
  format: string;
  encoding: string;
  file_name: string | null;
  imported_by: number | null;
  imported_at: Generated<Date>;
}

export interface FgTurnsTable {
  id: Generated<number>;
  session_id: number;
  idx: number;
  speaker_kind: "participant" | "moderator" | "unmapped";
  participant_id: number | null;
  speaker_label: string;
  text: string;
  start_ms: number | null;
  end_ms: number | null;
}

export interface FgCodesTable {
  id: Generated<number>;
  study_id: number;
  parent_id: number | null;
  name: string;
  definition: string | null;
  colour: Generated<string>;
  guid: string | null;
  created_at: Generated<Date>;
}

export interface FgCodingsTable {
  id: Generated<number>;
  turn_id: number;
  code_id: number;
  coder_id: number;
  start_offset: number;
  end_offset: number;
  quote: Generated<boolean>;
  memo: string | null;
  created_at: Generated<Date>;
}

export interface FgMemosTable {
  id: Generated<number>;
  study_id: number;
  target_kind: "code" | "turn" | "session";
  target_id: number;
  author_id: number | null;
  text: string;
  created_at: Generated<Date>;
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

export interface DB {
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

export type AuditScope = "all" | "organisation" | "page";
export type AuditTrigger = "schedule" | "analyst" | "cli" | "demo";
export type AuditPageStatus = "pending" | "done" | "failed";
export type PlatformStatus = "unknown" | "active" | "private" | "deleted" | "not_found";

export interface AuditRunsTable {
  id: Generated<number>;
  scope: AuditScope;
  scope_ref: string | null;
  trigger: AuditTrigger;
  schedule_key: string | null;
  requested_by: number | null;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
  page_count: Generated<number>;
  metrics_at: Date | null;
}

export interface AuditRunPagesTable {
  run_id: number;
  page_id: number;
  status: Generated<AuditPageStatus>;
  error_kind: string | null;
  error_message: string | null;
  attempts: Generated<number>;
  counts: Json<Record<string, number>> | null;
  finished_at: Date | null;
}

export interface PageAuditStateTable {
  page_id: number;
  posts_cursor: Date | null;
  resolved_id: string | null;
  last_audit_at: Date | null;
  last_outcome: "ok" | "failed" | null;
  last_error_kind: string | null;
  last_error_message: string | null;
  platform_status: Generated<PlatformStatus>;
  capabilities: Json<Record<string, boolean>> | null;
}

export interface PageSnapshotsTable {
  id: Generated<number>;
  page_id: number;
  run_id: number;
  observed_at: Date;
  name: string | null;
  badge: boolean | null;
  verified: boolean | null;
  members: number | null;
  description: string | null;
  has_contacts: boolean | null;
  address: string | null;
  site: string | null;
  has_avatar: boolean | null;
  has_cover: boolean | null;
  wall_open: boolean | null;
  unknown_items: Generated<string[]>;
}

export interface PagePostsTable {
  id: Generated<number>;
  page_id: number;
  platform_post_id: string;
  published_at: Date;
  by_owner: boolean;
  is_repost: Generated<boolean>;
  pinned: Generated<boolean>;
  comments_open: boolean | null;
  likes: number | null;
  reposts: number | null;
  comments_count: number | null;
  views: number | null;
  text_excerpt: string | null;
  url: string | null;
  first_seen_at: Generated<Date>;
  last_seen_at: Generated<Date>;
}

export interface PageCommentsTable {
  id: Generated<number>;
  page_id: number;
  platform_post_id: string;
  platform_comment_id: string;
  parent_platform_id: string | null;
  author_kind: "page" | "organisation" | "resident";
  author_hash: string | null;
  created_at: Date;
  deleted: Generated<boolean>;
  text_excerpt: string | null;
  url: string | null;
  first_seen_at: Generated<Date>;
  last_seen_at: Generated<Date>;
}

export interface PageStreamsTable {
  id: Generated<number>;
  page_id: number;
  platform_video_id: string;
  started_at: Date;
  title: string | null;
  url: string | null;
}

export interface PageMetricsTable {
  page_id: number;
  period_start: Date;
  period_end: Date;
  period_label: string;
  partial: Generated<boolean>;
  computed_at: Generated<Date>;
  badge: string | null;
  profile_share: number | null;
  activity_share: number | null;
  owner_posts: number | null;
  dormant: boolean | null;
  engagement: number | null;
  eligible_comments: number | null;
  reply_rate: number | null;
  rr24: number | null;
  first_reply_mean_s: number | null;
  first_reply_median_s: number | null;
  first_reply_p90_s: number | null;
  streams: number | null;
  comments_open_share: number | null;
  reach: number | null;
  metrics: Json<unknown>;
}

export interface PageUnansweredTable {
  page_id: number;
  comment_id: number;
  created_at: Date;
  as_of: Date;
}

export interface ActivityFilesTable {
  id: Generated<number>;
  name: string;
  origin: "upload" | "cli" | "demo";
  uploaded_by: number | null;
  uploaded_at: CreatedAt;
  content: string;
  pages: string[];
  record_count: number;
}

export interface PlatformTokensTable {
  platform: string;
  token_hash: string;
  disabled_at: Generated<Date>;
  reason: string;
}

export interface AppSecretsTable {
  name: string;
  value: string;
  created_at: CreatedAt;
}

export interface AlertsTable {
  id: Generated<number>;
  kind: string;
  message: string;
  details: Json<unknown> | null;
  created_at: CreatedAt;
  resolved_at: Date | null;
}

export type Territory = Selectable<TerritoriesTable>;
export type NewTerritory = Insertable<TerritoriesTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OfficialPage = Selectable<OfficialPagesTable>;
export type User = Selectable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

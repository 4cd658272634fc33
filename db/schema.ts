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
}

export type Territory = Selectable<TerritoriesTable>;
export type NewTerritory = Insertable<TerritoriesTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OfficialPage = Selectable<OfficialPagesTable>;
export type User = Selectable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

/**
 * Types of a registry import: what the pure planner produces from CSV texts and what
 * app/services/registry-import.server.ts applies in one transaction.
 * The planner itself lives in ./plan.ts.
 */
import type { OrganisationKind, Platform, TerritoryKind } from "./vocabulary";

export const REGISTRY_FILE_KINDS = ["territories", "organisations", "pages"] as const;
export type RegistryFileKind = (typeof REGISTRY_FILE_KINDS)[number];
export type RegistryFiles = Partial<Record<RegistryFileKind, string>>;

export interface Rejection {
  file: RegistryFileKind;
  /** 1-based line in the file as a spreadsheet shows it (the header is line 1) */
  line: number;
  /** the column at fault, or null for a whole-row / whole-file problem */
  field: string | null;
  /** the offending value as it appeared (trimmed, cut to 200 chars) */
  value?: string;
  /** stable machine code, e.g. "required", "unknown_kind", "unknown_parent", "duplicate_code" */
  code: string;
  /** extra values a message needs, e.g. { allowed: "vk, ok" } */
  params?: Record<string, string | number>;
}

/** What the database already holds, so rows may refer to it. */
export interface ExistingRegistry {
  territoryCodes: ReadonlySet<string>;
  organisationCodes: ReadonlySet<string>;
  /** key `${platform}:${platform_id}` -> organisation code that owns the page */
  pages: ReadonlyMap<string, string>;
}

export interface TerritoryRow {
  line: number;
  code: string;
  name_ru: string;
  name_en: string | null;
  kind: TerritoryKind;
  parent_code: string | null;
  oktmo: string | null;
  /** null means unknown: never 0 in place of a missing figure */
  population: number | null;
  population_year: number | null;
  source: string | null;
}

export interface OrganisationRow {
  line: number;
  code: string;
  name_ru: string;
  name_en: string | null;
  kind: OrganisationKind;
  parent_code: string | null;
  territory_code: string | null;
  peer_group: string;
  verified: boolean;
  source: string | null;
}

export interface PageRow {
  line: number;
  organisation_code: string;
  platform: Platform;
  /** lower-cased numeric id or handle, no leading @ */
  platform_id: string;
  url: string;
  active: boolean;
}

export interface RegistryImportPlan {
  territories: TerritoryRow[];
  organisations: OrganisationRow[];
  pages: PageRow[];
}

export interface RegistryImportWarning {
  file: RegistryFileKind;
  line: number;
  field: string | null;
  code: string;
  params?: Record<string, string | number>;
}

export interface PlannedImport {
  plan: RegistryImportPlan;
  rejections: Rejection[];
  warnings: RegistryImportWarning[];
}

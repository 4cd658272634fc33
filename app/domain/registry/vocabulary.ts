/** The registry's closed vocabularies. Pure data: db/schema.ts and the UI both read them. */

export const TERRITORY_KINDS = [
  "region",
  "city_okrug",
  "municipal_okrug",
  "municipal_district",
  "urban_settlement",
  "rural_settlement",
  "other",
] as const;
export type TerritoryKind = (typeof TERRITORY_KINDS)[number];

export const ORGANISATION_KINDS = [
  "ministry",
  "department",
  "agency",
  "municipality_admin",
  "subordinate",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const PLATFORMS = ["vk", "ok", "telegram", "max"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const MARGIN_DIMENSIONS = ["sex", "age_band"] as const;
export type MarginDimension = (typeof MARGIN_DIMENSIONS)[number];

/**
 * Peer groups rank like with like (COMPLIANCE.md): regional executive bodies, municipal
 * administrations, and subordinate organisations by sphere.
 */
export function defaultPeerGroup(kind: OrganisationKind, sphere?: string | null): string {
  switch (kind) {
    case "ministry":
    case "department":
    case "agency":
      return "regional_executive";
    case "municipality_admin":
      return "municipal_administration";
    case "subordinate":
      return sphere ? `subordinate:${sphere}` : "subordinate";
  }
}

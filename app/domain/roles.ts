/** Roles and what each may do. Pure: the server enforces these in every loader and action. */

export const ROLES = ["admin", "analyst", "sociologist", "page_admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "users:manage",
  "registry:read",
  "registry:edit",
  "registry:import",
  "own-organisation:read",
  "surveys:manage",
  "audits:run",
  "results:read",
  "reports:read",
  "methodologies:edit",
  "focus-groups:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ["users:manage", "registry:read", "registry:edit", "registry:import", "surveys:manage", "audits:run", "results:read", "reports:read", "methodologies:edit", "focus-groups:manage"],
  // analysts join residents' survey ratings with page audits, so they read survey results; they
  // own the compliance reports and the scoring methodology
  analyst: ["registry:read", "registry:edit", "registry:import", "audits:run", "results:read", "reports:read", "methodologies:edit"],
  // Sociologists read the registry: territories and populations feed quotas and weighting.
  sociologist: ["registry:read", "surveys:manage", "results:read", "focus-groups:manage"],
  page_admin: ["own-organisation:read"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

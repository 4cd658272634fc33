import type { MessageKey } from "../i18n";
import { can, type Role } from "../domain/roles";

export interface NavItem {
  to: string;
  label: MessageKey;
}

/** What a role sees in the menu; the server checks the same permissions on every route. */
export function navigationFor(role: Role): NavItem[] {
  // A page administrator's home is their organisation; everyone else has a home page of sections.
  if (can(role, "own-organisation:read")) return [{ to: "/my", label: "nav.my" }];
  const items: NavItem[] = [{ to: "/home", label: "nav.home" }];
  if (can(role, "surveys:manage")) items.push({ to: "/studies", label: "nav.studies" }, { to: "/surveys", label: "nav.surveys" });
  if (can(role, "registry:read")) {
    items.push(
      { to: "/registry/territories", label: "nav.territories" },
      { to: "/registry/organisations", label: "nav.organisations" },
      { to: "/registry/pages", label: "nav.pages" },
    );
  }
  if (can(role, "registry:import")) items.push({ to: "/registry/import", label: "nav.import" });
  if (can(role, "audits:run")) items.push({ to: "/audits", label: "nav.audits" });
  if (can(role, "reports:read")) items.push({ to: "/reports", label: "nav.reports" });
  if (can(role, "methodologies:edit")) items.push({ to: "/methodologies", label: "nav.methodologies" });
  if (can(role, "users:manage")) {
    items.push({ to: "/admin/users", label: "nav.users" }, { to: "/admin/audit", label: "nav.auditLog" });
  }
  if (can(role, "surveys:manage")) items.push({ to: "/account/tokens", label: "nav.tokens" });
  return items;
}

/** A visitor without an account: the open polls and the way in. */
export const PUBLIC_NAVIGATION: NavItem[] = [
  { to: "/polls", label: "polls.title" },
  { to: "/ranking", label: "nav.ranking" },
  { to: "/login", label: "nav.login" },
];

import type { MessageKey } from "../../i18n";

const KINDS = new Set([
  "rate_limited",
  "transient",
  "auth",
  "page_private",
  "page_deleted",
  "page_not_found",
  "malformed",
  "not_configured",
  "page_removed",
  "internal",
]);

/** A failure kind recorded by an audit, in words; an unknown kind reads as an internal error. */
export function errorKindText(t: (key: MessageKey) => string, kind: string): string {
  return t(`audits.errorKind.${KINDS.has(kind) ? kind : "internal"}` as MessageKey);
}

/**
 * Stable GUIDs for REFI-QDA exports. A GUID is the SHA-256 of (study, kind, record id) shaped as
 * an RFC 9562 version-8 ("custom") UUID, so exporting the same study twice gives the same file
 * and a QDA program that re-imports it recognises its codes and sources instead of duplicating
 * them. The kind keeps a code and a session that happen to share an id apart.
 */
import { createHash } from "node:crypto";

export type GuidKind =
  | "project"
  | "user"
  | "code"
  | "source"
  | "selection"
  | "coding"
  | "note"
  | "case"
  | "variable"
  | "turn";

const GUID = /^\{?([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\}?$/;

export function isGuid(value: string): boolean {
  const match = GUID.exec(value);
  // Braces come in pairs or not at all, as in the REFI-QDA GUIDType pattern.
  return match !== null && value.startsWith("{") === value.endsWith("}");
}

/** "{1ff58b12-…}" -> "1FF58B12-…": REFI-QDA files write GUIDs upper-case without braces. */
export function normaliseGuid(value: string): string {
  return value.replace(/[{}]/g, "").toUpperCase();
}

export function stableGuid(studyId: string, kind: GuidKind, recordId: string): string {
  const bytes = createHash("sha256")
    .update(`${studyId}\u0000${kind}\u0000${recordId}`, "utf8")
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = Buffer.from(bytes).toString("hex").toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Shared helpers for the registry planner tests (not a test file itself). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { ExistingRegistry, PlannedImport, RegistryFiles } from "../../app/domain/registry/import-plan";
import { planRegistryImport } from "../../app/domain/registry/plan";
import { REJECTION_CODES } from "../../app/domain/registry/rejection-messages";

export const seed = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../db/seed/data/${name}`, import.meta.url)), "utf8");

export const csv = (...lines: string[]) => lines.join("\n") + "\n";

export const NONE: ExistingRegistry = { territoryCodes: new Set(), organisationCodes: new Set(), pages: new Map() };

export function existing(parts: {
  territories?: string[];
  organisations?: string[];
  pages?: Record<string, string>;
}): ExistingRegistry {
  return {
    territoryCodes: new Set(parts.territories ?? []),
    organisationCodes: new Set(parts.organisations ?? []),
    pages: new Map(Object.entries(parts.pages ?? {})),
  };
}

export function plan(files: RegistryFiles, registry: ExistingRegistry = NONE): PlannedImport {
  const out = planRegistryImport(files, registry);
  // Every code that reaches a person must have a translated sentence.
  for (const r of [...out.rejections, ...out.warnings]) expect(REJECTION_CODES).toContain(r.code);
  return out;
}

/** Rejections without the optional parts, for compact equality checks. */
export const brief = (out: PlannedImport) => out.rejections.map((r) => [r.file, r.line, r.field, r.code]);

/**
 * Registry import use-cases. The pure planner (domain/registry/plan) validates every row;
 * this module loads what the database already holds, and writes the plan in ONE transaction
 * only when no row was rejected: an import is all or nothing.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/client";
import type { DB } from "../../db/schema";
import { appendAudit } from "../../db/queries/audit-log";
import {
  listOrganisationCodes,
  setOrganisationParent,
  upsertOrganisations,
} from "../../db/queries/organisations";
import { listPageOwners, upsertPages } from "../../db/queries/pages";
import {
  claimRegistryImport,
  finishRegistryImport,
  getRegistryImport,
  insertRegistryImport,
} from "../../db/queries/registry-imports";
import { listTerritoryCodes, setTerritoryParent, upsertTerritories } from "../../db/queries/territories";
import type {
  RegistryFiles,
  RegistryImportPlan,
  Rejection,
  RegistryImportWarning,
} from "../domain/registry/import-plan";
import { planRegistryImport } from "../domain/registry/plan";
import type { AppContext } from "./context.server";

export const MAX_REGISTRY_FILE_BYTES = 20 * 1024 * 1024;

export interface RegistryImportReport {
  status: "succeeded" | "rejected";
  counts: { territories: number; organisations: number; pages: number };
  rejections: Rejection[];
  warnings: RegistryImportWarning[];
}

async function applyPlan(db: Kysely<DB> | Transaction<DB>, plan: RegistryImportPlan) {
  const territoryIds = await listTerritoryCodes(db);
  for (const [code, id] of await upsertTerritories(
    db,
    plan.territories.map(({ line: _line, parent_code: _parent, ...fields }) => fields),
  )) {
    territoryIds.set(code, id);
  }
  for (const row of plan.territories) {
    await setTerritoryParent(db, territoryIds.get(row.code)!, row.parent_code ? territoryIds.get(row.parent_code)! : null);
  }

  const organisationIds = await listOrganisationCodes(db);
  const upserted = await upsertOrganisations(
    db,
    plan.organisations.map(({ line: _line, parent_code: _parent, territory_code, ...fields }) => ({
      ...fields,
      territory_id: territory_code ? territoryIds.get(territory_code)! : null,
    })),
  );
  for (const [code, id] of upserted) organisationIds.set(code, id);
  for (const row of plan.organisations) {
    await setOrganisationParent(db, organisationIds.get(row.code)!, row.parent_code ? organisationIds.get(row.parent_code)! : null);
  }

  await upsertPages(
    db,
    plan.pages.map((p) => ({
      organisation_id: organisationIds.get(p.organisation_code)!,
      platform: p.platform,
      platform_id: p.platform_id,
      url: p.url,
      active: p.active,
    })),
  );
}

/** Validates and, when every row is good, writes the files. Nothing is written otherwise. */
export async function importRegistry(
  db: Database,
  files: RegistryFiles,
  actorUserId: number | null,
): Promise<RegistryImportReport> {
  return db.transaction().execute(async (trx) => {
    const existing = {
      territoryCodes: new Set((await listTerritoryCodes(trx)).keys()),
      organisationCodes: new Set((await listOrganisationCodes(trx)).keys()),
      pages: await listPageOwners(trx),
    };
    const { plan, rejections, warnings } = planRegistryImport(files, existing);
    const counts = {
      territories: plan.territories.length,
      organisations: plan.organisations.length,
      pages: plan.pages.length,
    };
    if (rejections.length > 0) return { status: "rejected", counts, rejections, warnings };
    await applyPlan(trx, plan);
    await appendAudit(trx, { actorUserId, action: "registry.import", entityType: "registry", details: counts });
    return { status: "succeeded", counts, rejections, warnings };
  });
}

/** The analyst's upload: stored, then run by the `registry.import` job on any worker. */
export async function queueRegistryImport(
  ctx: AppContext,
  files: RegistryFiles,
  actorUserId: number,
): Promise<number> {
  const importId = await insertRegistryImport(ctx.db, { createdBy: actorUserId, origin: "upload", files });
  await ctx.jobs.enqueue("registry.import", { importId }, { jobId: `registry-import-${importId}` });
  return importId;
}

/** Body of the `registry.import` job. Safe to run twice: a finished import is left alone. */
export async function runQueuedRegistryImport(db: Database, importId: number): Promise<RegistryImportReport | null> {
  const job = await getRegistryImport(db, importId);
  if (!job) throw new Error(`registry import ${importId} does not exist`);
  if (!(await claimRegistryImport(db, importId))) return null;
  try {
    const report = await importRegistry(db, job.files, job.created_by);
    await finishRegistryImport(db, importId, report.status, report);
    return report;
  } catch (error) {
    await finishRegistryImport(db, importId, "failed", { error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

export { getRegistryImport, listRegistryImports } from "../../db/queries/registry-imports";

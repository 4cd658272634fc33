import type { Kysely, Transaction } from "kysely";
import type { DB, RegistryImportStatus, RegistryImportsTable } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function insertRegistryImport(
  db: Db,
  input: { createdBy: number | null; origin: RegistryImportsTable["origin"]; files: Record<string, string> },
): Promise<number> {
  const row = await db
    .insertInto("registry_imports")
    .values({ created_by: input.createdBy, origin: input.origin, status: "queued", files: JSON.stringify(input.files) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getRegistryImport(db: Db, id: number) {
  return db.selectFrom("registry_imports").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Claims a queued import; returns false if another worker already took it or it finished. */
export async function claimRegistryImport(db: Db, id: number): Promise<boolean> {
  const result = await db
    .updateTable("registry_imports")
    .set({ status: "running" })
    .where("id", "=", id)
    .where("status", "in", ["queued", "running"])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishRegistryImport(db: Db, id: number, status: RegistryImportStatus, report: unknown) {
  await db
    .updateTable("registry_imports")
    .set({ status, report: JSON.stringify(report), finished_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function listRegistryImports(db: Db, limit = 20) {
  return db
    .selectFrom("registry_imports as ri")
    .leftJoin("users as u", "u.id", "ri.created_by")
    .select(["ri.id", "ri.created_at", "ri.status", "ri.origin", "ri.finished_at", "ri.report", "u.email as created_by_email"])
    .orderBy("ri.id", "desc")
    .limit(limit)
    .execute();
}

/** Methodology records (migration 0007): drafts are edited, published ones are frozen, one is active. */
import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function listMethodologies(db: Db) {
  return db.selectFrom("methodologies").select(["id", "code", "version", "title", "status", "active", "created_at", "published_at"]).orderBy("code").orderBy("version", "desc").execute();
}

export async function getMethodology(db: Db, id: number) {
  return db.selectFrom("methodologies").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function activeMethodology(db: Db) {
  return db.selectFrom("methodologies").selectAll().where("active", "=", true).executeTakeFirst();
}

export async function nextMethodologyVersion(db: Db, code: string): Promise<number> {
  const row = await db.selectFrom("methodologies").select((eb) => eb.fn.max("version").as("v")).where("code", "=", code).executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

export async function insertMethodology(db: Db, row: { code: string; version: number; title: string; document: unknown; status: "draft" | "published"; active: boolean; created_by: number | null }) {
  const inserted = await db
    .insertInto("methodologies")
    .values({ ...row, document: JSON.stringify(row.document), published_at: row.status === "published" ? new Date() : null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** A draft's new document; 0 rows when it is published (the caller says so). */
export async function updateDraftMethodology(db: Db, id: number, title: string, document: unknown): Promise<boolean> {
  const r = await db
    .updateTable("methodologies")
    .set({ title, document: JSON.stringify(document), updated_at: new Date() })
    .where("id", "=", id)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Publishes a draft and makes it the active methodology, in one transaction. */
export async function publishAndActivate(db: Kysely<DB>, id: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx.updateTable("methodologies").set({ status: "published", published_at: new Date(), updated_at: new Date() }).where("id", "=", id).where("status", "=", "draft").executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await sql`update methodologies set active = (id = ${id}) where active or id = ${id}`.execute(trx);
    return true;
  });
}

export async function deleteDraftMethodology(db: Db, id: number): Promise<boolean> {
  const r = await db.deleteFrom("methodologies").where("id", "=", id).where("status", "=", "draft").executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

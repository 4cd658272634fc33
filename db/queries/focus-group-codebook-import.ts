/**
 * Merging a REFI-QDA codebook (.qdc) into a study's codebook (fg_codes, migration 0008). The
 * caller owns the transaction; the study row is locked first so two imports of the same study
 * run one after the other and cannot both add the same GUID.
 */
import { sql, type Transaction } from "kysely";
import type { DB } from "../schema";

/** false when the study does not exist */
export async function lockStudyCodebook(trx: Transaction<DB>, studyId: number): Promise<boolean> {
  const row = await trx.selectFrom("studies").select("id").where("id", "=", studyId).forUpdate().executeTakeFirst();
  return row !== undefined;
}

export async function studyCodesForMerge(trx: Transaction<DB>, studyId: number) {
  return trx.selectFrom("fg_codes").select(["id", "parent_id", "name", "guid"]).where("study_id", "=", studyId).orderBy("id").execute();
}

/**
 * Inserts one code; null when a sibling of the same name (as the unique index fg_codes_sibling_name
 * compares them) got there first, so the caller can attach the children to that one instead.
 */
export async function insertMergedCode(
  trx: Transaction<DB>,
  row: { study_id: number; parent_id: number | null; name: string; definition: string | null; colour: string | null; guid: string },
): Promise<number | null> {
  const { colour, ...rest } = row;
  const inserted = await trx
    .insertInto("fg_codes")
    .values({ ...rest, ...(colour ? { colour } : {}) })
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export async function siblingCodeByName(trx: Transaction<DB>, studyId: number, parentId: number | null, name: string) {
  return trx
    .selectFrom("fg_codes")
    .select(["id", "parent_id", "name", "guid"])
    .where("study_id", "=", studyId)
    .where(sql<number>`coalesce(parent_id, 0)`, "=", parentId ?? 0)
    .where(sql<string>`lower(name)`, "=", sql<string>`lower(${name})`)
    .executeTakeFirst();
}

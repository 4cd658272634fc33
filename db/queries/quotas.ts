import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function listQuotaCells(db: Db, surveyId: number) {
  return db.selectFrom("quota_cells").select(["id", "label", "conditions", "target", "filled"]).where("survey_id", "=", surveyId).orderBy("id").execute();
}

export async function replaceQuotaCells(
  db: Db,
  surveyId: number,
  cells: { label: string; conditions: Record<string, string | number | boolean>; target: number }[],
) {
  await db.deleteFrom("quota_cells").where("survey_id", "=", surveyId).execute();
  if (cells.length === 0) return;
  await db
    .insertInto("quota_cells")
    .values(cells.map((c) => ({ survey_id: surveyId, label: c.label, conditions: JSON.stringify(c.conditions), target: c.target })))
    .execute();
}

/**
 * Takes one place in each cell, all or none: rows are locked by the UPDATE, and `filled < target`
 * is re-checked under the lock, so concurrent submissions can never overfill a cell.
 */
export async function takeQuotaPlaces(db: Db, cellIds: number[]): Promise<number[]> {
  if (cellIds.length === 0) return [];
  const rows = await db
    .updateTable("quota_cells")
    .set((eb) => ({ filled: eb("filled", "+", 1) }))
    .where("id", "in", cellIds)
    .where(sql<boolean>`filled < target`)
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

export async function allQuotasFull(db: Db, surveyId: number): Promise<boolean> {
  const row = await db
    .selectFrom("quota_cells")
    .select((eb) => [eb.fn.countAll<number>().as("cells"), eb.fn.sum<number>(eb.case().when("filled", ">=", eb.ref("target")).then(1).else(0).end()).as("full")])
    .where("survey_id", "=", surveyId)
    .executeTakeFirstOrThrow();
  return Number(row.cells) > 0 && Number(row.full) === Number(row.cells);
}

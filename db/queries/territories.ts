import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../schema";
import type { TerritoryKind } from "../../app/domain/registry/vocabulary";

type Db = Kysely<DB> | Transaction<DB>;

export async function listTerritories(db: Db) {
  return db
    .selectFrom("territories as t")
    .leftJoin("territories as p", "p.id", "t.parent_id")
    .select([
      "t.id",
      "t.code",
      "t.name_ru",
      "t.name_en",
      "t.kind",
      "t.oktmo",
      "t.population",
      "t.population_year",
      "t.source",
      "p.code as parent_code",
    ])
    .orderBy(sql`case when t.kind = 'region' then 0 else 1 end`)
    .orderBy("t.name_ru")
    .execute();
}

export async function getTerritoryByCode(db: Db, code: string) {
  return db
    .selectFrom("territories as t")
    .leftJoin("territories as p", "p.id", "t.parent_id")
    .selectAll("t")
    .select("p.code as parent_code")
    .where("t.code", "=", code)
    .executeTakeFirst();
}

export async function listTerritoryCodes(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom("territories").select(["id", "code"]).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export interface TerritoryFields {
  code: string;
  name_ru: string;
  name_en: string | null;
  kind: TerritoryKind;
  oktmo: string | null;
  population: number | null;
  population_year: number | null;
  source: string | null;
}

/** Insert or update by code; parents are linked afterwards by setTerritoryParents. */
export async function upsertTerritories(db: Db, rows: TerritoryFields[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const result = await db
      .insertInto("territories")
      .values(chunk)
      .onConflict((oc) =>
        oc.column("code").doUpdateSet((eb) => ({
          name_ru: eb.ref("excluded.name_ru"),
          name_en: eb.ref("excluded.name_en"),
          kind: eb.ref("excluded.kind"),
          oktmo: eb.ref("excluded.oktmo"),
          population: eb.ref("excluded.population"),
          population_year: eb.ref("excluded.population_year"),
          source: eb.ref("excluded.source"),
          updated_at: sql`now()`,
        })),
      )
      .returning(["id", "code"])
      .execute();
    for (const r of result) ids.set(r.code, r.id);
  }
  return ids;
}

export async function setTerritoryParent(db: Db, id: number, parentId: number | null) {
  await db.updateTable("territories").set({ parent_id: parentId }).where("id", "=", id).execute();
}

export async function updateTerritory(db: Db, id: number, fields: Omit<TerritoryFields, "code"> & { parent_id: number | null }) {
  await db
    .updateTable("territories")
    .set({ ...fields, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/** Ids of the territory and every territory below it. */
export async function territorySubtreeIds(db: Db, rootId: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    with recursive tree(id) as (
      select id from territories where id = ${rootId}
      union
      select t.id from territories t join tree on t.parent_id = tree.id
    ) select id from tree`.execute(db);
  return rows.map((r) => r.id);
}

export async function findRegion(db: Db) {
  return db.selectFrom("territories").select(["code", "name_ru", "name_en"]).where("kind", "=", "region").orderBy("id").limit(1).executeTakeFirst();
}

import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../schema";
import type { Platform } from "../../app/domain/registry/vocabulary";

type Db = Kysely<DB> | Transaction<DB>;

export async function listPages(db: Db, filter: { organisationIds?: number[]; platform?: Platform; limit: number; offset: number }) {
  let q = db.selectFrom("official_pages as pg").innerJoin("organisations as o", "o.id", "pg.organisation_id");
  if (filter.organisationIds) {
    if (filter.organisationIds.length === 0) return { rows: [], total: 0 };
    q = q.where("pg.organisation_id", "in", filter.organisationIds);
  }
  if (filter.platform) q = q.where("pg.platform", "=", filter.platform);
  const [rows, total] = await Promise.all([
    q
      .select([
        "pg.id",
        "pg.platform",
        "pg.platform_id",
        "pg.url",
        "pg.active",
        "o.code as organisation_code",
        "o.name_ru as organisation_name",
      ])
      .orderBy("o.name_ru")
      .orderBy("pg.platform")
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function getPageById(db: Db, id: number) {
  return db
    .selectFrom("official_pages as pg")
    .innerJoin("organisations as o", "o.id", "pg.organisation_id")
    .selectAll("pg")
    .select(["o.code as organisation_code", "o.name_ru as organisation_name"])
    .where("pg.id", "=", id)
    .executeTakeFirst();
}

/** key `${platform}:${platform_id}` -> owning organisation code */
export async function listPageOwners(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("official_pages as pg")
    .innerJoin("organisations as o", "o.id", "pg.organisation_id")
    .select(["pg.platform", "pg.platform_id", "o.code"])
    .execute();
  return new Map(rows.map((r) => [`${r.platform}:${r.platform_id}`, r.code]));
}

export interface PageFields {
  organisation_id: number;
  platform: Platform;
  platform_id: string;
  url: string;
  active: boolean;
}

export async function upsertPages(db: Db, rows: PageFields[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const result = await db
      .insertInto("official_pages")
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) =>
        oc.columns(["platform", "platform_id"]).doUpdateSet((eb) => ({
          organisation_id: eb.ref("excluded.organisation_id"),
          url: eb.ref("excluded.url"),
          active: eb.ref("excluded.active"),
          updated_at: sql`now()`,
        })),
      )
      .executeTakeFirst();
    written += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return written;
}

export async function updatePage(db: Db, id: number, fields: { url: string; active: boolean; organisation_id: number }) {
  await db
    .updateTable("official_pages")
    .set({ ...fields, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function countRegistry(db: Db) {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom("territories").select(eb.fn.countAll<number>().as("n")).as("territories"),
      eb.selectFrom("organisations").select(eb.fn.countAll<number>().as("n")).as("organisations"),
      eb.selectFrom("official_pages").select(eb.fn.countAll<number>().as("n")).as("pages"),
    ])
    .executeTakeFirstOrThrow();
  return { territories: Number(row.territories), organisations: Number(row.organisations), pages: Number(row.pages) };
}

export async function findPageByPlatformId(db: Db, platform: Platform, platformId: string) {
  return db
    .selectFrom("official_pages")
    .select(["id", "organisation_id"])
    .where("platform", "=", platform)
    .where("platform_id", "=", platformId)
    .executeTakeFirst();
}

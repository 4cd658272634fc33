import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../schema";
import type { OrganisationKind } from "../../app/domain/registry/vocabulary";

type Db = Kysely<DB> | Transaction<DB>;

export interface OrganisationFilter {
  q?: string;
  /** restrict to these ids (a page administrator's scope) */
  ids?: number[];
  parentId?: number;
  kind?: OrganisationKind;
  territoryCode?: string;
  limit: number;
  offset: number;
}

function baseOrganisations(db: Db) {
  return db
    .selectFrom("organisations as o")
    .leftJoin("organisations as p", "p.id", "o.parent_id")
    .leftJoin("territories as t", "t.id", "o.territory_id");
}

export async function listOrganisations(db: Db, filter: OrganisationFilter) {
  let q = baseOrganisations(db);
  if (filter.ids) {
    if (filter.ids.length === 0) return { rows: [], total: 0 };
    q = q.where("o.id", "in", filter.ids);
  }
  if (filter.parentId !== undefined) q = q.where("o.parent_id", "=", filter.parentId);
  if (filter.kind) q = q.where("o.kind", "=", filter.kind);
  if (filter.territoryCode) q = q.where("t.code", "=", filter.territoryCode);
  if (filter.q) {
    // ILIKE with the user's text as a parameter; % and _ in it are escaped, not wildcards
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb("o.name_ru", "ilike", pattern), eb("o.code", "ilike", pattern)]));
  }
  const [rows, total] = await Promise.all([
    q
      .select([
        "o.id",
        "o.code",
        "o.name_ru",
        "o.name_en",
        "o.kind",
        "o.peer_group",
        "o.verified",
        "p.code as parent_code",
        "t.code as territory_code",
        "t.name_ru as territory_name",
        (eb) =>
          eb
            .selectFrom("official_pages")
            .select((e) => e.fn.countAll<number>().as("n"))
            .whereRef("official_pages.organisation_id", "=", "o.id")
            .as("page_count"),
      ])
      .orderBy("o.kind")
      .orderBy("o.name_ru")
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function getOrganisationByCode(db: Db, code: string) {
  return baseOrganisations(db)
    .selectAll("o")
    .select(["p.code as parent_code", "p.name_ru as parent_name", "t.code as territory_code", "t.name_ru as territory_name"])
    .where("o.code", "=", code)
    .executeTakeFirst();
}

export async function getOrganisationById(db: Db, id: number) {
  return baseOrganisations(db)
    .selectAll("o")
    .select(["p.code as parent_code", "p.name_ru as parent_name", "t.code as territory_code", "t.name_ru as territory_name"])
    .where("o.id", "=", id)
    .executeTakeFirst();
}

export async function listOrganisationCodes(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom("organisations").select(["id", "code"]).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function listOrganisationChoices(db: Db) {
  return db.selectFrom("organisations").select(["id", "code", "name_ru"]).orderBy("name_ru").execute();
}

export interface OrganisationFields {
  code: string;
  name_ru: string;
  name_en: string | null;
  kind: OrganisationKind;
  territory_id: number | null;
  peer_group: string;
  verified: boolean;
  source: string | null;
}

export async function upsertOrganisations(db: Db, rows: OrganisationFields[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += 500) {
    const result = await db
      .insertInto("organisations")
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.column("code").doUpdateSet((eb) => ({
          name_ru: eb.ref("excluded.name_ru"),
          name_en: eb.ref("excluded.name_en"),
          kind: eb.ref("excluded.kind"),
          territory_id: eb.ref("excluded.territory_id"),
          peer_group: eb.ref("excluded.peer_group"),
          verified: eb.ref("excluded.verified"),
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

export async function setOrganisationParent(db: Db, id: number, parentId: number | null) {
  await db.updateTable("organisations").set({ parent_id: parentId }).where("id", "=", id).execute();
}

export async function updateOrganisation(
  db: Db,
  id: number,
  fields: Omit<OrganisationFields, "code"> & { parent_id: number | null },
) {
  await db
    .updateTable("organisations")
    .set({ ...fields, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/** The organisation and all its subordinates (any depth): a page administrator's scope. */
export async function organisationSubtreeIds(db: Db, rootId: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    with recursive tree(id) as (
      select id from organisations where id = ${rootId}
      union
      select o.id from organisations o join tree on o.parent_id = tree.id
    ) select id from tree`.execute(db);
  return rows.map((r) => r.id);
}

/** Would making `parentId` the parent of `id` close a loop? */
export async function wouldCreateOrganisationCycle(db: Db, id: number, parentId: number): Promise<boolean> {
  const subtree = await organisationSubtreeIds(db, id);
  return subtree.includes(parentId);
}

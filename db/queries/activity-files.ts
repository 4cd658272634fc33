/** Uploaded page-activity files (the file connector's source; README "Page activity files"). */
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function insertActivityFile(
  db: Db,
  file: { name: string; origin: "upload" | "cli" | "demo"; uploadedBy: number | null; content: string; pages: string[]; recordCount: number },
): Promise<number> {
  const row = await db
    .insertInto("activity_files")
    .values({ name: file.name, origin: file.origin, uploaded_by: file.uploadedBy, content: file.content, pages: file.pages, record_count: file.recordCount })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Ids of the files describing this page, oldest first (later files win on the same ids). */
export async function activityFileIdsForPage(db: Db, pageKey: string): Promise<number[]> {
  const rows = await db.selectFrom("activity_files").select("id").where((eb) => eb(eb.val(pageKey), "=", eb.fn.any("pages"))).orderBy("id").execute();
  return rows.map((r) => r.id);
}

export async function activityFileContent(db: Db, id: number): Promise<string | null> {
  const row = await db.selectFrom("activity_files").select("content").where("id", "=", id).executeTakeFirst();
  return row?.content ?? null;
}

export async function listActivityFiles(db: Db, limit = 50) {
  return db.selectFrom("activity_files").select(["id", "name", "origin", "uploaded_at", "record_count", "pages"]).orderBy("id", "desc").limit(limit).execute();
}

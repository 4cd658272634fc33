/** The archive of weekly briefings (migration 0007): one row per PDF written, with whom it was mailed to. */
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function insertArchived(db: Db, row: { run_id: number | null; period_label: string; file: string; bytes: number }) {
  return (await db.insertInto("report_archive").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

export async function markMailed(db: Db, id: number, outcome: { mailed_to: string[]; mail_error: string | null }) {
  await db.updateTable("report_archive").set(outcome).where("id", "=", id).execute();
}

export async function listArchive(db: Db, limit = 100) {
  return db.selectFrom("report_archive").selectAll().orderBy("id", "desc").limit(limit).execute();
}

export async function getArchived(db: Db, id: number) {
  return db.selectFrom("report_archive").selectAll().where("id", "=", id).executeTakeFirst();
}

import type { Kysely, Transaction } from "kysely";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function insertSession(db: Db, input: { idHash: string; userId: number; expiresAt: Date }) {
  await db
    .insertInto("sessions")
    .values({ id: input.idHash, user_id: input.userId, expires_at: input.expiresAt })
    .execute();
}

/** The session's user, only while the session is unexpired and the account active. */
export async function findSessionUser(db: Db, idHash: string, now = new Date()) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .leftJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "sessions.id as session_id",
      "sessions.expires_at",
      "users.id",
      "users.email",
      "users.display_name",
      "users.role",
      "users.organisation_id",
      "organisations.code as organisation_code",
      "organisations.name_ru as organisation_name",
    ])
    .where("sessions.id", "=", idHash)
    .where("sessions.expires_at", ">", now)
    .where("users.active", "=", true)
    .executeTakeFirst();
}

export async function extendSession(db: Db, idHash: string, expiresAt: Date) {
  await db.updateTable("sessions").set({ expires_at: expiresAt }).where("id", "=", idHash).execute();
}

export async function deleteSession(db: Db, idHash: string) {
  await db.deleteFrom("sessions").where("id", "=", idHash).execute();
}

export async function deleteUserSessions(db: Db, userId: number) {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function deleteExpiredSessions(db: Db, now = new Date()) {
  const result = await db.deleteFrom("sessions").where("expires_at", "<=", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

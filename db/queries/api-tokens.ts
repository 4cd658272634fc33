import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function insertApiToken(db: Db, input: { userId: number; name: string; tokenHash: string }) {
  const row = await db.insertInto("api_tokens").values({ user_id: input.userId, name: input.name, token_hash: input.tokenHash }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function listApiTokens(db: Db, userId: number) {
  return db
    .selectFrom("api_tokens")
    .select(["id", "name", "created_at", "last_used_at", "revoked_at"])
    .where("user_id", "=", userId)
    .orderBy("id", "desc")
    .execute();
}

export async function revokeApiToken(db: Db, userId: number, id: number) {
  const result = await db
    .updateTable("api_tokens")
    .set({ revoked_at: sql`now()` })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The active token's owner (active account only), touching last_used_at. */
export async function findUserByApiToken(db: Db, tokenHash: string) {
  const row = await db
    .updateTable("api_tokens")
    .set({ last_used_at: sql`now()` })
    .from("users")
    .whereRef("users.id", "=", "api_tokens.user_id")
    .where("api_tokens.token_hash", "=", tokenHash)
    .where("api_tokens.revoked_at", "is", null)
    .where("users.active", "=", true)
    .returning(["users.id", "users.email", "users.display_name", "users.role", "users.organisation_id"])
    .executeTakeFirst();
  return row;
}

import type { Kysely, Transaction } from "kysely";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function recordLoginAttempt(
  db: Db,
  input: { subjectHash: string; clientHash: string; succeeded: boolean },
) {
  await db
    .insertInto("login_attempts")
    .values({ subject_hash: input.subjectHash, client_hash: input.clientHash, succeeded: input.succeeded })
    .execute();
}

/** Failures since `since` for this account and for this client, counted separately. */
export async function countRecentFailures(db: Db, input: { subjectHash: string; clientHash: string; since: Date }) {
  const row = await db
    .selectFrom("login_attempts")
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when("subject_hash", "=", input.subjectHash).then(1).else(0).end()).as("bySubject"),
      eb.fn.sum<number>(eb.case().when("client_hash", "=", input.clientHash).then(1).else(0).end()).as("byClient"),
    ])
    .where("succeeded", "=", false)
    .where("at", ">=", input.since)
    .where((eb) => eb.or([eb("subject_hash", "=", input.subjectHash), eb("client_hash", "=", input.clientHash)]))
    .executeTakeFirstOrThrow();
  return { bySubject: Number(row.bySubject ?? 0), byClient: Number(row.byClient ?? 0) };
}

export async function pruneLoginAttempts(db: Db, before: Date) {
  await db.deleteFrom("login_attempts").where("at", "<", before).execute();
}

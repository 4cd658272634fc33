import type { Database } from "../../db/client";
import { pruneLoginAttempts } from "../../db/queries/login-attempts";
import { deleteExpiredSessions } from "../../db/queries/sessions";
import { LOGIN_WINDOW_MINUTES } from "./auth.server";

/** Keeps the auth tables small: nothing older than it can matter is kept. */
export async function pruneAuthRecords(db: Database, now: Date) {
  const sessions = await deleteExpiredSessions(db, now);
  await pruneLoginAttempts(db, new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000));
  return { sessions };
}

/**
 * A service-level test's world: a fresh migrated database (tests/helpers/postgres) and an app
 * context over it whose job queues are never started, for calling services directly.
 */
import { createAppJobs } from "../../app/services/app-context.server";
import type { AppContext } from "../../app/services/context.server";
import { loadEnv } from "../../app/utils/env.server";
import { createLogger } from "../../app/utils/log.server";
import { createTestDatabase, type TestDatabase } from "./postgres";

const SECRET = "s".repeat(40);

export interface ServiceWorld {
  t: TestDatabase;
  ctx: AppContext;
  /** closes the queues, then drops the database */
  close: () => Promise<void>;
}

export async function createServiceWorld(label: string, env: Record<string, string> = {}): Promise<ServiceWorld> {
  const t = await createTestDatabase(label);
  const appEnv = loadEnv({ SESSION_SECRET: SECRET, DEMO: "off", LOG_LEVEL: "error", ...env });
  const jobs = createAppJobs(t.db, appEnv, { log: createLogger("error") });
  return {
    t,
    ctx: { db: t.db, jobs: jobs.jobs, env: appEnv, sessionSecret: SECRET },
    close: async () => {
      await jobs.jobs.close();
      await jobs.audit.close();
      await t.close();
    },
  };
}

/** A user row straight in the table (no password to check): coders, moderators, authors. */
export async function insertTestUser(world: Pick<ServiceWorld, "t">, email: string, displayName = email, role: "sociologist" | "admin" | "analyst" = "sociologist") {
  return (await world.t.db.insertInto("users").values({ email, display_name: displayName, password_hash: "x", role }).returning("id").executeTakeFirstOrThrow()).id;
}

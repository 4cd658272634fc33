/**
 * Opens everything a process needs — database (migrated), job runner, secrets — in one place,
 * for the web server, the worker and the command-line scripts alike.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createDatabase, type DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrator";
import { processors } from "../../jobs/processors/index";
import { createJobRunner } from "../../jobs/runner";
import { startSchedules } from "../../jobs/schedule";
import type { Env } from "../utils/env.server";
import { createLogger, type Logger } from "../utils/log.server";
import type { AppContext } from "./context.server";

export interface OpenedApp {
  ctx: AppContext;
  engine: "postgres" | "pglite";
  log: Logger;
  close(): Promise<void>;
}

/** Embedded installs keep a generated secret beside their data so sessions survive restarts. */
function resolveSessionSecret(env: Env, log: Logger): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  if (env.embedded) {
    mkdirSync(env.DATA_DIR, { recursive: true });
    const file = join(env.DATA_DIR, "session-secret");
    if (existsSync(file)) return readFileSync(file, "utf8").trim();
    const secret = randomBytes(32).toString("hex");
    writeFileSync(file, secret, { mode: 0o600 });
    chmodSync(file, 0o600);
    return secret;
  }
  log("warn", "SESSION_SECRET is not set: using a random one for this process; sessions will not survive a restart or be shared between processes");
  return randomBytes(32).toString("hex");
}

export interface OpenAppOptions {
  processJobs: boolean;
  migrate?: boolean;
  /** an already open database (tests); closed with the app */
  database?: DatabaseHandle;
  /** bull key prefix, so test runs never share queues */
  queuePrefix?: string;
}

export async function openApp(env: Env, opts: OpenAppOptions): Promise<OpenedApp> {
  const log = createLogger(env.LOG_LEVEL);
  const handle =
    opts.database ??
    (await createDatabase({
      databaseUrl: env.DATABASE_URL,
      dataDir: join(env.DATA_DIR, "pglite"),
      poolSize: env.DATABASE_POOL_SIZE,
    }));
  if (opts.migrate !== false) await migrateToLatest(handle.db);
  const jobs = createJobRunner({
    processors,
    context: { db: handle.db },
    redisUrl: env.REDIS_URL,
    prefix: opts.queuePrefix ?? env.QUEUE_PREFIX,
    logger: (level, msg, data) => log(level, msg, data),
  });
  let stopSchedules = () => {};
  if (opts.processJobs) {
    await jobs.startProcessing();
    stopSchedules = startSchedules(jobs);
  }
  const ctx: AppContext = { db: handle.db, jobs, env, sessionSecret: resolveSessionSecret(env, log) };
  return {
    ctx,
    engine: handle.engine,
    log,
    async close() {
      stopSchedules();
      await jobs.close();
      await handle.close();
    },
  };
}

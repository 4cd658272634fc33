/**
 * Opens everything a process needs — database (migrated), job runner, secrets — in one place,
 * for the web server, the worker and the command-line scripts alike.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createDatabase, type Database, type DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrator";
import { processors, type JobAppContext } from "../../jobs/processors/index";
import { createJobRunner } from "../../jobs/runner";
import { startSchedules } from "../../jobs/schedule";
import type { Env } from "../utils/env.server";
import { createLogger, type Logger } from "../utils/log.server";
import { createAuditRuntime, type AuditRuntime } from "./audit-runtime.server";
import type { AppContext } from "./context.server";
import { withJobOutbox } from "./job-outbox.server";

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

/**
 * The job runner with the context its processors get: the database, the runner itself (a run
 * enqueues its pages) and the audit runtime (connectors, rate gate). Scripts and tests that
 * need jobs use this too, so every process wires processors the same way.
 */
export function createAppJobs(
  db: Database,
  env: Env,
  options: { queuePrefix?: string; log?: Logger; audit?: AuditRuntime; /** tests shrink retry waits */ backoffScale?: number } = {},
) {
  const audit = options.audit ?? createAuditRuntime(db, env);
  const context = { db, env, audit } as JobAppContext;
  const jobs = createJobRunner({
    processors,
    context,
    redisUrl: env.REDIS_URL,
    prefix: options.queuePrefix ?? env.QUEUE_PREFIX,
    logger: options.log ? (level, msg, data) => options.log!(level, msg, data) : undefined,
    backoffScale: options.backoffScale,
  });
  // with Redis down, jobs wait in PostgreSQL instead of hanging their caller (job-outbox.server.ts)
  const outboxed = withJobOutbox(jobs, db, env.REDIS_URL, options.log);
  context.jobs = outboxed;
  return { jobs: outboxed, audit };
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
  const { jobs, audit } = createAppJobs(handle.db, env, { queuePrefix: opts.queuePrefix, log });
  let stopSchedules = () => {};
  if (opts.processJobs) {
    await jobs.startProcessing({ concurrency: env.JOB_CONCURRENCY });
    stopSchedules = startSchedules(jobs, env);
  }
  const ctx: AppContext = { db: handle.db, jobs, env, sessionSecret: resolveSessionSecret(env, log) };
  return {
    ctx,
    engine: handle.engine,
    log,
    async close() {
      stopSchedules();
      await jobs.close();
      await audit.close();
      await handle.close();
    },
  };
}

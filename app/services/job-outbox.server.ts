/**
 * Jobs survive a Redis outage. With Redis down, bull's enqueue does not fail: it waits in the
 * client's offline queue for as long as the outage lasts, so the request that asked for an export
 * or an import hung, and the job died with the process if it was restarted meanwhile. Here,
 * when Redis is not connected (or does not answer in time) the job goes to the job_outbox table
 * instead, in the database the work is about, and every process hands outbox jobs to Redis once
 * it answers again, oldest first, with their deterministic ids (so bull still dedupes them).
 * Processors are idempotent, which covers the one race left: an enqueue that timed out here yet
 * reached Redis later runs twice.
 */
import { Redis } from "ioredis";
import type { Database } from "../../db/client";
import { insertOutboxJob, outboxIsEmpty, takeOldestOutboxJob } from "../../db/queries/job-outbox";
import { jobDefinitions } from "../../jobs/queues";
import type { JobRunner } from "../../jobs/types";
import type { Logger } from "../utils/log.server";

const ENQUEUE_TIMEOUT_MS = 5_000;
const DRAIN_EVERY_MS = 2_000;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** What the runner itself would refuse (it refuses before touching Redis): never outboxed. */
function acceptable(name: string, payload: unknown, opts?: { jobId?: string; delayMs?: number }): boolean {
  const definition = (jobDefinitions as Record<string, { payload: { safeParse(v: unknown): { success: boolean } } }>)[name];
  if (!definition) return false;
  if (opts?.jobId !== undefined && (!/^[A-Za-z0-9._-]+$/.test(opts.jobId) || /^\d+$/.test(opts.jobId))) return false;
  if (opts?.delayMs !== undefined && !(Number.isFinite(opts.delayMs) && opts.delayMs >= 0)) return false;
  try {
    const json = JSON.stringify(payload);
    return json !== undefined && definition.payload.safeParse(JSON.parse(json)).success;
  } catch {
    return false;
  }
}

export function withJobOutbox(jobs: JobRunner, db: Database, redisUrl: string | undefined, log?: Logger): JobRunner {
  if (jobs.mode !== "bull" || !redisUrl) return jobs;
  // Our own eye on Redis: no offline queue, so its status is the truth about the connection now.
  const watch = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: (times) => Math.min(times * 200, 1000) });
  watch.on("error", () => undefined);
  const connected = () => watch.status === "ready";
  // bull's own connections come back on their own backoff (up to 2 s): hand over once Redis has
  // stayed up a little, or the hand-over would wait in bull's offline queue and time out
  let readySince: number | null = null;
  watch.on("ready", () => (readySince = Date.now()));
  // at start-up "not connected yet" is not an outage: the process's first jobs wait for it a little
  const firstConnection = new Promise<void>((resolve) => watch.once("ready", () => resolve()));
  const startingUp = () => within(firstConnection, 2_000).catch(() => undefined);
  watch.on("close", () => (readySince = null));
  const settled = () => connected() && readySince !== null && Date.now() - readySince >= 2_500;

  let draining = false;
  async function drain() {
    if (draining || !settled()) return;
    draining = true;
    let handed = 0;
    try {
      if (await outboxIsEmpty(db)) return;
      for (;;) {
        const more = await db.transaction().execute(async (trx) => {
          const job = await takeOldestOutboxJob(trx);
          if (!job) return false;
          const delayMs = Math.round(job.due_in_ms);
          // a failure rolls the transaction back: the job stays in the outbox for the next pass
          await within(jobs.enqueue(job.name as never, job.payload as never, { ...(job.job_id && { jobId: job.job_id }), ...(delayMs > 0 && { delayMs }) }), ENQUEUE_TIMEOUT_MS);
          return true;
        });
        if (!more) break;
        handed++;
      }
    } catch (error) {
      log?.("warn", "job outbox: hand-over paused", { error: error instanceof Error ? error.message : String(error) });
    } finally {
      draining = false;
      if (handed > 0) log?.("info", "job outbox: jobs handed to Redis", { jobs: handed });
    }
  }
  const timer = setInterval(() => void drain(), DRAIN_EVERY_MS);
  timer.unref();

  const toOutbox = async (name: string, payload: unknown, opts: { jobId?: string; delayMs?: number } | undefined, reason: string) => {
    const json: unknown = JSON.parse(JSON.stringify(payload));
    const id = await insertOutboxJob(db, { name, payload: json, jobId: opts?.jobId ?? null, delayMs: opts?.delayMs ?? 0 });
    log?.("warn", "job kept in the outbox until Redis is back", { job: name, reason });
    return { jobId: opts?.jobId ?? `outbox-${id}` };
  };

  return {
    ...jobs,
    async enqueue(name, payload, opts) {
      if (!acceptable(name, payload, opts)) return jobs.enqueue(name, payload, opts); // the runner's own error
      if (readySince === null && watch.status !== "end") await startingUp();
      if (!connected()) return toOutbox(name, payload, opts, "redis not connected");
      try {
        return await within(jobs.enqueue(name, payload, opts), ENQUEUE_TIMEOUT_MS);
      } catch (error) {
        return toOutbox(name, payload, opts, error instanceof Error ? error.message : String(error));
      }
    },
    async close() {
      clearInterval(timer);
      watch.disconnect();
      await jobs.close();
    },
  };
}

/**
 * The bull backend of jobs/runner.ts. bull is in maintenance mode: this is the only file that
 * imports it, so a move to BullMQ replaces this file and nothing else.
 */
import { setTimeout as sleep } from "node:timers/promises";
import Bull from "bull";
import type { JobSnapshot, JobState, QueueCounts, RunnerBackend, RunnerCore } from "./types";

export function createBullBackend(core: RunnerCore, opts: { redisUrl: string; prefix: string }): RunnerBackend {
  const queues = new Map<string, Bull.Queue>();
  for (const queueName of core.queues) {
    const queue = new Bull(queueName, opts.redisUrl, { prefix: opts.prefix });
    // an EventEmitter "error" without a listener would crash the process
    queue.on("error", (err) => core.logger("error", `Queue ${queueName} error`, { queue: queueName, error: err.message }));
    queue.on("failed", (job, err) => {
      const final = (job as DiscardableJob).isDiscarded() || job.attemptsMade >= (job.opts.attempts ?? 1);
      core.logger(final ? "error" : "warn", `Job ${job.name} failed`, {
        job: job.name,
        jobId: String(job.id),
        attemptsMade: job.attemptsMade,
        final,
        error: err.message,
      });
    });
    queues.set(queueName, queue);
  }
  let processing = false;
  let closing: Promise<void> | undefined;

  function queueFor(name: string): Bull.Queue {
    const queueName = core.definitions[name]?.queue;
    const queue = queueName === undefined ? undefined : queues.get(queueName);
    if (!queue) throw new Error(`Unknown job "${name}"`);
    return queue;
  }

  async function handle(job: Bull.Job): Promise<unknown> {
    try {
      return await core.run({
        name: job.name,
        data: job.data,
        jobId: String(job.id),
        attempt: job.attemptsMade + 1,
        progress: (value) => job.progress(value),
      });
    } catch (err) {
      if (core.isUnrecoverable(err)) await job.discard();
      throw err;
    }
  }

  async function counts(): Promise<Record<string, QueueCounts>> {
    const entries = await Promise.all(
      [...queues].map(async ([queueName, queue]) => {
        const c = await queue.getJobCounts();
        const counts: QueueCounts = {
          waiting: c.waiting,
          active: c.active,
          completed: c.completed,
          failed: c.failed,
          delayed: c.delayed,
        };
        return [queueName, counts] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  return {
    mode: "bull",
    async enqueue(name, data, enqueueOpts) {
      if (closing) throw new Error(`Job runner is closed; "${name}" was not enqueued`);
      const definition = core.definitions[name];
      const queue = queueFor(name);
      if (!definition) throw new Error(`Unknown job "${name}"`);
      const jobId = enqueueOpts?.jobId;
      if (jobId !== undefined) {
        const existing = await queue.getJob(jobId);
        if (existing) {
          const state = await existing.getState();
          if (state !== "completed" && state !== "failed") return { jobId };
          // bull would keep answering with the kept finished job; dedupe is only for pending work.
          // A concurrent enqueue may remove it first: then add() below dedupes against its new job.
          await existing.remove().catch(() => undefined);
        }
      }
      const { attempts, backoff, timeoutMs } = definition.options;
      const job = await queue.add(name, data, {
        ...(jobId !== undefined && { jobId }),
        ...(enqueueOpts?.delayMs && { delay: enqueueOpts.delayMs }),
        attempts,
        backoff: { type: backoff.type, delay: Math.round(backoff.delay * core.backoffScale) },
        timeout: timeoutMs,
        removeOnComplete: 1000,
        removeOnFail: 5000,
      });
      return { jobId: String(job.id) };
    },

    async startProcessing(startOpts) {
      if (processing) throw new Error("startProcessing was already called");
      processing = true;
      const concurrency = startOpts?.concurrency ?? 1;
      for (const [queueName, queue] of queues) {
        // one "*" handler per queue: a handler per job name would add `concurrency` fetch loops each
        queue.process("*", concurrency, handle).catch((err: Error) => {
          core.logger("error", `Queue ${queueName} stopped processing`, { queue: queueName, error: err.message });
        });
      }
      await Promise.all([...queues.values()].map((q) => q.isReady()));
    },

    counts,

    async getJob(name, jobId): Promise<JobSnapshot | null> {
      const job = await queueFor(name).getJob(jobId);
      if (!job) return null;
      const state = await job.getState();
      return {
        id: String(job.id),
        name: job.name,
        state: toJobState(state),
        attemptsMade: job.attemptsMade,
        progress: job.progress() as number | object,
        failedReason: job.failedReason,
        returnValue: job.returnvalue ?? undefined,
      };
    },

    async onIdle(idleOpts) {
      const deadline = idleOpts?.timeoutMs === undefined ? Infinity : Date.now() + idleOpts.timeoutMs;
      for (;;) {
        const busy = Object.values(await counts()).reduce((n, c) => n + c.waiting + c.active + c.delayed, 0);
        if (busy === 0) return;
        if (Date.now() >= deadline) {
          throw new Error(`Jobs still pending after ${idleOpts?.timeoutMs} ms: ${busy} waiting, active or delayed`);
        }
        await sleep(idleOpts?.pollMs ?? 100);
      }
    },

    close() {
      closing ??= (async () => {
        const all = [...queues.values()];
        if (processing) {
          // a local pause stops fetching and resolves once this worker's running jobs settle
          await core.drain(Promise.all(all.map((q) => q.pause(true, false))));
        }
        await Promise.all(all.map((q) => q.close(true)));
      })();
      return closing;
    },
  };
}

/** bull has Job#isDiscarded since 3.x; its bundled types never declared it */
type DiscardableJob = Bull.Job & { isDiscarded(): boolean };

function toJobState(state: Bull.JobStatus | "stuck"): JobState {
  switch (state) {
    case "active":
    case "completed":
    case "failed":
    case "delayed":
      return state;
    default:
      return "waiting"; // waiting, paused, stuck: not yet picked up
  }
}

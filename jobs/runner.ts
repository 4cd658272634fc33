/**
 * One API for background jobs in two modes: bull on Redis when a Redis URL is given (the web
 * process enqueues, `npm run worker` processes), or an in-process FIFO with the same semantics for
 * the embedded single-process installation and for tests. Both modes call the same processors
 * through `run` below, so a job behaves the same wherever it executes.
 */
import { createBullBackend } from "./bull-runner";
import { jobDefinitions, type JobDefinitions } from "./queues";
import {
  JobPayloadError,
  UnrecoverableJobError,
  type CreateJobRunnerOptions,
  type DefaultDefinitions,
  type JobHelpers,
  type JobLogger,
  type JobRunner,
  type JobSnapshot,
  type JobState,
  type QueueCounts,
  type QueueOf,
  type RunRequest,
  type RunnerBackend,
  type RunnerCore,
} from "./types";

export { jobIdFor } from "./queues";
export { JobPayloadError, UnrecoverableJobError, type CreateJobRunnerOptions, type JobRunner } from "./types";

export function createJobRunner<Ctx, Defs extends JobDefinitions = DefaultDefinitions>(
  opts: CreateJobRunnerOptions<Ctx, Defs>,
): JobRunner<Defs> {
  const definitions = (opts.definitions ?? jobDefinitions) as Defs;
  const processors = opts.processors as unknown as Record<string, AnyProcessor>;
  assertProcessorsComplete(definitions, processors);
  const core = createCore(definitions, processors, opts);
  const backend = opts.redisUrl
    ? createBullBackend(core, { redisUrl: opts.redisUrl, prefix: opts.prefix ?? "rp" })
    : createInProcessBackend(core);

  return {
    mode: backend.mode,
    async enqueue(name, payload, enqueueOpts) {
      const definition = definitions[name];
      if (!definition) throw new Error(`Unknown job "${String(name)}"`);
      if (enqueueOpts?.jobId !== undefined) assertJobId(enqueueOpts.jobId);
      const delayMs = enqueueOpts?.delayMs;
      if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0)) {
        throw new Error(`delayMs must be a non-negative number, got ${delayMs}`);
      }
      // validate the JSON form: that is what the worker will parse, possibly in another process
      const data = toJson(name, payload);
      const parsed = definition.payload.safeParse(data);
      if (!parsed.success) throw new JobPayloadError(name, describeIssues(parsed.error.issues));
      return backend.enqueue(name, data, enqueueOpts);
    },
    startProcessing: (o) => backend.startProcessing({ concurrency: checkConcurrency(o?.concurrency) }),
    counts: () => backend.counts() as Promise<Record<QueueOf<Defs>, QueueCounts>>,
    getJob: (name, jobId) => backend.getJob(name, jobId),
    onIdle: (o) => backend.onIdle(o),
    close: () => backend.close(),
  };
}

/** Start-up check: every job has a processor and every processor a job. */
export function assertProcessorsComplete(definitions: JobDefinitions, processors: Record<string, unknown>): void {
  const missing = Object.keys(definitions).filter((name) => typeof processors[name] !== "function");
  const extra = Object.keys(processors).filter((name) => !Object.hasOwn(definitions, name));
  if (missing.length === 0 && extra.length === 0) return;
  const problems = [
    missing.length > 0 ? `no processor for ${quoteList(missing)}` : "",
    extra.length > 0 ? `processor without a job definition: ${quoteList(extra)}` : "",
  ].filter(Boolean);
  throw new Error(`Job processors do not match the job definitions: ${problems.join("; ")}`);
}

type AnyProcessor = (payload: unknown, ctx: unknown) => Promise<unknown>;

function assertJobId(jobId: string): void {
  // bull numbers its own ids, so a numeric custom id could collide; BullMQ refuses ":" in ids
  if (!/^[A-Za-z0-9._-]+$/.test(jobId) || /^\d+$/.test(jobId)) {
    throw new Error(`Invalid jobId "${jobId}": use letters, digits, ".", "_" or "-", not a bare number`);
  }
}

function toJson(name: string, payload: unknown): unknown {
  try {
    const text = JSON.stringify(payload);
    return text === undefined ? undefined : JSON.parse(text);
  } catch (err) {
    throw new JobPayloadError(name, [`not JSON-serialisable (${(err as Error).message})`]);
  }
}

function describeIssues(issues: Array<{ path: Array<string | number>; message: string }>): string[] {
  return issues.map((issue) => `${issue.path.join(".") || "(payload)"}: ${issue.message}`);
}

const quoteList = (names: string[]) => names.map((n) => `"${n}"`).join(", ");

const defaultLogger: JobLogger = (level, msg, data) => {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...data });
  if (level !== "debug") console[level === "info" ? "log" : level](line);
};

function createCore(
  definitions: JobDefinitions,
  processors: Record<string, AnyProcessor>,
  opts: Pick<CreateJobRunnerOptions<unknown, JobDefinitions>, "context" | "logger" | "backoffScale" | "closeTimeoutMs">,
): RunnerCore {
  const logger = opts.logger ?? defaultLogger;
  const running = new Set<AbortController>();

  async function run(request: RunRequest): Promise<unknown> {
    const { name, jobId } = request;
    const definition = definitions[name];
    const processor = processors[name];
    if (!definition || !processor) throw new UnrecoverableJobError(`No processor for job "${name}"`);
    const parsed = definition.payload.safeParse(request.data);
    if (!parsed.success) throw new JobPayloadError(name, describeIssues(parsed.error.issues));

    const controller = new AbortController();
    const helpers: JobHelpers = {
      jobId,
      attempt: request.attempt,
      progress: request.progress,
      log: (msg, data) => logger("info", msg, { job: name, jobId, ...data }),
      signal: controller.signal,
    };
    const { timeoutMs } = definition.options;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new Error(`Job "${name}" ${jobId} timed out after ${timeoutMs} ms`);
        controller.abort(err);
        reject(err);
      }, timeoutMs);
    });
    running.add(controller);
    try {
      const work = Promise.resolve().then(() => processor(parsed.data, { ...(opts.context as object), ...helpers }));
      return await Promise.race([work, timeout]);
    } catch (err) {
      // bull reads err.message; a thrown string would fail the job with "undefined"
      throw err instanceof Error ? err : new Error(String(err));
    } finally {
      clearTimeout(timer);
      running.delete(controller);
    }
  }

  return {
    definitions,
    queues: [...new Set(Object.values(definitions).map((d) => d.queue))],
    logger,
    backoffScale: opts.backoffScale ?? 1,
    run,
    isUnrecoverable: (err) => err instanceof JobPayloadError || err instanceof UnrecoverableJobError,
    async drain(work) {
      const closeTimeoutMs = opts.closeTimeoutMs ?? 30_000;
      if (await settledWithin(work, closeTimeoutMs)) return;
      logger("warn", `Jobs still running ${closeTimeoutMs} ms after close; aborting them`, { running: running.size });
      for (const controller of running) controller.abort(new Error("job runner closed"));
    },
  };
}

type Entry = Omit<JobSnapshot, "state"> & { queue: string; data: unknown; state: JobState; timer?: NodeJS.Timeout };
const KEEP = { completed: 1000, failed: 5000 } as const; // what bull keeps with removeOnComplete/removeOnFail

function createInProcessBackend(core: RunnerCore): RunnerBackend {
  const jobs = new Map<string, Entry>(); // keyed by queue + id: bull scopes ids per queue
  const pending = new Set<Entry>();
  const waiting = new Map<string, Entry[]>(core.queues.map((q) => [q, []]));
  const active = new Map<string, number>(core.queues.map((q) => [q, 0]));
  const finished = { completed: [] as Entry[], failed: [] as Entry[] };
  const running = new Set<Promise<void>>();
  let idleWaiters: Array<() => void> = [];
  let started = false;
  let closing: Promise<void> | undefined;
  let concurrency = 1;
  let lastId = 0;
  const key = (name: string, id: string) => `${core.definitions[name]?.queue}\0${id}`;

  function settleIdle(force = false) {
    if (!force && pending.size > 0) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  function makeWaiting(entry: Entry) {
    entry.state = "waiting";
    waiting.get(entry.queue)?.push(entry);
    pump();
  }

  function delay(entry: Entry, ms: number) {
    entry.state = "delayed";
    entry.timer = setTimeout(() => makeWaiting(entry), ms);
  }

  function finish(entry: Entry, state: "completed" | "failed") {
    entry.state = state;
    pending.delete(entry);
    const kept = finished[state];
    kept.push(entry);
    for (const old of kept.splice(0, Math.max(0, kept.length - KEEP[state]))) {
      if (jobs.get(key(old.name, old.id)) === old) jobs.delete(key(old.name, old.id));
    }
  }

  function pump() {
    if (!started || closing) return;
    for (const [queue, list] of waiting) {
      while (list.length > 0 && (active.get(queue) ?? 0) < concurrency) {
        const execution: Promise<void> = execute(list.shift() as Entry).finally(() => {
          running.delete(execution);
          pump();
          settleIdle();
        });
        running.add(execution);
      }
    }
  }

  async function execute(entry: Entry): Promise<void> {
    const { attempts, backoff } = core.definitions[entry.name]?.options ?? { attempts: 1, backoff: undefined };
    entry.state = "active";
    active.set(entry.queue, (active.get(entry.queue) ?? 0) + 1);
    const progress = async (value: number | object) => void (entry.progress = value);
    try {
      const { name, data, id: jobId } = entry;
      entry.returnValue = await core.run({ name, data, jobId, attempt: entry.attemptsMade + 1, progress });
      finish(entry, "completed");
    } catch (err) {
      entry.attemptsMade += 1;
      entry.failedReason = err instanceof Error ? err.message : String(err);
      const final = !backoff || entry.attemptsMade >= attempts || core.isUnrecoverable(err) || Boolean(closing);
      core.logger(final ? "error" : "warn", `Job ${entry.name} failed`, {
        job: entry.name,
        jobId: entry.id,
        attemptsMade: entry.attemptsMade,
        final,
        error: entry.failedReason,
      });
      if (final || !backoff) finish(entry, "failed");
      else delay(entry, backoffMs(backoff, entry.attemptsMade) * core.backoffScale);
    } finally {
      active.set(entry.queue, (active.get(entry.queue) ?? 1) - 1);
    }
  }

  return {
    mode: "in-process",
    async enqueue(name, data, opts) {
      if (closing) throw new Error(`Job runner is closed; "${name}" was not enqueued`);
      const id = opts?.jobId ?? String(++lastId);
      const existing = jobs.get(key(name, id));
      if (existing && pending.has(existing)) return { jobId: id };
      const queue = core.definitions[name]?.queue ?? "";
      const entry: Entry = { id, name, queue, data, state: "waiting", attemptsMade: 0, progress: 0 };
      jobs.set(key(name, id), entry);
      pending.add(entry);
      if (opts?.delayMs) delay(entry, opts.delayMs);
      else makeWaiting(entry);
      return { jobId: id };
    },
    async startProcessing(opts) {
      if (started) throw new Error("startProcessing was already called");
      concurrency = opts?.concurrency ?? 1;
      started = true;
      pump();
    },
    async counts() {
      const counts: Record<string, QueueCounts> = {};
      for (const q of core.queues) counts[q] = { waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0 };
      for (const entry of jobs.values()) {
        const c = counts[entry.queue];
        if (c) c[entry.state] += 1;
      }
      return counts;
    },
    async getJob(name, jobId) {
      const entry = jobs.get(key(name, jobId));
      if (!entry) return null;
      const { id, state, attemptsMade, progress, failedReason, returnValue } = entry;
      return { id, name: entry.name, state, attemptsMade, progress, failedReason, returnValue };
    },
    onIdle(opts) {
      if (pending.size === 0 || closing) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer =
          opts?.timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                idleWaiters = idleWaiters.filter((w) => w !== done);
                reject(new Error(`Jobs still pending after ${opts.timeoutMs} ms: ${pending.size}`));
              }, opts.timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        idleWaiters.push(done);
      });
    },
    close() {
      closing ??= (async () => {
        const dropped = [...pending].filter((e) => e.state !== "active");
        for (const entry of dropped) {
          clearTimeout(entry.timer);
          pending.delete(entry);
        }
        for (const list of waiting.values()) list.length = 0;
        if (dropped.length > 0) {
          // in-process jobs live in memory only: say which ones are lost
          core.logger("warn", "Job runner closed with jobs not run", { jobIds: dropped.map((e) => e.id) });
        }
        await core.drain(Promise.all(running));
        settleIdle(true);
      })();
      return closing;
    },
  };
}

function backoffMs(backoff: { type: "fixed" | "exponential"; delay: number }, attemptsMade: number): number {
  return backoff.type === "fixed" ? backoff.delay : Math.round((2 ** attemptsMade - 1) * backoff.delay);
}

function checkConcurrency(concurrency = 1): number {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  }
  return concurrency;
}

async function settledWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), expired]);
  } finally {
    clearTimeout(timer);
  }
}

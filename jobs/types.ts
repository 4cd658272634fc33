/**
 * Contracts shared by the runner, the processors and the app, plus the two errors a processor may
 * meet. Generic over the definitions map so tests can run small definitions of their own; the
 * real registry is every default. Free of bull, so processors can import it without the runner.
 */
import type { z } from "zod";
import type { JobDefinitions, jobDefinitions } from "./queues";

export type { JobDefinitions } from "./queues";
export type DefaultDefinitions = typeof jobDefinitions;

export type JobNameOf<Defs extends JobDefinitions> = keyof Defs & string;
export type QueueOf<Defs extends JobDefinitions> = Defs[keyof Defs]["queue"];
/** what enqueue accepts (before zod defaults and transforms) */
export type PayloadInput<Defs extends JobDefinitions, N extends keyof Defs> = z.input<Defs[N]["payload"]>;
/** what a processor receives (after parsing) */
export type PayloadOf<Defs extends JobDefinitions, N extends keyof Defs> = z.output<Defs[N]["payload"]>;

export type LogLevel = "debug" | "info" | "warn" | "error";
export type JobLogger = (level: LogLevel, msg: string, data?: Record<string, unknown>) => void;

/** Per-run helpers merged into the app's context before a processor is called. */
export interface JobHelpers {
  jobId: string;
  /** 1 on the first run, 2 on the first retry... */
  attempt: number;
  progress(value: number | object): Promise<void>;
  log(msg: string, data?: Record<string, unknown>): void;
  /** aborted when the job times out or the runner gives up waiting on close; long loops should check it */
  signal: AbortSignal;
}

export type JobContext<Ctx> = Ctx & JobHelpers;

export type Processor<
  N extends JobNameOf<Defs>,
  Ctx,
  Defs extends JobDefinitions = DefaultDefinitions,
> = (payload: PayloadOf<Defs, N>, ctx: JobContext<Ctx>) => Promise<unknown>;

export type ProcessorMap<Ctx, Defs extends JobDefinitions = DefaultDefinitions> = {
  [N in JobNameOf<Defs>]: Processor<N, Ctx, Defs>;
};

export interface QueueCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
}

export type JobState = "waiting" | "delayed" | "active" | "completed" | "failed";

export interface JobSnapshot {
  id: string;
  name: string;
  state: JobState;
  /** failed runs so far, as bull counts them */
  attemptsMade: number;
  progress: number | object;
  failedReason?: string;
  returnValue?: unknown;
}

export interface EnqueueOptions {
  /** dedupes while a job with this id is waiting, delayed or running; letters, digits, . _ - only */
  jobId?: string;
  delayMs?: number;
}

export interface OnIdleOptions {
  /** reject instead of waiting forever */
  timeoutMs?: number;
  /** bull mode only: how often counts are polled */
  pollMs?: number;
}

export interface CreateJobRunnerOptions<Ctx, Defs extends JobDefinitions> {
  definitions?: Defs;
  processors: NoInfer<ProcessorMap<Ctx, Defs>>;
  /** app dependencies ({ db, ... }) handed to every processor; keep it a plain object */
  context: Ctx;
  /** set: bull on Redis; empty or absent: in-process */
  redisUrl?: string;
  /** bull key prefix; default "rp" */
  prefix?: string;
  logger?: JobLogger;
  /** multiplies every backoff delay so tests keep real policies without real waits; in bull mode the
   * enqueuing process applies it, because the policy travels with the job */
  backoffScale?: number;
  /** how long close() waits for running jobs before aborting their signals; default 30 s */
  closeTimeoutMs?: number;
}

export interface JobRunner<Defs extends JobDefinitions = DefaultDefinitions> {
  readonly mode: "bull" | "in-process";
  enqueue<N extends JobNameOf<Defs>>(
    name: N,
    payload: PayloadInput<Defs, N>,
    opts?: EnqueueOptions,
  ): Promise<{ jobId: string }>;
  startProcessing(opts?: { concurrency?: number }): Promise<void>;
  counts(): Promise<Record<QueueOf<Defs>, QueueCounts>>;
  getJob(name: JobNameOf<Defs>, jobId: string): Promise<JobSnapshot | null>;
  /** in-process: nothing queued or running; bull: waiting + active + delayed reach 0 across all workers */
  onIdle(opts?: OnIdleOptions): Promise<void>;
  close(): Promise<void>;
}

export class JobPayloadError extends Error {
  override name = "JobPayloadError";
  constructor(
    readonly jobName: string,
    readonly issues: string[],
  ) {
    super(`Invalid payload for job "${jobName}": ${issues.join("; ")}`);
  }
}

/** Thrown by a processor when retrying cannot help (the row is gone, the input is wrong...). */
export class UnrecoverableJobError extends Error {
  override name = "UnrecoverableJobError";
}

// ---- between runner.ts and its mode backends; not for app code ----

/** A job as handed to the shared execution path, whichever mode fetched it. */
export interface RunRequest {
  name: string;
  data: unknown;
  jobId: string;
  attempt: number;
  progress(value: number | object): Promise<void>;
}

export interface RunnerCore {
  definitions: JobDefinitions;
  queues: string[];
  logger: JobLogger;
  backoffScale: number;
  /** parses, builds helpers, enforces the timeout and calls the processor */
  run(request: RunRequest): Promise<unknown>;
  /** errors that must not be retried (bad payload, UnrecoverableJobError) */
  isUnrecoverable(err: unknown): boolean;
  /** waits up to closeTimeoutMs for `work` (the running jobs), then aborts their signals */
  drain(work: Promise<unknown>): Promise<void>;
}

export type RunnerBackend = Omit<JobRunner<JobDefinitions>, "enqueue" | "counts"> & {
  /** data is already validated and JSON-safe */
  enqueue(name: string, data: unknown, opts?: EnqueueOptions): Promise<{ jobId: string }>;
  counts(): Promise<Record<string, QueueCounts>>;
};

/**
 * The one registry of queues and jobs. A job's name, payload schema and retry policy live here so
 * the web process (which only enqueues) and the worker (which processes) can never disagree.
 */
import { z } from "zod";

export const QUEUES = ["registry", "surveys", "maintenance", "audits"] as const;
export type QueueName = (typeof QUEUES)[number];

export interface BackoffPolicy {
  type: "fixed" | "exponential";
  /** ms; exponential waits delay * (2^attemptsMade - 1), the formula bull and BullMQ share */
  delay: number;
}

export interface JobOptions {
  /** total runs including the first */
  attempts: number;
  backoff: BackoffPolicy;
  timeoutMs: number;
  /** reserved for scheduled jobs; the runner does not schedule them yet */
  repeat?: { cron: string; tz: string };
}

export interface JobDefinition<Q extends string = string> {
  queue: Q;
  /** payloads cross Redis as JSON, so the schema must accept its own JSON form */
  payload: z.ZodTypeAny;
  options: JobOptions;
}

export type JobDefinitions = Record<string, JobDefinition>;

export const jobDefinitions = {
  "registry.import": {
    queue: "registry",
    payload: z.object({ importId: z.number().int().positive() }),
    options: { attempts: 3, backoff: { type: "exponential", delay: 2000 }, timeoutMs: 10 * 60_000 },
  },
  "surveys.close-due": {
    queue: "surveys",
    // the minute it was scheduled for: the job id, so many processes scheduling it make one job
    payload: z.object({ minute: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/) }),
    options: { attempts: 2, backoff: { type: "fixed", delay: 5000 }, timeoutMs: 60_000 },
  },
  "auth.prune": {
    queue: "maintenance",
    // the hour it was scheduled for: one job an hour however many processes schedule it
    payload: z.object({ hour: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}$/) }),
    options: { attempts: 2, backoff: { type: "fixed", delay: 5000 }, timeoutMs: 60_000 },
  },
  "responses.retention": {
    queue: "maintenance",
    // the UTC date it is for: one pass a day however many processes schedule it (it is idempotent anyway)
    payload: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    options: { attempts: 2, backoff: { type: "fixed", delay: 60_000 }, timeoutMs: 30 * 60_000 },
  },
  "results.weights": {
    queue: "surveys",
    // rakes a survey's responses to its uploaded totals (after an upload, or answers since)
    payload: z.object({ surveyId: z.number().int().positive() }),
    options: { attempts: 2, backoff: { type: "fixed", delay: 10_000 }, timeoutMs: 30 * 60_000 },
  },
  "results.export": {
    queue: "surveys",
    // streams a survey's responses to CSV / XLSX / SPSS files (survey_exports row: progress, files)
    payload: z.object({ exportId: z.number().int().positive() }),
    options: { attempts: 2, backoff: { type: "fixed", delay: 10_000 }, timeoutMs: 2 * 60 * 60_000 },
  },
  "results.quality": {
    queue: "surveys",
    // data-quality flags of a survey's responses (recomputed whole: the rules compare responses)
    payload: z.object({ surveyId: z.number().int().positive() }),
    options: { attempts: 2, backoff: { type: "fixed", delay: 10_000 }, timeoutMs: 30 * 60_000 },
  },
  "results.blocks": {
    queue: "surveys",
    // copies full blocks of a survey's answers into column arrays that results read
    payload: z.object({ surveyId: z.number().int().positive() }),
    options: { attempts: 2, backoff: { type: "fixed", delay: 10_000 }, timeoutMs: 30 * 60_000 },
  },
  "results.refresh": {
    queue: "surveys",
    // the five-minute slot: flags and weights for surveys with answers since their last pass
    payload: z.object({ slot: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/) }),
    options: { attempts: 1, backoff: { type: "fixed", delay: 10_000 }, timeoutMs: 5 * 60_000 },
  },
  "audit.sweep": {
    queue: "audits",
    // the local date of the daily sweep: its job id and its run's key, so it happens once a day
    payload: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    options: { attempts: 3, backoff: { type: "exponential", delay: 10_000 }, timeoutMs: 10 * 60_000 },
  },
  "audit.run": {
    queue: "audits",
    // expands a run into one audit.page job per pending page (a retry enqueues only what is left)
    payload: z.object({ runId: z.number().int().positive() }),
    options: { attempts: 3, backoff: { type: "exponential", delay: 10_000 }, timeoutMs: 10 * 60_000 },
  },
  "audit.page": {
    queue: "audits",
    payload: z.object({ runId: z.number().int().positive(), pageId: z.number().int().positive() }),
    // transient platform faults (rate limits, 5xx, timeouts): 30 s, 90 s, 210 s, then recorded as failed
    options: { attempts: 4, backoff: { type: "exponential", delay: 30_000 }, timeoutMs: 10 * 60_000 },
  },
  "audit.metrics": {
    queue: "audits",
    // a finished run's pages (month to date and to-do lists), or a month re-computed for every
    // page (or the listed ones) from stored observations
    payload: z.union([
      z.object({ runId: z.number().int().positive() }),
      z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), pageIds: z.array(z.number().int().positive()).optional() }),
    ]),
    options: { attempts: 2, backoff: { type: "fixed", delay: 30_000 }, timeoutMs: 60 * 60_000 },
  },
  "scores.compute": {
    queue: "audits",
    // a scoring run: a month (default: this one) under a methodology (default: the active one);
    // after every audit run's metrics, and when an analyst asks
    payload: z.object({
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(),
      methodologyId: z.number().int().positive().optional(),
      requestedBy: z.number().int().positive().optional(),
    }),
    options: { attempts: 2, backoff: { type: "fixed", delay: 30_000 }, timeoutMs: 30 * 60_000 },
  },
  "reports.weekly": {
    queue: "maintenance",
    // the ISO week it is for: its job id, so the week's briefing is written (and mailed) once
    payload: z.object({ week: z.string().regex(/^\d{4}-W\d{2}$/) }),
    options: { attempts: 3, backoff: { type: "exponential", delay: 60_000 }, timeoutMs: 10 * 60_000 },
  },
} satisfies Record<string, JobDefinition<QueueName>>;

export type JobName = keyof typeof jobDefinitions;
export type JobPayload<N extends JobName> = z.infer<(typeof jobDefinitions)[N]["payload"]>;

/** The conventional deterministic id: `jobIdFor("registry.import", 42)` -> "registry.import-42". */
export function jobIdFor(name: string, ...parts: Array<string | number>): string {
  return [name, ...parts].join("-");
}

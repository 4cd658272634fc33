/**
 * The job runner in both modes through one table: in-process always, bull when TEST_REDIS_URL is
 * set (always in CI). Small definitions of our own keep the runner honest about being generic.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { jobDefinitions, type JobDefinition } from "../../jobs/queues";
import {
  assertProcessorsComplete,
  createJobRunner,
  jobIdFor,
  JobPayloadError,
  UnrecoverableJobError,
  type CreateJobRunnerOptions,
} from "../../jobs/runner";
import type { JobLogger, JobRunner, LogLevel, ProcessorMap, QueueCounts } from "../../jobs/types";
import { deleteKeys, requireRedis, uniquePrefix } from "../helpers/redis";

const redisUrl = requireRedis();

const once = { attempts: 1, backoff: { type: "fixed", delay: 0 }, timeoutMs: 5_000 } as const;
const testDefs = {
  "demo.echo": { queue: "alpha", payload: z.object({ n: z.number().int() }), options: once },
  "demo.flaky": {
    queue: "alpha",
    payload: z.object({ key: z.string() }),
    // scaled by backoffScale 0.01 below: 40 ms, then 120 ms
    options: { attempts: 3, backoff: { type: "exponential", delay: 4_000 }, timeoutMs: 5_000 },
  },
  "demo.broken": {
    queue: "beta",
    payload: z.object({ key: z.string() }),
    options: { attempts: 2, backoff: { type: "fixed", delay: 1_000 }, timeoutMs: 5_000 },
  },
  "demo.vanished": {
    queue: "beta",
    payload: z.object({ key: z.string() }),
    options: { attempts: 3, backoff: { type: "fixed", delay: 1_000 }, timeoutMs: 5_000 },
  },
  "demo.report": { queue: "beta", payload: z.object({ rows: z.number() }), options: once },
  "demo.slow": { queue: "beta", payload: z.object({ ms: z.number() }), options: { ...once, timeoutMs: 300 } },
} satisfies Record<string, JobDefinition>;
type TestDefs = typeof testDefs;

interface Execution {
  name: string;
  jobId: string;
  attempt: number;
  payload: unknown;
  worker: string;
}

let executions: Array<Execution & { at: number }> = [];
let slowEnds: Array<{ jobId: string; aborted: boolean; at: number }> = [];
let inFlight = 0;
let maxInFlight = 0;
let logs: Array<{ level: LogLevel; msg: string; data?: Record<string, unknown> }> = [];
const logger: JobLogger = (level, msg, data) => logs.push({ level, msg, data });

function processors(): ProcessorMap<{ worker: string }, TestDefs> {
  const record = (name: string, payload: unknown, ctx: { jobId: string; attempt: number; worker: string }) =>
    executions.push({ name, jobId: ctx.jobId, attempt: ctx.attempt, payload, worker: ctx.worker, at: Date.now() });
  return {
    "demo.echo": async (payload, ctx) => {
      record("demo.echo", payload, ctx);
      return { doubled: payload.n * 2 };
    },
    "demo.flaky": async (payload, ctx) => {
      record("demo.flaky", payload, ctx);
      if (ctx.attempt < 3) throw new Error(`flaky ${payload.key} attempt ${ctx.attempt}`);
      return "third time lucky";
    },
    "demo.broken": async (payload, ctx) => {
      record("demo.broken", payload, ctx);
      throw new Error(`broken ${payload.key}`);
    },
    "demo.vanished": async (payload, ctx) => {
      record("demo.vanished", payload, ctx);
      throw new UnrecoverableJobError(`${payload.key} no longer exists`);
    },
    "demo.report": async (payload, ctx) => {
      record("demo.report", payload, ctx);
      await ctx.progress(40);
      await ctx.progress({ rows: payload.rows, done: true });
      ctx.log("report written", { rows: payload.rows });
    },
    "demo.slow": async (payload, ctx) => {
      record("demo.slow", payload, ctx);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        await sleep(payload.ms, undefined, { signal: ctx.signal }).catch(() => undefined);
      } finally {
        inFlight -= 1;
        slowEnds.push({ jobId: ctx.jobId, aborted: ctx.signal.aborted, at: Date.now() });
      }
    },
  };
}

const zero: QueueCounts = { waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0 };
const withoutTime = (list: Array<Execution & { at: number }>) => list.map(({ at: _at, ...rest }) => rest);

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await sleep(10);
  }
}

beforeEach(() => {
  executions = [];
  slowEnds = [];
  logs = [];
  inFlight = 0;
  maxInFlight = 0;
});

const modes = [
  { mode: "in-process", url: undefined },
  { mode: "bull", url: redisUrl ?? undefined },
] as const;

for (const { mode, url } of modes) {
  describe.skipIf(mode === "bull" && !url)(`${mode} runner`, () => {
    let prefix = "";
    const runners: Array<JobRunner<TestDefs>> = [];

    function makeRunner(
      worker = "w1",
      extra: Partial<CreateJobRunnerOptions<{ worker: string }, TestDefs>> = {},
    ): JobRunner<TestDefs> {
      const runner = createJobRunner({
        definitions: testDefs,
        processors: processors(),
        context: { worker },
        redisUrl: url,
        prefix,
        logger,
        backoffScale: 0.01,
        ...extra,
      });
      runners.push(runner);
      return runner;
    }

    beforeEach(() => {
      prefix = uniquePrefix(`jobs-${mode}`);
    });

    afterEach(async () => {
      await Promise.all(runners.splice(0).map((r) => r.close()));
      if (url) await deleteKeys(url, prefix);
    });

    it("reports its mode", () => {
      expect(makeRunner().mode).toBe(mode);
    });

    it("runs a job once with its payload and keeps its result", async () => {
      const runner = makeRunner();
      await runner.startProcessing();
      const { jobId } = await runner.enqueue("demo.echo", { n: 21 });
      await runner.onIdle({ timeoutMs: 10_000, pollMs: 20 });

      expect(withoutTime(executions)).toEqual([{ name: "demo.echo", jobId, attempt: 1, payload: { n: 21 }, worker: "w1" }]);
      const job = await runner.getJob("demo.echo", jobId);
      expect(job).toMatchObject({ id: jobId, name: "demo.echo", state: "completed", attemptsMade: 0 });
      expect(job?.returnValue).toEqual({ doubled: 42 });
      expect(await runner.counts()).toEqual({ alpha: { ...zero, completed: 1 }, beta: zero });
    });

    it("refuses a bad payload at enqueue with a message naming the job", async () => {
      const runner = makeRunner();
      const bad = runner.enqueue("demo.echo", { n: "21" } as never);
      await expect(bad).rejects.toBeInstanceOf(JobPayloadError);
      await expect(bad).rejects.toThrow('Invalid payload for job "demo.echo": n: Expected number, received string');
      await expect(runner.enqueue("demo.report", {} as never)).rejects.toThrow(
        'Invalid payload for job "demo.report": rows: Required',
      );
      await expect(runner.enqueue("demo.nope" as never, {} as never)).rejects.toThrow('Unknown job "demo.nope"');
      await expect(runner.enqueue("demo.echo", { n: 1 }, { jobId: "42" })).rejects.toThrow('Invalid jobId "42"');
      await expect(runner.enqueue("demo.echo", { n: 1 }, { jobId: "a:b" })).rejects.toThrow('Invalid jobId "a:b"');
      expect(await runner.counts()).toEqual({ alpha: zero, beta: zero });
    });

    it("retries with backoff until the third attempt succeeds", async () => {
      const runner = makeRunner();
      await runner.startProcessing();
      const started = Date.now();
      const { jobId } = await runner.enqueue("demo.flaky", { key: "k1" });
      await runner.onIdle({ timeoutMs: 10_000, pollMs: 20 });

      expect(executions.map((e) => e.attempt)).toEqual([1, 2, 3]);
      const [first, second, third] = executions.map((e) => e.at) as [number, number, number];
      expect(second - first).toBeGreaterThanOrEqual(38); // 4000 ms * 0.01 * (2^1 - 1)
      expect(third - second).toBeGreaterThanOrEqual(118); // 4000 ms * 0.01 * (2^2 - 1)
      expect(Date.now() - started).toBeLessThan(4_000);
      const job = await runner.getJob("demo.flaky", jobId);
      expect(job).toMatchObject({ state: "completed", attemptsMade: 2, returnValue: "third time lucky" });
      expect(logs.filter((l) => l.msg === "Job demo.flaky failed").map((l) => [l.level, l.data?.final])).toEqual([
        ["warn", false],
        ["warn", false],
      ]);
    });

    it("fails a job for good after its attempts and keeps working", async () => {
      const runner = makeRunner();
      await runner.startProcessing();
      const broken = await runner.enqueue("demo.broken", { key: "k2" });
      const echo = await runner.enqueue("demo.echo", { n: 2 });
      await runner.onIdle({ timeoutMs: 10_000, pollMs: 20 });

      expect(executions.filter((e) => e.name === "demo.broken").map((e) => e.attempt)).toEqual([1, 2]);
      expect(await runner.getJob("demo.broken", broken.jobId)).toMatchObject({
        state: "failed",
        attemptsMade: 2,
        failedReason: "broken k2",
      });
      expect(await runner.getJob("demo.echo", echo.jobId)).toMatchObject({ state: "completed" });
      const finalErrors = logs.filter((l) => l.level === "error");
      expect(finalErrors.map((l) => [l.data?.jobId, l.data?.error])).toEqual([[broken.jobId, "broken k2"]]);

      const after = await runner.enqueue("demo.echo", { n: 3 });
      await runner.onIdle({ timeoutMs: 10_000, pollMs: 20 });
      expect(await runner.getJob("demo.echo", after.jobId)).toMatchObject({ state: "completed", returnValue: { doubled: 6 } });
    });

    it("does not retry an UnrecoverableJobError", async () => {
      const runner = makeRunner();
      await runner.startProcessing();
      const { jobId } = await runner.enqueue("demo.vanished", { key: "import 7" });
      await runner.onIdle({ timeoutMs: 10_000, pollMs: 20 });
      expect(executions).toHaveLength(1);
      expect(await runner.getJob("demo.vanished", jobId)).toMatchObject({
        state: "failed",
        attemptsMade: 1,
        failedReason: "import 7 no longer exists",
      });
    });

    it("dedupes a jobId while the job is pending and runs it again once finished", async () => {
      const runner = makeRunner();
      const jobId = jobIdFor("demo.echo", 7);
      expect(jobId).toBe("demo.echo-7");
      expect(await runner.enqueue("demo.echo", { n: 1 }, { jobId })).toEqual({ jobId });
      expect(await runner.enqueue("demo.echo", { n: 2 }, { jobId })).toEqual({ jobId });
      expect((await runner.counts()).alpha).toEqual({ ...zero, waiting: 1 });

      await runner.startProcessing();
      await runner.onIdle({ timeoutMs: 10_000, pollMs: 20 });
      expect(executions.map((e) => e.payload)).toEqual([{ n: 1 }]);

      await runner.enqueue("demo.echo", { n: 3 }, { jobId });
      await runner.onIdle({ timeoutMs: 10_000, pollMs: 20 });
      expect(executions.map((e) => e.payload)).toEqual([{ n: 1 }, { n: 3 }]);
      expect(await runner.getJob("demo.echo", jobId)).toMatchObject({ state: "completed", returnValue: { doubled: 6 } });
    });

    it("records progress and job logs", async () => {
      const runner = makeRunner();
      await runner.startProcessing();
      const { jobId } = await runner.enqueue("demo.report", { rows: 7 });
      await runner.onIdle({ timeoutMs: 10_000, pollMs: 20 });
      expect((await runner.getJob("demo.report", jobId))?.progress).toEqual({ rows: 7, done: true });
      expect(logs.filter((l) => l.msg === "report written")).toEqual([
        { level: "info", msg: "report written", data: { job: "demo.report", jobId, rows: 7 } },
      ]);
    });

    it("counts waiting, delayed, completed and failed jobs per queue", async () => {
      const runner = makeRunner();
      for (const n of [1, 2, 3]) await runner.enqueue("demo.echo", { n });
      await runner.enqueue("demo.echo", { n: 4 }, { delayMs: 150 });
      await runner.enqueue("demo.broken", { key: "k3" });
      expect(await runner.counts()).toEqual({ alpha: { ...zero, waiting: 3, delayed: 1 }, beta: { ...zero, waiting: 1 } });
      expect(executions).toEqual([]);

      await runner.startProcessing();
      await runner.onIdle({ timeoutMs: 10_000, pollMs: 20 });
      expect(await runner.counts()).toEqual({ alpha: { ...zero, completed: 4 }, beta: { ...zero, failed: 1 } });
      expect(executions.filter((e) => e.name === "demo.echo").map((e) => e.payload)).toEqual([
        { n: 1 },
        { n: 2 },
        { n: 3 },
        { n: 4 },
      ]);
    });

    it("runs at most `concurrency` jobs of a queue at once", async () => {
      const runner = makeRunner();
      await runner.startProcessing({ concurrency: 2 });
      for (let i = 0; i < 6; i++) await runner.enqueue("demo.slow", { ms: 60 });
      await runner.onIdle({ timeoutMs: 10_000, pollMs: 20 });
      expect(slowEnds).toHaveLength(6);
      expect(maxInFlight).toBe(2);
    });

    it("fails a job that runs past its timeout and aborts its signal", async () => {
      const runner = makeRunner();
      await runner.startProcessing();
      const { jobId } = await runner.enqueue("demo.slow", { ms: 5_000 });
      await runner.onIdle({ timeoutMs: 10_000, pollMs: 20 });
      const job = await runner.getJob("demo.slow", jobId);
      expect(job?.state).toBe("failed");
      expect(job?.failedReason).toMatch(/timed out after 300 m/);
      await until(() => slowEnds.length === 1);
      expect(slowEnds[0]?.aborted).toBe(true);
    });

    it("close() waits for the running job, then releases every socket and timer", async () => {
      const resources = () => {
        const info = process.getActiveResourcesInfo();
        return { sockets: info.filter((r) => r.startsWith("TCP")).length, timers: info.filter((r) => r === "Timeout").length };
      };
      const before = resources();
      const runner = makeRunner();
      await runner.startProcessing();
      await runner.enqueue("demo.slow", { ms: 150 });
      await until(() => executions.length === 1);
      await runner.close();
      const closedAt = Date.now();

      expect(slowEnds).toHaveLength(1);
      expect(slowEnds[0]?.aborted).toBe(false);
      expect(slowEnds[0]!.at).toBeLessThanOrEqual(closedAt);
      await expect(runner.enqueue("demo.echo", { n: 1 })).rejects.toThrow("Job runner is closed");
      await until(() => {
        const now = resources();
        return now.sockets <= before.sockets && now.timers <= before.timers;
      }, 3_000);
    });

    if (mode === "bull") {
      it("shares 50 jobs between two workers on one Redis, running each exactly once", async () => {
        const web = makeRunner("web");
        const workers = [makeRunner("w1"), makeRunner("w2")];
        await Promise.all(workers.map((w) => w.startProcessing({ concurrency: 2 })));
        const ids = Array.from({ length: 50 }, (_, i) => `slow-${i}`);
        await Promise.all(ids.map((jobId) => web.enqueue("demo.slow", { ms: 10 }, { jobId })));
        await web.onIdle({ timeoutMs: 20_000, pollMs: 20 });

        const runs = new Map<string, number>();
        for (const e of executions) runs.set(e.jobId, (runs.get(e.jobId) ?? 0) + 1);
        expect([...runs.keys()].sort()).toEqual([...ids].sort());
        expect([...runs.values()].every((count) => count === 1)).toBe(true);
        expect(executions.filter((e) => e.worker === "web")).toEqual([]);
        const perWorker = ["w1", "w2"].map((w) => executions.filter((e) => e.worker === w).length);
        expect(perWorker[0]! + perWorker[1]!).toBe(50);
        expect(perWorker.every((n) => n > 0)).toBe(true);
        expect((await web.counts()).beta).toEqual({ ...zero, completed: 50 });
      });

      it("fails without retry a payload the worker's schema rejects", async () => {
        // a web process deployed with a looser schema than the worker's
        const looseDefs = {
          ...testDefs,
          "demo.flaky": { ...testDefs["demo.flaky"], payload: z.object({ key: z.union([z.string(), z.number()]) }) },
        };
        const web = createJobRunner({
          definitions: looseDefs,
          processors: processors() as unknown as ProcessorMap<{ worker: string }, typeof looseDefs>,
          context: { worker: "web" },
          redisUrl: url,
          prefix,
          logger,
        });
        try {
          const worker = makeRunner("w1");
          await worker.startProcessing();
          const { jobId } = await web.enqueue("demo.flaky", { key: 7 });
          await web.onIdle({ timeoutMs: 10_000, pollMs: 20 });
          expect(executions).toEqual([]);
          expect(await worker.getJob("demo.flaky", jobId)).toMatchObject({
            state: "failed",
            attemptsMade: 1,
            failedReason: 'Invalid payload for job "demo.flaky": key: Expected string, received number',
          });
        } finally {
          await web.close();
        }
      });
    }
  });
}

describe("processor registry", () => {
  const noop = async () => undefined;

  it("names every job without a processor and every processor without a job", () => {
    const { "demo.slow": _slow, "demo.report": _report, ...partial } = processors();
    const message =
      'Job processors do not match the job definitions: no processor for "demo.report", "demo.slow"; ' +
      'processor without a job definition: "demo.ghost"';
    expect(() => assertProcessorsComplete(testDefs, { ...partial, "demo.ghost": noop })).toThrow(message);
    expect(() =>
      createJobRunner({
        definitions: testDefs,
        processors: { ...partial, "demo.ghost": noop } as unknown as ProcessorMap<object, TestDefs>,
        context: {},
      }),
    ).toThrow(message);
    expect(() => assertProcessorsComplete(testDefs, processors())).not.toThrow();
  });

  it("requires a processor for registry.import in the real registry", () => {
    expect(() => assertProcessorsComplete(jobDefinitions, {})).toThrow('no processor for "registry.import"');
    expect(jobDefinitions["registry.import"].payload.safeParse({ importId: 0 }).success).toBe(false);
    expect(jobDefinitions["registry.import"].payload.safeParse({ importId: 12 }).success).toBe(true);
  });
});

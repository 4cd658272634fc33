/**
 * Redis stopped during submissions, on a redis-server of this test's own (never the shared one).
 * The answer path does not touch the queue (ARCHITECTURE "Data flow"), so answers keep being
 * accepted and stored while Redis is gone. The work they cause — quality flags, column blocks,
 * weights — is not a job the submission enqueues but one the schedule derives from the database
 * (results.refresh: "answers newer than the last pass"), so nothing is lost with Redis's contents:
 * once Redis is back (empty, as after a crash) the worker, which stayed up, catches up. Jobs the
 * app enqueues meanwhile (a button's) wait in the job outbox and are handed over when it returns.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { inject } from "vitest";
import { openApp, type OpenedApp } from "../../app/services/app-context.server";
import { requestQualityPass } from "../../app/services/quality.server";
import { loadEnv, type Env } from "../../app/utils/env.server";
import { createDatabase } from "../../db/client";
import { countOutboxJobs } from "../../db/queries/job-outbox";
import { startSchedules } from "../../jobs/schedule";
import { startServer, type StartedServer } from "../../server";
import { startOwnRedis, type OwnRedis } from "../helpers/own-services";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { newSubmissionId, publishedSurvey, SMALL_SURVEY, validAnswers } from "../helpers/surveys";

describe("Redis stopped during submissions", () => {
  let own: OwnRedis | null = null;
  let db: TestDatabase;
  let env: Env;
  let web: StartedServer;
  let worker: OpenedApp;
  let slug: string;
  let surveyId: number;
  const prefix = `rp-test-${inject("runId")}-faults-redis`;

  beforeAll(async () => {
    own = await startOwnRedis();
    if (!own) return;
    db = await createTestDatabase("faults_redis");
    env = loadEnv({
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: db.url,
      REDIS_URL: own.url,
      SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
      DEMO: "off",
      LOG_LEVEL: "error",
      SUBMISSION_RATE_LIMIT: "0",
      AUDIT_SWEEP: "false",
      REPORT_WEEKLY: "false",
    });
    // the web process enqueues only (WEB_RUNS_JOBS unset); the worker is a second app with its own pool
    web = await startServer({ env, database: db, queuePrefix: prefix, quiet: true });
    worker = await openApp(env, { processJobs: true, database: await createDatabase({ databaseUrl: db.url, poolSize: 3 }), queuePrefix: prefix });
    ({ slug, id: surveyId } = await publishedSurvey(web.app.ctx, SMALL_SURVEY));
  }, 120_000);

  afterAll(async () => {
    try {
      await worker?.close();
      await web?.close();
      await db?.close();
    } finally {
      await own?.destroy(); // even when a close failed: never leave a redis-server behind
    }
  });

  const submit = async (id = newSubmissionId()) => {
    const response = await fetch(`${web.url}/api/polls/${slug}/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ submissionId: id, answers: validAnswers() }),
      signal: AbortSignal.timeout(10_000),
    });
    return { id, status: response.status };
  };
  const stream = async (ms: number) => {
    const results: { id: string; status: number }[] = [];
    const until = Date.now() + ms;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (Date.now() < until) results.push(await submit());
      }),
    );
    return results;
  };
  const qualityCovers = async () => {
    const run = await db.db.selectFrom("survey_quality_runs").select("max_response_id").where("survey_id", "=", surveyId).executeTakeFirst();
    const max = await db.db.selectFrom("responses").select((eb) => eb.fn.max("id").as("id")).where("survey_id", "=", surveyId).executeTakeFirstOrThrow();
    return Number(run?.max_response_id ?? 0) >= Number(max.id);
  };

  it("keeps accepting answers while Redis is down, and the worker catches up on them when it returns", async (t) => {
    if (!own) return t.skip();
    const before = await stream(1_000);
    await own.stop();
    // An enqueue while Redis is down (here the "recompute quality flags" button's) answers at
    // once, with the job kept in PostgreSQL, instead of hanging until Redis returns.
    await sleep(300); // the processes notice the lost connection
    let enqueued = false;
    const enqueue = requestQualityPass(web.app.ctx, surveyId).then(() => (enqueued = true));
    const during = await stream(3_000);
    expect(enqueued).toBe(true); // answered during the outage, not when Redis came back
    await enqueue;
    const waiting = await db.db.selectFrom("job_outbox").select(["name", "payload"]).execute();
    console.log(`redis outage: outbox holds ${JSON.stringify(waiting)}`);
    expect(waiting).toContainEqual({ name: "results.quality", payload: { surveyId } });
    await own.start();
    const after = await stream(1_000);

    const all = [...before, ...during, ...after];
    console.log(`redis outage: ${before.length} before, ${during.length} during, ${after.length} after`);
    expect(during.length).toBeGreaterThan(0);
    expect(all.filter((r) => r.status !== 201)).toEqual([]);
    const stored = await db.db.selectFrom("responses").select("submission_id").where("survey_id", "=", surveyId).execute();
    expect(stored.map((r) => r.submission_id).sort()).toEqual(all.map((r) => r.id).sort());

    // Once Redis is back the outbox hands the job over, and the worker (which stayed up) runs it.
    const deadline = Date.now() + 30_000;
    while (((await countOutboxJobs(db.db)) > 0 || !(await qualityCovers())) && Date.now() < deadline) await sleep(250);
    expect(await countOutboxJobs(db.db)).toBe(0);
    expect(await qualityCovers()).toBe(true);

    // Answers need no job of their own: the schedule's next tick (each minute in production;
    // each second here) enqueues results.refresh, which finds the answers no pass has seen.
    const later = await stream(500);
    expect(later.every((r) => r.status === 201)).toBe(true);
    expect(await qualityCovers()).toBe(false);
    const stopTicks = startSchedules(worker.ctx.jobs, env, 1_000);
    try {
      const until = Date.now() + 45_000;
      while (!(await qualityCovers()) && Date.now() < until) await sleep(250);
      expect(await qualityCovers()).toBe(true);
    } finally {
      stopTicks();
    }
  }, 90_000);
});

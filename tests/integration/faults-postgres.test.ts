/**
 * PostgreSQL restarted under load, on a throwaway cluster of this test's own (never the shared
 * one): while it is down the app answers 503 {"error":"unavailable"} with Retry-After, for the
 * answer endpoint and for pages alike — no 500s, no hangs; once it is back the same process
 * recovers by itself, and every acknowledged submission is in the database exactly once.
 */
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { loadEnv } from "../../app/utils/env.server";
import { createDatabase, type DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrator";
import { startServer, type StartedServer } from "../../server";
import { startOwnPostgres, type OwnPostgres } from "../helpers/own-services";
import { newSubmissionId, publishedSurvey, SMALL_SURVEY, validAnswers } from "../helpers/surveys";

const CLIENTS = 8;
const REQUEST_TIMEOUT_MS = 15_000;

interface Sent {
  status: number | "hang" | "network";
  at: number;
  retryAfter: string | null;
  error?: string;
}

describe("PostgreSQL restarted under load", () => {
  let own: OwnPostgres | null = null;
  let handle: DatabaseHandle;
  let server: StartedServer;
  let slug: string;
  let surveyId: number;

  beforeAll(async () => {
    own = await startOwnPostgres();
    if (!own) return;
    const admin = new pg.Client({ connectionString: own.adminUrl });
    await admin.connect();
    await admin.query("CREATE DATABASE region_pulse");
    await admin.end();
    const url = own.urlFor("region_pulse");
    handle = await createDatabase({ databaseUrl: url, poolSize: 5 });
    await migrateToLatest(handle.db);
    server = await startServer({
      env: loadEnv({
        NODE_ENV: "test",
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: url,
        SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
        DEMO: "off",
        LOG_LEVEL: "error",
        SUBMISSION_RATE_LIMIT: "0",
        AUDIT_SWEEP: "false",
        REPORT_WEEKLY: "false",
      }),
      database: handle,
      quiet: true,
    });
    ({ slug, id: surveyId } = await publishedSurvey(server.app.ctx, SMALL_SURVEY));
  }, 180_000);

  afterAll(async () => {
    try {
      await server?.close();
    } finally {
      await own?.destroy(); // even when the close failed: never leave a cluster behind
    }
  });

  it("answers 503 with Retry-After while it is down, recovers without a restart, and loses no acknowledged submission", async (t) => {
    if (!own) return t.skip();
    const sent = new Map<string, Sent[]>();
    let sending = true;
    let lastSubmissionAt = 0;

    async function submitUntilAnswered(id: string) {
      const log: Sent[] = [];
      sent.set(id, log);
      const body = JSON.stringify({ submissionId: id, answers: validAnswers() });
      for (;;) {
        try {
          const response = await fetch(`${server.url}/api/polls/${slug}/responses`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body,
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const json = (await response.json()) as { error?: string };
          log.push({ status: response.status, at: Date.now(), retryAfter: response.headers.get("retry-after"), error: json.error });
          if (response.status !== 503) return;
        } catch (error) {
          const timedOut = (error as Error).name === "TimeoutError";
          log.push({ status: timedOut ? "hang" : "network", at: Date.now(), retryAfter: null, error: String(error) });
        }
        // a phone honours Retry-After loosely: the test retries sooner to keep the run short
        await sleep(300);
      }
    }

    const clients = Array.from({ length: CLIENTS }, async () => {
      while (sending) {
        await submitUntilAnswered(newSubmissionId());
        lastSubmissionAt = Date.now();
      }
    });

    await sleep(2_000);
    const stoppedAt = Date.now();
    await own.stop();

    // the outage is noticed by the first failed submission; from then on pages answer 503 too
    const deadline = Date.now() + 10_000;
    while (![...sent.values()].some((log) => log.some((s) => s.status === 503)) && Date.now() < deadline) await sleep(50);
    const pages = await Promise.all(["/polls", `/polls/${slug}`, "/login"].map((path) => fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })));
    for (const page of pages) {
      expect(page.status).toBe(503);
      expect(page.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
      const html = await page.text();
      expect(html).toContain("Сервис временно недоступен");
      expect(html).not.toMatch(/\bat .+:\d+:\d+|Error:/); // no stack trace, no error text
    }
    const api = await fetch(`${server.url}/api/polls`, { headers: { Accept: "application/json" } });
    expect(api.status).toBe(503);

    await sleep(3_000);
    await own.start();
    const restartedAt = Date.now();
    // recovery: a fresh submission is stored within a few probe intervals, same process
    await sleep(4_000);
    sending = false;
    await Promise.all(clients);
    const fresh = newSubmissionId();
    await submitUntilAnswered(fresh);

    const all = [...sent.values()].flat();
    const counts = all.reduce<Record<string, number>>((acc, s) => ((acc[String(s.status)] = (acc[String(s.status)] ?? 0) + 1), acc), {});
    console.log(`postgres restart: ${sent.size} submissions, responses ${JSON.stringify(counts)}, down ${restartedAt - stoppedAt} ms`);
    // only 201, 200 (a retry of one stored before the answer was lost) and 503: no 500, no hang
    expect(Object.keys(counts).sort()).toEqual(expect.arrayContaining(["201", "503"]));
    expect(Object.keys(counts).filter((s) => !["200", "201", "503"].includes(s))).toEqual([]);
    const unavailable = all.filter((s) => s.status === 503);
    expect(unavailable.every((s) => s.error === "unavailable" && /^\d+$/.test(s.retryAfter ?? ""))).toBe(true);
    expect(all.some((s) => s.status === 201 && s.at > restartedAt)).toBe(true);
    expect(sent.get(fresh)!.at(-1)!.status).toBe(201);
    expect(lastSubmissionAt).toBeGreaterThan(restartedAt);

    // every submission ended acknowledged, and each is stored exactly once
    const acknowledged = [...sent].filter(([, log]) => log.some((s) => s.status === 200 || s.status === 201)).map(([id]) => id);
    expect(acknowledged).toHaveLength(sent.size);
    const rows = await handle.db.selectFrom("responses").select("submission_id").where("survey_id", "=", surveyId).execute();
    expect(rows.map((r) => r.submission_id).sort()).toEqual(acknowledged.sort());
  }, 120_000);
});

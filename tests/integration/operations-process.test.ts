/**
 * The compiled processes as operators run them (`node build/server.js`, `node build/worker.js`):
 * the access log a real request leaves, and graceful shutdown on SIGTERM — the web process
 * finishes a request in flight, the worker finishes the job it is running, both exit 0.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { request } from "node:http";
import { inject } from "vitest";
import { getRunProgress, startAuditRun } from "../../app/services/audits.server";
import { createAppJobs } from "../../app/services/app-context.server";
import { importRegistry } from "../../app/services/registry-import.server";
import { loadEnv } from "../../app/utils/env.server";
import type { JobRunner } from "../../jobs/types";
import { startFakePlatforms, type FakePlatforms } from "../fixtures/fake-platforms/server";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { deleteKeys, requireRedis } from "../helpers/redis";

interface Child {
  process: ChildProcess;
  output: () => string;
  lines: () => Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

function launch(script: string, env: Record<string, string>): Child {
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\``);
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", SESSION_SECRET: "s".repeat(40), DEMO: "off", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const lines = () =>
    output
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { process: child, output: () => output, lines, exited };
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000, detail = () => ""): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${detail()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the web process: access log and graceful shutdown", () => {
  let t: TestDatabase;
  let web: Child | undefined;

  beforeAll(async () => {
    t = await createTestDatabase("ops-web");
  });
  afterAll(async () => {
    if (web && web.process.exitCode === null) {
      web.process.kill("SIGKILL");
      await web.exited;
    }
    await t?.close();
  });

  it("logs one line per request without query, address or cookie, and finishes a request in flight on SIGTERM", async () => {
    web = launch("build/server.js", { DATABASE_URL: t.url, PORT: "0", HOST: "127.0.0.1" });
    const ready = await waitFor("server ready", () => web!.lines().find((l) => l.msg === "server ready"), 30_000, web.output);
    const url = String(ready.url);

    const answer = await fetch(`${url}/healthz?email=ivanova%40example.ru&token=abc`, {
      headers: { "X-Request-Id": "req-0123456789", Cookie: "rp_session=secret-cookie-value", "X-Forwarded-For": "203.0.113.50" },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-request-id")).toBe("req-0123456789");
    const line = await waitFor("access line", () => web!.lines().find((l) => l.msg === "request" && l.requestId === "req-0123456789"));
    expect(Object.keys(line).sort()).toEqual(["durationMs", "level", "method", "msg", "path", "requestId", "status", "time"]);
    expect(line).toMatchObject({ level: "info", method: "GET", path: "/healthz", status: 200 });
    expect(typeof line.durationMs).toBe("number");
    const output = web.output();
    for (const secret of ["ivanova", "email=", "token=abc", "secret-cookie-value", "203.0.113.50"]) expect(output).not.toContain(secret);
    for (const access of web.lines().filter((l) => l.msg === "request")) expect(JSON.stringify(access)).not.toMatch(/\d+\.\d+\.\d+\.\d+/);

    // A submission whose body is still arriving when SIGTERM comes: it must still be answered.
    const body = JSON.stringify({ submissionId: "shutdown-0001", answers: { q1: "да" } });
    const bytes = Buffer.from(body);
    const { port } = new URL(url);
    let newConnectionRefused: boolean | undefined;
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port, method: "POST", path: "/api/polls/no-such-poll/responses", headers: { "Content-Type": "application/json", "Content-Length": bytes.length, Origin: url } },
        (res) => {
          let text = "";
          res.on("data", (c) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on("error", reject);
      req.write(bytes.subarray(0, 10));
      setTimeout(() => {
        web!.process.kill("SIGTERM");
        setTimeout(async () => {
          // the listener is closed by now: a new connection is refused while the old one is served
          newConnectionRefused = await fetch(`${url}/healthz`).then(
            () => false,
            () => true,
          );
          req.end(bytes.subarray(10));
        }, 400);
      }, 200);
    });
    const finished = await inFlight;
    expect(newConnectionRefused).toBe(true);
    expect(finished.status).toBe(404);
    expect(JSON.parse(finished.text)).toEqual({ error: "not_found" });
    expect(await web.exited).toBe(0);
    expect(web.lines().some((l) => l.msg === "server stopping")).toBe(true);
    expect(web.lines().some((l) => l.msg === "request" && l.path === "/api/polls/no-such-poll/responses" && l.status === 404)).toBe(true);
  });
});

describe("the worker: SIGTERM lets the running job finish", () => {
  const redisUrl = requireRedis();
  let t: TestDatabase;
  let fake: FakePlatforms;
  let jobs: JobRunner;
  let closeAudit: () => Promise<void>;
  let worker: Child | undefined;
  const prefix = `rp-test-${inject("runId")}-ops-worker`;

  beforeAll(async () => {
    if (!redisUrl) return;
    t = await createTestDatabase("ops-worker");
    const report = await importRegistry(
      t.db,
      {
        organisations: ["code,name_ru,kind,parent_code,territory_code,source", "org-slow,Министерство ожидания,ministry,,,test"].join("\n"),
        pages: ["organisation_code,platform,platform_id,url,active", "org-slow,vk,slow_page,https://vk.com/slow_page,true"].join("\n"),
      },
      null,
    );
    expect(report.status).toBe("succeeded");
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 1));
    // every platform answer takes 700 ms: the page's audit (several calls) is in progress for seconds
    fake = await startFakePlatforms(
      {
        pages: [
          {
            platform: "vk",
            id: "9100",
            handle: "slow_page",
            name: "Медленная страница",
            badge: true,
            members: 500,
            posts: [{ id: 1, date: day(3), author: { kind: "page" }, text: "Пост", views: 10, comments: [] }],
          },
        ],
      },
      { latencyMs: 700 },
    );
    const env = loadEnv({ DATABASE_URL: t.url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, DEMO: "off", SESSION_SECRET: "w".repeat(40) });
    const created = createAppJobs(t.db, env);
    jobs = created.jobs;
    closeAudit = () => created.audit.close();
  });
  afterAll(async () => {
    if (worker && worker.process.exitCode === null) {
      worker.process.kill("SIGKILL");
      await worker.exited;
    }
    await jobs?.close();
    await closeAudit?.();
    await fake?.close();
    if (redisUrl) await deleteKeys(redisUrl, prefix);
    await t?.close();
  });

  it.skipIf(!redisUrl)("stops taking jobs, completes the page being audited, then exits 0", async () => {
    worker = launch("build/worker.js", {
      DATABASE_URL: t.url,
      REDIS_URL: redisUrl!,
      QUEUE_PREFIX: prefix,
      VK_API_URL: fake.vkUrl,
      VK_TOKENS: "slow-token",
      AUDIT_SWEEP: "false",
      REPORT_WEEKLY: "false",
    });
    await waitFor("worker ready", () => worker!.lines().find((l) => l.msg === "worker ready"), 30_000, worker.output);
    const started = await startAuditRun({ db: t.db, jobs }, { scope: "all" }, { trigger: "analyst", requestedBy: null });
    if (!started.ok) throw new Error("audit run not started");

    // the page job is running once the platform has been asked something
    await waitFor("the page audit to start", () => (fake.faults.requests.length > 0 ? true : undefined), 30_000, worker.output);
    const before = await getRunProgress(t.db, started.runId);
    expect(before!.done).toBe(0);
    const signalledAt = Date.now();
    worker.process.kill("SIGTERM");
    const code = await worker.exited;
    const stoppedAfterMs = Date.now() - signalledAt;

    expect(code, worker.output()).toBe(0);
    const page = await t.db.selectFrom("audit_run_pages").select(["status", "error_kind"]).where("run_id", "=", started.runId).executeTakeFirstOrThrow();
    expect(page, worker.output()).toEqual({ status: "done", error_kind: null });
    // it waited for the platform's slow answers rather than dropping the job
    expect(stoppedAfterMs).toBeGreaterThan(500);
    expect(fake.faults.requests.length).toBeGreaterThan(1);
    const messages = worker.lines().map((l) => l.msg);
    expect(messages).toContain("worker stopping");
    expect(messages).toContain("worker stopped");
  }, 60_000);
});

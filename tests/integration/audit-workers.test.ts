/**
 * Audits in the scale-out shape: the web side only enqueues, two `npm run worker` processes on one
 * Redis share the pages (none audited twice, VK's per-token limit held across both), and a worker
 * killed in the middle of a run leaves nothing half-done: bull hands its page to the other worker,
 * the run finishes and no observation is duplicated.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { inject } from "vitest";
import { createAppJobs } from "../../app/services/app-context.server";
import { getRunProgress, startAuditRun } from "../../app/services/audits.server";
import { importRegistry } from "../../app/services/registry-import.server";
import { loadEnv } from "../../app/utils/env.server";
import type { JobRunner } from "../../jobs/types";
import { startFakePlatforms, type FakePlatforms } from "../fixtures/fake-platforms/server";
import type { FakePage } from "../fixtures/fake-platforms/world";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { deleteKeys } from "../helpers/redis";

const databaseUrl = inject("testDatabaseUrl");
const redisUrl = inject("testRedisUrl");
const PAGES = 24;
const TOKENS = ["wk-1", "wk-2", "wk-3", "wk-4"];

function fakePage(n: number): FakePage {
  const day = (d: number, h = 1) => new Date(Date.UTC(2026, 10, d, h));
  return {
    platform: "vk",
    id: String(8000 + n),
    handle: `load_page_${n}`,
    name: `Страница ${n}`,
    badge: n % 5 !== 0,
    members: 100 * n,
    posts: Array.from({ length: 6 }, (_, i) => ({
      id: i + 1,
      date: day(2 + i * 2),
      author: { kind: "page" as const },
      text: `Пост ${i + 1}`,
      views: 100,
      comments: Array.from({ length: 5 }, (_, j) => ({
        id: (i + 1) * 100 + j,
        date: day(2 + i * 2, 3 + j),
        author: j % 2 === 0 ? ({ kind: "user", id: 10_000 + j } as const) : ({ kind: "page" } as const),
        text: `Комментарий ${j}`,
        ...(j % 2 === 1 ? { threadOf: (i + 1) * 100 + j - 1, replyTo: (i + 1) * 100 + j - 1 } : {}),
      })),
    })),
  };
}

describe.skipIf(!databaseUrl || !redisUrl)("audits shared by two worker processes", () => {
  let t: TestDatabase;
  let fake: FakePlatforms;
  let jobs: JobRunner;
  let closeAudit: () => Promise<void>;
  const workers: ChildProcess[] = [];
  const output: string[] = [];
  const prefix = `rp-test-${inject("runId")}-audit-workers`;

  const startWorker = (i: number) => {
    const child = spawn(join(process.cwd(), "node_modules/.bin/tsx"), ["jobs/worker.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: prefix,
        SESSION_SECRET: "w".repeat(40),
        LOG_LEVEL: "warn",
        VK_API_URL: fake.vkUrl,
        VK_TOKENS: TOKENS.join(","),
        JOB_CONCURRENCY: "3",
        AUDIT_SWEEP: "false", // only the runs this test starts
      },
      stdio: ["ignore", "pipe", "pipe"],
      // its own process group: tsx runs node as a child, and a kill must reach both
      detached: true,
    });
    output[i] = "";
    child.stdout!.on("data", (c) => (output[i] += c));
    child.stderr!.on("data", (c) => (output[i] += c));
    workers[i] = child;
    return child;
  };

  beforeAll(async () => {
    t = await createTestDatabase("audit-workers");
    const pages = Array.from({ length: PAGES }, (_, i) => i + 1);
    const report = await importRegistry(
      t.db,
      {
        organisations: ["code,name_ru,kind,parent_code,territory_code,source", "org-load,Министерство нагрузки,ministry,,,test"].join("\n"),
        pages: ["organisation_code,platform,platform_id,url,active", ...pages.map((n) => `org-load,vk,load_page_${n},https://vk.com/load_page_${n},true`)].join("\n"),
      },
      null,
    );
    expect(report.status, JSON.stringify(report.rejections)).toBe("succeeded");
    fake = await startFakePlatforms({ pages: pages.map(fakePage) }, { latencyMs: 20 });
    // the web side: enqueues into Redis, never processes
    const env = loadEnv({ DATABASE_URL: t.url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, DEMO: "off", SESSION_SECRET: "w".repeat(40) });
    const created = createAppJobs(t.db, env);
    jobs = created.jobs;
    closeAudit = () => created.audit.close();
    startWorker(0);
    startWorker(1);
  });
  afterAll(async () => {
    for (const w of workers) {
      if (w && w.exitCode === null && w.signalCode === null) {
        const exited = new Promise((r) => w.once("exit", r));
        process.kill(-w.pid!, "SIGTERM");
        await exited;
      }
    }
    await jobs?.close();
    await closeAudit?.();
    await fake?.close();
    if (redisUrl) await deleteKeys(redisUrl, prefix);
    await t?.close();
  });

  async function waitForRun(runId: number, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = (await getRunProgress(t.db, runId))!;
      if (p.run.finished_at) return p;
      if (Date.now() > deadline) throw new Error(`run ${runId} unfinished: ${JSON.stringify({ done: p.done, failed: p.failed, pending: p.pending })}\n${output.join("\n---\n")}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  it("shares a run between two workers without auditing any page twice or passing 3 requests/s on a token", async () => {
    const started = await startAuditRun({ db: t.db, jobs }, { scope: "all" }, { trigger: "analyst", requestedBy: null });
    if (!started.ok) throw new Error("not started");
    const progress = await waitForRun(started.runId, 90_000);
    expect(progress).toMatchObject({ done: PAGES, failed: 0, pending: 0 });

    const wallReads = new Map<string, number>();
    // the first wall page is read inside the overview's execute, later pages by wall.get itself
    for (const r of fake.faults.requests) {
      if (r.outcome !== "ok") continue;
      for (const c of r.calls ?? [{ method: r.method, subject: r.subject ?? null }]) {
        if (c.method === "wall.get") wallReads.set(c.subject!, (wallReads.get(c.subject!) ?? 0) + 1);
      }
    }
    expect(wallReads.size).toBe(PAGES);
    expect([...wallReads.values()].every((n) => n === 1)).toBe(true); // each page's wall read once: no page audited twice
    expect(fake.faults.requests.filter((r) => r.outcome === "rate-limited")).toEqual([]);
    for (const [, peak] of fake.faults.peakPerWindow("vk", 1000)) expect(peak).toBeLessThanOrEqual(3);
    // both processes did part of the work
    const tokensUsed = new Set(fake.faults.requests.map((r) => r.token));
    expect(tokensUsed.size).toBeGreaterThan(1);
    const counts = await t.db.selectFrom("page_comments").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(PAGES * 6 * 5);
  }, 120_000);

  it("finishes a run whose worker is killed mid-way, with no page lost and nothing duplicated", async () => {
    const before = await t.db.selectFrom("page_posts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const started = await startAuditRun({ db: t.db, jobs }, { scope: "all" }, { trigger: "analyst", requestedBy: null });
    if (!started.ok) throw new Error("not started");
    // let the workers get going, then kill one without any chance to clean up
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const p = (await getRunProgress(t.db, started.runId))!;
      if (p.done >= 4) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const killed = workers[0]!;
    const exited = new Promise((r) => killed.once("exit", r));
    process.kill(-killed.pid!, "SIGKILL");
    await exited;
    const doneAtKill = (await getRunProgress(t.db, started.runId))!.done;
    // bull notices the dead worker's jobs once their locks expire (30 s) and hands them on
    const progress = await waitForRun(started.runId, 150_000);
    expect(progress).toMatchObject({ done: PAGES, failed: 0, pending: 0 });
    expect(doneAtKill).toBeLessThan(PAGES); // the kill really happened mid-run
    const after = await t.db.selectFrom("page_posts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n)); // everything re-read, nothing added twice
    const comments = await t.db.selectFrom("page_comments").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(comments.n)).toBe(PAGES * 6 * 5);
    const snapshots = await t.db
      .selectFrom("page_snapshots")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("run_id", "=", started.runId)
      .executeTakeFirstOrThrow();
    expect(Number(snapshots.n)).toBe(PAGES);
  }, 200_000);
});

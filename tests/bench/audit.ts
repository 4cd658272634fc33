/**
 * `npm run bench:audit` — three figures, each beside a baseline measured in the same run:
 *  1. pages/s one worker process audits against the fake VK server at zero latency (20 posts and
 *     200 comments a page), timed over BENCH_PAGES (1,500) pages after an untimed warm-up run of
 *     BENCH_WARM_PAGES (1,000), against the VK connector alone reading the same pages (no database);
 *  2. the highest requests/s any VK token saw with two workers sharing a run (VK's limit is 3);
 *  3. time and peak memory to compute a month's metrics for a national-scale synthetic set in
 *     PostgreSQL (175,000 pages, 2M posts, 20M comments), against one SQL scan of the same rows.
 * Needs PostgreSQL and Redis: BENCH_DATABASE_URL, BENCH_REDIS_URL (defaults: the local ones).
 * The national set is generated once (a few minutes) and kept; BENCH_FRESH=1 rebuilds it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { createAppJobs } from "../../app/services/app-context.server";
import { getRunProgress, startAuditRun } from "../../app/services/audits.server";
import { importRegistry } from "../../app/services/registry-import.server";
import { loadEnv } from "../../app/utils/env.server";
import { createDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrator";
import { memoryRateGate } from "../../jobs/connectors/rate-gate";
import { createVkConnector } from "../../jobs/connectors/vk";
import type { PageTarget } from "../../jobs/connectors/types";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const PAGES = Number(process.env.BENCH_PAGES ?? 1500);
const RATE_PAGES = 48;
// audited (untimed) before the timed run: a worker that sweeps all day runs warm, while a fresh
// one spends its first thousand pages getting V8 to optimise (measured: worker CPU 8.2 ms a page
// after 300 warm-up pages, 6.6 ms after 1,000; 81 pages/s timing a cold worker over 352 pages)
const WARM_PAGES = Number(process.env.BENCH_WARM_PAGES ?? 1000);
const TOKENS = Array.from({ length: 8 }, (_, i) => `bench-token-${i + 1}`);
const CONCURRENCY = 8;
const tsx = join(process.cwd(), "node_modules/.bin/tsx");

const dbUrl = (name: string) => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
};
async function admin(text: string, url = ADMIN_URL) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

function startChild(args: string[], env: Record<string, string>, nodeFlags: string[] = []): { child: ChildProcess; output: () => string; line: Promise<string> } {
  let out = "";
  // compiled JavaScript runs on plain node (the worker as `npm run worker` runs it); TypeScript
  // through tsx, which node loads itself when there are node flags (a CPU profile)
  const compiled = args[0]!.endsWith(".js");
  const [command, argv] = compiled ? [process.execPath, [...nodeFlags, ...args]] : nodeFlags.length > 0 ? [process.execPath, [...nodeFlags, "--import", "tsx", ...args]] : [tsx, args];
  const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const line = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (c) => {
      out += c;
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.stderr!.on("data", (c) => (out += c));
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited ${code}:\n${out}`)));
  });
  line.catch(() => undefined); // workers print nothing at LOG_LEVEL=error; only awaited lines matter
  return { child, output: () => out, line };
}
const stop = (child: ChildProcess) => {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    // already gone
  }
};
/** The largest peak RSS in the process tree under pid (tsx runs node as a child). */
/** CPU seconds (user + system) of a process and everything under it. */
function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  const visit = (p: number) => {
    try {
      const f = readFileSync(`/proc/${p}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      ticks += Number(f[11]) + Number(f[12]);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        for (const child of readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) visit(Number(child));
      }
    } catch {
      // gone
    }
  };
  visit(pid);
  return ticks / 100;
}
/** CPU seconds of every process whose command line starts with `name` (postgres, redis-server). */
function namedCpuSeconds(name: string): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").startsWith(name)) continue;
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}
const cpuNow = (workerPid: number, fakePid: number) => ({
  worker: treeCpuSeconds(workerPid),
  fake: treeCpuSeconds(fakePid),
  postgres: namedCpuSeconds("postgres"),
  redis: namedCpuSeconds("/usr/bin/redis-server") + namedCpuSeconds("redis-server"),
});

/** Stops a child process group and waits (a CPU profile is written on the way out). */
async function stopAndWait(child: ChildProcess) {
  const exited = new Promise((r) => child.once("exit", r));
  stop(child);
  await exited;
}

function peakRssMb(pid: number): number {
  let peak = 0;
  const visit = (p: number) => {
    try {
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))![1]) / 1024);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        for (const child of readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) visit(Number(child));
      }
    } catch {
      // gone
    }
  };
  visit(pid);
  return peak;
}

// ---------------------------------------------------------------- 1. pages/s, one worker
const PAGES_DB = "rp_bench_audit_pages";
await admin(`DROP DATABASE IF EXISTS ${PAGES_DB} WITH (FORCE)`);
await admin(`CREATE DATABASE ${PAGES_DB}`);
const handle = await createDatabase({ databaseUrl: dbUrl(PAGES_DB) });
await migrateToLatest(handle.db);
const pageNumbers = Array.from({ length: PAGES + WARM_PAGES }, (_, i) => i + 1);
const organisationOf = (n: number) => (n <= RATE_PAGES ? "org-rate" : n <= RATE_PAGES + WARM_PAGES ? "org-warm" : "org-bench");
const registry = await importRegistry(
  handle.db,
  {
    organisations: ["code,name_ru,kind,parent_code,territory_code,source", "org-bench,Ведомство,ministry,,,bench", "org-rate,Ведомство 2,ministry,,,bench", "org-warm,Ведомство 3,ministry,,,bench"].join("\n"),
    pages: [
      "organisation_code,platform,platform_id,url,active",
      ...pageNumbers.map((n) => `${organisationOf(n)},vk,bench_page_${n},https://vk.com/bench_page_${n},true`),
    ].join("\n"),
  },
  null,
);
if (registry.status !== "succeeded") throw new Error(JSON.stringify(registry.rejections.slice(0, 3)));

const fast = startChild(["tests/bench/fake-platform-process.ts"], { PAGES: String(PAGES + WARM_PAGES), POSTS: "20", COMMENTS: "10", RATE_LIMITS: "false" });
const fastUrls = JSON.parse(await fast.line) as { vkUrl: string; statsUrl: string };
const stats = async (url: string) => (await (await fetch(url)).json()) as { requests: number; peaks: Record<string, number> };

// Baseline: the VK connector alone reads every page, same tokens and concurrency, no database.
const connector = createVkConnector(
  { baseUrl: fastUrls.vkUrl, version: "5.199", tokens: TOKENS, requestsPerSecond: 100 },
  { gate: memoryRateGate(), tokens: { isDisabled: async () => false, disable: async () => {} } },
);
const since = new Date(Date.now() - 62 * 86_400_000);
async function readPage(n: number) {
  const target: PageTarget = { pageId: n, platform: "vk", platformId: `bench_page_${n}`, url: "" };
  await connector.profile(target);
  const posts = await connector.posts(target, since);
  await connector.comments(target, posts.map((p) => p.id));
  await connector.streams(target, since);
}
const queue = [...pageNumbers];
const baseCpu0 = process.cpuUsage();
const baseFake0 = treeCpuSeconds(fast.child.pid!);
const baseStart = performance.now();
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  for (let n = queue.shift(); n !== undefined; n = queue.shift()) await readPage(n);
}));
const baseSeconds = (performance.now() - baseStart) / 1000;
const baseCpu = process.cpuUsage(baseCpu0);
const baseCpuMs = { connector: (baseCpu.user + baseCpu.system) / 1000 / pageNumbers.length, fake: ((treeCpuSeconds(fast.child.pid!) - baseFake0) * 1000) / pageNumbers.length };

// The app: one `npm run worker` process takes the run from Redis and writes to PostgreSQL.
const prefix = `rp-bench-audit-${process.pid}`;
const workerEnv = {
  DATABASE_URL: dbUrl(PAGES_DB),
  REDIS_URL,
  QUEUE_PREFIX: prefix,
  SESSION_SECRET: "b".repeat(40),
  LOG_LEVEL: "error",
  VK_API_URL: fastUrls.vkUrl,
  VK_TOKENS: TOKENS.join(","),
  VK_REQUESTS_PER_SECOND: "100",
  JOB_CONCURRENCY: String(CONCURRENCY),
  AUDIT_SWEEP: "false",
};
const env = loadEnv({ ...workerEnv, DEMO: "off" });
const web = createAppJobs(handle.db, env);
// BENCH_CPU_PROFILE=<dir>: the worker's V8 CPU profile, for finding where a page's time goes
const profile = process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
// the compiled worker, as `npm run worker` runs it in production (bench:audit builds first)
const worker = startChild(["build/worker.js"], { ...workerEnv, NODE_ENV: "production" }, profile);
await new Promise((r) => setTimeout(r, 3000)); // worker start-up is not part of the figure
/** Waits for a run's pages and its metrics; returns when the pages were done (ms, performance.now). */
async function awaitRun(runId: number): Promise<number> {
  let pagesDoneAt = 0;
  for (;;) {
    const p = (await getRunProgress(handle.db, runId))!;
    if (worker.child.exitCode !== null) throw new Error(`the worker exited:\n${worker.output()}`);
    if (p.run.finished_at && !pagesDoneAt) pagesDoneAt = performance.now();
    if (p.run.finished_at && p.run.metrics_at) {
      if (p.failed > 0) throw new Error(`${p.failed} pages failed:\n${worker.output()}`);
      return pagesDoneAt;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
if (WARM_PAGES > 0) {
  const warm = await startAuditRun({ db: handle.db, jobs: web.jobs }, { scope: "organisation", organisation: "org-warm" }, { trigger: "cli", requestedBy: null });
  if (!warm.ok) throw new Error("warm-up run not started");
  await awaitRun(warm.runId);
}
const requestsBefore = (await stats(fastUrls.statsUrl)).requests;
const cpu0 = cpuNow(worker.child.pid!, fast.child.pid!);
const appStart = performance.now();
const run = await startAuditRun({ db: handle.db, jobs: web.jobs }, { scope: "organisation", organisation: "org-bench" }, { trigger: "cli", requestedBy: null });
if (!run.ok) throw new Error("run not started");
// done when every page is audited and the run's metrics and to-do lists are computed
const pagesDoneAt = await awaitRun(run.runId);
const appSeconds = (performance.now() - appStart) / 1000;
const cpu1 = cpuNow(worker.child.pid!, fast.child.pid!);
const cpuMsPerPage = Object.fromEntries(
  (Object.keys(cpu1) as (keyof typeof cpu1)[]).map((k) => [k, (((cpu1[k] - cpu0[k]) * 1000) / (PAGES - RATE_PAGES)).toFixed(1)]),
);
const auditedPages = PAGES - RATE_PAGES;
const workerRss = peakRssMb(worker.child.pid!);
const requestsPerPage = ((await stats(fastUrls.statsUrl)).requests - requestsBefore) / auditedPages;
await stopAndWait(worker.child);
stop(fast.child);
const comments = await admin("select count(*)::int n from page_comments", dbUrl(PAGES_DB));

const parts = (process.env.BENCH_PARTS ?? "1,2,3").split(",");
// ---------------------------------------------------------------- 2. requests/s per token, two workers
let rate: { seconds: number; peak: number; notDone: number } | null = null;
if (parts.includes("2")) {
  const limited = startChild(["tests/bench/fake-platform-process.ts"], { PAGES: String(RATE_PAGES), POSTS: "20", COMMENTS: "10", RATE_LIMITS: "true" });
  const limitedUrls = JSON.parse(await limited.line) as { vkUrl: string; statsUrl: string };
  const rateEnv = { ...workerEnv, VK_API_URL: limitedUrls.vkUrl, VK_TOKENS: TOKENS.slice(0, 4).join(","), VK_REQUESTS_PER_SECOND: "3", JOB_CONCURRENCY: "4" };
  const twoWorkers = [startChild(["build/worker.js"], { ...rateEnv, NODE_ENV: "production" }), startChild(["build/worker.js"], { ...rateEnv, NODE_ENV: "production" })];
  await new Promise((r) => setTimeout(r, 3000));
  const rateRun = await startAuditRun({ db: handle.db, jobs: web.jobs }, { scope: "organisation", organisation: "org-rate" }, { trigger: "cli", requestedBy: null });
  if (!rateRun.ok) throw new Error("rate run not started");
  const rateStart = performance.now();
  for (;;) {
    const p = (await getRunProgress(handle.db, rateRun.runId))!;
    if (p.run.finished_at) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const rateSeconds = (performance.now() - rateStart) / 1000;
  const limitedStats = await stats(limitedUrls.statsUrl);
  const peakPerToken = Math.max(...Object.values(limitedStats.peaks));
  const refused = (await admin(`select count(*)::int n from audit_run_pages where run_id = ${rateRun.runId} and status <> 'done'`, dbUrl(PAGES_DB))).rows[0].n;
  for (const w of twoWorkers) stop(w.child);
  stop(limited.child);
  rate = { seconds: rateSeconds, peak: peakPerToken, notDone: refused };
}
await web.jobs.close();
await web.audit.close();
await handle.close();

// ---------------------------------------------------------------- 3. a month's metrics, national scale
let national: { pages: number; posts: number; comments: number; generated: number; metrics: { seconds: number; peakRssMb: number }; stored: number; scan: number } | null = null;
if (parts.includes("3")) {
  const NATIONAL_DB = "rp_bench_audit_national";
  const N_PAGES = 175_000;
  const N_POSTS = 2_000_000;
  const N_COMMENTS = 20_000_000;
  const MONTH = "2026-10";
  const START = "2026-09-30T15:00:00Z"; // 1 October 00:00 in Asia/Yakutsk
  const END = "2026-10-31T15:00:00Z";
  const exists = (await admin(`select 1 from pg_database where datname = '${NATIONAL_DB}'`)).rowCount === 1;
  let ready = false;
  if (exists && process.env.BENCH_FRESH !== "1") {
    try {
      ready = (await admin("select value from app_secrets where name = 'bench-national-complete'", dbUrl(NATIONAL_DB))).rowCount === 1;
    } catch {
      ready = false;
    }
  }
  let generationSeconds = 0;
  if (!ready) {
    const genStart = performance.now();
    process.stderr.write("generating the national set (175,000 pages, 2M posts, 20M comments); kept for later runs…\n");
    await admin(`DROP DATABASE IF EXISTS ${NATIONAL_DB} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${NATIONAL_DB}`);
    const nh = await createDatabase({ databaseUrl: dbUrl(NATIONAL_DB) });
    await migrateToLatest(nh.db);
    await nh.close();
    const c = new pg.Client({ connectionString: dbUrl(NATIONAL_DB) });
    await c.connect();
    const q = (text: string) => c.query(text);
    await q("set synchronous_commit = off");
    await q("set maintenance_work_mem = '1GB'");
    await q("insert into territories (code, name_ru, kind, population) values ('nation', 'Россия', 'region', 146000000)");
    await q(`insert into organisations (code, name_ru, kind, peer_group, territory_id)
             select 'org-' || i, 'Организация ' || i, 'ministry', 'regional_executive', (select id from territories) from generate_series(1, 1000) i`);
    await q(`insert into official_pages (id, organisation_id, platform, platform_id, url)
             select i, (select min(id) from organisations) + (i % 1000), 'vk', 'p' || i, 'https://vk.com/p' || i from generate_series(1, ${N_PAGES}) i`);
    // load first, index after: the same indexes the migration made, built once instead of row by row
    await q("alter table page_posts drop constraint page_posts_platform_key; drop index page_posts_published_idx");
    await q("alter table page_comments drop constraint page_comments_platform_key; drop index page_comments_created_idx");
    await q(`insert into page_posts (page_id, platform_post_id, published_at, by_owner, comments_open, likes, reposts, comments_count, views)
             select (i % ${N_PAGES}) + 1, i::text, timestamptz '${START}' + (i % 743) * interval '1 hour', (i % 13) <> 0, (i % 17) <> 0, 10, 1, 10, 500
             from generate_series(1, ${N_POSTS}) i`);
    // comment j of a page (j = i / pages): every third a resident's question, the next the page's
    // reply in its thread 6 hours later, the next another question (some from other bodies)
    await q(`insert into page_comments (page_id, platform_post_id, platform_comment_id, parent_platform_id, author_kind, created_at, deleted)
             select (i % ${N_PAGES}) + 1, ((i / ${N_PAGES}) / 10)::text, i::text,
                    case when (i / ${N_PAGES}) % 3 = 1 then (i - ${N_PAGES})::text end,
                    case when (i / ${N_PAGES}) % 3 = 1 then 'page' when (i / ${N_PAGES}) % 3 = 2 and i % 7 = 0 then 'organisation' else 'resident' end,
                    timestamptz '${START}' + (i / ${N_PAGES}) * interval '6 hours' + (i % 5) * interval '1 hour',
                    i % 50 = 0
             from generate_series(0, ${N_COMMENTS - 1}) i`);
    await q("alter table page_posts add constraint page_posts_platform_key unique (page_id, platform_post_id)");
    await q("create index page_posts_published_idx on page_posts (page_id, published_at)");
    await q("alter table page_comments add constraint page_comments_platform_key unique (page_id, platform_comment_id)");
    await q("create index page_comments_created_idx on page_comments (page_id, created_at)");
    await q("vacuum analyze");
    await q("insert into app_secrets (name, value) values ('bench-national-complete', 'yes')");
    await c.end();
    generationSeconds = (performance.now() - genStart) / 1000;
  }
  const counts = (await admin("select (select count(*) from official_pages)::int pages, (select count(*) from page_posts)::int posts, (select count(*) from page_comments)::int comments", dbUrl(NATIONAL_DB))).rows[0];

  // Baseline: PostgreSQL reading the period's comments once (one scan, no rules, nothing sent back).
  const scanStart = performance.now();
  await admin(`select count(*), count(distinct page_id) from page_comments where created_at >= '${START}' and created_at < '${END}'`, dbUrl(NATIONAL_DB));
  const scanSeconds = (performance.now() - scanStart) / 1000;
  await admin("delete from page_metrics", dbUrl(NATIONAL_DB));
  const metricsChild = startChild(["tests/bench/audit-metrics-child.ts"], { DATABASE_URL: dbUrl(NATIONAL_DB), MONTH, NOW: "2026-11-05T00:00:00Z" });
  const metrics = JSON.parse(await metricsChild.line) as { pages: number; seconds: number; peakRssMb: number };
  const stored = (await admin(`select count(*)::int n from page_metrics where period_label = '${MONTH}'`, dbUrl(NATIONAL_DB))).rows[0].n;

  national = { ...counts, generated: generationSeconds, metrics, stored, scan: scanSeconds };
}
await admin(`DROP DATABASE IF EXISTS ${PAGES_DB} WITH (FORCE)`);

const ok = (good: boolean) => (good ? "ok" : "MISSED");
const appRate = auditedPages / appSeconds;
const baseRate = pageNumbers.length / baseSeconds;
console.log(`1. one worker, fake VK at zero latency, 20 posts + 200 comments a page (${auditedPages} pages timed after ${WARM_PAGES} warm-up pages; ${comments.rows[0].n} comments stored)`);
console.log(`   app: ${appRate.toFixed(1)} pages/s   peak RSS ${workerRss.toFixed(0)} MB   ${requestsPerPage.toFixed(2)} VK requests a page`);
console.log(`   of which pages read and stored ${((pagesDoneAt - appStart) / 1000).toFixed(2)} s, then the run's metrics ${((appStart + appSeconds * 1000 - pagesDoneAt) / 1000).toFixed(2)} s`);
console.log(`   CPU ms a page: ${Object.entries(cpuMsPerPage).map(([k, v]) => `${k} ${v}`).join(", ")} (2 cores = 20 ms a page at 100 pages/s)`);
console.log(`   baseline (VK connector alone, no database): ${baseRate.toFixed(1)} pages/s   ratio app/baseline ${(appRate / baseRate).toFixed(2)}`);
console.log(`   baseline CPU ms a page: connector ${baseCpuMs.connector.toFixed(1)}, fake ${baseCpuMs.fake.toFixed(1)}`);
console.log(`   floor >= 100 pages/s: ${ok(appRate >= 100)}`);
if (rate) {
  console.log(`2. two workers, 4 tokens at VK's real limit: ${RATE_PAGES} pages in ${rate.seconds.toFixed(1)} s; highest requests in any 1 s per token: ${rate.peak}; pages not done: ${rate.notDone}`);
  console.log(`   floor <= 3: ${ok(rate.peak <= 3)}`);
}
if (national) {
  console.log(`3. a month's metrics, ${national.pages} pages / ${national.posts} posts / ${national.comments} comments${national.generated ? ` (generated in ${national.generated.toFixed(0)} s)` : ""}`);
  console.log(`   app: ${national.metrics.seconds.toFixed(1)} s   peak RSS ${national.metrics.peakRssMb.toFixed(0)} MB   ${national.stored} page rows stored`);
  console.log(`   baseline (one SQL scan of the month's comments): ${national.scan.toFixed(1)} s   ratio app/baseline ${(national.metrics.seconds / national.scan).toFixed(1)}`);
  console.log(`   floors < 120 s: ${ok(national.metrics.seconds < 120)}, < 1 GB: ${ok(national.metrics.peakRssMb < 1024)}`);
}
process.exit(0);

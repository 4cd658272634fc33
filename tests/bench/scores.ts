/**
 * `npm run bench:scores` — compliance scores at national scale on real PostgreSQL, each figure
 * beside its floor and a baseline measured in the same run:
 *  1. scoring and ranking 20,000 organisations with 175,000 pages from stored metrics
 *     (scorePeriod: the scores.compute job's whole work, stored), against reading the same
 *     stored metrics alone (the query and JSON.parse of 175,000 documents);
 *  2. the public ranking page (first page of 100) at 200 concurrent readers on the production build
 *     (scripts/start.mjs in a child process), p50/p95 computed from every response, against
 *     /healthz under the same load;
 *  3. the PDF briefing for the demo region (its registry, demo audit and scores), against
 *     building the same report's data without rendering it.
 * Databases: rp_bench_scores (generated once, kept; BENCH_FRESH=1 rebuilds) and
 * rp_bench_scores_demo (rebuilt every run). BENCH_DATABASE_URL, BENCH_SECONDS (default 15).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { monthPeriod } from "../../app/domain/compliance/period";
import { openApp } from "../../app/services/app-context.server";
import { briefingModel, briefingPdf } from "../../app/services/briefing.server";
import { seedDemoRegion } from "../../app/services/demo.server";
import { scorePeriod } from "../../app/services/scores.server";
import { loadEnv } from "../../app/utils/env.server";
import { createDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrator";
import { periodMetrics } from "../../db/queries/scores";
import { metricsSql, ORGANISATIONS, organisationRows, PAGES, pagesSql } from "./scores-data";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const DB_NAME = "rp_bench_scores";
const DEMO_DB = "rp_bench_scores_demo";
const LABEL = "2026-10";
const TZ = "Asia/Yakutsk";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = 200;
const MARKER = "bench-scores-complete";
const SECRET = "s".repeat(40);

const urlOf = (name: string) => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
};
async function admin(text: string, url = ADMIN_URL, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}
const note = (text: string) => process.stderr.write(`${text}\n`);
const seconds = (since: number) => (performance.now() - since) / 1000;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
};
const median = (xs: number[]) => percentile(xs, 0.5);

// ---------------------------------------------------------------- the national data set, once
const dbUrl = urlOf(DB_NAME);
let ready = false;
if (process.env.BENCH_FRESH !== "1" && (await admin("select 1 from pg_database where datname = $1", ADMIN_URL, [DB_NAME])).rowCount === 1) {
  ready = ((await admin("select 1 from app_secrets where name = $1", dbUrl, [MARKER]).catch(() => ({ rowCount: 0 }))).rowCount ?? 0) === 1;
}
if (!ready) {
  note(`generating ${ORGANISATIONS.toLocaleString("en")} organisations, ${PAGES.toLocaleString("en")} pages and a month of their metrics in ${DB_NAME}; kept for later runs…`);
  const t0 = performance.now();
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB_NAME}`);
  const handle = await createDatabase({ databaseUrl: dbUrl, poolSize: 2 });
  await migrateToLatest(handle.db);
  const root = await handle.db.insertInto("territories").values({ code: "bench-region", name_ru: "Регион", kind: "region", population: 1_000_000 }).returning("id").executeTakeFirstOrThrow();
  const territories: number[] = [];
  for (let i = 1; i <= 60; i++) {
    const t = await handle.db.insertInto("territories").values({ code: `bench-t${i}`, name_ru: `Район ${i}`, kind: "municipal_district", parent_id: root.id, population: 10_000 + i * 500 }).returning("id").executeTakeFirstOrThrow();
    territories.push(t.id);
  }
  const rows = organisationRows(territories);
  for (let i = 0; i < rows.length; i += 2_000) await handle.db.insertInto("organisations").values(rows.slice(i, i + 2_000)).execute();
  const first = (await handle.db.selectFrom("organisations").select((eb) => eb.fn.min("id").as("id")).executeTakeFirstOrThrow()).id as number;
  await admin(pagesSql(first), dbUrl);
  const period = monthPeriod(LABEL, TZ);
  const m = metricsSql(LABEL, period.start, period.end);
  await admin(m.text, dbUrl, m.params);
  await admin("vacuum analyze", dbUrl);
  await admin("insert into app_secrets (name, value) values ($1, 'yes')", dbUrl, [MARKER]);
  await handle.close();
  note(`  generated in ${seconds(t0).toFixed(0)} s`);
}

// ---------------------------------------------------------------- 1. scoring and ranking
note("scoring…");
const handle = await createDatabase({ databaseUrl: dbUrl, poolSize: 4 });
await migrateToLatest(handle.db);
const readMs: number[] = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const rows = await periodMetrics(handle.db, LABEL);
  for (const r of rows) JSON.parse(r.metrics);
  readMs.push(performance.now() - t);
}
const scoreMs: number[] = [];
let scored: Awaited<ReturnType<typeof scorePeriod>> | null = null;
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  scored = await scorePeriod(handle.db, { periodLabel: LABEL, timeZone: TZ });
  scoreMs.push(performance.now() - t);
}
if (!scored || scored.status !== "done") throw new Error(`scoring: ${JSON.stringify(scored)}`);
const grades = (await admin("select grade, count(*)::int n from organisation_scores where run_id = $1 group by 1 order by 1", dbUrl, [scored.runId])).rows;
await handle.close();

// ---------------------------------------------------------------- 2. the ranking page under load
note("ranking page under load…");
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
const port = await freePort();
let serverOut = "";
const server: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], {
  env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: dbUrl, REDIS_URL: "", NODE_ENV: "production", SESSION_SECRET: SECRET, LOG_LEVEL: "warn", DEMO: "off", AUDIT_SWEEP: "false", REPORT_WEEKLY: "false" },
  stdio: ["ignore", "pipe", "pipe"],
});
server.stdout!.on("data", (c) => (serverOut += c));
server.stderr!.on("data", (c) => (serverOut += c));
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  if (server.exitCode !== null) throw new Error(`the server exited ${server.exitCode}:\n${serverOut}`);
  if (i > 1500) throw new Error(`the server did not start:\n${serverOut}`);
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 200));
}
async function load(path: string) {
  const latencies: number[] = [];
  const result = await autocannon({
    url: `${base}${path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    setupClient: (client) => client.on("response", (_status: number, _bytes: number, ms: number) => latencies.push(ms)),
  });
  return { rps: result.requests.average, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), non2xx: result.non2xx, errors: result.errors, n: latencies.length };
}
const rankingPath = `/ranking?period=${LABEL}`;
const check = await fetch(`${base}${rankingPath}`);
const html = await check.text();
if (!check.ok || (html.match(/<tr/g) ?? []).length < 100) throw new Error(`the ranking page did not render: ${check.status}`);
await load(rankingPath); // warm-up: JIT, pool, caches (not counted)
const ranking = await load(rankingPath);
const healthz = await load("/healthz");
const exited = new Promise((r) => server.once("exit", r));
server.kill("SIGTERM");
await exited;

// ---------------------------------------------------------------- 3. the demo region's PDF briefing
note("the demo region's PDF briefing…");
await admin(`DROP DATABASE IF EXISTS ${DEMO_DB} WITH (FORCE)`);
await admin(`CREATE DATABASE ${DEMO_DB}`);
const env = loadEnv({ DATABASE_URL: urlOf(DEMO_DB), SESSION_SECRET: SECRET, DEMO: "off", LOG_LEVEL: "error", AUDIT_SWEEP: "false", REPORT_WEEKLY: "false", DATA_DIR: mkdtempSync(join(tmpdir(), "rp-bench-scores-")) });
const app = await openApp(env, { processJobs: true });
await seedDemoRegion(app.ctx);
for (let i = 0; i < 3000; i++) {
  if (await app.ctx.db.selectFrom("score_runs").select("id").where("status", "=", "done").executeTakeFirst()) break;
  await new Promise((r) => setTimeout(r, 100));
}
const pdfMs: number[] = [];
const modelMs: number[] = [];
let pdfBytes = 0;
let pdfOrganisations = 0;
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  const model = await briefingModel(app.ctx.db, { period: null, locale: "ru", regionName: "Амурская область" });
  modelMs.push(performance.now() - t);
  t = performance.now();
  const pdf = await briefingPdf(app.ctx, { period: null, locale: "ru" });
  pdfMs.push(performance.now() - t);
  if (!pdf || !model) throw new Error("the demo region has no scores");
  pdfBytes = pdf.body.length;
  pdfOrganisations = pdf.report.summary.organisations;
}
await app.close();
await admin(`DROP DATABASE IF EXISTS ${DEMO_DB} WITH (FORCE)`);

// ---------------------------------------------------------------- report
const ok = (good: boolean) => (good ? "ok" : "MISSED");
console.log(`${ORGANISATIONS.toLocaleString("en")} organisations, ${PAGES.toLocaleString("en")} pages, metrics for ${LABEL}`);
console.log(`1. scoring and ranking (scorePeriod, stored): median ${(median(scoreMs) / 1000).toFixed(2)} s (${scoreMs.map((v) => (v / 1000).toFixed(2)).join(", ")})`);
console.log(`   baseline: reading the stored metrics alone (query + JSON.parse): median ${(median(readMs) / 1000).toFixed(2)} s; ratio ${(median(scoreMs) / median(readMs)).toFixed(2)}`);
console.log(`   ${scored.organisations} organisations, ${scored.pages} pages scored; grades ${grades.map((g) => `${g.grade ?? "none"} ${g.n}`).join(", ")}`);
console.log(`   floor < 10 s: ${ok(Math.max(...scoreMs) < 10_000)}`);
console.log(`2. public ranking page (100 rows of ${ORGANISATIONS.toLocaleString("en")}) at ${CONNECTIONS} concurrent readers, ${SECONDS} s: ${ranking.rps.toFixed(0)} req/s, p50 ${ranking.p50.toFixed(0)} ms, p95 ${ranking.p95.toFixed(0)} ms (${ranking.n} responses, non-2xx ${ranking.non2xx}, errors ${ranking.errors})`);
console.log(`   baseline /healthz under the same load: ${healthz.rps.toFixed(0)} req/s, p50 ${healthz.p50.toFixed(0)} ms, p95 ${healthz.p95.toFixed(0)} ms; ratio p95 ${(ranking.p95 / Math.max(1, healthz.p95)).toFixed(2)}`);
console.log(`   floor p95 < 200 ms: ${ok(ranking.p95 < 200)}`);
console.log(`3. PDF briefing for the demo region (${pdfOrganisations} organisations): median ${(median(pdfMs) / 1000).toFixed(2)} s, ${(pdfBytes / 1024).toFixed(0)} KB`);
console.log(`   baseline: the report's data without rendering: median ${(median(modelMs) / 1000).toFixed(3)} s; ratio ${(median(pdfMs) / median(modelMs)).toFixed(1)}`);
console.log(`   floor < 10 s: ${ok(Math.max(...pdfMs) < 10_000)}`);
process.exit(0);

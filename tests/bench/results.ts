/**
 * `npm run bench:results` — survey results at 1,000,000 responses to a 30-question survey on real
 * PostgreSQL, each figure printed with its floor:
 *  1. results API p50/p95, unweighted and weighted: GET /api/v1/surveys/:id/results?question=…
 *     with an API token against the production build (scripts/start.mjs in a child process, which
 *     builds first when the sources are newer), rotating over five single-answer questions
 *     (BENCH_REQUESTS a mode, default 30; BENCH_WHOLE=1 adds one whole-survey request each, slow); beside
 *     a baseline measured in the same run, a plain SQL `select answers->>'q1', count(*) … group by 1`
 *     over the same answers, and the ratio app/baseline;
 *  2. raking on three dimensions (territory 10, sex 2, age band 4): computeSurveyWeights, the
 *     results.weights job's whole work (load answers, rake, store a million weights), called
 *     directly; the pure rake() on the same arrays is timed separately;
 *  3. one crosstab (q1 × territory, weighted) through the API;
 *  4. CSV export: runExport (the results.export job) in a child process, rows/s and its peak RSS.
 * Needs PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) and Redis
 * for the web process's queues (BENCH_REDIS_URL, default redis://127.0.0.1:6379; nothing is
 * enqueued there). This process's own job runner is the in-process one and is never started:
 * requestExport and setWeightingTargets enqueue into it and the bench runs the jobs' functions itself.
 *
 * The data set (database rp_bench_results) is generated once and kept (a completion marker in
 * app_secrets); BENCH_FRESH=1 rebuilds it. The survey is made through the services (createStudy,
 * createSurvey, publishSurvey). The responses are generated inside PostgreSQL with
 * `insert … select … from generate_series` (answers from jsonb_build_object over hashtext() of the
 * response number, see results-data.ts), not loaded with COPY: pg-copy-streams is not installed
 * and the pg client alone cannot send COPY … FROM STDIN, and generating in the server avoids
 * shipping ~700 MB of JSON over the socket anyway. The responses table's secondary indexes are
 * dropped for the load and rebuilt after (same names and columns as the migration).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build as esbuild } from "esbuild";
import pg from "pg";
import { rake } from "../../app/domain/statistics/weighting";
import { createAppJobs } from "../../app/services/app-context.server";
import { createApiToken, revokeToken } from "../../app/services/api-tokens.server";
import type { AppContext } from "../../app/services/context.server";
import { requestExport } from "../../app/services/exports.server";
import { computeSurveyWeights, setWeightingTargets } from "../../app/services/results.server";
import { createStudy, createSurvey, publishSurvey } from "../../app/services/surveys.server";
import { createUser } from "../../app/services/users.server";
import { loadEnv } from "../../app/utils/env.server";
import { createLogger } from "../../app/utils/log.server";
import { createDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrator";
import { columnValues } from "../../db/queries/result-blocks";
import { getWeighting } from "../../db/queries/results";
import { refreshResultBlocks } from "../../app/services/result-blocks.server";
import { insertResponsesSql, SURVEY_SLUG, surveyDefinition, targetsCsv } from "./results-data";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const DB_NAME = "rp_bench_results";
const RESPONSES = 1_000_000;
const CHUNK = 100_000;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30);
const QUESTIONS = ["q1", "q6", "q11", "r2", "age_band"];
const MARKER = "bench-results-complete";
const SECRET = "b".repeat(40);
const BENCH_EMAIL = "bench-results@bench.local";

const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();
async function query<T extends pg.QueryResultRow = Record<string, any>>(text: string, url = dbUrl, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query<T>(text, params);
  } finally {
    await c.end();
  }
}
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
};
/**
 * CPU seconds (user + system) used so far by PostgreSQL: every live server process, plus the
 * backends that have ended (the postmaster's reaped children), since a client's backend exits
 * with its connection.
 */
function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "postgres") continue;
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]); // utime, stime, cutime, cstime
    } catch {
      // the process ended while we looked
    }
  }
  return ticks / 100;
}
const note = (text: string) => process.stderr.write(`${text}\n`);
const seconds = (since: number) => (performance.now() - since) / 1000;

// ---------------------------------------------------------------- the data set, once
let ready = false;
if (process.env.BENCH_FRESH !== "1" && (await query("select 1 from pg_database where datname = $1", ADMIN_URL, [DB_NAME])).rowCount === 1) {
  try {
    ready = (await query("select 1 from app_secrets where name = $1", dbUrl, [MARKER])).rowCount === 1;
  } catch {
    ready = false;
  }
}
let generationSeconds = 0;
const genStart = performance.now();
if (!ready) {
  note(`generating ${RESPONSES.toLocaleString("en")} responses to a 30-question survey in ${DB_NAME}; kept for later runs…`);
  await query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`, ADMIN_URL);
  await query(`CREATE DATABASE ${DB_NAME}`, ADMIN_URL);
}
const handle = await createDatabase({ databaseUrl: dbUrl, poolSize: 4 });
await migrateToLatest(handle.db);
const env = loadEnv({ DATABASE_URL: dbUrl, SESSION_SECRET: SECRET, DEMO: "off", LOG_LEVEL: "error", AUDIT_SWEEP: "false" });
// in-process runner (no REDIS_URL), never started; its "closed with jobs not run" warning is expected
const { jobs, audit } = createAppJobs(handle.db, env, { log: createLogger("error") });
const ctx: AppContext = { db: handle.db, jobs, env, sessionSecret: SECRET };

if (!ready) {
  const study = await createStudy(ctx, { title: "bench:results", kind: "quantitative" }, null);
  if (!study.ok) throw new Error(JSON.stringify(study.errors));
  const survey = await createSurvey(ctx, { study_id: String(study.value), slug: SURVEY_SLUG, title: "bench:results, 30 questions" }, surveyDefinition(), null);
  if (!survey.ok) throw new Error(JSON.stringify(survey.definitionErrors ?? survey.errors));
  const published = await publishSurvey(ctx, survey.value, null);
  if (!published.ok) throw new Error(JSON.stringify(published.errors));
  const user = await createUser(ctx, { email: BENCH_EMAIL, password: "bench-results-password", role: "sociologist", displayName: "bench:results" }, null);
  if (!user.ok) throw new Error(JSON.stringify(user.errors));

  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  await c.query("set synchronous_commit = off");
  await c.query("set maintenance_work_mem = '1GB'");
  // load first, index after: the migration's indexes, built once instead of row by row
  await c.query("alter table responses drop constraint responses_submission_key, drop constraint responses_device_key, drop constraint responses_invitation_key");
  await c.query("drop index responses_version_idx, responses_survey_id_idx");
  for (let lo = 1; lo <= RESPONSES; lo += CHUNK) {
    await c.query(insertResponsesSql(survey.value, published.value, lo, Math.min(RESPONSES, lo + CHUNK - 1)));
    note(`  ${Math.min(RESPONSES, lo + CHUNK - 1).toLocaleString("en")} responses (${seconds(genStart).toFixed(0)} s)`);
  }
  await c.query("alter table responses add constraint responses_submission_key unique (survey_id, submission_id)");
  await c.query("alter table responses add constraint responses_device_key unique (survey_id, device_key)");
  await c.query("alter table responses add constraint responses_invitation_key unique (invitation_id)");
  await c.query("create index responses_version_idx on responses (version_id, submitted_at)");
  await c.query("create index responses_survey_id_idx on responses (survey_id, id)");
  await c.query("vacuum analyze");
  await c.query("insert into app_secrets (name, value) values ($1, 'yes')", [MARKER]);
  await c.end();
  generationSeconds = seconds(genStart);
  note(`  generated in ${generationSeconds.toFixed(0)} s`);
}
const surveyRow = await handle.db.selectFrom("surveys").select(["id", "published_version_id"]).where("slug", "=", SURVEY_SLUG).executeTakeFirstOrThrow();
const surveyId = surveyRow.id;
const counts = (await query<{ n: number; mb: number }>("select (select count(*)::int from responses where survey_id = $1) n, pg_total_relation_size('responses') / 1048576 mb", dbUrl, [surveyId])).rows[0]!;

// ---------------------------------------------------------------- 0. the column blocks, built anew
// what the results.blocks job does as answers arrive, here for the whole million at once
note("column blocks…");
await query("delete from result_blocks where survey_id = $1", dbUrl, [surveyId]);
await query("vacuum analyze result_blocks, result_block_values, response_weights");
const blocksStart = performance.now();
const blocks = await refreshResultBlocks(handle.db, surveyId);
const blocksSeconds = seconds(blocksStart);
await query("vacuum analyze result_blocks, result_block_values, response_weights");
const blockStats = (await query<{ n: number; mb: number }>("select (select count(*)::int from result_blocks where survey_id = $1) n, (pg_total_relation_size('result_blocks') + pg_total_relation_size('result_block_values')) / 1048576 mb", dbUrl, [surveyId])).rows[0]!;

// ---------------------------------------------------------------- 2. raking on three dimensions
note("raking…");
const targets = await setWeightingTargets(ctx, surveyId, { csv: targetsCsv(), trimMax: null });
if (!targets.ok) throw new Error(targets.errors.join("\n"));
const rakeStart = performance.now();
const weights = await computeSurveyWeights(handle.db, surveyId);
const rakingSeconds = seconds(rakeStart);
if (weights.status !== "ok") throw new Error(`weights: ${JSON.stringify(weights)}`);
// the same work in parts: reading the answers, then the pure rake() on the arrays
const loadStart = performance.now();
const weighting = (await getWeighting(handle.db, surveyId))!;
const loaded = await columnValues(handle.db, surveyId, weighting.dimensions.map((d) => ({ kind: "scalar" as const, key: d.question })));
const loadedValues = weighting.dimensions.map((_, d) => loaded.blocks.flatMap((b) => b.values[d]!));
const loadSeconds = seconds(loadStart);
const pureStart = performance.now();
const pure = rake(loadedValues, weighting.dimensions.map((d) => ({ name: d.question, targets: d.targets })));
const pureSeconds = seconds(pureStart);
if (!pure.ok) throw new Error(pure.errors.join("\n"));
await query("vacuum analyze result_blocks, response_weights"); // the old weights are dead rows now

// ---------------------------------------------------------------- baseline: one GROUP BY over the answers
// measured after raking, so it reads the table in the same state the API does
const baselineMs: number[] = [];
{
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    await c.query("select answers->>'q1', count(*) from responses where survey_id = $1 group by 1", [surveyId]);
    if (i > 0) baselineMs.push(performance.now() - t); // the first warms the cache
  }
  await c.end();
}
const baseline = percentile(baselineMs, 0.5);

// ---------------------------------------------------------------- 1 and 3. the results API and a crosstab
note("results API…");
const userId = (await handle.db.selectFrom("users").select("id").where("email", "=", BENCH_EMAIL).executeTakeFirstOrThrow()).id;
const token = await createApiToken(ctx, userId, "bench:results");
const port = await freePort();
let serverOut = "";
const server: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: dbUrl,
    REDIS_URL,
    QUEUE_PREFIX: `rp-bench-results-${process.pid}`,
    NODE_ENV: "production",
    SESSION_SECRET: SECRET,
    LOG_LEVEL: "warn",
    DEMO: "off",
    AUDIT_SWEEP: "false",
  },
  stdio: ["ignore", "pipe", "pipe"],
});
server.stdout!.on("data", (c) => (serverOut += c));
server.stderr!.on("data", (c) => (serverOut += c));
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  if (server.exitCode !== null) throw new Error(`the server exited ${server.exitCode}:\n${serverOut}`);
  if (i > 1500) throw new Error(`the server did not start in 5 minutes:\n${serverOut}`); // a build may run first
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 200));
}
async function get(path: string): Promise<{ ms: number; body: any }> {
  const t = performance.now();
  const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token.token}` } });
  const body = await res.json();
  const ms = performance.now() - t;
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(body)}`);
  return { ms, body };
}
const resultsPath = (question: string | null, weighted: boolean) =>
  `/api/v1/surveys/${surveyId}/results?${question ? `question=${question}&` : ""}weighted=${weighted ? 1 : 0}`;
async function latencies(weighted: boolean) {
  for (const q of QUESTIONS) await get(resultsPath(q, weighted)); // warm-up: JIT, pool, cache
  const ms: number[] = [];
  for (let i = 0; i < REQUESTS; i++) ms.push((await get(resultsPath(QUESTIONS[i % QUESTIONS.length]!, weighted))).ms);
  return { p50: percentile(ms, 0.5), p95: percentile(ms, 0.95), max: Math.max(...ms) };
}
const unweighted = await latencies(false);
const weightedLatency = await latencies(true);
const check = (await get(resultsPath("q1", true))).body;
const crosstabMs: number[] = [];
for (let i = 0; i < 3; i++) crosstabMs.push((await get(`/api/v1/surveys/${surveyId}/crosstab?row=q1&col=territory&weighted=1`)).ms);
let whole: { unweighted: number; weighted: number } | null = null;
if (process.env.BENCH_WHOLE === "1") {
  note("whole survey…");
  whole = { unweighted: (await get(resultsPath(null, false))).ms, weighted: (await get(resultsPath(null, true))).ms };
}
const serverRss = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))![1]) / 1024;
const serverExited = new Promise((r) => server.once("exit", r));
server.kill("SIGTERM");
await serverExited;
await revokeToken(ctx, userId, token.id);

// ---------------------------------------------------------------- 4. CSV export, in its own process
note("CSV export…");
const dataDir = mkdtempSync(join(tmpdir(), "rp-bench-results-"));
const childBundle = "build/bench-results-export-child.js";
await esbuild({ entryPoints: ["tests/bench/results-export-child.ts"], outfile: childBundle, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", logLevel: "warning" });
const requested = await requestExport(ctx, surveyId, null, { format: "csv", mode: "codes" });
if (!requested.ok) throw new Error(JSON.stringify(requested.errors));
const postgresCpu0 = postgresCpuSeconds();
const exported = await new Promise<{ seconds: number; rows: number; bytes: number; cpuSeconds: number; rssBeforeMb: number; peakRssMb: number }>((resolve, reject) => {
  // compiled like the worker that runs exports (build/worker.js): plain node, no TypeScript loader
  const child = spawn(process.execPath, [childBundle], {
    env: { ...process.env, DATABASE_URL: dbUrl, DATA_DIR: dataDir, EXPORT_ID: String(requested.exportId) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  child.stderr.on("data", (c) => (out += c));
  child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`export child exited ${code}:\n${out}`))));
});
const exportPostgresCpu = postgresCpuSeconds() - postgresCpu0;
rmSync(dataDir, { recursive: true, force: true });
await handle.db.deleteFrom("survey_exports").where("id", "=", requested.exportId).execute();

await jobs.close();
await audit.close();
await handle.close();

// ---------------------------------------------------------------- report
const ok = (good: boolean) => (good ? "ok" : "MISSED");
const ms = (v: number) => `${v.toFixed(0)} ms`;
const report = weights.report;
const crosstab = { median: percentile(crosstabMs, 0.5), max: Math.max(...crosstabMs) };
const exportRate = exported.rows / exported.seconds;
const q1n = (check.questions?.[0]?.estimates?.n ?? "?") as number | string;
console.log(`${counts.n.toLocaleString("en")} responses to a 30-question survey, responses table ${counts.mb} MB${generationSeconds ? ` (generated in ${generationSeconds.toFixed(0)} s)` : ""}`);
console.log(`baseline (plain SQL: select answers->>'q1', count(*) … group by 1): p50 ${ms(baseline)} (${baselineMs.map((v) => v.toFixed(0)).join(", ")})`);
console.log(`0. column blocks (the results.blocks job), built anew: ${blockStats.n} blocks in ${blocksSeconds.toFixed(1)} s = ${(counts.n / blocksSeconds).toFixed(0)} responses/s, ${blockStats.mb} MB (status ${blocks.status})`);
console.log(`1. results API, one question a request (${QUESTIONS.join(", ")}), ${REQUESTS} requests each, over HTTP with a token:`);
console.log(`   unweighted  p50 ${ms(unweighted.p50)}  p95 ${ms(unweighted.p95)}  max ${ms(unweighted.max)}   ratio p50 app/baseline ${(unweighted.p50 / baseline).toFixed(2)}`);
console.log(`   weighted    p50 ${ms(weightedLatency.p50)}  p95 ${ms(weightedLatency.p95)}  max ${ms(weightedLatency.max)}   ratio p50 app/baseline ${(weightedLatency.p50 / baseline).toFixed(2)}`);
console.log(`   (web process peak RSS ${serverRss.toFixed(0)} MB; q1 weighted n=${q1n}${whole ? `; whole survey, all 30 questions in one request: unweighted ${ms(whole.unweighted)}, weighted ${ms(whole.weighted)}` : ""})`);
console.log(`   floor p95 < 300 ms: unweighted ${ok(unweighted.p95 < 300)}, weighted ${ok(weightedLatency.p95 < 300)}`);
console.log(`2. raking on three dimensions (territory 10 x sex 2 x age band 4), computeSurveyWeights: ${rakingSeconds.toFixed(2)} s`);
console.log(`   of which: reading the answers ~${loadSeconds.toFixed(2)} s, rake() ${pureSeconds.toFixed(2)} s (${pure.report.rounds} rounds), storing the weights ~${Math.max(0, rakingSeconds - loadSeconds - pureSeconds).toFixed(2)} s (the rest)`);
console.log(`   ${report.weighted} weighted, ${report.notWeighted} not; weights ${report.minWeight.toFixed(3)}..${report.maxWeight.toFixed(3)}, deff ${report.deff.toFixed(2)}, converged ${report.converged}`);
console.log(`   floor < 5 s: ${ok(rakingSeconds < 5)}`);
console.log(`3. crosstab q1 x territory, weighted, via the API: median ${ms(crosstab.median)}, slowest of 3 ${ms(crosstab.max)}   ratio median/baseline ${(crosstab.median / baseline).toFixed(2)}`);
console.log(`   floor < 1 s: ${ok(crosstab.max < 1000)}`);
console.log(`4. CSV export (codes), runExport in its own process: ${exported.rows.toLocaleString("en")} rows in ${exported.seconds.toFixed(1)} s = ${exportRate.toFixed(0)} rows/s, ${(exported.bytes / 1048576).toFixed(0)} MB`);
console.log(`   peak RSS ${exported.peakRssMb.toFixed(0)} MB (${exported.rssBeforeMb.toFixed(0)} MB before the export started); CPU: export process ${exported.cpuSeconds.toFixed(1)} s, PostgreSQL ${exportPostgresCpu.toFixed(1)} s`);
console.log(`   floors > 50,000 rows/s: ${ok(exportRate > 50_000)}, RSS < 300 MB: ${ok(exported.peakRssMb < 300)}`);
process.exit(0);

/**
 * `npm run bench:responses`: validated submissions/s through the production build on real
 * PostgreSQL (30-question survey, 64 concurrent clients), beside a bare baseline measured in the
 * same run: node:http + one INSERT of the same body into the same table.
 * Needs PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import autocannon from "autocannon";
import pg from "pg";
import { createDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrator";
import { loadEnv } from "../../app/utils/env.server";
import { createAppJobs } from "../../app/services/app-context.server";
import { createStudy, createSurvey, publishSurvey } from "../../app/services/surveys.server";
import { thirtyQuestionAnswer, thirtyQuestionSurvey } from "./survey-30";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const DB_NAME = "rp_bench_responses";
const CONNECTIONS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();

async function admin(sqlText: string) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sqlText);
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

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** CPU seconds (user + system) used so far by the processes whose command line matches. */
function cpuSeconds(match: (cmdline: string) => boolean): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (!match(readFileSync(`/proc/${pid}/cmdline`, "utf8"))) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15 of stat)
    } catch {
      // the process ended while we looked
    }
  }
  return ticks / 100; // USER_HZ
}
const isPostgres = (cmd: string) => cmd.startsWith("postgres");

async function waitFor(child: ChildProcess, pattern: RegExp) {
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready:\n${out}`)), 60_000);
    const on = (chunk: Buffer) => {
      out += chunk;
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", on);
    child.stderr!.on("data", on);
    child.once("exit", (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
}

function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function load(url: string, label: string, serverPid: number) {
  let n = 0;
  const cpu0 = { server: processCpuSeconds(serverPid), postgres: cpuSeconds(isPostgres), loader: process.cpuUsage() };
  const run = autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    method: "POST",
    headers: { "content-type": "application/json" },
    requests: [
      {
        setupRequest: (req) => {
          n += 1;
          return { ...req, body: JSON.stringify({ submissionId: `${label}-${process.pid}-${n}`, answers: thirtyQuestionAnswer(n), locale: "ru" }) };
        },
      },
    ],
  });
  const result = await run;
  const ok = result["2xx"];
  const loader = process.cpuUsage(cpu0.loader);
  // CPU per acknowledged request, in ms: where the two cores went (server, PostgreSQL, load generator).
  const perRequest = (seconds: number) => (ok > 0 ? (seconds * 1000) / ok : 0);
  return {
    rps: ok / SECONDS,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuMs: {
      server: perRequest(processCpuSeconds(serverPid) - cpu0.server),
      postgres: perRequest(cpuSeconds(isPostgres) - cpu0.postgres),
      loader: perRequest((loader.user + loader.system) / 1e6),
    },
  };
}

await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
await admin(`CREATE DATABASE ${DB_NAME}`);
const handle = await createDatabase({ databaseUrl: dbUrl });
await migrateToLatest(handle.db);
const env = loadEnv({ DATABASE_URL: dbUrl, SESSION_SECRET: "b".repeat(40), DEMO: "off" });
const { jobs, audit } = createAppJobs(handle.db, env);
const ctx = { db: handle.db, jobs, env, sessionSecret: "b".repeat(40) };
const study = await createStudy(ctx, { title: "bench", kind: "quantitative" }, null);
if (!study.ok) throw new Error(JSON.stringify(study.errors));
const survey = await createSurvey(ctx, { study_id: String(study.value), slug: "bench-30", title: "bench" }, thirtyQuestionSurvey(), null);
if (!survey.ok) throw new Error(JSON.stringify(survey.definitionErrors ?? survey.errors));
const published = await publishSurvey(ctx, survey.value, null);
if (!published.ok) throw new Error("publish");
await jobs.close();
await audit.close();
await handle.close();

// The app: the production build, as `npm start` runs it.
const appPort = await freePort();
// BENCH_CPU_PROFILE=<dir> writes the app's V8 CPU profile there (open it in Chrome DevTools).
const profileArgs = process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
const app = spawn(process.execPath, [...profileArgs, "scripts/start.mjs"], {
  env: { ...process.env, PORT: String(appPort), DATABASE_URL: dbUrl, REDIS_URL: "", NODE_ENV: "production", SESSION_SECRET: "b".repeat(40), SUBMISSION_RATE_LIMIT: "0", LOG_LEVEL: "warn", DEMO: "off", DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? "10" },
  stdio: ["ignore", "pipe", "pipe"],
});
// LOG_LEVEL=warn keeps the app quiet under load, so readiness is the port answering.
for (let i = 0; i < 100; i++) {
  try {
    await fetch(`http://127.0.0.1:${appPort}/healthz`);
    break;
  } catch {
    await new Promise((r) => setTimeout(r, 200));
  }
}
await load(`http://127.0.0.1:${appPort}/api/polls/bench-30/responses`, "warm", app.pid!); // warm-up (JIT, pools)
const appResult = await load(`http://127.0.0.1:${appPort}/api/polls/bench-30/responses`, "app", app.pid!);
const appRss = peakRssMb(app.pid!);
app.kill(profileArgs.length > 0 ? "SIGINT" : "SIGTERM");

// The baseline: parse the body and INSERT it, nothing else.
const basePort = await freePort();
const baseline = spawn(process.execPath, ["tests/bench/baseline-insert.mjs"], {
  env: { ...process.env, PORT: String(basePort), DATABASE_URL: dbUrl, SURVEY_ID: String(survey.value), VERSION_ID: String(published.value) },
  stdio: ["ignore", "pipe", "pipe"],
});
await waitFor(baseline, /listening/);
await load(`http://127.0.0.1:${basePort}/`, "bwarm", baseline.pid!);
const baseResult = await load(`http://127.0.0.1:${basePort}/`, "base", baseline.pid!);
const baseRss = peakRssMb(baseline.pid!);
baseline.kill("SIGTERM");

const check = await new pg.Client({ connectionString: dbUrl });
await check.connect();
const stored = (await check.query("select count(*)::int n from responses where submission_id like 'app-%'")).rows[0].n;
await check.end();

const fmt = (name: string, r: typeof appResult, rss: number) =>
  `${name.padEnd(40)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   peak RSS ${rss.toFixed(0)} MB   non-2xx ${r.non2xx}\n${"".padEnd(40)} CPU ms per request: server ${r.cpuMs.server.toFixed(3)}, PostgreSQL ${r.cpuMs.postgres.toFixed(3)}, load generator ${r.cpuMs.loader.toFixed(3)}`;
console.log(fmt("app: validated submissions (30 questions)", appResult, appRss));
console.log(fmt("baseline: node:http + one INSERT", baseResult, baseRss));
console.log(`ratio app/baseline: ${(appResult.rps / baseResult.rps).toFixed(2)}   responses stored by the app run: ${stored}`);
console.log(
  `floors: >= 1000/s ${appResult.rps >= 1000 ? "ok" : "MISSED"}, p99 < 100 ms ${appResult.p99 < 100 ? "ok" : "MISSED"}, >= 50% of baseline ${appResult.rps >= 0.5 * baseResult.rps ? "ok" : "MISSED"}, RSS < 400 MB ${appRss < 400 ? "ok" : "MISSED"}`,
);
await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
process.exit(0);

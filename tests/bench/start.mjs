// `npm run bench:start`: how long `npm start` takes to serve, cold (fresh clone: build +
// migrations + demo region) and warm, and the idle server's memory; beside a bare node:http
// server started the same way in the same run as the baseline.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const rssMb = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
};

async function timeToReady(command, args, env, readyPattern) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 180 s:\n${output}`)), 180_000);
    const onData = (chunk) => {
      output += chunk;
      if (readyPattern.test(output)) {
        clearTimeout(timer);
        resolve(performance.now() - started);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
  const response = await fetch(`http://127.0.0.1:${port}/`);
  if (!response.ok) throw new Error(`GET / answered ${response.status}`);
  await response.text();
  await new Promise((r) => setTimeout(r, 3000)); // let start-up garbage settle
  const rss = rssMb(child.pid);
  child.removeAllListeners("exit");
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  return { seconds: ready / 1000, rss };
}

const dataDir = mkdtempSync(join(tmpdir(), "rp-bench-start-"));
const appEnv = { DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", HOST: "127.0.0.1", NODE_ENV: "" };
try {
  rmSync("build", { recursive: true, force: true });
  rmSync("public/build", { recursive: true, force: true });
  const cold = await timeToReady("node", ["scripts/start.mjs"], appEnv, /"server ready"/);
  const warm = await timeToReady("node", ["scripts/start.mjs"], appEnv, /"server ready"/);
  const baseline = await timeToReady(
    "node",
    ["-e", "require('node:http').createServer((q,s)=>s.end('ok')).listen(process.env.PORT,'127.0.0.1',()=>console.log('listening'))"],
    {},
    /listening/,
  );
  const line = (name, r) =>
    `${name.padEnd(34)} ${r.seconds.toFixed(2).padStart(7)} s  ${r.rss.toFixed(0).padStart(5)} MB RSS  (${(r.seconds / baseline.seconds).toFixed(0)}x baseline time, ${(r.rss / baseline.rss).toFixed(1)}x baseline RSS)`;
  console.log(line("cold start (build+migrate+demo)", cold));
  console.log(line("warm start", warm));
  console.log(`${"baseline: bare node:http".padEnd(34)} ${baseline.seconds.toFixed(2).padStart(7)} s  ${baseline.rss.toFixed(0).padStart(5)} MB RSS`);
  console.log(`floors: cold < 60 s ${cold.seconds < 60 ? "ok" : "MISSED"}, warm < 10 s ${warm.seconds < 10 ? "ok" : "MISSED"}, idle RSS < 250 MB ${warm.rss < 250 ? "ok" : "MISSED"}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

// `npm start`: build the Remix app and the server when the sources are newer than the build,
// then run the compiled server in this same process. `npm run worker` (this script with the
// argument "worker") runs the compiled job worker instead.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCES = ["app", "db", "jobs", "server.ts", "remix.config.js", "package.json"];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const outputs = ["build/index.js", "build/server.js", "build/worker.js"];
const oldestOutput = () => Math.min(...outputs.map((p) => statSync(p).mtimeMs));
const stale =
  !outputs.every(existsSync) || SOURCES.filter(existsSync).some((p) => newestMtime(p) > oldestOutput());
if (stale) {
  process.stdout.write("Building the app (first start or changed sources)…\n");
  const steps = [["node_modules/@remix-run/dev/dist/cli.js", "build"], ["scripts/build-server.mjs"]];
  for (const args of steps) {
    const result = spawnSync(process.execPath, args, { stdio: "inherit" });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

process.env.NODE_ENV ||= "production";
if (process.argv[2] === "worker") await import("../build/worker.js");
else {
  process.env.RP_START = "1";
  await import("../build/server.js");
}

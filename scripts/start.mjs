// `npm start`: build the Remix app when the sources are newer than the build, then run the
// server in this same process (tsx compiles the TypeScript server on the fly).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCES = ["app", "db", "jobs", "remix.config.js", "package.json"];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const built = "build/index.js";
const stale =
  !existsSync(built) || SOURCES.filter(existsSync).some((p) => newestMtime(p) > statSync(built).mtimeMs);
if (stale) {
  process.stdout.write("Building the app (first start or changed sources)…\n");
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.NODE_ENV ||= "production";
process.env.RP_START = "1";
const { register } = await import("tsx/esm/api");
register();
await import("../server.ts");

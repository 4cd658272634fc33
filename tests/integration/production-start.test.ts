/**
 * The artifact `npm start` runs (build/server.js, bundled by esbuild) on a fresh embedded data
 * folder: it must migrate, load the demo region and its surveys, and serve. Tests that import
 * the TypeScript directly cannot see bundling mistakes (such as a side-effect import dropped).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

describe("the production bundle on a fresh embedded database", () => {
  let child: ChildProcess | undefined;
  let output = "";
  const dataDir = mkdtempSync(join(tmpdir(), "rp-prod-start-"));

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child!.once("exit", r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts, prints the demo logins and serves the landing page and the demo polls", async () => {
    const port = await freePort();
    child = spawn(process.execPath, ["build/server.js"], {
      env: { ...process.env, RP_START: "1", NODE_ENV: "production", PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", SESSION_SECRET: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (c) => (output += c));
    child.stderr!.on("data", (c) => (output += c));
    const exited = new Promise((r) => child!.once("exit", r));
    const ready = (async () => {
      while (!/server ready/.test(output)) await new Promise((r) => setTimeout(r, 100));
    })();
    await Promise.race([ready, exited.then(() => Promise.reject(new Error(`exited:\n${output}`)))]);
    expect(output).toContain("admin@demo.pulse.local");
    const landing = await fetch(`http://127.0.0.1:${port}/`);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain("Амурская область");
    const polls = await (await fetch(`http://127.0.0.1:${port}/polls`)).text();
    expect(polls).toContain("Как органы власти отвечают жителям в соцсетях");
    expect(polls).toContain("Интернет в жизни жителей Амурской области");
  }, 120_000);
});

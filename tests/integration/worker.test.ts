/**
 * The scale-out shape: a web process that only enqueues, and `npm run worker` (a separate process)
 * that takes the job from Redis and writes to the same PostgreSQL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { inject } from "vitest";
import { addUser, Browserish, startTestServer, type TestServer } from "../helpers/app-server";

const databaseUrl = inject("testDatabaseUrl");
const redisUrl = inject("testRedisUrl");

// Needs both real services; CI always has them (global setup fails the run otherwise).
describe.skipIf(!databaseUrl || !redisUrl)("web process + npm run worker over Redis", () => {
  let server: TestServer;
  let worker: ChildProcess | undefined;
  let workerOutput = "";
  const prefix = `rp-test-${inject("runId")}-worker`;

  beforeAll(async () => {
    server = await startTestServer("worker", { REDIS_URL: redisUrl, QUEUE_PREFIX: prefix });
    expect(server.app.ctx.jobs.mode).toBe("bull");
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill("SIGTERM");
      await new Promise((r) => worker!.once("exit", r));
    }
    await server?.stop();
  });

  it("imports an uploaded registry file only once a worker runs, then shows the report", async () => {
    const analystAccount = await addUser(server, "analyst");
    const analyst = new Browserish(server.url);
    await analyst.login(analystAccount.email, analystAccount.password);
    const form = new FormData();
    form.set("territories", new Blob(["code,name_ru,kind\nregion-x,Регион X,region\n"]), "territories.csv");
    const upload = await analyst.request("/registry/import", { method: "POST", body: form });
    const reportPath = upload.headers.get("location")!;
    expect(reportPath).toMatch(/^\/registry\/import\/\d+$/);

    // the web process does not process jobs in this mode: the import waits in Redis
    await new Promise((r) => setTimeout(r, 500));
    expect(await (await analyst.get(reportPath)).text()).toContain("в очереди");

    worker = spawn(join(process.cwd(), "node_modules/.bin/tsx"), ["jobs/worker.ts"], {
      env: { ...process.env, DATABASE_URL: server.db.url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, LOG_LEVEL: "info", SESSION_SECRET: "w".repeat(40) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker.stdout!.on("data", (c) => (workerOutput += c));
    worker.stderr!.on("data", (c) => (workerOutput += c));

    const deadline = Date.now() + 30_000;
    let status = "";
    while (Date.now() < deadline) {
      const row = await server.db.db.selectFrom("registry_imports").select("status").executeTakeFirstOrThrow();
      status = row.status;
      if (status !== "queued" && status !== "running") break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status, workerOutput).toBe("succeeded");
    const territory = await server.db.db.selectFrom("territories").select("name_ru").where("code", "=", "region-x").executeTakeFirst();
    expect(territory?.name_ru).toBe("Регион X");
    expect(workerOutput).toContain('"worker ready"');

    worker.kill("SIGTERM");
    const code = await new Promise((r) => worker!.once("exit", r));
    expect(code).toBe(0); // graceful shutdown
  });
});

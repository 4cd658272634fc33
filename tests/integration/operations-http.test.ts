/**
 * Operations endpoints over real HTTP against the production build: liveness and readiness,
 * Prometheus metrics (content and access), request ids, and bull-board behind the admin role.
 */
import { createServer, type Server } from "node:net";
import { inject } from "vitest";
import { checkReadiness, closeReadiness } from "../../app/services/readiness.server";
import { importRegistry } from "../../app/services/registry-import.server";
import type { AppContext } from "../../app/services/context.server";
import { loadEnv } from "../../app/utils/env.server";
import { createAuditRun } from "../../db/queries/audit-runs";
import { createDatabase } from "../../db/client";
import { addUser, Browserish, startTestServer, type TestServer } from "../helpers/app-server";
import { deleteKeys, requireRedis } from "../helpers/redis";

const METRICS_TOKEN = "metrics-token-0123456789abcdef";

describe("probes, metrics and request ids (in-process jobs)", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer("ops-http", { METRICS_TOKEN });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers liveness without touching dependencies and readiness with each check", async () => {
    const live = await fetch(`${server.url}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ ok: true });

    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get("cache-control")).toBe("no-store");
    expect(await ready.json()).toEqual({ database: "ok", redis: "not configured" });
  });

  it("keeps a well-formed incoming X-Request-Id and replaces anything else", async () => {
    const kept = await fetch(`${server.url}/healthz`, { headers: { "X-Request-Id": "3f2a9c1e-0b7d-4c55-9e61-1a2b3c4d5e6f" } });
    expect(kept.headers.get("x-request-id")).toBe("3f2a9c1e-0b7d-4c55-9e61-1a2b3c4d5e6f");
    const replaced = await fetch(`${server.url}/healthz`, { headers: { "X-Request-Id": "<script>alert(1)</script> ivanova@example.ru" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const generated = await fetch(`${server.url}/polls`);
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("exposes Prometheus metrics: submissions, latency by route pattern, queue depth, audit progress and failures", async () => {
    // an audit run with three pages: one done, one failed (rate limit), one left
    const report = await importRegistry(
      server.db.db,
      {
        organisations: ["code,name_ru,kind,parent_code,territory_code,source", "org-ops,Министерство проверок,ministry,,,test"].join("\n"),
        pages: [
          "organisation_code,platform,platform_id,url,active",
          ...[1, 2, 3].map((n) => `org-ops,vk,ops_page_${n},https://vk.com/ops_page_${n},true`),
        ].join("\n"),
      },
      null,
    );
    expect(report.status).toBe("succeeded");
    const pageIds = (await server.db.db.selectFrom("official_pages").select("id").orderBy("id").execute()).map((p) => p.id);
    const run = await createAuditRun(server.db.db, { scope: "all", scopeRef: null, trigger: "cli", requestedBy: null, pageIds });
    await server.db.db.updateTable("audit_run_pages").set({ status: "done", finished_at: new Date() }).where("run_id", "=", run.id).where("page_id", "=", pageIds[0]!).execute();
    await server.db.db
      .updateTable("audit_run_pages")
      .set({ status: "failed", error_kind: "rate_limit", error_message: "too many requests", finished_at: new Date() })
      .where("run_id", "=", run.id)
      .where("page_id", "=", pageIds[1]!)
      .execute();

    // traffic: two different poll slugs (one route pattern) and a refused submission
    await fetch(`${server.url}/polls/no-such-poll-a?utm=x`);
    await fetch(`${server.url}/polls/no-such-poll-b`);
    const refused = await fetch(`${server.url}/api/polls/no-such-poll/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: server.url },
      body: JSON.stringify({ submissionId: "ops-sub-0001", answers: { q1: 1 } }),
    });
    expect(refused.status).toBe(404);

    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('rp_poll_submissions_total{outcome="refused",reason="not_found"} 1');
    expect(text).toMatch(/rp_http_request_duration_seconds_count\{method="GET",status_class="\dxx",route="\/polls\/:slug"\} 2/);
    // never the raw path
    expect(text).not.toContain("no-such-poll-a");
    expect(text).toMatch(/rp_http_request_duration_seconds_count\{method="POST",status_class="4xx",route="\/api\/polls\/:slug\/responses"\} 1/);
    for (const queue of ["registry", "surveys", "maintenance", "audits"]) expect(text).toMatch(new RegExp(`rp_job_queue_jobs\\{queue="${queue}",state="waiting"\\} \\d+`));
    expect(text).toContain(`rp_audit_run_pages{run_id="${run.id}",state="done"} 1`);
    expect(text).toContain(`rp_audit_run_pages{run_id="${run.id}",state="failed"} 1`);
    expect(text).toContain(`rp_audit_run_pages{run_id="${run.id}",state="left"} 1`);
    expect(text).toContain('rp_audit_page_failures_24h{kind="rate_limit"} 1');
    expect(text).toContain("rp_process_resident_memory_bytes");
  });

  it("refuses /metrics to a forwarded (non-local) caller unless it brings the token", async () => {
    const forwarded = { "X-Forwarded-For": "203.0.113.9" };
    expect((await fetch(`${server.url}/metrics`, { headers: forwarded })).status).toBe(403);
    expect((await fetch(`${server.url}/metrics`, { headers: { ...forwarded, Authorization: "Bearer wrong-token-0123456789abc" } })).status).toBe(403);
    const allowed = await fetch(`${server.url}/metrics`, { headers: { ...forwarded, Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain("rp_http_request_duration_seconds");
  });

  it("tells an admin that jobs run in-process instead of showing bull-board", async () => {
    const account = await addUser(server, "admin");
    const admin = new Browserish(server.url);
    await admin.login(account.email, account.password);
    const page = await admin.get("/admin/queues");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("REDIS_URL");
  });
});

describe("readiness checks fail fast and say which dependency failed", () => {
  let silent: Server;
  let silentPort = 0;
  beforeAll(async () => {
    // accepts connections and never answers: a hung database or Redis
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(() => {
    silent.close();
    silent.unref();
  });

  it("reports a hung database and an unreachable Redis as failed within the timeout", async () => {
    const hung = await createDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${silentPort}/none`, poolSize: 1 });
    const ctx = {
      db: hung.db,
      env: loadEnv({ DATABASE_URL: `postgres://postgres@127.0.0.1:${silentPort}/none`, REDIS_URL: `redis://127.0.0.1:${silentPort}` }),
    } as unknown as AppContext;
    const started = Date.now();
    const readiness = await checkReadiness(ctx);
    const tookMs = Date.now() - started;
    expect(readiness).toEqual({ ready: false, database: "failed", redis: "failed" });
    expect(tookMs).toBeLessThan(2500);
    await closeReadiness(ctx);
    // the pool still waits on the silent server's sockets: do not let its end hold the test
    await Promise.race([hung.close(), new Promise((r) => setTimeout(r, 500))]);
  });
});

describe("bull-board at /admin/queues (jobs on Redis)", () => {
  const redisUrl = requireRedis();
  let server: TestServer;
  const prefix = `rp-test-${inject("runId")}-ops-board`;

  beforeAll(async () => {
    if (!redisUrl) return;
    server = await startTestServer("ops-board", { REDIS_URL: redisUrl, QUEUE_PREFIX: prefix });
    expect(server.app.ctx.jobs.mode).toBe("bull");
    const report = await importRegistry(
      server.db.db,
      { organisations: ["code,name_ru,kind,parent_code,territory_code,source", "org-board,Министерство очередей,ministry,,,test"].join("\n") },
      null,
    );
    expect(report.status).toBe("succeeded");
  });
  afterAll(async () => {
    await server?.stop();
    if (redisUrl) await deleteKeys(redisUrl, prefix);
  });

  it.skipIf(!redisUrl)("reports Redis in readiness", async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ database: "ok", redis: "ok" });
  });

  it.skipIf(!redisUrl)("serves the board and its API to admins only; others get 403, strangers the login page", async () => {
    await server.app.ctx.jobs.enqueue("registry.import", { importId: 4242 }, { jobId: "ops-board-probe" });

    const anonymous = await fetch(`${server.url}/admin/queues`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/login?redirectTo=%2Fadmin%2Fqueues");
    const anonymousApi = await fetch(`${server.url}/admin/queues/api/queues`, { redirect: "manual" });
    expect(anonymousApi.status).toBe(302);

    for (const role of ["analyst", "sociologist", "page_admin"] as const) {
      const account = await addUser(server, role, role === "page_admin" ? { organisationCode: "org-board" } : {});
      const client = new Browserish(server.url);
      await client.login(account.email, account.password);
      expect((await client.get("/admin/queues")).status, role).toBe(403);
      expect((await client.get("/admin/queues/api/queues")).status, role).toBe(403);
    }

    const account = await addUser(server, "admin");
    const admin = new Browserish(server.url);
    await admin.login(account.email, account.password);
    const page = await admin.get("/admin/queues");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/"');
    // its assets come from under the same guarded path
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await admin.get(`/admin/queues/${script}`)).status).toBe(200);
    expect((await fetch(`${server.url}/admin/queues/${script}`, { redirect: "manual" })).status).toBe(302);
    const api = await admin.get("/admin/queues/api/queues?activeQueue=registry&status=waiting&page=1");
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: Array<{ name: string; counts: Record<string, number>; jobs: Array<{ id: string }> }> };
    expect(body.queues.map((q) => q.name).sort()).toEqual(["audits", "maintenance", "registry", "surveys"]);
    const registry = body.queues.find((q) => q.name === "registry")!;
    expect(registry.counts.waiting).toBe(1);
    expect(registry.jobs.map((j) => j.id)).toContain("ops-board-probe");
  });
});

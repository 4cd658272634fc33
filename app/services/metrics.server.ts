/**
 * Prometheus metrics at GET /metrics. Counters and the latency histogram live in this process;
 * queue depth and audit progress are read on each scrape (from the job runtime and the
 * database), so every web process reports the same shared state and nothing runs between scrapes.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { auditPageFailuresByKind, unfinishedAuditRunProgress } from "../../db/queries/operations";
import type { AppContext } from "./context.server";

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "rp_" });

const submissions = new Counter({
  name: "rp_poll_submissions_total",
  help: "Poll submissions answered, by outcome (accepted, duplicate, refused) and refusal reason",
  labelNames: ["outcome", "reason"] as const,
  registers: [registry],
});

const httpDuration = new Histogram({
  name: "rp_http_request_duration_seconds",
  help: "HTTP request latency by method, status class and route pattern",
  labelNames: ["method", "status_class", "route"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const queueJobs = new Gauge({
  name: "rp_job_queue_jobs",
  help: "Jobs per queue and state, read from the job runtime at scrape time",
  labelNames: ["queue", "state"] as const,
  registers: [registry],
});

const auditRunPages = new Gauge({
  name: "rp_audit_run_pages",
  help: "Pages of audit runs not yet finished, by run and state (done, failed, left)",
  labelNames: ["run_id", "state"] as const,
  registers: [registry],
});

const auditFailures = new Gauge({
  name: "rp_audit_page_failures_24h",
  help: "Audit pages that failed in the last 24 hours, by failure kind",
  labelNames: ["kind"] as const,
  registers: [registry],
});

const scrapeErrors = new Counter({
  name: "rp_metrics_scrape_errors_total",
  help: "Scrape-time collections that failed (source: jobs or database)",
  labelNames: ["source"] as const,
  registers: [registry],
});

/** Counts one answered submission; `reason` is the refusal's error code (a short, fixed set). */
export function countSubmission(status: number, body: Record<string, unknown>): void {
  if (status === 201) submissions.inc({ outcome: "accepted", reason: "" });
  else if (status === 200) submissions.inc({ outcome: "duplicate", reason: "" });
  else submissions.inc({ outcome: "refused", reason: typeof body.error === "string" ? body.error.slice(0, 40) : `http_${status}` });
}

export function observeRequest(method: string, status: number, route: string, seconds: number): void {
  httpDuration.observe({ method, status_class: `${Math.floor(status / 100)}xx`, route }, seconds);
}

interface RouteLike {
  id: string;
  parentId?: string;
  path?: string;
}

const EXTRA_PATTERNS = ["/api/polls/:slug/responses", "/metrics", "/admin/queues/*"];

/**
 * Turns a request path into its route pattern ("/polls/:slug"), so latency labels stay few
 * whatever ids and slugs residents and bots send. Patterns come from the Remix build's routes.
 */
export function createRoutePatterns(routes: Record<string, RouteLike | undefined>): (path: string) => string {
  const fullPath = (route: RouteLike): string => {
    const parent = route.parentId ? routes[route.parentId] : undefined;
    const own = route.path ?? "";
    const base = parent ? fullPath(parent) : "";
    return `${base.replace(/\/$/, "")}/${own}`.replace(/\/+/g, "/");
  };
  const patterns = [...new Set([...Object.values(routes).flatMap((r) => (r ? [fullPath(r)] : [])), ...EXTRA_PATTERNS])].map((pattern) => {
    const segments = pattern.split("/").filter(Boolean);
    const source = segments
      .map((s) => (s === "*" ? "(?:/.*)?" : s.startsWith(":") ? "/[^/]+" : `/${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`))
      .join("");
    return {
      pattern: pattern === "/" ? "/" : pattern.replace(/\/$/, ""),
      regex: new RegExp(`^${source || "/"}/?$`),
      // more literal segments first: "/surveys/new" before "/surveys/:id"
      rank: segments.filter((s) => !s.startsWith(":") && s !== "*").length * 10 - segments.filter((s) => s === "*").length * 5 + segments.length,
    };
  });
  patterns.sort((a, b) => b.rank - a.rank);
  return (path) => {
    if (path.startsWith("/build/")) return "/build/*";
    const plain = path.replace(/\.data$/, "").replace(/^\/_root$/, "/");
    return patterns.find((p) => p.regex.test(plain))?.pattern ?? "unmatched";
  };
}

async function collectScrapeGauges(ctx: AppContext): Promise<void> {
  queueJobs.reset();
  auditRunPages.reset();
  auditFailures.reset();
  await Promise.all([
    ctx.jobs.counts().then(
      (counts) => {
        for (const [queue, byState] of Object.entries(counts)) {
          for (const [state, n] of Object.entries(byState)) queueJobs.set({ queue, state }, n);
        }
      },
      () => scrapeErrors.inc({ source: "jobs" }),
    ),
    Promise.all([unfinishedAuditRunProgress(ctx.db), auditPageFailuresByKind(ctx.db, new Date(Date.now() - 86_400_000))]).then(
      ([runs, failures]) => {
        for (const run of runs) {
          const run_id = String(run.runId);
          auditRunPages.set({ run_id, state: "done" }, run.done);
          auditRunPages.set({ run_id, state: "failed" }, run.failed);
          auditRunPages.set({ run_id, state: "left" }, run.left);
        }
        for (const f of failures) auditFailures.set({ kind: f.kind }, f.failures);
      },
      () => scrapeErrors.inc({ source: "database" }),
    ),
  ]);
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * Loopback callers may scrape; others need `Authorization: Bearer <METRICS_TOKEN>`. A request a
 * local reverse proxy forwarded (it carries X-Forwarded-For) is not a loopback caller: otherwise a
 * proxy on this machine would publish the metrics to the internet.
 */
export function mayScrape(req: IncomingMessage, token: string | undefined): boolean {
  const header = req.headers.authorization ?? "";
  if (token && header.startsWith("Bearer ")) {
    const given = Buffer.from(header.slice(7));
    const expected = Buffer.from(token);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  return LOOPBACK.has(req.socket.remoteAddress ?? "") && req.headers["x-forwarded-for"] === undefined;
}

/** The GET /metrics handler (plain node:http, mounted by server.ts). */
export async function serveMetrics(ctx: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!mayScrape(req, ctx.env.METRICS_TOKEN)) {
    res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" }).end("Forbidden");
    return;
  }
  await collectScrapeGauges(ctx);
  const text = await registry.metrics();
  res.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" }).end(text);
}

/**
 * The web process: Express serving the Remix build, with the app context (database, jobs,
 * settings) handed to every loader and action. `npm start` runs it (scripts/start.mjs builds first).
 */
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import { publicPageCache } from "./app/services/public-cache.server";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import type { DatabaseHandle } from "./db/client";
import { openApp, type OpenedApp } from "./app/services/app-context.server";
import { formatDemoLogins, seedDemoRegion } from "./app/services/demo.server";
import { clientAddress, passFrontDoor } from "./app/services/front-door.server";
import { handleSubmission, submissionSlug } from "./app/services/submission-endpoint.server";
import { createQueueBoard, isQueueBoardPath } from "./app/services/bull-board.server";
import { createRoutePatterns, observeRequest, serveMetrics } from "./app/services/metrics.server";
import { closeReadiness } from "./app/services/readiness.server";
import { databaseAvailability, sendUnavailable } from "./app/services/unavailable.server";
import { EnvError, loadEnv, type Env } from "./app/utils/env.server";

/** How long a stopping web process lets in-flight requests finish before cutting connections. */
const SHUTDOWN_DEADLINE_MS = 10_000;

// An incoming X-Request-Id (from a proxy) is kept only when it looks like an id: a UUID or a
// short token. Anything else could smuggle text into every log line that quotes it.
const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

export interface StartedServer {
  server: Server;
  url: string;
  app: OpenedApp;
  close(): Promise<void>;
}

export async function startServer(
  options: { env?: Env; database?: DatabaseHandle; queuePrefix?: string; quiet?: boolean } = {},
): Promise<StartedServer> {
  const started = performance.now();
  const env = options.env ?? loadEnv();
  const app = await openApp(env, {
    processJobs: !env.REDIS_URL || env.WEB_RUNS_JOBS === true,
    database: options.database,
    queuePrefix: options.queuePrefix,
  });
  const { ctx, log } = app;

  let demoLogins: string | null = null;
  if (env.embedded && env.DEMO === "auto") {
    const demo = await seedDemoRegion(ctx);
    if (demo.seeded) log("info", "demo region loaded");
    demoLogins = formatDemoLogins(demo.users, `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`);
  }

  // From the working directory: this file runs both as server.ts (tsx, tests) and build/server.js.
  const build = (await import(pathToFileURL(resolve("build/index.js")).href)) as ServerBuild;
  const routePattern = createRoutePatterns(build.routes);
  const requestIds = new WeakMap<IncomingMessage, string>();
  const queueBoard = createQueueBoard(ctx, { prefix: options.queuePrefix ?? env.QUEUE_PREFIX });
  const web = express();
  web.disable("x-powered-by");
  web.set("trust proxy", "loopback");

  web.use((req, res, next) => {
    if (passFrontDoor(req, res, env.APP_ORIGIN)) next();
  });
  web.all("/api/polls/:slug/responses", (_req, res) => {
    res.status(405).set("Allow", "POST").json({ error: "method_not_allowed" });
  });
  web.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // the public ranking changes once a scoring run ends: 30 s stale at most, one render per 30 s
  web.use(publicPageCache({ paths: /^\/ranking(\.data)?$/, ttlMs: 30_000, maxEntries: 500, sessionCookie: "rp_session", localeCookie: "rp_lang" }));
  web.use(express.static("public", { maxAge: "1h" }));
  // PostgreSQL down: pages and API answer 503 at once (static files and cached pages above still serve)
  // …except the probes: liveness must not depend on the database, and readiness reports it itself
  web.use((req, res, next) => (databaseAvailability(ctx).down && !/^\/(healthz|readyz)$/.test(req.path) ? sendUnavailable(req, res) : next()));
  web.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV === "production" ? "production" : "development",
      getLoadContext: (req) => ({
        app: ctx,
        clientAddress: clientAddress(req),
        requestId: requestIds.get(req) ?? randomUUID(),
      }),
    }),
  );

  // The answer endpoint, the one hot path, skips Express (its routing and request decoration
  // cost a third of the submission's own work); it passes the same front door.
  const server = createServer((req, res) => {
    const requestId = requestIdOf(req);
    requestIds.set(req, requestId);
    res.setHeader("X-Request-Id", requestId);
    const path = (req.url ?? "/").split("?")[0]!.slice(0, 200);
    const begun = performance.now();
    // One access line per request, and its latency. Method, path, status, time and id only: no
    // address, query string, cookie or body (README "Operations").
    res.once("close", () => {
      const ms = performance.now() - begun;
      observeRequest(req.method ?? "GET", res.statusCode, routePattern(path), ms / 1000);
      log("info", "request", {
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round(ms * 10) / 10,
        requestId,
        ...(!res.writableFinished && { aborted: true }),
      });
    });
    if (path === "/metrics" && req.method === "GET") return void serveOperations(() => serveMetrics(ctx, req, res), res);
    if (isQueueBoardPath(path)) {
      if (!passFrontDoor(req, res, env.APP_ORIGIN)) return;
      return void serveOperations(() => queueBoard.handle(req, res), res);
    }
    const slug = req.method === "POST" ? submissionSlug(req.url ?? "") : null;
    if (slug === null) return web(req, res);
    if (!passFrontDoor(req, res, env.APP_ORIGIN)) return;
    handleSubmission(ctx, req, res, slug, clientAddress(req)).catch((error: unknown) => {
      log("error", "submission failed", { error: error instanceof Error ? error.stack : String(error) });
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json; charset=utf-8" }).end('{"error":"internal"}');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  const url = `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${port}`;
  log("info", "server ready", {
    url,
    engine: app.engine,
    jobs: ctx.jobs.mode,
    startupMs: Math.round(performance.now() - started),
  });
  if (demoLogins && !options.quiet) process.stdout.write(`\n${demoLogins.replace(/:\d+\/login/, `:${port}/login`)}\n\n`);

  function serveOperations(work: () => Promise<void>, res: ServerResponse) {
    work().catch((error: unknown) => {
      log("error", "operations endpoint failed", { error: error instanceof Error ? error.stack : String(error) });
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("Internal error");
      else res.destroy();
    });
  }

  // Graceful stop: no new connections, idle keep-alive sockets closed, requests in flight get
  // SHUTDOWN_DEADLINE_MS to finish; then jobs (a running job finishes), queues and the database.
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => {
        log("warn", "requests still running at the shutdown deadline; closing their connections", { deadlineMs: SHUTDOWN_DEADLINE_MS });
        server.closeAllConnections();
      }, SHUTDOWN_DEADLINE_MS);
      deadline.unref();
      // a keep-alive socket that finishes its request after close() is then closed, not reused
      const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
      idleSweep.unref();
      await stopped;
      clearTimeout(deadline);
      clearInterval(idleSweep);
      await queueBoard.close();
      await closeReadiness(ctx);
      await app.close();
    })());
  return { server, url, app, close };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ""));
if (isMain || process.env.RP_START === "1") {
  startServer()
    .then(({ close, app }) => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.once(signal, () => {
          app.log("info", "server stopping", { signal });
          close().then(
            () => process.exit(0),
            () => process.exit(1),
          );
        });
      }
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof EnvError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}

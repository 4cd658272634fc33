/**
 * The web process: Express serving the Remix build, with the app context (database, jobs,
 * settings) handed to every loader and action. `npm start` runs it (scripts/start.mjs builds first).
 */
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createServer, type Server } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import { publicPageCache } from "./app/services/public-cache.server";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import type { DatabaseHandle } from "./db/client";
import { openApp, type OpenedApp } from "./app/services/app-context.server";
import { formatDemoLogins, seedDemoRegion } from "./app/services/demo.server";
import { clientAddress, passFrontDoor } from "./app/services/front-door.server";
import { handleSubmission, submissionSlug } from "./app/services/submission-endpoint.server";
import { EnvError, loadEnv, type Env } from "./app/utils/env.server";

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
  web.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV === "production" ? "production" : "development",
      getLoadContext: (req) => ({
        app: ctx,
        clientAddress: clientAddress(req),
        requestId: randomUUID(),
      }),
    }),
  );

  // The answer endpoint, the one hot path, skips Express (its routing and request decoration
  // cost a third of the submission's own work); it passes the same front door.
  const server = createServer((req, res) => {
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

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    })());
  return { server, url, app, close };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ""));
if (isMain || process.env.RP_START === "1") {
  startServer()
    .then(({ close }) => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.once(signal, () => {
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

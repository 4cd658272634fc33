/**
 * `npm run worker`: processes bull jobs from Redis. Run as many as you like on any machine that
 * reaches the same PostgreSQL and Redis; bull hands each job to exactly one of them.
 */
import { openApp } from "../app/services/app-context.server";
import { loadEnv } from "../app/utils/env.server";

const env = loadEnv();
if (!env.REDIS_URL) {
  process.stderr.write("npm run worker needs REDIS_URL (without it, `npm start` runs jobs in the web process)\n");
  process.exit(1);
}
if (env.embedded) {
  process.stderr.write("npm run worker needs DATABASE_URL: the embedded database belongs to one process\n");
  process.exit(1);
}
const app = await openApp(env, { processJobs: true });
app.log("info", "worker ready", { jobs: app.ctx.jobs.mode });

// Graceful stop: bull stops fetching, the jobs already running finish (up to the runner's close
// timeout, then they are aborted and bull retries them elsewhere), queues and database close,
// exit 0. A second signal while stopping exits at once (1).
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    app.log("info", "worker stopping", { signal });
    app.close().then(
      () => {
        app.log("info", "worker stopped");
        process.exit(0);
      },
      (error: unknown) => {
        app.log("error", "worker did not stop cleanly", { error: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      },
    );
  });
}

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

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    app.log("info", "worker stopping", { signal });
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

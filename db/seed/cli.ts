/** `npm run seed:demo [-- --force]`: loads the Amur demo region and demo logins on demand. */
import { openApp } from "../../app/services/app-context.server";
import { formatDemoLogins, seedDemoRegion } from "../../app/services/demo.server";
import { loadEnv } from "../../app/utils/env.server";

const env = loadEnv();
if (env.strictProduction) {
  process.stderr.write("Refusing: demo data and demo logins are never created in production (NODE_ENV=production with DATABASE_URL)\n");
  process.exit(1);
}
const app = await openApp(env, { processJobs: false });
try {
  const result = await seedDemoRegion(app.ctx, { force: process.argv.includes("--force") });
  process.stdout.write(`${result.seeded ? "Demo region loaded." : "The registry already has organisations; left as it is (use --force to re-import)."}\n`);
  process.stdout.write(`${formatDemoLogins(result.users, `http://localhost:${env.PORT}`)}\n`);
} finally {
  await app.close();
}

/** `npm run db:migrate`: brings the configured database (or the embedded one) up to date. */
import { createDatabase } from "./client";
import { migrateToLatest } from "./migrator";
import { loadEnv } from "../app/utils/env.server";
import { join } from "node:path";

const env = loadEnv();
const handle = await createDatabase({ databaseUrl: env.DATABASE_URL, dataDir: join(env.DATA_DIR, "pglite") });
try {
  const results = await migrateToLatest(handle.db);
  process.stdout.write(
    results.length === 0
      ? `${handle.engine}: already up to date\n`
      : results.map((r) => `${handle.engine}: ${r.migrationName} ${r.status}`).join("\n") + "\n",
  );
} finally {
  await handle.close();
}

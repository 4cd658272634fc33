/**
 * A fresh, migrated database per test file: a new PostgreSQL database (created and dropped)
 * when the run has a TEST_DATABASE_URL, an in-memory PGlite otherwise. Never a mock.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDatabase, type DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrator";

export interface TestDatabase extends DatabaseHandle {
  /** postgres URL of this database, or "" for PGlite */
  url: string;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(label = "t"): Promise<TestDatabase> {
  const adminUrl = inject("testDatabaseUrl");
  if (!adminUrl) {
    if (process.env.CI === "true") throw new Error("CI=true but no TEST_DATABASE_URL");
    const handle = await createDatabase({ dataDir: "memory://" });
    await migrateToLatest(handle.db);
    return { ...handle, url: "" };
  }
  const safeLabel = label.toLowerCase().replace(/[^a-z0-9]+/g, "_").slice(0, 20);
  const name = `rp_${inject("runId")}_${safeLabel}_${randomBytes(3).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(adminUrl, name);
  const handle = await createDatabase({ databaseUrl: url, poolSize: 5 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function adminQuery(adminUrl: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** Drops whatever this run left behind (a crashed test file, say). */
export async function dropRunDatabases(adminUrl: string, runId: string): Promise<void> {
  const { rows } = await adminQuery(
    adminUrl,
    `SELECT datname FROM pg_database WHERE datname LIKE 'rp\\_${runId.replace(/[^a-z0-9]/g, "")}\\_%'`,
  );
  for (const row of rows as { datname: string }[]) {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  }
}

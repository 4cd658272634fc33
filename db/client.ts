/**
 * The one Kysely<DB> factory. A pg Pool when a DATABASE_URL is given; otherwise embedded
 * PGlite through its node-postgres adapter, so both engines share one dialect and one
 * code path (kysely-pglite lost data under overlapping transactions in a spike).
 */
import { mkdirSync } from "node:fs";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { withPreparedStatements } from "./prepared-statements";
import type { DB } from "./schema";

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  engine: "postgres" | "pglite";
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… ; when absent the embedded PGlite engine is used */
  databaseUrl?: string;
  /** PGlite data folder; "memory://" for an in-memory database (tests) */
  dataDir?: string;
  poolSize?: number;
}

// COUNT(*) and bigint ids arrive as int8; every value we keep fits a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/**
 * Databases that may run one query's halves on two connections (PostgreSQL with a pool of 2 or
 * more): PGlite is a single connection, where a second transaction would wait for the first forever.
 */
const parallelCapable = new WeakSet<object>();
export const canSplitAcrossConnections = (db: object) => parallelCapable.has(db);

export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // fail fast while the server is down instead of queueing requests forever
      connectionTimeoutMillis: 5_000,
    });
    pool.on("error", () => {
      // idle client errors (server restart) are recovered by the pool; queries report their own
    });
    // A checked-out client has no pool listener: a server shutdown between two of its queries
    // (57P01, or the socket's end) was an uncaught "error" event that killed the process. The
    // query in flight still rejects, and the pool drops the client on release (not queryable).
    pool.on("connect", (client) => client.on("error", () => undefined));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
    if ((options.poolSize ?? 10) >= 2) parallelCapable.add(db);
    return { db, engine: "postgres", close: () => db.destroy() };
  }

  const dataDir = options.dataDir ?? ".data/pglite";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const { createPgConfig } = await import("@electric-sql/pglite/node-postgres");
  // PostgreSQL's default 128 MB of shared buffers would be touched inside the WASM heap and count
  // against the process; an embedded installation's data fits in far less (idle RSS 305 -> 181 MB).
  const pglite = await PGlite.create(dataDir, { postgresqlconf: "shared_buffers = 16MB" });
  // PGlite is one connection: the pool must be 1, and code inside a transaction uses only trx.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 } as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
  return {
    db,
    engine: "pglite",
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

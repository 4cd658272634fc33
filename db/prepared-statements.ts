/**
 * Named prepared statements for the few hot queries.
 *
 * Kysely sends every query unnamed, so PostgreSQL parses and plans it each time. For the answer
 * path's guarded INSERT that planning cost more than the insert (bench:responses: PostgreSQL CPU
 * per request 0.29 ms unnamed -> 0.13 ms named). A query in db/queries opts in by starting with
 * the marker comment `/* prepared:<name> *\/`; this pool wrapper then sends it with that name, and
 * node-postgres parses it once per connection. Only fixed-text queries may carry the marker: the
 * name must always stand for the same SQL text (pg refuses a name reused with other text).
 */
import type { PostgresPool, PostgresPoolClient } from "kysely";
import type pg from "pg";

const MARKER = /^\/\* prepared:([a-z0-9-]+) \*\//;

export function prepared(name: string): string {
  return `/* prepared:${name} */`;
}

export function withPreparedStatements(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      return {
        query(text: unknown, parameters?: ReadonlyArray<unknown>) {
          const name = typeof text === "string" ? MARKER.exec(text)?.[1] : undefined;
          if (name) return client.query({ name, text: text as string, values: parameters as unknown[] });
          return client.query(text as string, parameters as unknown[]);
        },
        release: () => client.release(),
      } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

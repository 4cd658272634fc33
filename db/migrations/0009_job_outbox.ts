/**
 * Jobs the app could not hand to Redis (down, restarting): kept here in the same PostgreSQL that
 * holds the work they are about, and handed over once Redis answers again
 * (app/services/job-outbox.server.ts). Empty almost always.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("job_outbox")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    /** the caller's deterministic id, so the job dedupes in bull as it would have */
    .addColumn("job_id", "text")
    /** when the job was due (now + the caller's delay) */
    .addColumn("run_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job_outbox").execute();
}

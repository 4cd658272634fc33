/** The job outbox: jobs kept in PostgreSQL while Redis cannot take them. */
import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function insertOutboxJob(db: Db, job: { name: string; payload: unknown; jobId: string | null; delayMs: number }): Promise<number> {
  const row = await db
    .insertInto("job_outbox")
    .values({
      name: job.name,
      payload: JSON.stringify(job.payload),
      job_id: job.jobId,
      run_at: sql<Date>`now() + make_interval(secs => ${job.delayMs / 1000})`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function outboxIsEmpty(db: Db): Promise<boolean> {
  return !(await db.selectFrom("job_outbox").select("id").limit(1).executeTakeFirst());
}

/**
 * Takes the oldest job inside the caller's transaction: deleted now, back if the transaction
 * rolls back (the hand-over to Redis failed). SKIP LOCKED: each process drains different rows.
 */
export async function takeOldestOutboxJob(trx: Transaction<DB>) {
  const { rows } = await sql<{ id: number; name: string; payload: unknown; job_id: string | null; due_in_ms: number }>`
    delete from job_outbox where id = (select id from job_outbox order by id limit 1 for update skip locked)
    returning id, name, payload, job_id, greatest(0, extract(epoch from run_at - now()) * 1000)::float8 as due_in_ms`.execute(trx);
  return rows[0] ?? null;
}

export async function countOutboxJobs(db: Db): Promise<number> {
  const row = await db.selectFrom("job_outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The backup procedure of README "Operations", proven: `pg_dump -Fc` of a database with data,
 * `pg_restore` into a fresh empty database, and the copy has the same rows in every table, the
 * same answers, and opens with the app's own migrator (nothing left to migrate).
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { inject } from "vitest";
import { submitResponse } from "../../app/services/submissions.server";
import { createDatabase, type DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrator";
import type { DB } from "../../db/schema";
import { createServiceWorld, type ServiceWorld } from "../helpers/service-context";
import { newSubmissionId, publishedSurvey, SMALL_SURVEY, validAnswers } from "../helpers/surveys";

const run = promisify(execFile);
const adminUrl = inject("testDatabaseUrl");

async function admin(text: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function rowCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { table_name } of rows) {
    const { rows: n } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table_name)}`.execute(db);
    counts[table_name] = Number(n[0]!.n);
  }
  return counts;
}

// PostgreSQL is what backups are about; the embedded engine's procedure is a folder copy
describe.skipIf(!adminUrl)("backup with pg_dump and restore with pg_restore", () => {
  let world: ServiceWorld;
  let restored: DatabaseHandle | undefined;
  const restoredName = `rp_${inject("runId")}_ops_restore_${randomBytes(3).toString("hex")}`;
  const dir = mkdtempSync(join(tmpdir(), "rp-backup-"));

  beforeAll(async () => {
    world = await createServiceWorld("ops-backup");
  });
  afterAll(async () => {
    await restored?.close();
    await admin(`DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`);
    await world?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("restores every table's rows and a response's answers into a fresh database", async () => {
    const poll = await publishedSurvey(world.ctx, SMALL_SURVEY);
    const ids: number[] = [];
    for (const [i, note] of ["первый", "второй — с «кавычками» и\nпереводом строки", "третий"].entries()) {
      const result = await submitResponse(world.ctx, {
        slug: poll.slug,
        body: { submissionId: newSubmissionId(), answers: validAnswers({ note, satisfaction: i + 2 }) },
        deviceToken: null,
        clientAddress: `192.0.2.${i + 1}`,
      });
      expect(result.status).toBe(201);
      ids.push(Number(result.body.id));
    }
    const source = await rowCounts(world.t.db);
    expect(source.responses).toBe(3);
    expect(source.surveys).toBe(1);

    const dump = join(dir, "region-pulse.dump");
    await run("pg_dump", ["--format=custom", "--no-owner", `--file=${dump}`, world.t.url]);
    expect(statSync(dump).size).toBeGreaterThan(1000);

    await admin(`CREATE DATABASE "${restoredName}"`);
    const target = new URL(world.t.url);
    target.pathname = `/${restoredName}`;
    await run("pg_restore", ["--no-owner", "--exit-on-error", `--dbname=${target.toString()}`, dump]);

    restored = await createDatabase({ databaseUrl: target.toString(), poolSize: 2 });
    expect(await rowCounts(restored.db)).toEqual(source);
    const original = await world.t.db.selectFrom("responses").select(["id", "answers", "submitted_at"]).where("id", "=", ids[1]!).executeTakeFirstOrThrow();
    const copy = await restored.db.selectFrom("responses").select(["id", "answers", "submitted_at"]).where("id", "=", ids[1]!).executeTakeFirstOrThrow();
    expect(copy).toEqual(original);
    expect((copy.answers as { note: string }).note).toBe("второй — с «кавычками» и\nпереводом строки");

    // the restored copy is a working database for the app: migrations already at the latest, and
    // identity sequences continue after the restored rows
    await migrateToLatest(restored.db);
    expect(await rowCounts(restored.db)).toEqual(source);
    const { rows } = await sql<{ next: string }>`select nextval(pg_get_serial_sequence('responses', 'id')) as next`.execute(restored.db);
    expect(Number(rows[0]!.next)).toBeGreaterThan(Math.max(...ids));
  });
});

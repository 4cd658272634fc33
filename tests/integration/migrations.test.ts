import { sql } from "kysely";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { migrateToLatest } from "../../db/migrator";
import { prepared } from "../../db/prepared-statements";

describe("migrations", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("migrations");
  });
  afterAll(async () => t?.close());

  it("creates every table and is idempotent", async () => {
    const again = await migrateToLatest(t.db);
    expect(again).toEqual([]);
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(t.db);
    expect(rows.map((r) => r.table_name)).toEqual([
      "activity_files",
      "alerts",
      "api_tokens",
      "app_secrets",
      "audit_log",
      "audit_run_pages",
      "audit_runs",
      "invitations",
      "login_attempts",
      "official_pages",
      "organisations",
      "page_audit_state",
      "page_comments",
      "page_metrics",
      "page_posts",
      "page_snapshots",
      "page_streams",
      "page_unanswered",
      "platform_tokens",
      "population_margins",
      "quota_cells",
      "registry_imports",
      "response_drafts",
      "responses",
      "sessions",
      "studies",
      "survey_versions",
      "surveys",
      "territories",
      "users",
    ]);
  });

  it("refuses a page administrator without an organisation", async () => {
    await expect(
      t.db
        .insertInto("users")
        .values({ email: "x@example.org", display_name: "x", password_hash: "x", role: "page_admin" })
        .execute(),
    ).rejects.toThrow(/users_page_admin_has_organisation/);
  });

  it("reports bigint counts as numbers on this engine", async () => {
    const row = await t.db.selectFrom("territories").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(row.n).toBe(0);
  });

  it("sends a query marked prepared as a named statement, parsed once per connection", async () => {
    const names = await t.db.connection().execute(async (conn) => {
      for (const n of [1, 2, 3]) {
        const { rows } = await sql<{ n: number }>`${sql.raw(prepared("migrations-probe"))} select ${n}::int as n`.execute(conn);
        expect(rows[0]?.n).toBe(n);
      }
      const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(conn);
      return rows.map((r) => r.name);
    });
    expect(names).toContain("migrations-probe");
  });
});

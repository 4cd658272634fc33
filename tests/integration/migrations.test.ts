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
      "fg_codes",
      "fg_codings",
      "fg_consents",
      "fg_guides",
      "fg_memos",
      "fg_participant_identities",
      "fg_participants",
      "fg_session_files",
      "fg_session_participants",
      "fg_sessions",
      "fg_transcripts",
      "fg_turns",
      "invitations",
      "job_outbox",
      "login_attempts",
      "methodologies",
      "official_pages",
      "organisation_ratings",
      "organisation_scores",
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
      "report_archive",
      "response_drafts",
      "response_flags",
      "response_weights",
      "responses",
      "result_block_sets",
      "result_block_values",
      "result_blocks",
      "score_runs",
      "sessions",
      "studies",
      "survey_exports",
      "survey_quality_runs",
      "survey_versions",
      "survey_weightings",
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

  it("deletes a page's posts, comments and streams with the page (a trigger, not per-row foreign keys)", async () => {
    const territory = await t.db.insertInto("territories").values({ code: "t-del", name_ru: "Т", kind: "region" }).returning("id").executeTakeFirstOrThrow();
    const org = await t.db
      .insertInto("organisations")
      .values({ code: "org-del", name_ru: "О", kind: "ministry", peer_group: "regional_executive", territory_id: territory.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    const pages = await t.db
      .insertInto("official_pages")
      .values([1, 2].map((n) => ({ organisation_id: org.id, platform: "vk" as const, platform_id: `del_${n}`, url: `https://vk.com/del_${n}` })))
      .returning("id")
      .execute();
    for (const { id } of pages) {
      await t.db.insertInto("page_posts").values({ page_id: id, platform_post_id: "1", published_at: new Date(), by_owner: true }).execute();
      await t.db.insertInto("page_comments").values({ page_id: id, platform_post_id: "1", platform_comment_id: "7", author_kind: "resident", created_at: new Date() }).execute();
      await t.db.insertInto("page_streams").values({ page_id: id, platform_video_id: "9", started_at: new Date() }).execute();
    }
    await t.db.deleteFrom("official_pages").where("id", "=", pages[0]!.id).execute();
    for (const table of ["page_posts", "page_comments", "page_streams"] as const) {
      const left = await t.db.selectFrom(table).select("page_id").execute();
      expect(left.map((r) => r.page_id)).toEqual([pages[1]!.id]);
    }
    await t.db.deleteFrom("official_pages").where("id", "=", pages[1]!.id).execute();
    await t.db.deleteFrom("organisations").where("id", "=", org.id).execute();
    await t.db.deleteFrom("territories").where("id", "=", territory.id).execute();
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

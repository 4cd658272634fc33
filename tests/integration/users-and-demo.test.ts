import { createUser, editUser } from "../../app/services/users.server";
import { pruneAuthRecords } from "../../app/services/auth-maintenance.server";
import { seedDemoRegion } from "../../app/services/demo.server";
import { surveyResults } from "../../app/services/results.server";
import { loadEnv } from "../../app/utils/env.server";
import type { AppContext } from "../../app/services/context.server";
import { createAppJobs } from "../../app/services/app-context.server";
import { DEMO_USERS } from "../../db/seed/demo-region";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";

describe("user management and the demo seed", () => {
  let t: TestDatabase;
  let ctx: AppContext;
  beforeAll(async () => {
    t = await createTestDatabase("users");
    const env = loadEnv({ DEMO: "off" });
    const { jobs } = createAppJobs(t.db, env);
    ctx = { db: t.db, jobs, env, sessionSecret: "x".repeat(40) };
  });
  afterAll(async () => {
    await ctx?.jobs.close();
    await t?.close();
  });

  it("seeds the demo region once and its logins every time without duplicates", async () => {
    const first = await seedDemoRegion(ctx);
    const second = await seedDemoRegion(ctx);
    expect([first.seeded, second.seeded]).toEqual([true, false]);
    const users = await t.db.selectFrom("users").select(["email", "role"]).orderBy("email").execute();
    expect(users).toEqual(DEMO_USERS.map((u) => ({ email: u.email, role: u.role })).sort((a, b) => a.email.localeCompare(b.email)));
    // the focus-group study, once, coded by the two demo sociologists
    const fgSessions = await t.db.selectFrom("fg_sessions").select("study_id").execute();
    expect(fgSessions).toHaveLength(2);
    const coders = await t.db.selectFrom("fg_codings as c").innerJoin("users as u", "u.id", "c.coder_id").select("u.email").distinct().orderBy("u.email").execute();
    expect(coders.map((c) => c.email)).toEqual(["coder@demo.pulse.local", "sociologist@demo.pulse.local"]);
  });

  it("audits every demo page from its activity file at once, so metrics and to-do lists are filled", async () => {
    await ctx.jobs.startProcessing({ concurrency: 4 });
    await ctx.jobs.onIdle({ timeoutMs: 120_000 });
    const pages = await t.db.selectFrom("official_pages").select((eb) => eb.fn.countAll<number>().as("n")).where("active", "=", true).executeTakeFirstOrThrow();
    const run = await t.db.selectFrom("audit_runs").selectAll().where("trigger", "=", "demo").executeTakeFirstOrThrow();
    expect(run.finished_at).not.toBeNull();
    const outcomes = await t.db.selectFrom("audit_run_pages").select(["status", "error_kind"]).where("run_id", "=", run.id).execute();
    expect(outcomes).toHaveLength(Number(pages.n));
    expect(outcomes.filter((o) => o.status !== "done")).toEqual([]);
    const metrics = await t.db.selectFrom("page_metrics").select(["reply_rate", "badge", "owner_posts"]).execute();
    expect(metrics).toHaveLength(Number(pages.n));
    // a realistic spread: some pages answer everyone, some leave residents waiting, some lack the badge
    const rates = metrics.map((m) => m.reply_rate).filter((r): r is number => r !== null);
    expect(rates.length).toBeGreaterThan(20);
    expect(Math.min(...rates)).toBeLessThan(0.6);
    expect(Math.max(...rates)).toBeGreaterThan(0.9);
    expect(metrics.some((m) => m.badge === "fail")).toBe(true);
    const waiting = await t.db.selectFrom("page_unanswered").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(waiting.n)).toBeGreaterThan(10);
  });

  it("seeds answers to the demo survey and weights them to the registry, so weights move the shares", async () => {
    // the jobs above have processed the weights and quality passes the seed asked for
    const survey = await t.db.selectFrom("surveys").select(["id"]).where("slug", "=", "internet-2026").executeTakeFirstOrThrow();
    const weighting = await t.db.selectFrom("survey_weightings").selectAll().where("survey_id", "=", survey.id).executeTakeFirstOrThrow();
    expect(weighting.status).toBe("ok");
    // 11 of the 29 districts have no population in the reference data, so territory is left out (and said so)
    expect(weighting.dimensions.map((d) => d.question)).toEqual(["sex", "age_band"]);
    const report = weighting.report as { converged: boolean; weighted: number; deff: number };
    expect(report.converged).toBe(true);
    expect(report.weighted).toBeGreaterThan(700);
    // an online sample of mostly women and the young: weighting must cost precision visibly
    expect(report.deff).toBeGreaterThan(1.2);
    const plain = await surveyResults(ctx, survey.id, { weighted: false, excludeFlagged: false, filters: [], question: "sex" });
    const weighted = await surveyResults(ctx, survey.id, { weighted: true, excludeFlagged: false, filters: [], question: "sex" });
    if (!plain.ok || !weighted.ok) throw new Error("no results");
    const female = (r: typeof plain) => (r.ok && r.value.questions[0]!.kind === "choice" ? r.value.questions[0]!.estimates.categories.find((c) => c.category === "female")! : null);
    expect(female(plain)!.share).toBeGreaterThan(0.6);
    expect(female(weighted)!.weightedShare).toBeCloseTo(0.54, 6);
    const flags = await t.db.selectFrom("response_flags").select("reason").where("survey_id", "=", survey.id).execute();
    expect(flags.some((f) => f.reason === "speeder")).toBe(true);
  });

  it("never seeds demo logins into a production database", async () => {
    const production = { ...ctx, env: loadEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://x/y", SESSION_SECRET: "s".repeat(32) }) };
    await expect(seedDemoRegion(production)).rejects.toThrow(/never seeded into a production database/);
  });

  it("validates new accounts with field errors and writes nothing on error", async () => {
    const before = await t.db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(await createUser(ctx, { email: "not-an-email", displayName: "", role: "boss", password: "short" }, null)).toEqual({
      ok: false,
      errors: { email: "email.invalid", displayName: "required", role: "role.invalid", password: "password.tooShort" },
    });
    expect(await createUser(ctx, { email: "pa@test.local", displayName: "P", role: "page_admin", password: "long-enough-1" }, null)).toEqual({
      ok: false,
      errors: { organisationCode: "organisation.requiredForPageAdmin" },
    });
    expect(
      await createUser(ctx, { email: "pa@test.local", displayName: "P", role: "page_admin", organisationCode: "org-nowhere", password: "long-enough-1" }, null),
    ).toEqual({ ok: false, errors: { organisationCode: "organisation.unknown" } });
    expect(await createUser(ctx, { email: "ADMIN@demo.pulse.local", displayName: "A", role: "admin", password: "long-enough-1" }, null)).toEqual({
      ok: false,
      errors: { email: "email.taken" },
    });
    const after = await t.db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("keeps at least one active administrator", async () => {
    const admin = await t.db.selectFrom("users").select("id").where("role", "=", "admin").executeTakeFirstOrThrow();
    const result = await editUser(ctx, { id: admin.id, displayName: "A", role: "analyst", active: true }, admin.id);
    expect(result).toEqual({ ok: false, errors: { role: "user.lastAdmin" } });
    const still = await t.db.selectFrom("users").select("role").where("id", "=", admin.id).executeTakeFirstOrThrow();
    expect(still.role).toBe("admin");
  });

  it("binds a page administrator to an organisation and writes the audit log", async () => {
    const result = await createUser(
      ctx,
      { email: "obr@test.local", displayName: "Минобр", role: "page_admin", organisationCode: "ORG-MIN-OBR", password: "long-enough-1" },
      null,
    );
    expect(result.ok).toBe(true);
    const row = await t.db
      .selectFrom("users")
      .innerJoin("organisations", "organisations.id", "users.organisation_id")
      .select("organisations.code")
      .where("users.email", "=", "obr@test.local")
      .executeTakeFirstOrThrow();
    expect(row.code).toBe("org-min-obr");
    const audit = await t.db.selectFrom("audit_log").select(["action", "entity_id"]).where("action", "=", "user.create").execute();
    expect(audit.length).toBeGreaterThanOrEqual(DEMO_USERS.length + 1);
  });
});

describe("hourly pruning of auth records", () => {
  it("deletes expired sessions and login attempts older than the throttle window, keeping the rest", async () => {
    const t = await createTestDatabase("prune");
    try {
      const user = await t.db
        .insertInto("users")
        .values({ email: "p@test.local", display_name: "P", password_hash: "x", role: "analyst" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const now = new Date();
      await t.db
        .insertInto("sessions")
        .values([
          { id: "a".repeat(64), user_id: user.id, expires_at: new Date(now.getTime() - 1000) },
          { id: "b".repeat(64), user_id: user.id, expires_at: new Date(now.getTime() + 60_000) },
        ])
        .execute();
      await t.db
        .insertInto("login_attempts")
        .values([
          { subject_hash: "s", client_hash: "c", succeeded: false, at: new Date(now.getTime() - 16 * 60_000) },
          { subject_hash: "s", client_hash: "c", succeeded: false, at: new Date(now.getTime() - 60_000) },
        ])
        .execute();
      expect(await pruneAuthRecords(t.db, now)).toEqual({ sessions: 1 });
      expect((await t.db.selectFrom("sessions").select("id").execute()).map((r) => r.id)).toEqual(["b".repeat(64)]);
      expect(await t.db.selectFrom("login_attempts").select("id").execute()).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});

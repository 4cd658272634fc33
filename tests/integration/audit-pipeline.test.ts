/**
 * Audits end to end against the fake platform server: a run over the whole test region (VK, OK,
 * Telegram through their APIs, MAX through an activity file), the stored observations and the
 * page metrics checked against values worked out by hand, a repeated audit that duplicates
 * nothing and picks up late comments, and faults that are recorded while the run goes on.
 */
import { sql } from "kysely";
import { createAppJobs } from "../../app/services/app-context.server";
import { uploadActivityFile } from "../../app/services/activity-files.server";
import { createAuditRuntime } from "../../app/services/audit-runtime.server";
import { getRunProgress, scheduledSweep, startAuditRun } from "../../app/services/audits.server";
import { importRegistry } from "../../app/services/registry-import.server";
import { loadEnv } from "../../app/utils/env.server";
import type { PageMetrics } from "../../app/domain/compliance/metrics";
import type { JobRunner } from "../../jobs/types";
import { fakePlatformEnv, MAX_ACTIVITY, NOW, REGISTRY, world } from "../fixtures/audit-world";
import { startFakePlatforms, type FakePlatforms } from "../fixtures/fake-platforms/server";
import type { FakeWorld } from "../fixtures/fake-platforms/world";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";

describe("audit runs against the platforms", () => {
  let t: TestDatabase;
  let fake: FakePlatforms;
  let fakeWorld: FakeWorld;
  let jobs: JobRunner;
  let closeAudit: () => Promise<void>;
  const pageIds = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestDatabase("audits");
    const report = await importRegistry(t.db, REGISTRY, null);
    expect(report.status).toBe("succeeded");
    for (const p of await t.db.selectFrom("official_pages").select(["id", "platform", "platform_id"]).execute()) pageIds.set(`${p.platform}:${p.platform_id}`, p.id);
    fakeWorld = world();
    fake = await startFakePlatforms(fakeWorld);
    const env = loadEnv({
      DEMO: "off",
      ...fakePlatformEnv(fake),
      JOB_CONCURRENCY: "1",
    });
    const audit = createAuditRuntime(t.db, env, { now: () => NOW, retryDelayMs: 5 });
    closeAudit = () => audit.close();
    ({ jobs } = createAppJobs(t.db, env, { audit, backoffScale: 0.001 }));
    await jobs.startProcessing({ concurrency: 1 });
    const upload = await uploadActivityFile({ db: t.db }, { name: "max.jsonl", content: MAX_ACTIVITY }, null);
    expect(upload).toMatchObject({ ok: true, records: 4, pages: 1 });
  });
  afterAll(async () => {
    await jobs?.close();
    await closeAudit?.();
    await fake?.close();
    await t?.close();
  });

  async function runAll() {
    const started = await startAuditRun({ db: t.db, jobs }, { scope: "all" }, { trigger: "analyst", requestedBy: null });
    if (!started.ok) throw new Error(JSON.stringify(started.errors));
    await jobs.onIdle({ timeoutMs: 60_000 });
    return (await getRunProgress(t.db, started.runId))!;
  }
  const metricsOf = async (key: string) => {
    const row = await t.db.selectFrom("page_metrics").selectAll().where("page_id", "=", pageIds.get(key)!).executeTakeFirstOrThrow();
    return { row, m: row.metrics as unknown as PageMetrics };
  };
  const unansweredOf = async (key: string) =>
    (
      await t.db
        .selectFrom("page_unanswered as u")
        .innerJoin("page_comments as c", "c.id", "u.comment_id")
        .select("c.platform_comment_id")
        .where("u.page_id", "=", pageIds.get(key)!)
        .orderBy("c.created_at")
        .execute()
    ).map((r) => r.platform_comment_id);
  const countRows = async () => {
    const { rows } = await sql<{ posts: number; comments: number; streams: number }>`
      select (select count(*) from page_posts)::int posts, (select count(*) from page_comments)::int comments, (select count(*) from page_streams)::int streams`.execute(t.db);
    return rows[0]!;
  };

  it("audits every page and computes the ministry's VK metrics exactly as worked out by hand", async () => {
    const progress = await runAll();
    expect(progress).toMatchObject({ done: 5, failed: 0, pending: 0, total: 5 });
    expect(progress.run.finished_at).not.toBeNull();

    const { row, m } = await metricsOf("vk:min_test");
    expect(row.period_label).toBe("2026-11");
    expect(row.partial).toBe(true);
    expect(m.badge).toEqual({ status: "pass", value: true });
    // seven items all present: description, phone, address, site, avatar, cover, open wall
    expect(m.profile).toMatchObject({ status: "measured", present: 7, known: 7, share: 1 });
    // owner posts on 3, 10, 11, 12 Nov (the pinned post of 1 Sep does not count); full ISO weeks
    // 2–8 Nov (1 post) and 9–15 Nov (3 posts) -> 1 active of 2
    expect(m.posting).toMatchObject({ ownerPosts: 4, fullWeeks: 2, activeWeeks: 1, activityShare: 0.5, dormant: false });
    // (likes 20 + reposts 3 + comments 8) / views 500
    expect(m.engagement.rate).toBeCloseTo(31 / 500, 12);
    // eligible: 31, 33, 35 (38 is inside the last 24 h, 36 deleted, 37 another body's); replied 31 (2 h) and 33 (26 h)
    expect(m.replies).toMatchObject({ status: "measured", eligible: 3, replied: 2, repliedWithinWindow: 1 });
    expect(m.replies.replyRate).toBeCloseTo(2 / 3, 12);
    expect(m.replies.rr24).toBeCloseTo(1 / 3, 12);
    // delays 7,200 s and 93,600 s: mean = median = 50,400; P90 = value at rank ceil(1.8) = 2
    expect(m.firstReply).toMatchObject({ n: 2, meanSeconds: 50_400, medianSeconds: 50_400, p90Seconds: 93_600, overLimit: 1 });
    expect(m.streams).toEqual({ status: "measured", count: 1 }); // the recorded video is not a live stream
    expect(m.commentsOpen).toMatchObject({ open: 3, known: 4, share: 0.75 });
    expect(m.reach.ratio).toBeCloseTo(1500 / 750_000, 12);
    expect(await unansweredOf("vk:min_test")).toEqual(["35", "38"]);

    // Telegram without a bot in the discussion group: replies are not measurable, not zero
    const tg = await metricsOf("telegram:min_test_tg");
    expect(tg.m.replies.status).toBe("not_measurable");
    expect(tg.m.badge.status).toBe("not_measurable");
    expect(tg.m.posting.ownerPosts).toBe(1);
    // MAX from the activity file: one resident comment answered after an hour
    const max = await metricsOf("max:min_test_max");
    expect(max.m.replies).toMatchObject({ eligible: 1, replied: 1, replyRate: 1, rr24: 1 });
    expect(max.m.firstReply.meanSeconds).toBe(3600);
    // OK: the resident's comment is stored and waits for an answer
    expect(await unansweredOf("ok:min_test_ok")).toEqual(["71"]);
  });

  it("stores residents only as salted hashes", async () => {
    const rows = await t.db.selectFrom("page_comments").select(["author_kind", "author_hash", "deleted"]).execute();
    // a deleted comment may come without its author; every other resident has a hash
    const residents = rows.filter((r) => r.author_kind === "resident" && !r.deleted);
    expect(residents.length).toBeGreaterThan(5);
    for (const r of residents) expect(r.author_hash).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const dump = JSON.stringify(await t.db.selectFrom("page_comments").selectAll().execute());
    for (const id of ["901", "902", "903", "u1"]) expect(dump).not.toContain(`"${id}"`);
  });

  it("duplicates nothing when audited again, and picks up late comments and replies", async () => {
    const before = await countRows();
    await runAll();
    expect(await countRows()).toEqual(before);

    const vk = fakeWorld.pages.find((p) => p.handle === "min_test")!;
    const post = vk.posts.find((p) => p.id === 3)!;
    post.comments.push(
      { id: 39, date: new Date("2026-11-18T00:00:00Z"), author: { kind: "page" }, text: "Ответ", threadOf: 35, replyTo: 35 },
      { id: 40, date: new Date("2026-11-19T20:00:00Z"), author: { kind: "user", id: 908 }, text: "Новый вопрос" },
    );
    const progress = await runAll();
    expect(progress.failed).toBe(0);
    const after = await countRows();
    expect(after).toEqual({ ...before, comments: before.comments + 2 });
    const { m } = await metricsOf("vk:min_test");
    expect(m.replies).toMatchObject({ eligible: 3, replied: 3 });
    expect(await unansweredOf("vk:min_test")).toEqual(["38", "40"]);
  });

  it("records page faults with their kind while the run finishes, retries transient ones, and disables a revoked token", async () => {
    fakeWorld.pages.find((p) => p.handle === "zeya_adm")!.status = "private";
    fake.faults.inject({ platform: "vk", token: "tok-a", times: 1, fault: { kind: "api-error", code: 5, message: "User authorization failed" } });
    fake.faults.inject({ platform: "ok", times: 3, fault: { kind: "http", status: 502 } });
    fake.faults.inject({ platform: "tme", times: 1000, fault: { kind: "malformed" } });
    fake.faults.inject({ platform: "telegram", times: 1000, fault: { kind: "malformed" } });

    const progress = await runAll();
    expect(progress).toMatchObject({ pending: 0, total: 5 });
    const outcomes = await t.db
      .selectFrom("audit_run_pages as r")
      .innerJoin("official_pages as p", "p.id", "r.page_id")
      .select(["p.platform", "p.platform_id", "r.status", "r.error_kind", "r.attempts"])
      .where("r.run_id", "=", progress.run.id)
      .orderBy("p.id")
      .execute();
    const byKey = new Map(outcomes.map((o) => [`${o.platform}:${o.platform_id}`, o]));
    expect(byKey.get("vk:zeya_adm")).toMatchObject({ status: "failed", error_kind: "page_private", attempts: 1 }); // never retried
    expect(byKey.get("vk:min_test")).toMatchObject({ status: "done" }); // went on with tok-b
    // three 502s outlast the connector's own two retries, so the job's retry finishes the page
    expect(byKey.get("ok:min_test_ok")).toMatchObject({ status: "done", attempts: 2 });
    expect(byKey.get("telegram:min_test_tg")).toMatchObject({ status: "failed", error_kind: "malformed", attempts: 4 });
    expect(byKey.get("max:min_test_max")).toMatchObject({ status: "done" });

    const state = await t.db.selectFrom("page_audit_state").selectAll().where("page_id", "=", pageIds.get("vk:zeya_adm")!).executeTakeFirstOrThrow();
    expect(state).toMatchObject({ platform_status: "private", last_outcome: "failed", last_error_kind: "page_private" });
    const tokens = await t.db.selectFrom("platform_tokens").selectAll().execute();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ platform: "vk" });
    expect(tokens[0]!.token_hash).not.toContain("tok-a");
    const alerts = await t.db.selectFrom("alerts").selectAll().execute();
    expect(alerts.map((a) => a.kind)).toEqual(["token_revoked"]);
    fake.faults.clear();
  });

  it("sweeps once a day: asking again for the same date answers the finished run without new work", async () => {
    const first = await scheduledSweep(t.db, jobs, "2026-11-20");
    expect(first).toMatchObject({ created: true, enqueued: 5 });
    await jobs.onIdle({ timeoutMs: 60_000 });
    const progress = (await getRunProgress(t.db, first.runId))!;
    expect(progress.pending).toBe(0);
    expect(await scheduledSweep(t.db, jobs, "2026-11-20")).toEqual({ runId: first.runId, created: false, enqueued: 0 });
    const runs = await t.db.selectFrom("audit_runs").select("id").where("schedule_key", "=", "2026-11-20").execute();
    expect(runs).toHaveLength(1);
  });

  it("refuses an activity file with bad lines or unknown pages, naming each, and stores nothing", async () => {
    const before = await t.db.selectFrom("activity_files").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const bad = [
      '{"type":"post","page":"max:min_test_max","id":"x","published_at":"2026-02-30T10:00:00+09:00","by_owner":true}',
      "not json",
      '{"type":"post","page":"vk:nobody","id":"y","published_at":"2026-11-01T10:00:00+09:00","by_owner":true}',
    ].join("\n");
    const result = await uploadActivityFile({ db: t.db }, { name: "bad.jsonl", content: bad }, null);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [1, "published_at"],
      [2, ""],
    ]);
    const after = await t.db.selectFrom("activity_files").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

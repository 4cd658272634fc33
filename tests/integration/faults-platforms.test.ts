/**
 * A whole daily sweep while the platforms fail: every VK and Telegram request times out, OK and
 * the t.me preview answer 5xx. The sweep must still finish — no page left pending, no job stuck —
 * with each failure recorded on its page (kind, message, attempts: the job's full retry budget),
 * while the page that needs no platform (MAX, from an activity file) is audited as usual.
 * (tests/integration/audit-pipeline.test.ts covers faults that clear up and the per-kind codes.)
 */
import { createAppJobs } from "../../app/services/app-context.server";
import { uploadActivityFile } from "../../app/services/activity-files.server";
import { createAuditRuntime } from "../../app/services/audit-runtime.server";
import { getRunProgress, scheduledSweep } from "../../app/services/audits.server";
import { importRegistry } from "../../app/services/registry-import.server";
import { loadEnv } from "../../app/utils/env.server";
import { jobDefinitions } from "../../jobs/queues";
import type { JobRunner } from "../../jobs/types";
import { fakePlatformEnv, MAX_ACTIVITY, NOW, REGISTRY, world } from "../fixtures/audit-world";
import { startFakePlatforms, type FakePlatforms } from "../fixtures/fake-platforms/server";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";

describe("a sweep while the platforms time out and answer 5xx", () => {
  let t: TestDatabase;
  let fake: FakePlatforms;
  let jobs: JobRunner;
  let closeAudit: () => Promise<void>;

  beforeAll(async () => {
    t = await createTestDatabase("faults_platforms");
    expect((await importRegistry(t.db, REGISTRY, null)).status).toBe("succeeded");
    fake = await startFakePlatforms(world());
    const env = loadEnv({
      DEMO: "off",
      ...fakePlatformEnv(fake),
      JOB_CONCURRENCY: "2",
    });
    // a platform that holds the socket 600 ms against a client that waits 100 ms: a timeout each time
    const audit = createAuditRuntime(t.db, env, { now: () => NOW, retryDelayMs: 5, timeoutMs: 100 });
    closeAudit = () => audit.close();
    ({ jobs } = createAppJobs(t.db, env, { audit, backoffScale: 0.001 }));
    await jobs.startProcessing({ concurrency: 2 });
    expect(await uploadActivityFile({ db: t.db }, { name: "max.jsonl", content: MAX_ACTIVITY }, null)).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await jobs?.close();
    await closeAudit?.();
    await fake?.close();
    await t?.close();
  });

  it("finishes with every failure recorded on its page and the unaffected page audited", async () => {
    fake.faults.inject({ platform: "vk", times: 100_000, fault: { kind: "timeout", ms: 600 } });
    fake.faults.inject({ platform: "telegram", times: 100_000, fault: { kind: "timeout", ms: 600 } });
    fake.faults.inject({ platform: "ok", times: 100_000, fault: { kind: "http", status: 503 } });
    fake.faults.inject({ platform: "tme", times: 100_000, fault: { kind: "http", status: 500 } });

    const sweep = await scheduledSweep(t.db, jobs, "2026-11-20");
    expect(sweep).toMatchObject({ created: true, enqueued: 5 });
    await jobs.onIdle({ timeoutMs: 60_000 });

    const progress = (await getRunProgress(t.db, sweep.runId))!;
    expect(progress).toMatchObject({ total: 5, pending: 0, done: 1, failed: 4, percent: 100 });
    const pages = await t.db
      .selectFrom("audit_run_pages as r")
      .innerJoin("official_pages as p", "p.id", "r.page_id")
      .select(["p.platform", "p.platform_id", "r.status", "r.error_kind", "r.error_message", "r.attempts", "r.finished_at"])
      .where("r.run_id", "=", sweep.runId)
      .orderBy("p.id")
      .execute();
    const budget = jobDefinitions["audit.page"].options.attempts;
    const failed = pages.filter((p) => p.platform !== "max");
    expect(failed.map((p) => `${p.platform}:${p.platform_id}`).sort()).toEqual(["ok:min_test_ok", "telegram:min_test_tg", "vk:min_test", "vk:zeya_adm"]);
    for (const page of failed) {
      // transient faults are retried with backoff up to the job's budget, then recorded, not lost
      expect(page, `${page.platform}:${page.platform_id}`).toMatchObject({ status: "failed", error_kind: "transient", attempts: budget });
      expect(page.error_message).toMatch(/\S/);
      expect(page.finished_at).toBeInstanceOf(Date);
    }
    expect(pages.find((p) => p.platform === "max")).toMatchObject({ status: "done", error_kind: null });
    // the failure is the page's state too, for the audits page and the page's administrator
    const states = await t.db.selectFrom("page_audit_state").select(["last_outcome", "last_error_kind"]).where("last_outcome", "=", "failed").execute();
    expect(states).toHaveLength(4);
    expect(new Set(fake.faults.requests.map((r) => r.outcome))).toEqual(new Set(["timeout", "http"]));
    // a finished run is not redone by the next tick of the same day
    expect(await scheduledSweep(t.db, jobs, "2026-11-20")).toMatchObject({ runId: sweep.runId, created: false, enqueued: 0 });
  }, 90_000);
});

/**
 * Retention of response metadata, against real PostgreSQL: the daily `responses.retention` job
 * (from the one job registry) anonymises what identifies a device or a person in responses older
 * than RESPONSE_METADATA_RETENTION_DAYS, keeps answers, submission time, duration and quality
 * flags, leaves newer responses alone, and changes nothing when it runs again.
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { submitResponse } from "../../app/services/submissions.server";
import { createServiceWorld, type ServiceWorld } from "../helpers/service-context";
import { newSubmissionId, publishedSurvey, SMALL_SURVEY, validAnswers } from "../helpers/surveys";

const DAY_MS = 86_400_000;

describe("responses.retention", () => {
  let world: ServiceWorld;

  beforeAll(async () => {
    world = await createServiceWorld("ops-retention", { RESPONSE_METADATA_RETENTION_DAYS: "90" });
  });
  afterAll(async () => {
    await world?.close();
  });

  async function answer(slug: string, device: string, address: string, over: Record<string, unknown> = {}) {
    const body = {
      submissionId: newSubmissionId(),
      answers: validAnswers(over),
      timing: { startedAt: new Date(Date.now() - 120_000).toISOString(), durationMs: 95_000 },
      locale: "ru",
    };
    const result = await submitResponse(world.ctx, { slug, body, deviceToken: device, clientAddress: address });
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    return Number(result.body.id);
  }

  const rows = (ids: number[]) =>
    world.t.db
      .selectFrom("responses")
      .select(["id", "answers", "raw", "submitted_at", "duration_ms", "started_at", "device_key", "client_hash", "locale", "submission_id"])
      .where("id", "in", ids)
      .orderBy("id")
      .execute();

  it("anonymises old responses' metadata, keeps answers and flags, spares new ones, and is idempotent", async () => {
    const devicePoll = await publishedSurvey(world.ctx, SMALL_SURVEY, { policy: "device" });
    const openPoll = await publishedSurvey(world.ctx, SMALL_SURVEY);
    const device = () => randomBytes(24).toString("base64url");

    // the same client answers the open poll twice long ago: a repeat the quality rules look for
    const oldDevice = await answer(devicePoll.slug, device(), "198.51.100.7", { note: "старый ответ" });
    const oldOpenA = await answer(openPoll.slug, device(), "198.51.100.8");
    const oldOpenB = await answer(openPoll.slug, device(), "198.51.100.8", { satisfaction: 2 });
    const recent = await answer(devicePoll.slug, device(), "198.51.100.9", { note: "свежий ответ" });
    const old = [oldDevice, oldOpenA, oldOpenB];
    const oldSubmittedAt = new Date(Date.now() - 120 * DAY_MS);
    // submitted_at is never updated by the app (the schema type says so): backdate in SQL
    await sql`update responses set submitted_at = ${oldSubmittedAt} where id in (${sql.join(old)})`.execute(world.t.db);
    await world.t.db
      .insertInto("response_flags")
      .values({ response_id: oldOpenB, survey_id: openPoll.id, reason: "duplicate_device", question: "", detail: "same client as an earlier response" })
      .execute();
    // drafts: one abandoned long ago, one from today
    await world.t.db
      .insertInto("response_drafts")
      .values([
        { survey_id: openPoll.id, device_hash: "old-draft-device", version_id: openPoll.versionId, answers: JSON.stringify({ sex: "male" }), updated_at: oldSubmittedAt },
        { survey_id: openPoll.id, device_hash: "new-draft-device", version_id: openPoll.versionId, answers: JSON.stringify({ sex: "female" }) },
      ])
      .execute();

    const before = await rows([...old, recent]);
    for (const r of before) {
      expect(r.device_key === null && r.client_hash === null).toBe(false);
      expect(r.started_at).not.toBeNull();
    }

    // through the registry and the runner, as the daily schedule runs it
    await world.ctx.jobs.startProcessing();
    await world.ctx.jobs.enqueue("responses.retention", { date: "2026-11-23" }, { jobId: "responses-retention-test-1" });
    await world.ctx.jobs.onIdle({ timeoutMs: 20_000 });
    const job = await world.ctx.jobs.getJob("responses.retention", "responses-retention-test-1");
    expect(job?.state).toBe("completed");
    expect(job?.returnValue).toMatchObject({ responses: 3, drafts: 1 });

    const after = await rows([...old, recent]);
    const byId = new Map(after.map((r) => [Number(r.id), r]));
    const was = new Map(before.map((r) => [Number(r.id), r]));
    for (const id of old) {
      const r = byId.get(id)!;
      const previous = was.get(id)!;
      expect(r.device_key).toBeNull();
      expect(r.started_at).toBeNull();
      expect(r.client_hash).toMatch(/^retained-\d+$/);
      expect(r.raw).toEqual({ submissionId: previous.submission_id, answers: (previous.raw as { answers: unknown }).answers });
      // what analysis needs stays exactly as it was
      expect(r.answers).toEqual(previous.answers);
      expect(r.submitted_at.getTime()).toBe(oldSubmittedAt.getTime());
      expect(r.duration_ms).toBe(95_000);
      expect(r.locale).toBe("ru");
    }
    // the two old answers from one client still look like one client, to each other only
    expect(byId.get(oldOpenA)!.client_hash).toBe(byId.get(oldOpenB)!.client_hash);
    expect(byId.get(oldDevice)!.client_hash).not.toBe(byId.get(oldOpenA)!.client_hash);
    // the hash of the address is gone from every old row
    const oldHashes = new Set(before.filter((r) => old.includes(Number(r.id))).map((r) => r.client_hash));
    for (const id of old) expect(oldHashes.has(byId.get(id)!.client_hash)).toBe(false);

    // the recent response is untouched
    expect(byId.get(recent)).toEqual(was.get(recent));
    // quality flags are kept
    const flags = await world.t.db.selectFrom("response_flags").select(["response_id", "reason"]).where("survey_id", "=", openPoll.id).execute();
    expect(flags).toEqual([{ response_id: oldOpenB, reason: "duplicate_device" }]);
    const drafts = await world.t.db.selectFrom("response_drafts").select("device_hash").where("survey_id", "=", openPoll.id).execute();
    expect(drafts.map((d) => d.device_hash)).toEqual(["new-draft-device"]);

    // a second run (another day, or a retry) finds nothing to do and changes nothing
    await world.ctx.jobs.enqueue("responses.retention", { date: "2026-11-24" }, { jobId: "responses-retention-test-2" });
    await world.ctx.jobs.onIdle({ timeoutMs: 20_000 });
    const again = await world.ctx.jobs.getJob("responses.retention", "responses-retention-test-2");
    expect(again?.returnValue).toMatchObject({ responses: 0, drafts: 0 });
    expect(await rows([...old, recent])).toEqual(after);
  });
});

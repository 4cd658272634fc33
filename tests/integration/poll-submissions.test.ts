/**
 * The public submission endpoint over real HTTP: every status it promises, idempotency, and the
 * duplicate policies and quotas holding under concurrent submissions.
 */
import { sql } from "kysely";
import { deviceView } from "../../app/services/polls.server";
import { generateInvitations, saveQuotas } from "../../app/services/survey-fieldwork.server";
import { startTestServer, type TestServer } from "../helpers/app-server";
import { newSubmissionId, publishedSurvey, SMALL_SURVEY, validAnswers } from "../helpers/surveys";

describe("POST /api/polls/:slug/responses", () => {
  let server: TestServer;
  let slug: string;
  let surveyId: number;

  beforeAll(async () => {
    server = await startTestServer("submissions", { SUBMISSION_RATE_LIMIT: "0" });
    ({ slug, id: surveyId } = await publishedSurvey(server.app.ctx, SMALL_SURVEY));
  });
  afterAll(async () => server?.stop());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const submit = (s: string, body: unknown, headers: Record<string, string> = {}) => post(`/api/polls/${s}/responses`, body, headers);
  const count = async (id = surveyId) =>
    Number((await server.db.db.selectFrom("responses").select((eb) => eb.fn.countAll().as("n")).where("survey_id", "=", id).executeTakeFirstOrThrow()).n);

  it("stores a valid answer once, with the raw body beside the cleaned answers, and replays return the same id", async () => {
    const body = { submissionId: newSubmissionId(), answers: validAnswers({ note: "<script>alert(1)</script> спасибо" }), locale: "ru", timing: { durationMs: 65000 } };
    const first = await submit(slug, body);
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: number };
    const again = await submit(slug, body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id, duplicate: true });
    const row = await server.db.db.selectFrom("responses").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.answers).toEqual(validAnswers({ note: "<script>alert(1)</script> спасибо" }));
    expect(row.raw).toEqual(body);
    expect(row.duration_ms).toBe(65000);
    expect(row.client_hash).toMatch(/^[A-Za-z0-9_-]{43}$/); // a keyed hash, never the address
    expect(JSON.stringify(row)).not.toContain("127.0.0.1");
  });

  it("answers 422 naming each bad question and stores nothing", async () => {
    const before = await count();
    const response = await submit(slug, { submissionId: newSubmissionId(), answers: { sex: "robot", age_band: "30-44", satisfaction: 9, surprise: 1 } });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { question: string | null; path?: string; code: string; message: string }[] };
    const byPlace = new Map(body.errors.map((e) => [e.question ?? e.path, e]));
    expect([...byPlace.keys()].sort()).toEqual(["satisfaction", "sex", "surprise"]);
    expect(byPlace.get("surprise")?.code).toBe("unknown_key");
    expect(byPlace.get("sex")?.message).toMatch(/\S/); // a message a person can read, in Russian by default
    expect(await count()).toBe(before);
  });

  it.each([
    ["malformed JSON", "{not json", {}, 400, "malformed_json"],
    ["wrong content type", "a=1", { "Content-Type": "application/x-www-form-urlencoded" }, 415, "content_type_must_be_application_json"],
    ["unknown body field", { submissionId: "abcdefgh12", answers: {}, extra: true }, {}, 422, "invalid_body"],
    ["missing submission id", { answers: validAnswers() }, {}, 422, "invalid_body"],
    ["answers not an object", { submissionId: "abcdefgh13", answers: [1, 2] }, {}, 422, "invalid_body"],
  ])("refuses %s", async (_name, body, headers, status, error) => {
    const before = await count();
    const response = await submit(slug, body, headers as Record<string, string>);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toBe(error);
    expect(await count()).toBe(before);
  });

  it("passes the same front door as every page: security headers, cross-origin refusal, 405 for other methods", async () => {
    const ok = await submit(slug, { submissionId: newSubmissionId(), answers: validAnswers() });
    expect(ok.status).toBe(201);
    expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
    expect(ok.headers.get("x-frame-options")).toBe("DENY");
    expect(ok.headers.get("cache-control")).toBe("no-store");
    const before = await count();
    const foreign = await submit(slug, { submissionId: newSubmissionId(), answers: validAnswers() }, { Origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(await count()).toBe(before);
    const get = await fetch(`${server.url}/api/polls/${slug}/responses`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("refuses a body over the limit with 413", async () => {
    const response = await submit(slug, { submissionId: newSubmissionId(), answers: validAnswers({ note: "я".repeat(600_000) }) });
    expect(response.status).toBe(413);
  });

  it("answers 404 for an unknown poll and 410 for a closed one", async () => {
    expect((await submit("no-such-poll", { submissionId: newSubmissionId(), answers: {} })).status).toBe(404);
    const closed = await publishedSurvey(server.app.ctx, SMALL_SURVEY);
    await server.db.db.updateTable("surveys").set({ closes_at: new Date(Date.now() - 1000) }).where("id", "=", closed.id).execute();
    const response = await submit(closed.slug, { submissionId: newSubmissionId(), answers: validAnswers() });
    expect(response.status).toBe(410);
  });

  it("keeps one answer per device even when the same device submits concurrently", async () => {
    const poll = await publishedSurvey(server.app.ctx, SMALL_SURVEY, { policy: "device" });
    const device = "d".repeat(32);
    const results = await Promise.all(
      Array.from({ length: 12 }, () => submit(poll.slug, { submissionId: newSubmissionId(), answers: validAnswers() }, { Cookie: `rp_device=${device}` })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    expect(await count(poll.id)).toBe(1);
    const noDevice = await submit(poll.slug, { submissionId: newSubmissionId(), answers: validAnswers() });
    expect(noDevice.status).toBe(409);
  });

  it("accepts each single-use invitation exactly once, also under concurrency", async () => {
    const poll = await publishedSurvey(server.app.ctx, SMALL_SURVEY, { policy: "invitation" });
    const file = await generateInvitations(server.app.ctx, poll.id, 3, server.url, null);
    const tokens = file!.csv.trim().split("\r\n").slice(1).map((line) => new URL(line.split(",")[1]!).searchParams.get("invite")!);
    expect(tokens).toHaveLength(3);
    const stored = await server.db.db.selectFrom("invitations").select("token_hash").where("survey_id", "=", poll.id).execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(tokens[0]);

    const race = await Promise.all(Array.from({ length: 8 }, () => submit(poll.slug, { submissionId: newSubmissionId(), answers: validAnswers(), invitation: tokens[0] })));
    expect(race.map((r) => r.status).filter((s) => s === 201)).toHaveLength(1);
    expect((await submit(poll.slug, { submissionId: newSubmissionId(), answers: validAnswers() })).status).toBe(409);
    expect((await submit(poll.slug, { submissionId: newSubmissionId(), answers: validAnswers(), invitation: "x".repeat(24) })).status).toBe(409);
    expect((await submit(poll.slug, { submissionId: newSubmissionId(), answers: validAnswers(), invitation: tokens[1] })).status).toBe(201);
    expect(await count(poll.id)).toBe(2);
  });

  it("never overfills a quota cell under concurrent submissions, and closes the survey when all cells are full", async () => {
    const poll = await publishedSurvey(server.app.ctx, SMALL_SURVEY);
    const saved = await saveQuotas(server.app.ctx, poll.id, "Женщины | sex=female | 5\nМужчины | sex=male | 3", null);
    expect(saved.ok).toBe(true);
    const women = await Promise.all(Array.from({ length: 20 }, () => submit(poll.slug, { submissionId: newSubmissionId(), answers: validAnswers({ sex: "female" }) })));
    expect(women.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = women.filter((r) => r.status === 409);
    expect(refused).toHaveLength(15);
    expect(await refused[0]!.json()).toEqual({ error: "screened_out" });
    const cells = await server.db.db.selectFrom("quota_cells").select(["label", "filled", "target"]).where("survey_id", "=", poll.id).orderBy("id").execute();
    expect(cells).toEqual([
      { label: "Женщины", filled: 5, target: 5 },
      { label: "Мужчины", filled: 0, target: 3 },
    ]);
    const men = await Promise.all(Array.from({ length: 6 }, () => submit(poll.slug, { submissionId: newSubmissionId(), answers: validAnswers({ sex: "male" }) })));
    expect(men.filter((r) => r.status === 201)).toHaveLength(3);
    const status = await server.db.db.selectFrom("surveys").select("status").where("id", "=", poll.id).executeTakeFirstOrThrow();
    expect(status.status).toBe("closed");
    expect(await count(poll.id)).toBe(8);
  });

  it("saves a draft per device, shows it when the resident returns, and drops it on submission", async () => {
    const poll = await publishedSurvey(server.app.ctx, SMALL_SURVEY);
    const first = await fetch(`${server.url}/polls/${poll.slug}`);
    expect(first.status).toBe(200);
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect(cookie).toMatch(/^rp_device=[A-Za-z0-9_-]{32}$/);
    const saved = await post(`/api/polls/${poll.slug}/draft`, { answers: { sex: "male" }, pageNo: 0 }, { Cookie: cookie });
    expect(await saved.json()).toEqual({ saved: true, screenedOut: false });
    // what the poll page's loader hands the returning device
    const view = await deviceView(server.app.ctx, poll.id, "open", cookie.split("=")[1]!);
    expect(view.draft).toMatchObject({ answers: { sex: "male" }, page_no: 0 });
    expect((await fetch(`${server.url}/polls/${poll.slug}`, { headers: { Cookie: cookie } })).headers.get("set-cookie")).toBeNull();
    const done = await submit(poll.slug, { submissionId: newSubmissionId(), answers: validAnswers({ sex: "male" }) }, { Cookie: cookie });
    expect(done.status).toBe(201);
    const drafts = await sql<{ n: number }>`select count(*)::int as n from response_drafts where survey_id = ${poll.id}`.execute(server.db.db);
    expect(drafts.rows[0]!.n).toBe(0);
  });

  it("rate-limits a client that floods the endpoint", async () => {
    const limited = await startTestServer("rate-limit", { SUBMISSION_RATE_LIMIT: "3" });
    try {
      const poll = await publishedSurvey(limited.app.ctx, SMALL_SURVEY);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await fetch(`${limited.url}/api/polls/${poll.slug}/responses`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ submissionId: newSubmissionId(), answers: validAnswers() }),
        });
        statuses.push(r.status);
        if (r.status === 429) expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
    } finally {
      await limited.stop();
    }
  });
});

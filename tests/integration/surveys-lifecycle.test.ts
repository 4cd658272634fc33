import { readdirSync, readFileSync } from "node:fs";
import { sql } from "kysely";
import { createApiToken } from "../../app/services/api-tokens.server";
import { syncSurveysFromCode } from "../../app/services/surveys-as-code.server";
import { createStudy, createSurvey, publishSurvey, saveDefinition } from "../../app/services/surveys.server";
import { addUser, Browserish, startTestServer, type TestServer } from "../helpers/app-server";
import { SMALL_SURVEY } from "../helpers/surveys";

const SAMPLES = "tests/fixtures/surveyjs-samples";
const samples = readdirSync(SAMPLES).filter((f) => f.endsWith(".json"));

describe("survey lifecycle: versions, publishing, surveys as code, the JSON API", () => {
  let server: TestServer;
  let studyId: number;
  let sociologist: { id: number; email: string; password: string };

  beforeAll(async () => {
    server = await startTestServer("lifecycle");
    sociologist = await addUser(server, "sociologist");
    const study = await createStudy(server.app.ctx, { title: "Исследование", kind: "mixed" }, sociologist.id);
    if (!study.ok) throw new Error("study");
    studyId = study.value;
  });
  afterAll(async () => server?.stop());

  it("imports and publishes every one of the 25 third-party SurveyJS samples", async () => {
    expect(samples).toHaveLength(25);
    for (const [i, file] of samples.entries()) {
      const definition = JSON.parse(readFileSync(`${SAMPLES}/${file}`, "utf8"));
      const created = await createSurvey(server.app.ctx, { study_id: String(studyId), slug: `sample-${i + 1}`, title: file }, definition, sociologist.id);
      expect(created.ok, `${file}: ${JSON.stringify(created)}`).toBe(true);
      const published = await publishSurvey(server.app.ctx, (created as { value: number }).value, sociologist.id);
      expect(published.ok, file).toBe(true);
      const page = await fetch(`${server.url}/polls/sample-${i + 1}`);
      expect(page.status, file).toBe(200);
      await page.text();
    }
  });

  it("edits a draft in place, starts a new draft after publishing, and freezes published versions", async () => {
    const created = await createSurvey(server.app.ctx, { study_id: String(studyId), slug: "versions", title: "Versions" }, SMALL_SURVEY, sociologist.id);
    if (!created.ok) throw new Error("create");
    const id = created.value;
    const edited = { ...SMALL_SURVEY, title: "v1 edited" };
    const first = await saveDefinition(server.app.ctx, id, edited, sociologist.id);
    expect(first).toMatchObject({ ok: true, version: 1, changed: true });
    const same = await saveDefinition(server.app.ctx, id, JSON.parse(JSON.stringify(edited)), sociologist.id);
    expect(same).toMatchObject({ ok: true, version: 1, changed: false });
    await publishSurvey(server.app.ctx, id, sociologist.id);
    const second = await saveDefinition(server.app.ctx, id, { ...SMALL_SURVEY, title: "v2" }, sociologist.id);
    expect(second).toMatchObject({ ok: true, version: 2, changed: true });
    const versions = await server.db.db.selectFrom("survey_versions").select(["version", "published_at"]).where("survey_id", "=", id).orderBy("version").execute();
    expect(versions.map((v) => [v.version, v.published_at !== null])).toEqual([
      [1, true],
      [2, false],
    ]);
    await expect(sql`update survey_versions set definition = '{}'::jsonb where survey_id = ${id} and version = 1`.execute(server.db.db)).rejects.toThrow(/published and cannot change/);
  });

  it("refuses a definition with schema errors and sanitises unsafe HTML when saving", async () => {
    const created = await createSurvey(server.app.ctx, { study_id: String(studyId), slug: "unsafe", title: "Unsafe" }, SMALL_SURVEY, sociologist.id);
    if (!created.ok) throw new Error("create");
    const bad = await saveDefinition(server.app.ctx, created.value, { pages: [{ name: "p", elements: [{ type: "no-such-type", name: "x" }] }] }, sociologist.id);
    expect(bad.ok).toBe(false);
    const unsafe = {
      pages: [{ name: "p", elements: [{ type: "html", name: "intro", html: '<p>Привет</p><script>alert(1)</script><img src="x" onerror="alert(2)">' }, { type: "text", name: "t" }] }],
    };
    const saved = await saveDefinition(server.app.ctx, created.value, unsafe, sociologist.id);
    expect(saved.ok).toBe(true);
    const row = await server.db.db.selectFrom("survey_versions").select("definition").where("survey_id", "=", created.value).executeTakeFirstOrThrow();
    const html = JSON.stringify(row.definition);
    expect(html).toContain("<p>Привет</p>");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("onerror");
  });

  it("syncs surveys kept as code: creates and publishes, then makes a version only when the JSON changed", async () => {
    const first = await syncSurveysFromCode(server.app.ctx);
    expect(first.map((l) => [l.slug, l.action, l.published])).toEqual([
      ["internet-2026", "created", true],
      ["otvety-vedomstv", "created", true],
    ]);
    const second = await syncSurveysFromCode(server.app.ctx);
    expect(second.map((l) => l.action)).toEqual(["unchanged", "unchanged"]);
    const rating = await server.db.db
      .selectFrom("survey_versions as v")
      .innerJoin("surveys as s", "s.id", "v.survey_id")
      .select("v.definition")
      .where("s.slug", "=", "otvety-vedomstv")
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(rating.definition)).toContain('"rpKind":"organisation-rating"');
  });

  it("serves the surveys API to a token holder and refuses everyone else", async () => {
    const { token } = await createApiToken(server.app.ctx, sociologist.id, "R script");
    const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    expect((await fetch(`${server.url}/api/v1/surveys`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/v1/surveys`, { headers: { Authorization: "Bearer rp_" + "x".repeat(40) } })).status).toBe(401);

    const definition = JSON.parse(readFileSync(`${SAMPLES}/12-nps-complete-trigger.json`, "utf8"));
    const created = await fetch(`${server.url}/api/v1/surveys`, { method: "POST", headers: auth, body: JSON.stringify({ study_id: studyId, slug: "api-nps", title: "NPS", definition }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const taken = await fetch(`${server.url}/api/v1/surveys`, { method: "POST", headers: auth, body: JSON.stringify({ study_id: studyId, slug: "api-nps", title: "NPS", definition }) });
    expect(taken.status).toBe(409);
    const put = await fetch(`${server.url}/api/v1/surveys/${id}/definition`, { method: "PUT", headers: auth, body: JSON.stringify({ definition: { ...definition, title: "NPS 2" } }) });
    expect(await put.json()).toMatchObject({ version: 1, changed: true });
    expect((await fetch(`${server.url}/api/v1/surveys/${id}/publish`, { method: "POST", headers: auth })).status).toBe(200);
    const answered = await fetch(`${server.url}/api/polls/api-nps/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ submissionId: "api-nps-0001", answers: { nps_score: 10, promoter_features: ["performance"] } }),
    });
    expect([201, 422]).toContain(answered.status);
    const list = await fetch(`${server.url}/api/v1/surveys/${id}/responses?limit=10`, { headers: auth });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { responses: unknown[] };
    expect(body.responses.length).toBe(answered.status === 201 ? 1 : 0);
    expect((await fetch(`${server.url}/api/v1/surveys/${id}/close`, { method: "POST", headers: auth })).status).toBe(200);

    const analyst = await addUser(server, "analyst");
    const analystToken = await createApiToken(server.app.ctx, analyst.id, "not allowed");
    expect((await fetch(`${server.url}/api/v1/surveys`, { headers: { Authorization: `Bearer ${analystToken.token}` } })).status).toBe(403);
  });

  it("lets a sociologist create a study and a survey through the forms", async () => {
    const client = new Browserish(server.url);
    await client.login(sociologist.email, sociologist.password);
    const study = await client.post("/studies", { title: "Форма", kind: "quantitative", starts_on: "2026-12-01", ends_on: "2026-11-01" });
    expect(study.status).toBe(422);
    expect(await study.text()).toContain("Окончание раньше начала.");
    const ok = await client.post("/studies", { title: "Форма", kind: "quantitative" });
    expect(ok.status).toBe(302);
    const studyPath = ok.headers.get("location")!;
    const survey = await client.post(studyPath, { intent: "new-survey", title: "Новый", slug: "Bad Slug!" });
    expect(survey.status).toBe(422);
    const good = await client.post(studyPath, { intent: "new-survey", title: "Новый", slug: "novyi-opros", duplicate_policy: "device" });
    expect(good.status).toBe(302);
    expect(good.headers.get("location")).toMatch(/^\/surveys\/\d+\/design$/);
  });
});

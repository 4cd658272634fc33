/**
 * Every page with every role, over real HTTP against the production build: the server, not the
 * menu, decides who sees what. The expected table is written out by hand on purpose.
 */
import { seedDemoRegion } from "../../app/services/demo.server";
import { scorePeriod } from "../../app/services/scores.server";
import { addUser, Browserish, startTestServer, type TestServer } from "../helpers/app-server";

type Who = "anonymous" | "admin" | "analyst" | "sociologist" | "page_admin";
const WHO: Who[] = ["anonymous", "admin", "analyst", "sociologist", "page_admin"];

// 200 = allowed, 403 = refused, "login" = redirected to the login page, "my" = sent to /my
const EXPECTED: Record<string, Record<Who, 200 | 401 | 403 | "login" | "my">> = {
  "/": { anonymous: 200, admin: 200, analyst: 200, sociologist: 200, page_admin: 200 },
  "/home": { anonymous: "login", admin: 200, analyst: 200, sociologist: 200, page_admin: "my" },
  "/my": { anonymous: "login", admin: 403, analyst: 403, sociologist: 403, page_admin: 200 },
  "/registry/territories": { anonymous: "login", admin: 200, analyst: 200, sociologist: 200, page_admin: 403 },
  "/registry/territories/amur-zeya": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/registry/organisations": { anonymous: "login", admin: 200, analyst: 200, sociologist: 200, page_admin: 403 },
  "/registry/organisations/org-min-fin": { anonymous: "login", admin: 200, analyst: 200, sociologist: 200, page_admin: 403 },
  "/registry/pages": { anonymous: "login", admin: 200, analyst: 200, sociologist: 200, page_admin: 403 },
  "/registry/pages/1": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/registry/import": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/admin/users": { anonymous: "login", admin: 200, analyst: 403, sociologist: 403, page_admin: 403 },
  "/admin/users/1": { anonymous: "login", admin: 200, analyst: 403, sociologist: 403, page_admin: 403 },
  "/admin/audit": { anonymous: "login", admin: 200, analyst: 403, sociologist: 403, page_admin: 403 },
  "/polls": { anonymous: 200, admin: 200, analyst: 200, sociologist: 200, page_admin: 200 },
  "/polls/internet-2026": { anonymous: 200, admin: 200, analyst: 200, sociologist: 200, page_admin: 200 },
  "/studies": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/studies/1": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/surveys": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/surveys/1": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/surveys/1/design": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/surveys/1/definition.json": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/account/tokens": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/audits": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/audits/1": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/audits/pages/1": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/audits/metrics": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/audits/activity": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/reports": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/reports?grade=red&sort=score": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/reports/organisations/1": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/reports/export/csv": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/reports/export/xlsx": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/reports/export/pdf": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/reports/archive": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/methodologies": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/methodologies/1": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/methodologies/1?preview=1": { anonymous: "login", admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/ranking": { anonymous: 200, admin: 200, analyst: 200, sociologist: 200, page_admin: 200 },
  "/api/v1/ranking": { anonymous: 401, admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  "/api/v1/organisations/1/score": { anonymous: 401, admin: 200, analyst: 200, sociologist: 403, page_admin: 403 },
  // the demo focus-group study: focus-group work is for sociologists and administrators
  "/studies/{fgStudy}/focus-groups": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/studies/{fgStudy}/participants": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/studies/{fgStudy}/codebook": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/studies/{fgStudy}/analysis": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/studies/{fgStudy}/analysis?coder_a={lead}&coder_b={second}": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/studies/{fgStudy}/report": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/focus-groups/{fgSession}": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/focus-groups/{fgSession}/coding": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/focus-groups/{fgSession}/coding?coder=all": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/studies/{fgStudy}/fg-export/segments.xlsx": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/studies/{fgStudy}/fg-export/quotes.csv": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/studies/{fgStudy}/fg-export/codebook.qdc": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
  "/studies/{fgStudy}/fg-export/project.qdpx": { anonymous: "login", admin: 200, analyst: 403, sociologist: 200, page_admin: 403 },
};

// Mutations: who may POST (everyone else gets 403, strangers the login redirect).
const MUTATIONS: Record<string, { body: Record<string, string>; allowed: Who[] }> = {
  "/registry/territories/amur-zeya": { body: { name_ru: "городской округ город Зея", kind: "city_okrug" }, allowed: ["admin", "analyst"] },
  "/registry/organisations/org-min-fin": { body: { intent: "save", name_ru: "Минфин", kind: "ministry", peer_group: "regional_executive" }, allowed: ["admin", "analyst"] },
  "/registry/pages/1": { body: { url: "https://vk.com/x1", organisation_code: "org-min-prirody", active: "on" }, allowed: ["admin", "analyst"] },
  "/admin/users": { body: { email: "new@test.local", displayName: "N", role: "analyst", password: "long-enough-pass" }, allowed: ["admin"] },
  "/surveys/1": { body: { intent: "settings", title: "Опрос", duplicate_policy: "device" }, allowed: ["admin", "sociologist"] },
  "/account/tokens": { body: { name: "script" }, allowed: ["admin", "sociologist"] },
  "/audits": { body: { scope: "page", page: "1" }, allowed: ["admin", "analyst"] },
  "/surveys/2/results": { body: { intent: "export", format: "csv" }, allowed: ["admin", "analyst", "sociologist"] },
  // weighting targets change what everyone reads: survey managers only
  "/surveys/2/results?targets": { body: { intent: "registry" }, allowed: ["admin", "sociologist"] },
  "/surveys/2/responses": { body: {}, allowed: ["admin", "analyst", "sociologist"] },
  "/reports": { body: { period: "" }, allowed: ["admin", "analyst"] },
  "/methodologies": { body: { source: "1" }, allowed: ["admin", "analyst"] },
  "/studies/{fgStudy}/focus-groups": { body: { intent: "new-guide", title: "Гайд", text: "# Раздел\n- Вопрос?" }, allowed: ["admin", "sociologist"] },
  "/studies/{fgStudy}/codebook": { body: { intent: "add-memo", codeId: "{fgCode}", text: "мемо" }, allowed: ["admin", "sociologist"] },
  "/focus-groups/{fgSession}": { body: { intent: "add-memo", text: "мемо" }, allowed: ["admin", "sociologist"] },
  "/focus-groups/{fgSession}/coding": { body: { intent: "add-memo", turnId: "{fgTurn}", text: "мемо" }, allowed: ["admin", "sociologist"] },
};

/** Ids the demo assigns at seeding, filled in before the requests. */
const ids: Record<string, number> = {};
const at = (template: string) => template.replace(/\{(\w+)\}/g, (_, key: string) => String(ids[key] ?? key));

describe("role-by-route access over HTTP", () => {
  let server: TestServer;
  const clients = new Map<Who, Browserish>();

  beforeAll(async () => {
    server = await startTestServer("roles");
    await seedDemoRegion(server.app.ctx);
    // a scored month, so the reports and their exports have something to show
    expect((await scorePeriod(server.app.ctx.db, { timeZone: server.app.ctx.env.REGION_TIMEZONE })).status).toBe("done");
    const db = server.app.ctx.db;
    const fgSession = await db.selectFrom("fg_sessions").select(["id", "study_id"]).orderBy("id").executeTakeFirstOrThrow();
    ids.fgStudy = fgSession.study_id;
    ids.fgSession = fgSession.id;
    ids.fgCode = (await db.selectFrom("fg_codes").select("id").where("study_id", "=", fgSession.study_id).orderBy("id").executeTakeFirstOrThrow()).id;
    ids.fgTurn = (await db.selectFrom("fg_turns").select("id").where("session_id", "=", fgSession.id).orderBy("idx").executeTakeFirstOrThrow()).id;
    const coders = await db.selectFrom("users").select(["id", "email"]).where("email", "in", ["sociologist@demo.pulse.local", "coder@demo.pulse.local"]).execute();
    ids.lead = coders.find((c) => c.email.startsWith("sociologist"))!.id;
    ids.second = coders.find((c) => c.email.startsWith("coder"))!.id;
    clients.set("anonymous", new Browserish(server.url));
    for (const role of ["admin", "analyst", "sociologist", "page_admin"] as const) {
      const user = await addUser(server, role, role === "page_admin" ? { organisationCode: "org-min-zdrav" } : {});
      const client = new Browserish(server.url);
      const response = await client.login(user.email, user.password);
      expect(response.status).toBe(302);
      clients.set(role, client);
    }
  });
  afterAll(async () => server?.stop());

  for (const [path, expectations] of Object.entries(EXPECTED)) {
    it(`GET ${path}`, async () => {
      for (const who of WHO) {
        const response = await clients.get(who)!.get(at(path));
        const expected = expectations[who];
        const location = response.headers.get("location") ?? "";
        if (expected === "login") {
          expect([response.status, location.split("?")[0]], who).toEqual([302, "/login"]);
        } else if (expected === "my") {
          expect([response.status, location], who).toEqual([302, "/my"]);
        } else {
          expect(response.status, `${who} ${path}`).toBe(expected);
        }
        await response.arrayBuffer();
      }
    });
  }

  for (const [path, { body, allowed }] of Object.entries(MUTATIONS)) {
    it(`POST ${path}`, async () => {
      for (const who of WHO) {
        const response = await clients.get(who)!.post(at(path), Object.fromEntries(Object.entries(body).map(([k, v]) => [k, at(v)])));
        await response.arrayBuffer();
        if (who === "anonymous") expect([response.status, (response.headers.get("location") ?? "").split("?")[0]], who).toEqual([302, "/login"]);
        else if (allowed.includes(who)) {
          // done: the page again, or a redirect to what was created
          expect([200, 302], who).toContain(response.status);
          if (response.status === 302) expect(response.headers.get("location"), who).not.toMatch(/^\/login/);
        }
        else expect(response.status, who).toBe(403);
      }
    });
  }

  it("shows a page administrator only their own organisation", async () => {
    const html = await (await clients.get("page_admin")!.get("/my")).text();
    expect(html).toContain("Министерство здравоохранения Амурской области");
    expect(html).toContain("https://vk.com/amur_min_zdrav");
    expect(html).not.toContain("Министерство финансов");
    expect(html).not.toContain("amur_min_fin");
  });

  it("never shows a page administrator another organisation's details, by any URL, API call or export", async () => {
    const db = server.app.ctx.db;
    const own = await db.selectFrom("organisations").select("id").where("code", "=", "org-min-zdrav").executeTakeFirstOrThrow();
    const others = await db.selectFrom("organisations").select("id").where("id", "<>", own.id).execute();
    expect(others.length).toBeGreaterThan(10);
    const client = clients.get("page_admin")!;
    for (const { id } of others) {
      for (const path of [`/my?organisation=${id}`, `/reports/organisations/${id}`, `/api/v1/organisations/${id}/score`, `/reports/organisations/${id}.data`]) {
        const response = await client.get(path);
        await response.arrayBuffer();
        expect([403, 404], path).toContain(response.status);
      }
    }
    for (const path of ["/reports/export/csv", "/reports/export/xlsx", "/reports/export/pdf", "/api/v1/ranking", "/reports/archive/1"]) {
      const response = await client.get(path);
      await response.arrayBuffer();
      expect([403, 404], path).toContain(response.status);
    }
    // their own: the score breakdown and the public ranking only
    const mine = await client.get("/my");
    const html = await mine.text();
    expect(mine.status).toBe(200);
    expect(html).toContain("Министерство здравоохранения Амурской области");
    expect(html).not.toContain("Министерство финансов");
  });

  it("answers the Remix data endpoint with the same refusal", async () => {
    const response = await clients.get("page_admin")!.get("/registry/organisations.data");
    await response.arrayBuffer();
    expect(response.status).toBe(403);
  });
});

/**
 * Forged and hostile requests over real HTTP against the production build, with the demo region:
 * - every route module with an `action` (found from the files, so a new one cannot slip past)
 *   refuses a cross-origin POST with 403 and changes nothing, and still works same-origin;
 * - SQL-looking text in every query parameter of the list, report and result pages and APIs
 *   never gives a 500 and changes no data.
 */
import { readdirSync, readFileSync } from "node:fs";
import { sql } from "kysely";
import { seedDemoRegion } from "../../app/services/demo.server";
import { scorePeriod } from "../../app/services/scores.server";
import { addUser, Browserish, startTestServer, type TestServer } from "../helpers/app-server";

const ROUTES_DIR = "app/routes";

/** Route files that export an action, as Remix's flat routes name them. */
const actionRoutes = readdirSync(ROUTES_DIR)
  .filter((file) => /\.(tsx?|jsx?)$/.test(file))
  .filter((file) => /export\s+(async\s+)?(function|const|let)\s+action\b|export\s*\{[^}]*\baction\b/.test(readFileSync(`${ROUTES_DIR}/${file}`, "utf8")))
  .sort();

/** Each dynamic segment's value, by the segment before it (filled from the seeded demo). */
const PARAMS: Record<string, Record<string, string>> = {
  surveys: { $id: "{survey}" },
  studies: { $id: "{fgStudy}" },
  "focus-groups": { $id: "{fgSession}" },
  users: { $id: "{analystUser}" },
  pages: { $id: "1" },
  methodologies: { $id: "1" },
  organisations: { $code: "org-min-fin" },
  territories: { $code: "amur-zeya" },
  polls: { $slug: "internet-2026" },
  "api.v1.surveys": { $id: "{survey}", $verb: "publish" },
};

/** The URL a flat-route file answers (index segments dropped, params filled in). */
function urlOf(file: string): string {
  const segments = file.replace(/\.(tsx?|jsx?)$/, "").split(".");
  const out: string[] = [];
  for (const [i, segment] of segments.entries()) {
    if (segment === "_index") continue;
    if (segment.startsWith("$")) {
      const owner = file.startsWith("api.v1.surveys") ? "api.v1.surveys" : segments[i - 1]!;
      const value = PARAMS[owner]?.[segment];
      if (!value) throw new Error(`${file}: no test value for ${segment} after "${owner}" — add it to PARAMS`);
      out.push(value);
    } else out.push(segment.replace(/\[(.*?)\]/g, "$1"));
  }
  return `/${out.join("/")}`;
}

/** Every table's rows as one digest per table: "no change" means every digest is the same. */
async function fingerprint(server: TestServer): Promise<Record<string, string>> {
  const db = server.app.ctx.db;
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(db);
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    // sessions slide their expiry as they are used: a read may touch them, which is no change
    if (name === "sessions" || name.startsWith("kysely_")) continue;
    const row = await sql<{ digest: string | null; n: string }>`select md5(string_agg(t::text, '|' order by t::text)) as digest, count(*)::text as n from ${sql.table(name)} t`.execute(db);
    out[name] = `${row.rows[0]?.n}:${row.rows[0]?.digest ?? "-"}`;
  }
  return out;
}

/** The tables whose digest differs between two fingerprints. */
const changedTables = (before: Record<string, string>, after: Record<string, string>) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]);

const ids: Record<string, number> = {};
const at = (template: string) => template.replace(/\{(\w+)\}/g, (_, key: string) => String(ids[key] ?? key));

describe("forged and hostile requests", () => {
  let server: TestServer;
  let admin: Browserish;

  beforeAll(async () => {
    server = await startTestServer("hostile-http");
    await seedDemoRegion(server.app.ctx);
    expect((await scorePeriod(server.app.ctx.db, { timeZone: server.app.ctx.env.REGION_TIMEZONE })).status).toBe("done");
    const db = server.app.ctx.db;
    const fg = await db.selectFrom("fg_sessions").select(["id", "study_id"]).orderBy("id").executeTakeFirstOrThrow();
    ids.fgStudy = fg.study_id;
    ids.fgSession = fg.id;
    ids.survey = (await db.selectFrom("surveys").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
    const user = await addUser(server, "admin");
    ids.analystUser = (await addUser(server, "analyst")).id;
    admin = new Browserish(server.url);
    expect((await admin.login(user.email, user.password)).status).toBe(302);
  });
  afterAll(async () => server?.stop());

  it("finds the action routes from the files", () => {
    expect(actionRoutes.length).toBeGreaterThanOrEqual(25);
    expect(actionRoutes).toContain("login.tsx");
    expect(actionRoutes).toContain("surveys.$id.design.tsx");
    // every one maps to a URL (a new route with an unknown parameter fails here)
    for (const file of actionRoutes) expect(urlOf(file)).toMatch(/^\//);
  });

  it("refuses a cross-origin POST to every action route with 403 and changes nothing", async () => {
    const before = await fingerprint(server);
    const refused: string[] = [];
    for (const file of actionRoutes) {
      const path = at(urlOf(file));
      const forgeries: Array<Record<string, string>> = [
        { Origin: "https://evil.example" },
        { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
        { "Sec-Fetch-Site": "cross-site", Origin: "" },
        { Origin: "null" },
        // the right host over the wrong scheme is another origin too
        { Origin: server.url.replace("http://", "https://") },
      ];
      for (const headers of forgeries) {
        const response = await admin.post(path, { intent: "delete", name: "x", title: "x" }, headers);
        await response.arrayBuffer();
        expect(response.status, `${file} ${path} ${JSON.stringify(headers)}`).toBe(403);
      }
      const json = await admin.request(path, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: "https://evil.example" },
        body: JSON.stringify({ answers: {} }),
      });
      await json.arrayBuffer();
      expect(json.status, `${file} json`).toBe(403);
      refused.push(path);
    }
    expect(refused).toHaveLength(actionRoutes.length);
    expect(changedTables(before, await fingerprint(server))).toEqual([]);
  });

  it("still lets the same origin through to every action route", async () => {
    for (const file of actionRoutes) {
      if (file === "logout.tsx") continue; // would end the session the loop uses; checked last
      const path = at(urlOf(file));
      const response = await admin.post(path, {}, { "Sec-Fetch-Site": "same-origin" });
      await response.arrayBuffer();
      // past the front door: the action's own answer (done, redirect, validation, auth), never 403 or 5xx
      expect(response.status, `${file} ${path}`).not.toBe(403);
      expect(response.status, `${file} ${path}`).toBeLessThan(500);
    }
    const logout = await admin.post("/logout", {});
    expect(logout.status).toBe(302);
  });
});

const SQLISH = ["' OR 1=1 --", "1; DROP TABLE users", "%", "_", "\\", "\\'", "%' OR '1'='1", "1)) UNION SELECT password_hash FROM users --", "$1", "\u0000", "😀", "-1", "9999999999999999999999"];

/** Pages and APIs that read the query string, with every parameter they read. */
const QUERY_PAGES: Array<{ path: string; params: string[] }> = [
  { path: "/registry/organisations", params: ["q", "kind", "territory", "page"] },
  { path: "/registry/pages", params: ["platform", "page"] },
  { path: "/surveys/{survey2}/results", params: ["version", "weighted", "exclude_flagged", "row", "col", "pct", "text", "search", "filter.sex", "filter.' OR 1=1 --", "targets"] },
  { path: "/surveys/{survey2}/responses", params: ["before", "flagged"] },
  { path: "/api/v1/surveys/{survey2}/results", params: ["version", "weighted", "exclude_flagged", "question", "filter.sex"] },
  { path: "/api/v1/surveys/{survey2}/crosstab", params: ["row", "col", "weighted", "version"] },
  { path: "/api/v1/surveys/{survey2}/text", params: ["question", "search", "before"] },
  { path: "/api/v1/ranking", params: ["period", "peer", "territory", "kind", "grade", "platform", "sort", "methodology"] },
  { path: "/api/v1/organisations/1/score", params: ["period"] },
  { path: "/reports", params: ["period", "peer", "territory", "kind", "grade", "platform", "sort", "methodology", "page"] },
  { path: "/reports/export/csv", params: ["period", "peer", "territory", "kind", "grade", "sort"] },
  { path: "/reports/organisations/1", params: ["period"] },
  { path: "/ranking", params: ["period", "peer"] },
  { path: "/audits/1", params: ["status"] },
  { path: "/audits/pages/1", params: ["page"] },
  { path: "/audits/metrics", params: ["month"] },
  { path: "/admin/audit", params: ["before"] },
  { path: "/methodologies/1", params: ["preview"] },
  { path: "/polls/internet-2026", params: ["invite"] },
  { path: "/my", params: ["organisation", "period"] },
  { path: "/focus-groups/{fgSession}/coding", params: ["coder"] },
  { path: "/studies/{fgStudy}/analysis", params: ["session", "coder", "attribute", "unit", "coder_a", "coder_b", "agreement_session", "agreement_unit", "quote_code", "quote_by"] },
  { path: "/studies/{fgStudy}/fg-export/quotes.csv", params: ["coder", "session"] },
];

describe("SQL-looking input in query parameters", () => {
  let server: TestServer;
  let admin: Browserish;
  let pageAdmin: Browserish;
  const local: Record<string, number> = {};
  const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_, key: string) => String(local[key] ?? key));

  beforeAll(async () => {
    server = await startTestServer("hostile-query");
    await seedDemoRegion(server.app.ctx);
    expect((await scorePeriod(server.app.ctx.db, { timeZone: server.app.ctx.env.REGION_TIMEZONE })).status).toBe("done");
    const db = server.app.ctx.db;
    const fg = await db.selectFrom("fg_sessions").select(["id", "study_id"]).orderBy("id").executeTakeFirstOrThrow();
    local.fgStudy = fg.study_id;
    local.fgSession = fg.id;
    // the demo's survey with answers
    local.survey2 = (await db.selectFrom("responses").select("survey_id").groupBy("survey_id").orderBy(sql`count(*)`, "desc").executeTakeFirstOrThrow()).survey_id;
    const a = await addUser(server, "admin");
    admin = new Browserish(server.url);
    expect((await admin.login(a.email, a.password)).status).toBe(302);
    const p = await addUser(server, "page_admin", { organisationCode: "org-min-zdrav" });
    pageAdmin = new Browserish(server.url);
    expect((await pageAdmin.login(p.email, p.password)).status).toBe(302);
  });
  afterAll(async () => server?.stop());

  for (const { path, params } of QUERY_PAGES) {
    it(`never fails on ${path}`, async () => {
      const before = await fingerprint(server);
      const client = path === "/my" ? pageAdmin : admin;
      for (const param of params) {
        for (const value of SQLISH) {
          const url = `${fill(path)}?${new URLSearchParams({ [param]: value }).toString()}`;
          const response = await client.get(url);
          await response.arrayBuffer();
          expect(response.status, `${url}`).toBeLessThan(500);
        }
      }
      // all parameters at once, and a repeated parameter
      const all = new URLSearchParams(params.flatMap((p) => [[p, SQLISH[0]!], [p, SQLISH[2]!]]));
      const response = await client.get(`${fill(path)}?${all.toString()}`);
      await response.arrayBuffer();
      expect(response.status, path).toBeLessThan(500);
      expect(changedTables(before, await fingerprint(server))).toEqual([]);
    });
  }
});

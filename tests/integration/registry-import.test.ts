import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { importRegistry } from "../../app/services/registry-import.server";
import { seedDemoRegion } from "../../app/services/demo.server";
import { demoRegionFiles } from "../../db/seed/demo-region";
import { addUser, Browserish, startTestServer, type TestServer } from "../helpers/app-server";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";

async function counts(t: TestDatabase) {
  const n = (table: "territories" | "organisations" | "official_pages") =>
    t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow().then((r) => Number(r.n));
  return { territories: await n("territories"), organisations: await n("organisations"), pages: await n("official_pages") };
}

describe("registry import into the database", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("import");
  });
  afterAll(async () => t?.close());

  it("imports the real Amur files, links parents, and keeps unknown populations unknown", async () => {
    const files = demoRegionFiles();
    const report = await importRegistry(t.db, files, null);
    expect(report.rejections).toEqual([]);
    expect(report.status).toBe("succeeded");
    const pageRows = files.pages.trim().split("\n").length - 1;
    expect(await counts(t)).toEqual({ territories: 30, organisations: 48, pages: pageRows });

    const zeya = await t.db
      .selectFrom("territories as t")
      .innerJoin("territories as p", "p.id", "t.parent_id")
      .select(["t.population", "t.population_year", "p.code as parent"])
      .where("t.code", "=", "amur-zeya")
      .executeTakeFirstOrThrow();
    expect(zeya).toEqual({ population: null, population_year: null, parent: "amur" });
    const region = await t.db.selectFrom("territories").select(["population", "population_year"]).where("code", "=", "amur").executeTakeFirstOrThrow();
    expect(region).toEqual({ population: 753046, population_year: 2025 });
    const unverified = await t.db.selectFrom("organisations").select("code").where("verified", "=", false).execute();
    expect(unverified).toHaveLength(10);
  });

  it("is idempotent: importing the same files again changes nothing", async () => {
    const before = await counts(t);
    const report = await importRegistry(t.db, demoRegionFiles(), null);
    expect(report.status).toBe("succeeded");
    expect(await counts(t)).toEqual(before);
  });

  it("writes nothing when one row of one file is bad, and names the row", async () => {
    const before = await counts(t);
    const organisations = [
      "code,name_ru,kind,territory_code",
      "org-new-one,Новое министерство,ministry,amur",
      "org-new-two,Ещё одно,ministry,amur-atlantis",
    ].join("\n");
    const pages = ["organisation_code,platform,url", "org-new-one,vk,https://vk.com/new_one"].join("\n");
    const report = await importRegistry(t.db, { organisations, pages }, null);
    expect(report.status).toBe("rejected");
    expect(report.rejections).toEqual([
      expect.objectContaining({ file: "organisations", line: 3, field: "territory_code", code: "unknown_territory", value: "amur-atlantis" }),
    ]);
    expect(await counts(t)).toEqual(before);
  });

  it("refuses a page that already belongs to another organisation", async () => {
    const pages = ["organisation_code,platform,platform_id", "org-min-fin,vk,amur_min_zdrav"].join("\n");
    const report = await importRegistry(t.db, { pages }, null);
    expect(report.status).toBe("rejected");
    expect(report.rejections[0]).toMatchObject({ file: "pages", line: 2, code: "page_owned_by_other" });
  });

  it("rejects malformed CSV with its line instead of crashing", async () => {
    const report = await importRegistry(t.db, { territories: 'code,name_ru,kind\n"amur-x,Broken,region\n' }, null);
    expect(report.status).toBe("rejected");
    expect(report.rejections.length).toBeGreaterThan(0);
    expect(report.rejections[0]?.file).toBe("territories");
  });
});

const redisUrl = inject("testRedisUrl");

const uploadModes: [string, Record<string, string>][] = [["in-process jobs", {}]];
if (redisUrl) uploadModes.push(["bull on Redis", { REDIS_URL: redisUrl, WEB_RUNS_JOBS: "true" }]);

describe.each(uploadModes)("registry upload through the analyst UI (%s)", (_label, env) => {
  let server: TestServer;
  let analyst: Browserish;
  beforeAll(async () => {
    server = await startTestServer("upload", env);
    await seedDemoRegion(server.app.ctx);
    const user = await addUser(server, "analyst");
    analyst = new Browserish(server.url);
    await analyst.login(user.email, user.password);
  });
  afterAll(async () => server?.stop());

  async function upload(files: Record<string, string>) {
    const form = new FormData();
    for (const [kind, text] of Object.entries(files)) form.set(kind, new Blob([text], { type: "text/csv" }), `${kind}.csv`);
    const response = await analyst.request("/registry/import", { method: "POST", body: form });
    expect(response.status).toBe(302);
    const location = response.headers.get("location") ?? "";
    expect(location).toMatch(/^\/registry\/import\/\d+$/);
    await server.app.ctx.jobs.onIdle({ timeoutMs: 20_000 });
    return analyst.get(location);
  }

  it("runs the upload as a job and shows the rejection report with line, field and reason", async () => {
    const page = await upload({ pages: "organisation_code,platform,url\norg-min-fin,вк,https://ok.ru/minfin\n" });
    const html = await page.text();
    expect(html).toContain("отклонён");
    expect(html).toContain("pages.csv");
    expect(html).toMatch(/<td class="num">2<\/td>/);
  });

  it("imports a good file and the new page shows in the registry", async () => {
    const page = await upload({ pages: "organisation_code,platform,url\norg-min-fin,telegram,https://t.me/minfin_amur_test\n" });
    expect(await page.text()).toContain("загружен");
    const list = await (await analyst.get("/registry/organisations/org-min-fin")).text();
    expect(list).toContain("https://t.me/minfin_amur_test");
  });

  it("refuses a Windows-1251 file with a clear message", async () => {
    const cp1251 = new Uint8Array([0x63, 0x6f, 0x64, 0x65, 0x0a, 0xcc, 0xe8, 0xed]); // "code\nМин" in cp1251
    const form = new FormData();
    form.set("organisations", new Blob([cp1251], { type: "text/csv" }), "organisations.csv");
    const response = await analyst.request("/registry/import", { method: "POST", body: form });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("не похож на CSV в UTF-8");
  });
});

it("ships the reference CSVs byte-for-byte with the shared data they came from", () => {
  const shipped = readFileSync("db/seed/data/amur-organisations.csv", "utf8");
  expect(shipped.split(/\r?\n/)[0]).toBe("code,name_ru,kind,parent_code,territory_code,source");
  expect(shipped).toContain("org-min-zdrav,Министерство здравоохранения Амурской области");
});

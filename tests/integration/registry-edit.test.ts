import { seedDemoRegion } from "../../app/services/demo.server";
import { addUser, Browserish, startTestServer, type TestServer } from "../helpers/app-server";

describe("editing the registry through the analyst's forms", () => {
  let server: TestServer;
  let analyst: Browserish;
  beforeAll(async () => {
    server = await startTestServer("edit");
    await seedDemoRegion(server.app.ctx);
    const user = await addUser(server, "analyst");
    analyst = new Browserish(server.url);
    await analyst.login(user.email, user.password);
  });
  afterAll(async () => server?.stop());

  const territory = (code: string) =>
    server.db.db.selectFrom("territories").select(["name_ru", "population", "population_year", "parent_id"]).where("code", "=", code).executeTakeFirstOrThrow();

  it("saves a territory's population and keeps an emptied figure unknown, not zero", async () => {
    const ok = await analyst.post("/registry/territories/amur-zeya", {
      name_ru: "городской округ город Зея",
      kind: "city_okrug",
      parent_code: "amur",
      population: "22 412",
      population_year: "2023",
      source: "test",
    });
    expect(ok.status).toBe(200);
    expect(await territory("amur-zeya")).toMatchObject({ population: 22412, population_year: 2023 });

    await analyst.post("/registry/territories/amur-zeya", { name_ru: "городской округ город Зея", kind: "city_okrug", parent_code: "amur", population: "" });
    expect(await territory("amur-zeya")).toMatchObject({ population: null, population_year: null });
  });

  it("answers 422 with field messages and changes nothing on bad input", async () => {
    const before = await territory("amur-tynda");
    const bad = await analyst.post("/registry/territories/amur-tynda", {
      name_ru: "",
      kind: "planet",
      parent_code: "amur-tynda",
      population: "-5",
      population_year: "1492",
      oktmo: "12ab",
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    for (const message of ["Заполните поле.", "Выберите тип из списка.", "Нужно целое неотрицательное число.", "Год от 1800 до 2100.", "ОКТМО — от 2 до 11 цифр."]) {
      expect(html).toContain(message);
    }
    expect(await territory("amur-tynda")).toEqual(before);
  });

  it("refuses a parent that would make a loop", async () => {
    const loop = await analyst.post("/registry/territories/amur", { name_ru: "Амурская область", kind: "region", parent_code: "amur-zeya" });
    expect(loop.status).toBe(422);
    expect(await loop.text()).toContain("Так получится цикл");
  });

  it("edits an organisation and adds a page, refusing a duplicate page", async () => {
    const save = await analyst.post("/registry/organisations/org-min-zdrav", {
      intent: "save",
      name_ru: "Министерство здравоохранения Амурской области",
      kind: "ministry",
      territory_code: "amur",
      peer_group: "regional_executive",
      verified: "on",
      source: "amurobl.ru (checked)",
    });
    expect(save.status).toBe(200);
    const org = await server.db.db.selectFrom("organisations").select(["verified", "source"]).where("code", "=", "org-min-zdrav").executeTakeFirstOrThrow();
    expect(org).toEqual({ verified: true, source: "amurobl.ru (checked)" });

    const added = await analyst.post("/registry/organisations/org-min-zdrav", { intent: "add-page", platform: "telegram", platform_id: "@MinzdravAmur", url: "https://t.me/minzdravamur" });
    expect(added.status).toBe(200);
    const page = await server.db.db.selectFrom("official_pages").select(["platform_id", "url"]).where("platform", "=", "telegram").where("platform_id", "=", "minzdravamur").executeTakeFirst();
    expect(page).toEqual({ platform_id: "minzdravamur", url: "https://t.me/minzdravamur" });

    const duplicate = await analyst.post("/registry/organisations/org-min-fin", { intent: "add-page", platform: "telegram", platform_id: "minzdravamur", url: "https://t.me/minzdravamur" });
    expect(duplicate.status).toBe(422);
    expect(await duplicate.text()).toContain("Такая страница уже есть в реестре.");
  });

  it("escapes HTML typed into the registry wherever it is shown", async () => {
    const payload = `<img src=x onerror="alert(1)">Минфин`;
    await analyst.post("/registry/organisations/org-min-fin", { intent: "save", name_ru: payload, kind: "ministry", peer_group: "regional_executive" });
    const html = await (await analyst.get("/registry/organisations?q=Минфин")).text();
    expect(html).not.toContain('<img src=x onerror="alert(1)">');
    expect(html).toContain("&lt;img src=x onerror=");
  });

  it("finds organisations by text safely: SQL and LIKE wildcards are just characters", async () => {
    const all = await (await analyst.get("/registry/organisations?q=%25")).text();
    expect(all).toContain("Нет записей.");
    const injection = await analyst.get(`/registry/organisations?q=${encodeURIComponent("' or 1=1 --")}`);
    expect(injection.status).toBe(200);
    expect(await injection.text()).toContain("Нет записей.");
    const found = await (await analyst.get(`/registry/organisations?q=${encodeURIComponent("здравоохранения")}`)).text();
    expect(found).toContain("org-min-zdrav");
  });
});

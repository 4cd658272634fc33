import { brief, csv, existing, plan } from "./registry-fixtures";

const P = "organisation_code,platform,platform_id,url,active";
const ORGS = existing({ organisations: ["org-a", "org-b"] });
const pages = (...rows: string[]) => plan({ pages: csv(P, ...rows) }, ORGS);

describe("planRegistryImport pages: ids and URLs", () => {
  it.each([
    ["vk", "https://vk.com/amurobl", "amurobl", "https://vk.com/amurobl"],
    ["vk", "https://m.vk.com/Club123", "club123", "https://m.vk.com/Club123"],
    ["vk", "https://vk.ru/public456", "public456", "https://vk.ru/public456"],
    ["vk", "https://www.vk.com/amurobl?w=wall-1_2", "amurobl", "https://www.vk.com/amurobl?w=wall-1_2"],
    ["vk", "vk.com/minzdrav28", "minzdrav28", "https://vk.com/minzdrav28"],
    ["ok", "https://ok.ru/group/70000001234567", "70000001234567", "https://ok.ru/group/70000001234567"],
    ["ok", "https://m.ok.ru/amurobl", "amurobl", "https://m.ok.ru/amurobl"],
    ["ok", "https://ok.ru/Amur.Obl/", "amur.obl", "https://ok.ru/Amur.Obl/"],
    ["telegram", "https://t.me/amurobl", "amurobl", "https://t.me/amurobl"],
    ["telegram", "https://telegram.me/AmurOblast", "amuroblast", "https://telegram.me/AmurOblast"],
    ["telegram", "https://t.me/s/amur_news", "amur_news", "https://t.me/s/amur_news"],
    ["max", "https://max.ru/amurobl", "amurobl", "https://max.ru/amurobl"],
    ["max", "https://web.max.ru/amurobl", "amurobl", "https://web.max.ru/amurobl"],
  ])("%s %s -> platform_id %j", (platform, url, id, storedUrl) => {
    const out = pages(`org-a,${platform},,${url},`);
    expect(out.rejections).toEqual([]);
    expect(out.plan.pages).toEqual([
      { line: 2, organisation_code: "org-a", platform, platform_id: id, url: storedUrl, active: true },
    ]);
  });

  it.each([
    ["vk", "@AmurObl", "amurobl", "https://vk.com/amurobl"],
    ["vk", "club123", "club123", "https://vk.com/club123"],
    ["ok", "70000001234567", "70000001234567", "https://ok.ru/group/70000001234567"],
    ["ok", "amurobl", "amurobl", "https://ok.ru/amurobl"],
    ["telegram", "@Amur_Obl", "amur_obl", "https://t.me/amur_obl"],
    ["max", "amurobl", "amurobl", "https://max.ru/amurobl"],
  ])("%s id %j without url -> %j and a canonical url", (platform, cell, id, url) => {
    const out = pages(`org-a,${platform},${cell},,`);
    expect(out.rejections).toEqual([]);
    expect(out.plan.pages[0]).toMatchObject({ platform, platform_id: id, url });
  });

  it("takes the id from platform_id and keeps the given url when both are filled", () => {
    const out = pages("org-a,vk,12345,https://vk.com/amurobl,");
    expect(out.plan.pages[0]).toMatchObject({ platform_id: "12345", url: "https://vk.com/amurobl" });
  });

  it.each([
    ["ВК", "vk"],
    ["vkontakte", "vk"],
    ["ВКонтакте", "vk"],
    ["Одноклассники", "ok"],
    ["odnoklassniki", "ok"],
    ["OK", "ok"],
    ["TG", "telegram"],
    ["Телеграм", "telegram"],
    ["Telegram", "telegram"],
    ["Макс", "max"],
    [" MAX ", "max"],
  ])("accepts the platform alias %j as %s", (alias, platform) => {
    const out = pages(`org-a,${alias},amurobl,,`);
    expect(out.rejections).toEqual([]);
    expect(out.plan.pages[0]?.platform).toBe(platform);
  });

  it("works with only a url column", () => {
    const out = plan({ pages: csv("organisation_code,platform,url", "org-a,tg,https://t.me/amurobl") }, ORGS);
    expect(out.rejections).toEqual([]);
    expect(out.plan.pages[0]?.platform_id).toBe("amurobl");
  });

  it("reads active as a yes/no with empty meaning active", () => {
    const out = pages("org-a,vk,a1,,", "org-a,vk,a2,,нет", "org-a,vk,a3,,FALSE", "org-a,vk,a4,,1");
    expect(out.plan.pages.map((p) => p.active)).toEqual([true, false, false, true]);
  });
});

describe("planRegistryImport pages: rejections", () => {
  it("needs a platform_id or url column", () => {
    const out = plan({ pages: csv("organisation_code,platform", "org-a,vk") }, ORGS);
    expect(out.rejections).toEqual([
      { file: "pages", line: 1, field: "platform_id", code: "missing_column", params: { or: "url" } },
    ]);
  });

  it("needs a platform_id or url cell", () => {
    expect(pages("org-a,vk,,,").rejections).toEqual([
      { file: "pages", line: 2, field: "platform_id", code: "required", params: { or: "url" } },
    ]);
  });

  it("reports every problem of a row at once", () => {
    expect(pages("ghost,myspace,x,,maybe").rejections).toEqual([
      { file: "pages", line: 2, field: "organisation_code", code: "unknown_organisation", value: "ghost" },
      { file: "pages", line: 2, field: "platform", code: "unknown_platform", value: "myspace", params: { allowed: "vk, ok, telegram, max" } },
      { file: "pages", line: 2, field: "platform_id", code: "invalid_platform_id", value: "x", params: { id: "x" } },
      { file: "pages", line: 2, field: "active", code: "invalid_boolean", value: "maybe" },
    ]);
  });

  it("accepts organisations from the organisations file as well as the registry", () => {
    const out = plan({
      organisations: csv("code,name_ru,kind", "org-new,Новая,agency"),
      pages: csv(P, "org-new,vk,new1,,", "org-a,vk,old1,,", "org-c,vk,c1,,"),
    }, ORGS);
    expect(brief(out)).toEqual([["pages", 4, "organisation_code", "unknown_organisation"]]);
    expect(out.plan.pages.map((p) => p.organisation_code)).toEqual(["org-new", "org-a"]);
  });

  it.each([
    ["bad id!", "platform_id"],
    ["a", "platform_id"],
    ["x".repeat(65), "platform_id"],
  ])("rejects platform_id %j", (cell, field) => {
    expect(brief(pages(`org-a,vk,${cell},,`))).toEqual([["pages", 2, field, "invalid_platform_id"]]);
  });

  it.each(["ftp://vk.com/amurobl", "not a link", "javascript:alert(1)", "https://"])("rejects url %j", (url) => {
    const out = pages(`org-a,vk,,${url},`);
    expect(out.rejections).toEqual([{ file: "pages", line: 2, field: "url", code: "invalid_url", value: url }]);
  });

  it("rejects a url on another platform's host, or on no platform at all", () => {
    const out = pages("org-a,vk,,https://t.me/amurobl,", "org-a,ok,,https://example.com/amurobl,");
    expect(out.rejections).toEqual([
      { file: "pages", line: 2, field: "url", code: "url_platform_mismatch", value: "https://t.me/amurobl", params: { host: "t.me", platform: "vk" } },
      { file: "pages", line: 3, field: "url", code: "url_platform_mismatch", value: "https://example.com/amurobl", params: { host: "example.com", platform: "ok" } },
    ]);
  });

  it("rejects a url that names no page, or a page id that is too short", () => {
    expect(brief(pages("org-a,vk,,https://vk.com/,", "org-a,ok,,https://ok.ru/group/,", "org-a,vk,,https://vk.com/x,"))).toEqual([
      ["pages", 2, "url", "url_without_id"],
      ["pages", 3, "url", "url_without_id"],
      ["pages", 4, "url", "invalid_platform_id"],
    ]);
  });

  it("rejects the later row for the same page, however it was spelled", () => {
    const out = pages("org-a,vk,@AmurObl,,", "org-b,ВК,,https://vk.com/amurobl,", "org-a,telegram,amurobl,,");
    expect(out.rejections).toEqual([
      { file: "pages", line: 3, field: "platform_id", code: "duplicate_page", value: "amurobl", params: { key: "vk:amurobl", firstLine: 2 } },
    ]);
    expect(out.plan.pages.map((p) => `${p.platform}:${p.platform_id}`)).toEqual(["vk:amurobl", "telegram:amurobl"]);
  });

  it("rejects a page the registry gives to another organisation, but allows updating its own", () => {
    const registry = existing({ organisations: ["org-a", "org-b"], pages: { "vk:amurobl": "org-b", "ok:amurok": "org-a" } });
    const out = plan({ pages: csv(P, "org-a,vk,amurobl,,", "org-a,ok,AmurOK,,нет") }, registry);
    expect(out.rejections).toEqual([
      { file: "pages", line: 2, field: "platform_id", code: "page_owned_by_other", value: "amurobl", params: { key: "vk:amurobl", organisation: "org-b" } },
    ]);
    expect(out.plan.pages).toEqual([
      { line: 3, organisation_code: "org-a", platform: "ok", platform_id: "amurok", url: "https://ok.ru/amurok", active: false },
    ]);
  });
});

describe("planRegistryImport performance", () => {
  // Its speed is measured by `npm run bench:registry`, not asserted here.
  it("plans 100,000 page rows with the right rejections", () => {
    const orgs = Array.from({ length: 500 }, (_, i) => `org-${i}`);
    const rows = Array.from({ length: 100_000 }, (_, i) =>
      i % 2 === 0 ? `org-${i % 500},vk,,https://vk.com/club${i}` : `org-${i % 500},telegram,chan_${i},`,
    );
    const registry = existing({ organisations: orgs, pages: { "vk:club0": "org-0" } });
    const text = csv("organisation_code,platform,platform_id,url", ...rows, "org-1,vk,club0,");
    const out = plan({ pages: text }, registry);
    expect(out.plan.pages).toHaveLength(100_000);
    expect(brief(out)).toEqual([
      ["pages", 100_002, "platform_id", "duplicate_page"],
      ["pages", 100_002, "platform_id", "page_owned_by_other"],
    ]);
    expect(out.plan.pages[99_999]).toMatchObject({ platform_id: "chan_99999", url: "https://t.me/chan_99999" });
  });
});

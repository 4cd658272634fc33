/**
 * The public ranking over HTTP: anonymous readers get the scores without evidence or comment
 * texts, and share one cached render for a short while; a signed-in reader never gets the cached
 * page (it carries their own header), and a new language is its own page.
 */
import { monthLabelOf, monthPeriod } from "../../app/domain/compliance/period";
import { metricsRow } from "../../app/services/page-metrics.server";
import { scorePeriod } from "../../app/services/scores.server";
import { savePageMetrics } from "../../db/queries/page-metrics";
import { addUser, Browserish, startTestServer, type TestServer } from "../helpers/app-server";
import { metrics, replies } from "../unit/scoring-fixtures";

describe("the public ranking", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer("public-ranking");
    const db = server.app.ctx.db;
    const tz = server.app.ctx.env.REGION_TIMEZONE;
    const label = monthLabelOf(new Date(), tz);
    for (const [i, name] of ["Министерство Альфа", "Министерство Бета", "Министерство <b>Гамма</b>"].entries()) {
      const o = await db.insertInto("organisations").values({ code: `m${i}`, name_ru: name, kind: "ministry", peer_group: "regional_executive" }).returning("id").executeTakeFirstOrThrow();
      const p = await db.insertInto("official_pages").values({ organisation_id: o.id, platform: "vk", platform_id: `m${i}`, url: `https://vk.com/m${i}` }).returning("id").executeTakeFirstOrThrow();
      await savePageMetrics(db, [metricsRow(p.id, label, monthPeriod(label, tz), true, metrics({ ...replies(10, 10 - i * 3, 3_600 * (1 + i * 4)) }))]);
    }
    expect((await scorePeriod(db, { timeZone: tz })).status).toBe("done");
  });
  afterAll(async () => server?.stop());

  it("shows scores, grades and ranks to anyone, without evidence, and escapes names", async () => {
    const res = await fetch(`${server.url}/ranking`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("Министерство Альфа");
    expect(html).toContain("Органы исполнительной власти области");
    expect(html).not.toContain("<b>Гамма</b>");
    expect(html).toContain("&lt;b&gt;Гамма&lt;/b&gt;");
    expect(html).not.toContain("Что исправить");
    expect(html).not.toContain("https://vk.com/m0");
  });

  it("renders once for many anonymous readers, never for a signed-in one", async () => {
    const first = await fetch(`${server.url}/ranking?peer=regional_executive`);
    const firstHtml = await first.text();
    const again = await fetch(`${server.url}/ranking?peer=regional_executive`);
    expect(again.headers.get("x-cache")).toBe("hit");
    // the same page, but never the same CSP nonce twice (a cached nonce would be a known one)
    const nonceOf = (html: string) => /<script[^>]* nonce="([^"]+)"/.exec(html)?.[1];
    const againHtml = await again.text();
    expect(nonceOf(againHtml)).toBeTruthy();
    expect(nonceOf(againHtml)).not.toBe(nonceOf(firstHtml));
    expect(again.headers.get("content-security-policy")).toContain(`'nonce-${nonceOf(againHtml)}'`);
    const withoutNonce = (html: string) => html.replace(/ nonce="[^"]+"/g, "");
    expect(withoutNonce(againHtml)).toBe(withoutNonce(firstHtml));
    // the English page is another page
    const english = await fetch(`${server.url}/ranking?peer=regional_executive`, { headers: { Cookie: "rp_lang=en" } });
    expect(english.headers.get("x-cache")).toBeNull();
    expect(await english.text()).toContain("Regional executive bodies");
    // a signed-in analyst sees their own header: never the cached page
    const analyst = await addUser(server, "analyst");
    const client = new Browserish(server.url);
    expect((await client.login(analyst.email, analyst.password)).status).toBe(302);
    const mine = await client.get("/ranking?peer=regional_executive");
    expect(mine.headers.get("x-cache")).toBeNull();
    expect(await mine.text()).toContain(analyst.email);
  });
});

/**
 * Journey (d), in a real Chromium against the production build over the demo region after its
 * first audit and scoring run: the Ministry of Health's page administrator signs in, sees their
 * own organisation's score (the stored one) and the resident comments still waiting for an
 * answer, switches the interface to English and back (journey e), and is refused another
 * organisation's pages when typing their addresses.
 * Screenshots: test-artifacts/screenshots/page-admin/.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seedDemoRegion } from "../../app/services/demo.server";
import { demoScored, startTestServer, type TestServer } from "../helpers/app-server";
import { journeyScreenshot, launchBrowser, requireChromium, watchPageErrors } from "../helpers/browser";

const available = requireChromium();
const JOURNEY = "page-admin";
const ORGANISATION = "Министерство здравоохранения Амурской области";

describe.skipIf(!available)("journey: a page administrator reads their own organisation, in Russian and English", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("e2e-journey-admin"), launchBrowser()]);
    await seedDemoRegion(server.app.ctx);
    // the demo's audit run ends with a scoring run; the page reads its stored scores
    await demoScored(server);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU", baseURL: server.url });
    context.setDefaultTimeout(20_000);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function openPage(): Promise<Page> {
    const page = await context.newPage();
    // the refused addresses below answer 403/404 on purpose; the browser reports those itself
    watchPageErrors(page, pageErrors, { ignoreConsole: /status of 40[34]/ });
    return page;
  }

  const h1 = (page: Page) => page.locator("main h1").first().innerText();

  it("sees the own score and the waiting comments in both languages, and nothing of another organisation", async () => {
    const db = server.db.db;
    const own = await db.selectFrom("organisations").select(["id"]).where("code", "=", "org-min-zdrav").executeTakeFirstOrThrow();
    const other = await db.selectFrom("organisations").select(["id"]).where("code", "=", "org-min-fin").executeTakeFirstOrThrow();
    const stored = await db
      .selectFrom("organisation_scores as s")
      .innerJoin("score_runs as r", "r.id", "s.run_id")
      .select(["s.score", "r.period_label"])
      .where("s.organisation_id", "=", own.id)
      .where("r.status", "=", "done")
      .orderBy("r.id", "desc")
      .executeTakeFirstOrThrow();
    expect(stored.score).not.toBeNull();

    // 1. sign in: the account decides the organisation, the URL does not
    const page = await openPage();
    await page.goto("/login");
    const main = page.getByRole("main");
    await main.getByLabel("Электронная почта").fill("minzdrav@demo.pulse.local");
    await main.getByLabel("Пароль").fill("demo-minzdrav-2026");
    await journeyScreenshot(page, JOURNEY, 1, "login");
    await main.getByRole("button", { name: "Войти", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/my");
    await expect.poll(() => h1(page)).toBe("Моя организация");
    await page.getByRole("heading", { level: 2, name: ORGANISATION, exact: true }).waitFor();

    // 2. the score shown is the stored one
    await page.getByRole("heading", { name: `Оценка за ${stored.period_label}`, exact: true }).waitFor();
    expect(await page.locator(".score-line strong.big").innerText()).toBe(Number(stored.score).toFixed(1));
    await page.getByRole("heading", { name: "Из чего складывается балл", exact: true }).waitFor();

    // 3. the comments still waiting for an answer: the heading counts them, the list shows them
    const waiting = page.getByRole("heading", { name: /^Комментарии жителей без ответа: \d+$/ });
    const count = Number(/(\d+)$/.exec(await waiting.innerText())![1]);
    expect(count).toBeGreaterThan(0);
    const items = await page.locator("#unanswered ul.unanswered li").count();
    expect(items).toBeGreaterThan(0);
    expect(items).toBeLessThanOrEqual(count);
    expect((await page.getByRole("main").textContent()) ?? "").not.toContain("Министерство финансов");
    await journeyScreenshot(page, JOURNEY, 2, "own-organisation-ru");

    // 4. English: the same page, the same numbers, every heading translated
    await page.getByRole("button", { name: /^Язык/ }).click();
    await expect.poll(() => h1(page)).toBe("My organisation");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(new URL(page.url()).pathname).toBe("/my");
    await page.getByRole("heading", { name: `Score for ${stored.period_label}`, exact: true }).waitFor();
    await page.getByRole("heading", { name: "What the score is made of", exact: true }).waitFor();
    await page.getByRole("heading", { name: `Resident comments without an answer: ${count}`, exact: true }).waitFor();
    expect(await page.locator(".score-line strong.big").innerText()).toBe(Number(stored.score).toFixed(1));
    expect(await page.locator("header nav.desktop-nav a").allInnerTexts()).toEqual(["My organisation"]);
    await journeyScreenshot(page, JOURNEY, 3, "own-organisation-en");

    // 5. another organisation by URL: refused, in English too
    const refused = await page.goto(`/reports/organisations/${other.id}`);
    expect(refused?.status()).toBe(403);
    await page.getByText("You do not have access to this page.", { exact: true }).waitFor();
    await journeyScreenshot(page, JOURNEY, 4, "other-report-403-en");
    const hidden = await page.goto(`/my?organisation=${other.id}`);
    expect(hidden?.status()).toBe(404);
    expect((await page.locator("body").textContent()) ?? "").not.toContain("Министерство финансов");
    await journeyScreenshot(page, JOURNEY, 5, "other-my-404-en");

    // 6. back to Russian on the own page
    await page.goto("/my");
    await expect.poll(() => h1(page)).toBe("My organisation");
    await page.getByRole("button", { name: /^Language/ }).click();
    await expect.poll(() => h1(page)).toBe("Моя организация");
    expect(await page.locator("html").getAttribute("lang")).toBe("ru");
    await page.getByRole("heading", { name: `Комментарии жителей без ответа: ${count}`, exact: true }).waitFor();
    await journeyScreenshot(page, JOURNEY, 6, "own-organisation-ru-again");
    expect(pageErrors).toEqual([]);
  }, 120_000);
});

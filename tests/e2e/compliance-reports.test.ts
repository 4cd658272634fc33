/**
 * Compliance reports in a real Chromium against the production build, on the demo region after
 * its first audit run: an analyst reads the ranked report with the territory map, opens an
 * organisation's breakdown, downloads the PDF briefing and previews a draft methodology with a
 * changed weight; the Ministry of Health's page administrator sees their own score, its reasons
 * and their unanswered comments, and is refused another organisation's page. Screenshots go to
 * test-results/screenshots/.
 */
import { readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seedDemoRegion } from "../../app/services/demo.server";
import { addUser, demoScored, startTestServer, type TestServer } from "../helpers/app-server";
import { launchBrowser, requireChromium, saveScreenshot, watchPageErrors } from "../helpers/browser";

const available = requireChromium();

describe.skipIf(!available)("compliance reports in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("e2e-reports", { DATA_DIR: mkdtempSync(join(tmpdir(), "rp-e2e-reports-")) }), launchBrowser()]);
    await seedDemoRegion(server.app.ctx);
    // the demo's audit run ends with a scoring run (scores.compute after audit.metrics)
    await demoScored(server);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  async function signIn(email: string, password: string, landing: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU", baseURL: server.url, acceptDownloads: true });
    contexts.push(context);
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    watchPageErrors(page, pageErrors, { ignoreConsole: /status of 403/ });
    await page.goto("/login");
    const main = page.getByRole("main");
    await main.getByLabel("Электронная почта").fill(email);
    await main.getByLabel("Пароль").fill(password);
    await main.getByRole("button", { name: "Войти", exact: true }).click();
    await page.waitForURL((url) => url.pathname === landing);
    return page;
  }

  it("an analyst reads the ranking with its map, a breakdown and the PDF, and previews a changed weight", async () => {
    const analyst = await addUser(server, "analyst");
    const page = await signIn(analyst.email, analyst.password, "/home");
    await page.locator("header nav.desktop-nav").getByRole("link", { name: "Рейтинг и отчёты" }).click();
    await page.getByRole("heading", { level: 1, name: "Рейтинг организаций" }).waitFor();
    const rows = page.locator("table tbody tr");
    await expect.poll(() => rows.count()).toBe(48);
    await expect.poll(() => page.locator(".tile-map .tile").count()).toBeGreaterThan(20);
    await expect.poll(() => page.locator("canvas").first().evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(0);
    await saveScreenshot(page, "reports-1-ranking");

    // the PDF briefing
    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "PDF", exact: true }).click()]);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // filters: red grades only, the table shrinks to them
    await page.locator('select[name="grade"]').selectOption("red");
    await page.getByRole("button", { name: "Показать" }).click();
    await page.waitForURL((url) => url.searchParams.get("grade") === "red");
    await expect.poll(() => rows.count()).toBeLessThan(48);
    const red = await rows.count();
    expect(red).toBeGreaterThan(0);
    expect(await page.locator("table tbody .badge.bad").count()).toBe(red);

    // an organisation's breakdown: criteria, points, what to fix
    await page.goto("/reports");
    await page.getByRole("link", { name: "Министерство здравоохранения Амурской области" }).click();
    await page.getByRole("heading", { name: "Из чего складывается балл" }).waitFor();
    await expect.poll(() => page.getByRole("columnheader", { name: "Что исправить" }).count()).toBe(1);
    await expect.poll(() => page.locator("ul.fix-list li").count()).toBeGreaterThan(0);
    await saveScreenshot(page, "reports-2-breakdown");

    // a draft methodology: replies weigh 60 instead of 30, and the preview shows the new ranks
    await page.goto("/methodologies");
    await page.getByRole("button", { name: "Черновик на основе этой версии" }).first().click();
    await page.getByText("черновик", { exact: true }).first().waitFor();
    await page.getByLabel("Ответы жителям").fill("60");
    await page.getByRole("button", { name: "Сохранить и показать, как изменятся места" }).click();
    await page.getByRole("heading", { name: /^Места за \d{4}-\d{2}: сейчас и по этой версии$/ }).waitFor();
    const preview = page.locator("section", { has: page.getByRole("heading", { name: /сейчас и по этой версии/ }) }).locator("tbody tr");
    await expect.poll(() => preview.count()).toBe(48);
    const scores = await preview.evaluateAll((trs) => trs.map((tr) => [tr.children[5]!.textContent, tr.children[6]!.textContent]));
    expect(scores.some(([now, draft]) => now !== draft)).toBe(true);
    await saveScreenshot(page, "reports-3-methodology-preview");
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it("the Ministry of Health's page administrator sees only their score, its reasons and their unanswered comments", async () => {
    const page = await signIn("minzdrav@demo.pulse.local", "demo-minzdrav-2026", "/my");
    await page.getByRole("heading", { level: 2, name: "Министерство здравоохранения Амурской области" }).waitFor();
    await page.getByRole("heading", { name: /^Оценка за \d{4}-\d{2}$/ }).waitFor();
    await page.getByRole("heading", { name: "Из чего складывается балл" }).waitFor();
    await page.getByRole("heading", { name: /^Комментарии жителей без ответа: \d+$/ }).waitFor();
    const text = (await page.getByRole("main").textContent()) ?? "";
    expect(text).not.toContain("Министерство финансов");
    await saveScreenshot(page, "reports-4-page-admin");
    const other = await server.app.ctx.db.selectFrom("organisations").select("id").where("code", "=", "org-min-fin").executeTakeFirstOrThrow();
    const refused = await page.goto(`/reports/organisations/${other.id}`);
    expect(refused?.status()).toBe(403);
    const hidden = await page.goto(`/my?organisation=${other.id}`);
    expect(hidden?.status()).toBe(404);
    expect(pageErrors.filter((e) => !/404|403/.test(e))).toEqual([]);
  }, 120_000);
});

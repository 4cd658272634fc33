/**
 * A sociologist reads the demo survey's results in a real Chromium against the production build:
 * opens the survey from the menu, sees the charts and the unweighted shares, switches weights on
 * (n_eff and the design effect appear beside the weighted shares and margins), builds a crosstab
 * with its Rao–Scott test, and downloads CSV, XLSX and SPSS exports through the progress list.
 * Every step leaves a screenshot in test-results/screenshots/.
 */
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seedDemoRegion } from "../../app/services/demo.server";
import { addUser, demoWeighted, startTestServer, type TestServer } from "../helpers/app-server";
import { launchBrowser, requireChromium, saveScreenshot, watchPageErrors } from "../helpers/browser";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const available = requireChromium();
const SURVEY = "Интернет в жизни жителей Амурской области";

describe.skipIf(!available)("a sociologist reads weighted results and exports the answers in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let account: { email: string; password: string };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("e2e-results", { DATA_DIR: mkdtempSync(join(tmpdir(), "rp-e2e-results-")) }), launchBrowser()]);
    await seedDemoRegion(server.app.ctx);
    account = await addUser(server, "sociologist");
    // the seed asked for weights; wait for the job so "С весами" can be switched on
    await demoWeighted(server);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function openPage(): Promise<Page> {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU", baseURL: server.url, acceptDownloads: true });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    watchPageErrors(page, pageErrors);
    return page;
  }

  async function download(page: Page, name: RegExp) {
    const link = page.getByRole("link", { name }).first();
    await link.waitFor({ timeout: 30_000 });
    const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
    return readFileSync((await file.path())!);
  }

  it("switches weights on, builds a crosstab and downloads CSV, XLSX and SPSS", async () => {
    const page = await openPage();
    await page.goto("/login");
    const main = page.getByRole("main");
    await main.getByLabel("Электронная почта").fill(account.email);
    await main.getByLabel("Пароль").fill(account.password);
    await main.getByRole("button", { name: "Войти", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/home");

    // 1. the survey, from the menu, then its results
    await page.locator("header nav.desktop-nav").getByRole("link", { name: "Опросы", exact: true }).click();
    await page.getByRole("link", { name: SURVEY }).click();
    await page.getByRole("link", { name: "Результаты", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `Результаты: ${SURVEY}` }).waitFor();
    const sex = page.locator("section.result-card", { has: page.getByRole("heading", { name: "Ваш пол" }) });
    await expect.poll(() => sex.locator("p.base").textContent()).toMatch(/^База: n = \d{3}$/);
    // chart.js drew the bars (the canvas got a size once the script ran)
    await expect.poll(() => sex.locator("canvas").evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(0);
    await saveScreenshot(page, "results-1-unweighted");

    // 2. weights on: n_eff, design effect and the weighted column appear
    await page.getByLabel("С весами").check();
    await page.getByRole("button", { name: "Показать", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("weighted") === "1");
    await expect.poll(() => sex.locator("p.base").textContent()).toMatch(/эффективный n = [\d,]+, эффект дизайна [\d,]+/);
    await expect.poll(() => sex.getByRole("columnheader", { name: "Доля с весами" }).count()).toBe(1);
    // the demo sample is two-thirds women; weighted to the region's 54 %
    await expect.poll(() => sex.getByRole("row", { name: /Женский/ }).textContent()).toMatch(/54,0\s?%/);
    await saveScreenshot(page, "results-2-weighted");

    // 3. a crosstab with its test
    const crosstab = page.locator("section", { has: page.getByRole("heading", { name: "Таблица сопряжённости" }) });
    await crosstab.getByLabel("Строки").selectOption({ label: "Как часто вы пользуетесь интернетом?" });
    await crosstab.getByLabel("Столбцы").selectOption({ label: "Ваш возраст" });
    await crosstab.getByRole("button", { name: "Построить" }).click();
    await expect.poll(() => page.locator("section", { has: page.getByRole("heading", { name: "Таблица сопряжённости" }) }).textContent()).toMatch(/поправкой Рао–Скотта = [\d,]+, df = 9, p = /);
    await saveScreenshot(page, "results-3-crosstab");

    // 4. exports: each runs as a job with a progress bar, then a download link
    const exports = () => page.locator("section", { has: page.getByRole("heading", { name: "Выгрузка ответов" }) });
    await exports().getByLabel("Формат").selectOption("csv");
    await exports().getByRole("button", { name: "Выгрузить" }).click();
    const csv = (await download(page, /\.csv$/)).toString("utf8");
    expect(csv.split("\r\n")[0]).toMatch(/^\uFEFFresponse_id,submitted_at,version,duration_s,weight,quality_flags,/);
    await exports().getByLabel("Формат").selectOption("xlsx");
    await exports().getByRole("button", { name: "Выгрузить" }).click();
    const xlsx = await download(page, /\.xlsx$/);
    expect(xlsx.subarray(0, 2).toString("latin1")).toBe("PK");
    await exports().getByLabel("Формат").selectOption("spss");
    await exports().getByRole("button", { name: "Выгрузить" }).click();
    const sps = (await download(page, /\.sps$/)).toString("utf8");
    expect(sps).toContain("VALUE LABELS");
    expect(sps).toContain("'Женский'");
    await saveScreenshot(page, "results-4-exports");
    expect(pageErrors).toEqual([]);
  }, 120_000);
});

/**
 * Journey (c), in a real Chromium against the production build: an analyst imports the registry
 * (three CSV files) through the import form, uploads the MAX page's activity file (the file
 * connector), starts an audit of every page (VK, OK and Telegram answered by the fake platform
 * server on loopback, a little slowed so the progress shows), watches the run's progress bar
 * reach its end, and downloads the PDF briefing, whose text is read back with pdftotext.
 * Screenshots: test-artifacts/screenshots/analyst-audit/.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { fakePlatformEnv, MAX_ACTIVITY, REGISTRY, world } from "../fixtures/audit-world";
import { startFakePlatforms, type FakePlatforms } from "../fixtures/fake-platforms/server";
import { addUser, startTestServer, type TestServer } from "../helpers/app-server";
import { journeyScreenshot, launchBrowser, requireChromium, watchPageErrors } from "../helpers/browser";

const available = requireChromium();
const JOURNEY = "analyst-audit";

describe.skipIf(!available)("journey: an analyst imports the registry, audits it and downloads the briefing", () => {
  let fake: FakePlatforms;
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let analyst: { email: string; password: string };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // 150 ms a request: the run takes a few seconds, long enough to see the bar move
    fake = await startFakePlatforms(world(), { latencyMs: 150 });
    [server, browser] = await Promise.all([
      startTestServer("e2e-journey-audit", {
        DATA_DIR: mkdtempSync(join(tmpdir(), "rp-e2e-journey-audit-")),
        ...fakePlatformEnv(fake),
      }),
      launchBrowser(),
    ]);
    analyst = await addUser(server, "analyst");
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU", baseURL: server.url, acceptDownloads: true });
    context.setDefaultTimeout(20_000);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    await fake?.close();
  });

  async function openPage(): Promise<Page> {
    const page = await context.newPage();
    watchPageErrors(page, pageErrors);
    return page;
  }

  const csv = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

  it("imports three CSV files, audits every page with a progress bar, and gets a Russian PDF", async () => {
    const page = await openPage();
    await page.goto("/login");
    const main = page.getByRole("main");
    await main.getByLabel("Электронная почта").fill(analyst.email);
    await main.getByLabel("Пароль").fill(analyst.password);
    await main.getByRole("button", { name: "Войти", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/home");

    // 1. the registry, three files through the form
    await page.locator("header nav.desktop-nav").getByRole("link", { name: "Импорт реестра", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Импорт реестра" }).waitFor();
    await page.getByLabel("Территории (territories.csv)").setInputFiles(csv("territories.csv", REGISTRY.territories));
    await page.getByLabel("Организации (organisations.csv)").setInputFiles(csv("organisations.csv", REGISTRY.organisations));
    await page.getByLabel("Страницы (pages.csv)").setInputFiles(csv("pages.csv", REGISTRY.pages));
    await journeyScreenshot(page, JOURNEY, 1, "import-form");
    await page.getByRole("button", { name: "Загрузить", exact: true }).click();
    await page.waitForURL((url) => /^\/registry\/import\/\d+$/.test(url.pathname));
    // the import runs as a job; the report page revalidates until it is done
    await expect.poll(() => page.getByRole("main").textContent(), { timeout: 30_000 }).toContain("Импорт выполнен.");
    await page.getByText("Строк без ошибок: территорий 2, организаций 2, страниц 5.", { exact: true }).waitFor();
    await journeyScreenshot(page, JOURNEY, 2, "import-done");
    expect(await server.db.db.selectFrom("official_pages").select("id").execute()).toHaveLength(5);

    // 2. the MAX page has no API: its activity comes as a file
    await page.goto("/audits/activity");
    await page.getByLabel("Файл (.jsonl)").setInputFiles({ name: "max.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(MAX_ACTIVITY, "utf8") });
    await page.getByRole("button", { name: "Загрузить файл", exact: true }).click();
    await page.getByText("Файл принят: 4 записей.", { exact: false }).waitFor();
    await journeyScreenshot(page, JOURNEY, 3, "activity-file");

    // 3. an audit of every page, from the audits page
    await page.getByRole("link", { name: "← Аудит госпабликов" }).click();
    await page.getByRole("heading", { level: 1, name: "Аудит госпабликов" }).waitFor();
    await page.getByLabel("Что проверить").selectOption("all");
    await page.getByRole("main").getByRole("button", { name: "Запустить проверку", exact: true }).click();
    await page.waitForURL((url) => /^\/audits\/\d+$/.test(url.pathname));
    const runId = Number(/^\/audits\/(\d+)$/.exec(new URL(page.url()).pathname)![1]);
    await page.getByRole("heading", { level: 1, name: `Проверка №${runId}` }).waitFor();
    await journeyScreenshot(page, JOURNEY, 4, "run-started");

    // 4. the bar fills as pages finish (the page revalidates itself); it never goes back
    const bar = page.getByRole("main").getByRole("progressbar");
    expect(await bar.getAttribute("aria-valuemax")).toBe("5");
    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          const now = Number(await bar.getAttribute("aria-valuenow"));
          if (seen.at(-1) !== now) seen.push(now);
          return now;
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe(5);
    expect([...seen].sort((a, b) => a - b), "the progress only moves forward").toEqual(seen);
    console.info(`audit progress seen: ${seen.join(" → ")} of 5`);
    await page.getByText("Завершена", { exact: true }).waitFor();
    expect(await bar.getAttribute("aria-label")).toBe("Готово 5, с ошибкой 0, осталось 0 из 5");
    await expect.poll(() => page.locator("td.status-done").count()).toBe(5);
    await journeyScreenshot(page, JOURNEY, 5, "run-finished");

    // 5. the run ends with a scoring run; then the ranking and its PDF briefing
    await expect
      .poll(async () => (await server.db.db.selectFrom("score_runs").select("status").where("status", "=", "done").execute()).length, { timeout: 60_000 })
      .toBeGreaterThan(0);
    await page.locator("header nav.desktop-nav").getByRole("link", { name: "Рейтинг и отчёты", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Рейтинг организаций" }).waitFor();
    await expect.poll(() => page.locator("table tbody tr").count()).toBe(2);
    await page.getByRole("link", { name: "Министерство проверки Амурской области" }).first().waitFor();
    await journeyScreenshot(page, JOURNEY, 6, "ranking");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "PDF", exact: true }).click()]);
    const file = (await download.path())!;
    expect(readFileSync(file).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    expect(text, "the briefing is in Russian, with real Cyrillic text").toMatch(/[А-Яа-яЁё]{4,}/);
    expect(text).toContain("СПРАВКА ДЛЯ ГУБЕРНАТОРА");
    // table cells wrap long names over lines
    expect(text.replace(/\s+/g, " ")).toContain("Министерство проверки Амурской области");
    expect(pageErrors).toEqual([]);
  }, 180_000);
});

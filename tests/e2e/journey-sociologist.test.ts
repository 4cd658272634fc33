/**
 * Journey (b), in a real Chromium against the production build: a sociologist designs a survey
 * (study, survey, the socio-demographic block, a rating question), previews it in Russian and in
 * English, saves and publishes it and sees it live; then reads the demo survey's results with
 * weights on (weighted shares with their ± margins, effective n and design effect) and builds a
 * crosstab with its Rao–Scott test. sociologist-designer and sociologist-results go deeper into
 * each half; this is the whole day in one pass.
 * Screenshots: test-artifacts/screenshots/sociologist/.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seedDemoRegion } from "../../app/services/demo.server";
import { addUser, demoWeighted, startTestServer, type TestServer } from "../helpers/app-server";
import { journeyScreenshot, launchBrowser, requireChromium, watchPageErrors } from "../helpers/browser";

const available = requireChromium();
const JOURNEY = "sociologist";
const STUDY = "Качество связи — путь социолога";
const SURVEY = "Связь в сёлах — путь социолога";
const SLUG = "journey-svyaz";
const RATING = "Как вы оцениваете связь в вашем селе?";
const DEMO_SURVEY = "Интернет в жизни жителей Амурской области";

describe.skipIf(!available)("journey: a sociologist designs, previews and publishes a survey, then reads weighted results", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let account: { email: string; password: string };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("e2e-journey-soc", { DATA_DIR: mkdtempSync(join(tmpdir(), "rp-e2e-journey-soc-")) }), launchBrowser()]);
    await seedDemoRegion(server.app.ctx);
    account = await addUser(server, "sociologist");
    // the seed asks for the demo survey's weights; "С весами" needs them computed
    await demoWeighted(server);
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
    watchPageErrors(page, pageErrors, { dialogs: "record" });
    return page;
  }

  /** The designer's buttons work once React has hydrated: a tab switch that sticks proves it. */
  async function waitForDesigner(page: Page) {
    const preview = page.getByRole("tab", { name: "Предпросмотр", exact: true });
    await expect
      .poll(async () => {
        await preview.click();
        return preview.getAttribute("aria-selected");
      }, { timeout: 15_000 })
      .toBe("true");
    await page.getByRole("tab", { name: "Вопросы", exact: true }).click();
    await expect.poll(() => page.getByRole("tabpanel", { name: "Вопросы" }).isVisible()).toBe(true);
  }

  it("designs, previews in both languages, publishes, and reads weighted shares and a crosstab", async () => {
    const page = await openPage();
    await page.goto("/login");
    const main = page.getByRole("main");
    await main.getByLabel("Электронная почта").fill(account.email);
    await main.getByLabel("Пароль").fill(account.password);
    await main.getByRole("button", { name: "Войти", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/home");

    // 1. a study, and a survey in it
    await page.locator("header nav.desktop-nav").getByRole("link", { name: "Исследования", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/studies");
    const newStudy = page.locator("section.card", { has: page.getByRole("heading", { name: "Новое исследование" }) });
    await newStudy.getByLabel("Название исследования").fill(STUDY);
    await newStudy.getByRole("button", { name: "Сохранить", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: STUDY, exact: true }).waitFor();
    const newSurvey = page.locator("section.card", { has: page.getByRole("heading", { name: "Новый опрос" }) });
    await newSurvey.getByLabel("Название опроса").fill(SURVEY);
    await newSurvey.getByLabel("Адрес опроса").fill(SLUG);
    await journeyScreenshot(page, JOURNEY, 1, "new-survey");
    await newSurvey.getByRole("button", { name: "Новый опрос", exact: true }).click();
    await page.waitForURL((url) => /^\/surveys\/\d+\/design$/.test(url.pathname));
    const surveyId = Number(/^\/surveys\/(\d+)\/design$/.exec(new URL(page.url()).pathname)![1]);
    await waitForDesigner(page);

    // 2. the socio-demographic block and a rating question
    const questions = page.getByRole("tabpanel", { name: "Вопросы" });
    const outline = questions.getByRole("region", { name: "Вопросы страницы 1" });
    await questions.getByRole("region", { name: "Готовые блоки" }).getByRole("button", { name: "Добавить блок" }).click();
    await outline.getByRole("button", { name: /^Ваш пол/ }).waitFor();
    await outline.getByRole("combobox", { name: "Новый вопрос" }).selectOption({ label: "Шкала оценки" });
    await outline.getByRole("button", { name: /^\+ Добавить$/ }).click();
    const editor = questions.getByRole("region", { name: /^Вопрос q\d+ Шкала оценки/ });
    await editor.getByRole("textbox", { name: "RU Текст вопроса", exact: true }).fill(RATING);
    await outline.getByRole("button", { name: new RegExp(`^${RATING.replace("?", "\\?")}`) }).waitFor();
    await journeyScreenshot(page, JOURNEY, 2, "designed");

    // 3. the preview, in Russian and then in English (the block's own English texts)
    await page.getByRole("tab", { name: "Предпросмотр", exact: true }).click();
    const preview = page.getByRole("tabpanel", { name: "Предпросмотр" });
    await preview.getByText("Ваш пол", { exact: true }).waitFor();
    expect(await preview.getByText(RATING, { exact: true }).isVisible()).toBe(true);
    await journeyScreenshot(page, JOURNEY, 3, "preview-ru");
    await preview.getByRole("group", { name: "Язык предпросмотра" }).getByRole("button", { name: "English" }).click();
    await preview.getByText("Your sex", { exact: true }).waitFor();
    expect(await preview.getByText("Ваш пол", { exact: true }).count()).toBe(0);
    await journeyScreenshot(page, JOURNEY, 4, "preview-en");

    // 4. save, publish, and the poll is live
    await page.getByRole("button", { name: "Сохранить", exact: true }).click();
    await page.getByText("Сохранено: версия 1.", { exact: true }).waitFor();
    await page.getByRole("link", { name: `← ${SURVEY}` }).click();
    await page.getByRole("heading", { level: 1, name: SURVEY, exact: true }).waitFor();
    await page.getByRole("button", { name: "Опубликовать версию 1", exact: true }).click();
    await page.getByText("идёт приём ответов", { exact: true }).waitFor();
    await journeyScreenshot(page, JOURNEY, 5, "published");
    await page.getByRole("link", { name: `/polls/${SLUG}`, exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/polls/${SLUG}`);
    await page.locator('[data-name="sex"]').getByText("Ваш пол", { exact: true }).waitFor();
    await journeyScreenshot(page, JOURNEY, 6, "live-poll");
    const published = await server.db.db.selectFrom("surveys").select(["status", "published_version_id"]).where("id", "=", surveyId).executeTakeFirstOrThrow();
    expect(published.status).toBe("published");
    expect(published.published_version_id).not.toBeNull();

    // 5. the demo survey's results, weights on
    await page.goto("/surveys");
    await page.getByRole("link", { name: DEMO_SURVEY }).click();
    await page.getByRole("link", { name: "Результаты", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `Результаты: ${DEMO_SURVEY}` }).waitFor();
    await page.getByLabel("С весами").check();
    await page.getByRole("button", { name: "Показать", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("weighted") === "1");
    const sex = page.locator("section.result-card", { has: page.getByRole("heading", { name: "Ваш пол" }) });
    await expect.poll(() => sex.locator("p.base").textContent()).toMatch(/эффективный n = [\d,]+, эффект дизайна [\d,]+/);
    const deff = Number(/эффект дизайна ([\d,]+)/.exec((await sex.locator("p.base").textContent())!)![1]!.replace(",", "."));
    expect(deff).toBeGreaterThan(1); // weighting a two-thirds-women sample costs precision
    await expect.poll(() => sex.getByRole("columnheader", { name: "Доля с весами" }).count()).toBe(1);
    expect(await sex.getByRole("columnheader", { name: "± погрешность (95%)" }).count()).toBe(1);
    const women = sex.getByRole("row", { name: /Женский/ });
    await expect.poll(() => women.textContent()).toMatch(/54,0\s?%/);
    const cells = await women.locator("td").allInnerTexts();
    expect(cells.at(-1)).toMatch(/^±\d+,\d\s?%$/);
    await journeyScreenshot(page, JOURNEY, 7, "weighted-results");

    // 6. a crosstab and its test
    const crosstab = () => page.locator("section", { has: page.getByRole("heading", { name: "Таблица сопряжённости" }) });
    await crosstab().getByLabel("Строки").selectOption({ label: "Как часто вы пользуетесь интернетом?" });
    await crosstab().getByLabel("Столбцы").selectOption({ label: "Ваш возраст" });
    await crosstab().getByRole("button", { name: "Построить" }).click();
    await expect.poll(() => crosstab().textContent()).toMatch(/поправкой Рао–Скотта = [\d,]+, df = 9, p = /);
    expect(await crosstab().locator("table tbody tr").count()).toBeGreaterThan(0);
    await journeyScreenshot(page, JOURNEY, 8, "crosstab");
    expect(pageErrors).toEqual([]);
  }, 150_000);
});

/**
 * A sociologist builds a survey in the designer and opens it to residents, in a real Chromium
 * against the production build: sign in, create a study and a survey in it, add the
 * socio-demographic block, an organisation rating and a rating question, try it in the preview,
 * save, publish, and see it live at /polls/<slug>. The stored version is then checked in the
 * database. Every step leaves a screenshot in test-results/screenshots/.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { readText } from "../../app/domain/survey/designer";
import { seedDemoRegion } from "../../app/services/demo.server";
import { addUser, startTestServer, type TestServer } from "../helpers/app-server";
import { launchBrowser, requireChromium, saveScreenshot } from "../helpers/browser";

const available = requireChromium();

const STUDY_TITLE = "Доступность госуслуг — E2E";
const SURVEY_TITLE = "Опрос жителей — E2E";
const SLUG = "e2e-opros";
const PUBLIC_TITLE = "Как вам живётся в Амурской области?";
const RATING_TITLE = "Как вы оцениваете работу госпабликов в целом?";
/** Searched for in the designer, and the registry rows they should find (db/seed/data/amur-organisations.csv). */
const ORGANISATIONS = [
  { search: "здравоохранения", name: "Министерство здравоохранения Амурской области", code: "org-min-zdrav" },
  { search: "финансов", name: "Министерство финансов Амурской области", code: "org-min-fin" },
] as const;

type Element = { type: string; name: string; elements?: Element[]; [key: string]: unknown };

/** Every element of a definition, panels' children included, in document order. */
function flatten(elements: Element[]): Element[] {
  return elements.flatMap((e) => [e, ...flatten(e.elements ?? [])]);
}

describe.skipIf(!available)("a sociologist designs and publishes a survey in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let account: { email: string; password: string };
  /** errors the page itself reported (uncaught exceptions, console.error) and unexpected dialogs */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("e2e-designer"), launchBrowser()]);
    await seedDemoRegion(server.app.ctx);
    account = await addUser(server, "sociologist");
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function openPage(): Promise<Page> {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU", baseURL: server.url });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const where = () => new URL(page.url()).pathname;
    page.on("pageerror", (error) => pageErrors.push(`pageerror on ${where()}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`console.error on ${where()}: ${message.text()}`);
    });
    // nothing in this journey should ask the user anything ("leave with unsaved changes?" would be a bug)
    page.on("dialog", (dialog) => {
      pageErrors.push(`dialog on ${where()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    return page;
  }

  /**
   * The designer's buttons do nothing until React has hydrated the page. Switching tabs is harmless
   * and visible: once a click on «Предпросмотр» selects it, the designer is live; go back to «Вопросы».
   */
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

  it("creates, fills, previews, saves and publishes a survey that residents can open", async () => {
    const started = Date.now();
    const page = await openPage();

    // 1. sign in
    await page.goto("/login");
    const main = page.getByRole("main");
    await main.getByLabel("Электронная почта").fill(account.email);
    await main.getByLabel("Пароль").fill(account.password);
    await main.getByRole("button", { name: "Войти", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/home");
    await page.getByRole("heading", { level: 1, name: "Здравствуйте, Test sociologist", exact: true }).waitFor();
    await saveScreenshot(page, "designer-1-home");

    // 2. a new study, from the menu
    await page.locator("header nav.desktop-nav").getByRole("link", { name: "Исследования", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/studies");
    const newStudy = page.locator("section.card", { has: page.getByRole("heading", { name: "Новое исследование" }) });
    await newStudy.getByLabel("Название исследования").fill(STUDY_TITLE);
    await saveScreenshot(page, "designer-2-new-study");
    await newStudy.getByRole("button", { name: "Сохранить", exact: true }).click();
    await page.waitForURL((url) => /^\/studies\/\d+$/.test(url.pathname));
    await page.getByRole("heading", { level: 1, name: STUDY_TITLE, exact: true }).waitFor();

    // 3. a survey inside it: creating it opens the designer
    const newSurvey = page.locator("section.card", { has: page.getByRole("heading", { name: "Новый опрос" }) });
    await newSurvey.getByLabel("Название опроса").fill(SURVEY_TITLE);
    await newSurvey.getByLabel("Адрес опроса").fill(SLUG);
    await saveScreenshot(page, "designer-3-new-survey");
    await newSurvey.getByRole("button", { name: "Новый опрос", exact: true }).click();
    await page.waitForURL((url) => /^\/surveys\/\d+\/design$/.test(url.pathname));
    const surveyId = Number(/^\/surveys\/(\d+)\/design$/.exec(new URL(page.url()).pathname)![1]);
    await page.getByRole("heading", { level: 1, name: `Конструктор опроса: ${SURVEY_TITLE}` }).waitFor();
    await waitForDesigner(page);
    const questions = page.getByRole("tabpanel", { name: "Вопросы" });
    const outline = questions.getByRole("region", { name: "Вопросы страницы 1" });
    await outline.getByText("На странице пока нет вопросов.", { exact: false }).waitFor();
    await saveScreenshot(page, "designer-4-empty");

    // the title respondents see, in the survey's own settings
    await questions.getByText("Заголовок и описание опроса", { exact: true }).click();
    await questions.getByRole("textbox", { name: "RU Заголовок опроса (видят респонденты)", exact: true }).fill(PUBLIC_TITLE);

    // 4. the socio-demographic block: a panel with territory, sex and age
    const blocks = questions.getByRole("region", { name: "Готовые блоки" });
    const addDemographics = blocks.getByRole("button", { name: "Добавить блок" });
    await addDemographics.click();
    for (const title of ["О вас", "Где вы живёте?", "Ваш пол", "Ваш возраст"]) {
      await outline.getByRole("button", { name: new RegExp(`^${title}`) }).waitFor();
    }
    // a second block would clash with the names quotas rely on: the button is off now
    expect(await addDemographics.isDisabled()).toBe(true);
    await blocks.getByText("Уже есть в опросе: territory, sex, age_band.").waitFor();
    await questions.getByRole("region", { name: /^Вопрос territory/ }).waitFor();
    await saveScreenshot(page, "designer-5-demographics");

    // 5. the organisation rating: two organisations found by search; the ticks survive a new search
    const search = blocks.getByRole("searchbox", { name: "Поиск организации" });
    for (const org of ORGANISATIONS) {
      await search.fill(org.search);
      const box = blocks.getByRole("checkbox", { name: new RegExp(`^${org.name}`) });
      await expect.poll(() => blocks.getByRole("checkbox").count()).toBe(1);
      await box.check();
    }
    await blocks.getByText("Выбрано: 2", { exact: true }).waitFor();
    await saveScreenshot(page, "designer-6-organisations-chosen");
    await blocks.getByRole("button", { name: "Добавить вопрос оценки" }).click();
    await outline.getByRole("button", { name: /^Оцените работу организаций/ }).waitFor();
    const ratingMatrix = questions.getByRole("region", { name: /^Вопрос org_rating/ });
    await ratingMatrix.getByText("Это вопрос оценки организаций", { exact: false }).waitFor();
    await blocks.getByText("Выбрано: 0", { exact: true }).waitFor();

    // 6. a rating question, retitled in Russian
    await outline.getByRole("combobox", { name: "Новый вопрос" }).selectOption({ label: "Шкала оценки" });
    await outline.getByRole("button", { name: /^\+ Добавить$/ }).click();
    const editor = questions.getByRole("region", { name: /^Вопрос q\d+ Шкала оценки/ });
    await editor.waitFor();
    const ruTitle = editor.getByRole("textbox", { name: "RU Текст вопроса", exact: true });
    expect(await ruTitle.inputValue()).toBe("Новый вопрос");
    await ruTitle.fill(RATING_TITLE);
    await outline.getByRole("button", { name: new RegExp(`^${RATING_TITLE.replace("?", "\\?")}`) }).waitFor();
    await page.getByText("Есть несохранённые изменения", { exact: true }).waitFor();
    await saveScreenshot(page, "designer-7-questions");

    // 7. the preview renders the survey as a respondent would see it
    await page.getByRole("tab", { name: "Предпросмотр", exact: true }).click();
    const preview = page.getByRole("tabpanel", { name: "Предпросмотр" });
    await preview.getByText("Ваш пол", { exact: true }).waitFor();
    for (const text of [PUBLIC_TITLE, "Где вы живёте?", "Ваш возраст", "Оцените работу организаций", RATING_TITLE, ...ORGANISATIONS.map((o) => o.name)]) {
      expect(await preview.getByText(text, { exact: true }).first().isVisible(), `preview shows «${text}»`).toBe(true);
    }
    const ratingInPreview = preview.locator(".sd-question", { has: page.getByText(RATING_TITLE, { exact: true }) });
    expect(await ratingInPreview.getByText("5", { exact: true }).first().isVisible(), "the rating question shows its scale").toBe(true);
    expect(await ratingInPreview.getByText("Отлично", { exact: true }).first().isVisible()).toBe(true);
    await saveScreenshot(page, "designer-8-preview");

    // 8. save: the draft of version 1 is updated
    await page.getByRole("button", { name: "Сохранить", exact: true }).click();
    await page.getByText("Сохранено: версия 1.", { exact: true }).waitFor();
    await page.getByText("Все изменения сохранены", { exact: true }).waitFor();
    await saveScreenshot(page, "designer-9-saved");

    // 9. the survey page: publish version 1
    await page.getByRole("link", { name: `← ${SURVEY_TITLE}` }).click();
    await page.waitForURL((url) => url.pathname === `/surveys/${surveyId}`);
    // exact: the designer's own h1 also contains the survey title, and Remix changes the URL before it re-renders
    await page.getByRole("heading", { level: 1, name: SURVEY_TITLE, exact: true }).waitFor();
    await page.getByText("черновик", { exact: true }).first().waitFor();
    await page.getByRole("button", { name: "Опубликовать версию 1", exact: true }).click();
    await page.getByText("идёт приём ответов", { exact: true }).waitFor();
    expect(await page.getByRole("button", { name: /^Опубликовать версию/ }).count(), "nothing left to publish").toBe(0);
    await saveScreenshot(page, "designer-10-published");

    // 10. the public address now opens the survey
    await page.getByRole("link", { name: `/polls/${SLUG}`, exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/polls/${SLUG}`);
    const first = page.locator('[data-name="territory"]');
    await first.waitFor();
    expect(await page.getByText(PUBLIC_TITLE, { exact: true }).isVisible(), "the poll shows its title").toBe(true);
    expect(await first.getByText("Где вы живёте?", { exact: true }).isVisible()).toBe(true);
    expect(await page.locator('[data-name="sex"]').getByText("Ваш пол", { exact: true }).isVisible()).toBe(true);
    await saveScreenshot(page, "designer-11-poll");

    // the stored, published version is exactly what was built
    const row = await server.db.db
      .selectFrom("surveys")
      .innerJoin("survey_versions", "survey_versions.id", "surveys.published_version_id")
      .select(["surveys.status", "survey_versions.version", "survey_versions.published_at", "survey_versions.definition"])
      .where("surveys.slug", "=", SLUG)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("published");
    expect(row.version).toBe(1);
    expect(row.published_at).not.toBeNull();
    const definition = row.definition as { title?: unknown; pages: { elements: Element[] }[] };
    expect(readText(definition.title, "ru")).toBe(PUBLIC_TITLE);
    const all = definition.pages.flatMap((p) => flatten(p.elements));
    const byName = (name: string) => all.find((e) => e.name === name);
    expect(byName("territory")).toMatchObject({ type: "dropdown", isRequired: true });
    expect((byName("territory")!.choices as unknown[]).length).toBeGreaterThan(0);
    expect(byName("sex")).toMatchObject({ type: "radiogroup", isRequired: true });
    expect(byName("age_band")).toMatchObject({ type: "radiogroup", isRequired: true });
    const matrices = all.filter((e) => e.type === "matrix" && e.rpKind === "organisation-rating");
    expect(matrices).toHaveLength(1);
    const rows = (matrices[0]!.rows as { value: string }[]).map((r) => r.value);
    expect(rows.sort()).toEqual(ORGANISATIONS.map((o) => o.code).sort());
    const ratings = all.filter((e) => e.type === "rating");
    expect(ratings).toHaveLength(1);
    expect(readText(ratings[0]!.title, "ru")).toBe(RATING_TITLE);
    expect(ratings[0]).toMatchObject({ rateMin: 1, rateMax: 5 });

    expect(pageErrors).toEqual([]);
    console.info(`designer journey: ${((Date.now() - started) / 1000).toFixed(1)} s in the browser`);
  }, 90_000);
});

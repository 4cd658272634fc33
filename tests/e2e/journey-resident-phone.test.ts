/**
 * Journey (a) with (e), in a real Chromium on a phone-sized screen against the production build: a
 * resident finds the open poll in the public list, answers the first half in Russian, switches the
 * interface to English (the answers stay), answers one more question and closes the browser. Later
 * a new browser window with the same storage (cookies and localStorage) opens the poll: it resumes
 * where it stopped, in English, with the answers restored; the resident switches back to Russian and
 * finishes. The database then holds exactly one complete response and no draft.
 * Screenshots: test-artifacts/screenshots/resident-phone/.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { seedDemoRegion } from "../../app/services/demo.server";
import { startTestServer, type TestServer } from "../helpers/app-server";
import { journeyScreenshot, launchBrowser, requireChromium, watchPageErrors } from "../helpers/browser";

const available = requireChromium();
const JOURNEY = "resident-phone";
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "ru-RU" };

describe.skipIf(!available)("journey: a resident on a phone answers half a poll, leaves, and finishes later", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("e2e-journey-phone"), launchBrowser()]);
    await seedDemoRegion(server.app.ctx);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  async function openContext(storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>): Promise<Page> {
    const context = await browser.newContext({ ...PHONE, baseURL: server.url, storageState });
    contexts.push(context);
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    watchPageErrors(page, pageErrors);
    return page;
  }

  const question = (page: Page, name: string) => page.locator(`[data-name="${name}"]`);
  const residentResponses = () => server.db.db.selectFrom("responses").select(["answers", "locale"]).where("submission_id", "not like", "demo-%").execute();
  const draftAnswers = async () => (await server.db.db.selectFrom("response_drafts").select("answers").executeTakeFirst())?.answers as Record<string, unknown> | undefined;

  it("resumes the half-answered poll in a new window, in the other language, and stores one response", async () => {
    // 1. the public list, in Russian
    const list = await openContext();
    await list.goto("/polls");
    expect(await list.locator("html").getAttribute("lang")).toBe("ru");
    const link = list.getByRole("link", { name: "Интернет в жизни жителей Амурской области" }).first();
    await link.waitFor();
    await journeyScreenshot(list, JOURNEY, 1, "list-ru");
    await link.tap();
    await list.waitForURL("**/polls/internet-2026");
    const page = list;
    await question(page, "sex").waitFor();
    await journeyScreenshot(page, JOURNEY, 2, "first-page-ru");

    // 2. the first page: a dropdown and two radio groups, by touch
    await question(page, "territory").locator(".sd-dropdown").tap();
    await page.getByRole("option", { name: "городской округ город Белогорск" }).tap();
    await question(page, "sex").getByText("Женский", { exact: true }).tap();
    await question(page, "age_band").getByText("30–44 года", { exact: true }).tap();
    await page.getByRole("button", { name: "Далее" }).tap();
    await question(page, "frequency").getByText("Как часто вы пользуетесь интернетом?", { exact: false }).waitFor();
    await expect.poll(draftAnswers, { timeout: 10_000 }).toMatchObject({ territory: "amur-belogorsk", sex: "female", age_band: "30-44" });

    // 3. English: the same poll, the same page, the question texts translated
    await page.getByRole("button", { name: /^Язык/ }).tap();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await question(page, "frequency").getByText("Every day", { exact: true }).waitFor();
    await journeyScreenshot(page, JOURNEY, 3, "second-page-en");
    await question(page, "frequency").getByText("Every day", { exact: true }).tap();
    await expect.poll(draftAnswers, { timeout: 10_000 }).toMatchObject({ sex: "female", frequency: "daily" });
    expect(await residentResponses()).toEqual([]);
    await journeyScreenshot(page, JOURNEY, 4, "half-done-en");

    // 4. the resident closes the browser window; its storage is what a phone would keep
    const kept = await page.context().storageState();
    await page.context().close();

    // 5. later, a new window with the same storage: resumed on the second page, in English
    const back = await openContext(kept);
    await back.goto("/polls/internet-2026");
    await question(back, "frequency").waitFor();
    expect(await back.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => question(back, "frequency").locator('input[value="daily"]').isChecked()).toBe(true);
    await question(back, "devices").getByText("Smartphone", { exact: true }).waitFor();
    await journeyScreenshot(back, JOURNEY, 5, "resumed-en");

    // 6. back to Russian to finish; the earlier answers are still there
    await back.getByRole("button", { name: /^Language/ }).tap();
    await expect.poll(() => back.locator("html").getAttribute("lang")).toBe("ru");
    await question(back, "devices").getByText("Смартфон", { exact: true }).waitFor();
    expect(await question(back, "frequency").locator('input[value="daily"]').isChecked()).toBe(true);
    await question(back, "devices").getByText("Смартфон", { exact: true }).tap();
    await question(back, "mobile_quality").getByText("4", { exact: true }).tap();
    await journeyScreenshot(back, JOURNEY, 6, "second-page-ru");
    await back.getByRole("button", { name: "Готово" }).tap();
    await back.getByRole("heading", { name: "Спасибо, ответ принят!" }).waitFor();
    await journeyScreenshot(back, JOURNEY, 7, "thanks-ru");

    // exactly one complete response with both halves, and the draft gone
    const stored = await residentResponses();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.answers).toMatchObject({ territory: "amur-belogorsk", sex: "female", age_band: "30-44", frequency: "daily", devices: ["phone"], mobile_quality: 4 });
    expect(stored[0]!.locale).toBe("ru");
    expect(await server.db.db.selectFrom("response_drafts").select("survey_id").execute()).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});

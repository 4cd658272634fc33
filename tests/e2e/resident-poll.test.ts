/**
 * A resident on a phone: finds an open poll, answers half, closes the tab, comes back on the same
 * device and finishes; the answer is stored once. Real Chromium, production build.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seedDemoRegion } from "../../app/services/demo.server";
import { startTestServer, type TestServer } from "../helpers/app-server";
import { launchBrowser, requireChromium, saveScreenshot } from "../helpers/browser";

const available = requireChromium();

describe.skipIf(!available)("a resident answers a poll on a phone", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("e2e-poll"), launchBrowser()]);
    await seedDemoRegion(server.app.ctx);
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "ru-RU", baseURL: server.url });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(path);
    return page;
  }

  const question = (page: Page, name: string) => page.locator(`[data-name="${name}"]`);

  it("answers half, leaves, returns to the same place and finishes once", async () => {
    const list = await open("/polls");
    await saveScreenshot(list, "poll-1-list");
    await list.getByRole("link", { name: "Интернет в жизни жителей Амурской области" }).first().click();
    await list.waitForURL("**/polls/internet-2026");
    const page = list;
    await question(page, "sex").waitFor();
    await saveScreenshot(page, "poll-2-first-page");

    // territory: SurveyJS's own dropdown (a list pops up), then two radio groups
    await question(page, "territory").locator(".sd-dropdown").click();
    await page.getByRole("option", { name: "городской округ город Белогорск" }).click();
    await question(page, "sex").getByText("Женский", { exact: true }).click();
    await question(page, "age_band").getByText("30–44 года", { exact: true }).click();
    await page.getByRole("button", { name: "Далее" }).click();
    await question(page, "frequency").waitFor();
    await question(page, "frequency").getByText("Каждый день", { exact: true }).click();
    // the page saves the draft as the resident goes; wait until the server has it
    await expect
      .poll(async () => (await server.db.db.selectFrom("response_drafts").select("answers").executeTakeFirst())?.answers as Record<string, unknown> | undefined, { timeout: 10_000 })
      .toMatchObject({ sex: "female", age_band: "30-44", frequency: "daily" });
    await saveScreenshot(page, "poll-3-half-done");
    await page.close(); // the tab is closed half-way

    const back = await open("/polls/internet-2026");
    await question(back, "frequency").waitFor();
    await saveScreenshot(back, "poll-4-resumed");
    // resumed on the second page with the earlier answer still chosen
    expect(await question(back, "frequency").locator('input[value="daily"]').isChecked()).toBe(true);
    await question(back, "devices").getByText("Смартфон", { exact: true }).click();
    await question(back, "mobile_quality").getByText("4", { exact: true }).click();
    await back.getByRole("button", { name: "Готово" }).click();
    await back.getByRole("heading", { name: "Спасибо, ответ принят!" }).waitFor();
    await saveScreenshot(back, "poll-5-thanks");

    // the resident's answer, beside the demo's seeded ones
    const stored = await server.db.db.selectFrom("responses").select(["answers", "locale"]).where("submission_id", "not like", "demo-%").execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.answers).toMatchObject({ territory: "amur-belogorsk", sex: "female", age_band: "30-44", frequency: "daily", devices: ["phone"], mobile_quality: 4 });
    expect(await server.db.db.selectFrom("response_drafts").select("survey_id").execute()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("shows a clear page for a poll that does not exist", async () => {
    const page = await open("/polls/no-such-poll");
    await page.getByRole("heading", { name: "Опрос не найден" }).waitFor();
    await saveScreenshot(page, "poll-6-not-found");
  });
});

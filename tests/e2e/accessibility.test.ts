/**
 * Accessibility in a real Chromium against the production build: axe-core on the landing page, a
 * poll, the public ranking and a page administrator's view (no "serious" or "critical" violation;
 * the milder ones are printed), and a poll completed with the keyboard alone, down to the stored
 * response. axe-core comes from node_modules and is injected into the page, never fetched.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seedDemoRegion } from "../../app/services/demo.server";
import { demoScored, startTestServer, type TestServer } from "../helpers/app-server";
import { describeViolations, journeyScreenshot, launchBrowser, requireChromium, runAxe, watchPageErrors } from "../helpers/browser";

const available = requireChromium();
const POLL = "/polls/internet-2026";

describe.skipIf(!available)("accessibility in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("e2e-a11y"), launchBrowser()]);
    await seedDemoRegion(server.app.ctx);
    // the ranking and the page administrator's view read the demo's first scoring run
    await demoScored(server);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  async function newPage(): Promise<Page> {
    pageErrors.length = 0; // each test answers for its own page
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU", baseURL: server.url });
    contexts.push(context);
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    watchPageErrors(page, pageErrors);
    return page;
  }

  /** Runs axe, prints every violation, and fails on the serious and critical ones. */
  async function expectAccessible(page: Page, label: string) {
    const violations = await runAxe(page);
    const milder = violations.filter((v) => v.impact !== "serious" && v.impact !== "critical");
    const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    console.info(`axe ${label}: ${violations.length} rule(s) violated${milder.length ? `\n${describeViolations(milder)}` : ""}`);
    expect(describeViolations(blocking, true), `serious or critical violations on ${label}`).toBe("");
  }

  it("the landing page has no serious or critical violation, in Russian and in English", async () => {
    const page = await newPage();
    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: "Пульс региона" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("ru");
    await journeyScreenshot(page, "accessibility", 1, "landing");
    await expectAccessible(page, "landing (ru)");
    await page.getByRole("button", { name: "Язык" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByRole("heading", { level: 1 }).filter({ hasNotText: "Пульс" }).waitFor();
    await expectAccessible(page, "landing (en)");
    expect(pageErrors).toEqual([]);
  });

  it("a poll has no serious or critical violation", async () => {
    const page = await newPage();
    await page.goto(POLL);
    await page.locator('[data-name="sex"]').waitFor();
    await journeyScreenshot(page, "accessibility", 2, "poll");
    await expectAccessible(page, "poll");
    expect(pageErrors).toEqual([]);
  });

  it("the public ranking has no serious or critical violation", async () => {
    const page = await newPage();
    await page.goto("/ranking");
    await expect.poll(() => page.locator("table tbody tr").count()).toBeGreaterThan(0);
    await journeyScreenshot(page, "accessibility", 3, "ranking");
    await expectAccessible(page, "ranking");
    expect(pageErrors).toEqual([]);
  });

  it("the page administrator's view has no serious or critical violation", async () => {
    const page = await newPage();
    await page.goto("/login");
    const main = page.getByRole("main");
    await main.getByLabel("Электронная почта").fill("minzdrav@demo.pulse.local");
    await main.getByLabel("Пароль").fill("demo-minzdrav-2026");
    await main.getByRole("button", { name: "Войти", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/my");
    await page.getByRole("heading", { name: /^Комментарии жителей без ответа: \d+$/ }).waitFor();
    await journeyScreenshot(page, "accessibility", 4, "page-admin");
    await expectAccessible(page, "page administrator's view");
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!available)("a poll completed with the keyboard alone", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("e2e-a11y-keys"), launchBrowser()]);
    await seedDemoRegion(server.app.ctx);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU", baseURL: server.url });
    context.setDefaultTimeout(20_000);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  /** What has the focus: the SurveyJS question it sits in (data-name), its tag, type, value and text. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return {
        question: el?.closest("[data-name]")?.getAttribute("data-name") ?? null,
        tag: el?.tagName.toLowerCase() ?? null,
        type: el?.getAttribute("type") ?? null,
        value: el && "value" in el ? String(el.value) : null,
        text: (el?.getAttribute("aria-label") ?? el?.textContent ?? "").trim().slice(0, 60),
      };
    });

  /** Presses Tab (Shift+Tab when `back`) until the focus satisfies `reached`; fails after 80 stops. */
  async function tabTo(page: Page, reached: (f: Awaited<ReturnType<typeof focused>>) => boolean, back = false) {
    const seen: string[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press(back ? "Shift+Tab" : "Tab");
      const f = await focused(page);
      if (reached(f)) return f;
      seen.push(`${f.question ?? "-"}:${f.tag}:${f.type ?? ""}:${f.text}`);
    }
    throw new Error(`the focus never got there; it went through ${seen.join(" → ")}`);
  }

  /** In a radio group with the focus, press an arrow until the radio with `value` has it, then Space. */
  async function arrowToRadio(page: Page, value: string, key: "ArrowDown" | "ArrowRight" = "ArrowDown") {
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      const f = await focused(page);
      if (f.type === "radio" && f.value === value) {
        await page.keyboard.press("Space");
        return;
      }
      seen.push(`${f.tag}:${f.type ?? ""}:${f.value ?? ""}`);
      await page.keyboard.press(key);
    }
    throw new Error(`no radio with value ${value} reached by ${key}; the focus went ${seen.join(" → ")}`);
  }

  it("answers every required question and submits with Tab, arrows, Space and Enter only", async () => {
    const page = await context.newPage();
    watchPageErrors(page, pageErrors);
    await page.goto(POLL);
    const question = (name: string) => page.locator(`[data-name="${name}"]`);
    await question("sex").waitFor();

    // territory: SurveyJS's dropdown opens on ArrowDown and takes the highlighted item on Enter
    await tabTo(page, (f) => f.question === "territory");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(() => question("territory").locator(".sd-dropdown--empty").count()).toBe(0);

    await tabTo(page, (f) => f.question === "sex" && f.type === "radio");
    await arrowToRadio(page, "female");
    await tabTo(page, (f) => f.question === "age_band" && f.type === "radio");
    await arrowToRadio(page, "30-44");
    // Shift+Tab goes back to the sex group with its choice kept
    const back = await tabTo(page, (f) => f.question === "sex", true);
    expect(back.value).toBe("female");
    await journeyScreenshot(page, "accessibility", 5, "keyboard-first-page");
    await tabTo(page, (f) => f.tag === "button" && f.text === "Далее");
    await page.keyboard.press("Enter");

    await question("frequency").waitFor();
    await tabTo(page, (f) => f.question === "frequency" && f.type === "radio");
    await arrowToRadio(page, "never");
    // the 1–5 rating is a row of radios: left and right arrows move along it
    await tabTo(page, (f) => f.question === "mobile_quality");
    await arrowToRadio(page, "4", "ArrowRight");
    await journeyScreenshot(page, "accessibility", 6, "keyboard-second-page");
    await tabTo(page, (f) => f.tag === "button" && f.text === "Готово");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Спасибо, ответ принят!" }).waitFor();
    await journeyScreenshot(page, "accessibility", 7, "keyboard-thanks");

    const stored = await server.db.db.selectFrom("responses").select(["answers"]).where("submission_id", "not like", "demo-%").execute();
    expect(stored).toHaveLength(1);
    const answers = stored[0]!.answers as Record<string, unknown>;
    expect(answers).toMatchObject({ sex: "female", age_band: "30-44", frequency: "never" });
    expect(typeof answers.territory).toBe("string");
    expect(answers.mobile_quality).toBe(4);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});

/**
 * Signing in, out and switching language in a real Chromium against the production build:
 * each role lands where it should and sees exactly its own menu, on a desktop and on a phone.
 * One browser for the file, a fresh context (cookies, viewport) per journey; every step leaves
 * a screenshot in test-results/screenshots/.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import type { Role } from "../../app/domain/roles";
import { seedDemoRegion } from "../../app/services/demo.server";
import { addUser, startTestServer, type TestServer } from "../helpers/app-server";
import { launchBrowser, requireChromium, saveScreenshot, watchPageErrors } from "../helpers/browser";

const available = requireChromium();

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: "ru-RU" };
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: "ru-RU",
};

/** The whole menu per role, in order; written out by hand so the test does not trust nav-items.ts. */
const MENU: Record<Role, string[]> = {
  admin: ["Главная", "Исследования", "Опросы", "Территории", "Организации", "Госпаблики", "Импорт реестра", "Аудит страниц", "Рейтинг и отчёты", "Методики оценки", "Пользователи", "Журнал действий", "API-токены"],
  analyst: ["Главная", "Территории", "Организации", "Госпаблики", "Импорт реестра", "Аудит страниц", "Рейтинг и отчёты", "Методики оценки"],
  sociologist: ["Главная", "Исследования", "Опросы", "Территории", "Организации", "Госпаблики", "API-токены"],
  page_admin: ["Моя организация"],
};
/** Links the role must never be offered. */
const FORBIDDEN: Record<Role, string[]> = {
  admin: ["Моя организация"],
  analyst: ["Пользователи", "Журнал действий", "Моя организация", "Исследования", "API-токены"],
  sociologist: ["Импорт реестра", "Аудит страниц", "Рейтинг и отчёты", "Методики оценки", "Пользователи", "Журнал действий", "Моя организация"],
  page_admin: ["Территории", "Организации", "Госпаблики", "Импорт реестра", "Аудит страниц", "Рейтинг и отчёты", "Методики оценки", "Пользователи", "Журнал действий"],
};
const LANDING: Record<Role, { path: string; heading: string }> = {
  admin: { path: "/home", heading: "Здравствуйте, Test admin" },
  analyst: { path: "/home", heading: "Здравствуйте, Test analyst" },
  sociologist: { path: "/home", heading: "Здравствуйте, Test sociologist" },
  page_admin: { path: "/my", heading: "Моя организация" },
};

describe.skipIf(!available)("login in a real browser", () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const accounts = {} as Record<Role, { email: string; password: string }>;
  let context: BrowserContext | undefined;
  /** errors the page itself reported (uncaught exceptions, console.error) in the current context */
  let pageErrors: string[] = [];

  beforeAll(async () => {
    const starting = startTestServer("e2e-login").then((s) => (server = s));
    const launching = launchBrowser().then((b) => (browser = b));
    await Promise.all([starting, launching]);
    await seedDemoRegion(server!.app.ctx);
    for (const role of ["admin", "analyst", "sociologist"] as const) accounts[role] = await addUser(server!, role);
    accounts.page_admin = await addUser(server!, "page_admin", { organisationCode: "org-min-zdrav" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function openPage(options: BrowserContextOptions): Promise<Page> {
    context = await browser!.newContext({ ...options, baseURL: server!.url });
    pageErrors = [];
    const page = await context.newPage();
    watchPageErrors(page, pageErrors);
    return page;
  }

  /** Fills in and submits the sign-in form already on the page. */
  async function submitLogin(page: Page, email: string, password: string) {
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('form:has(input[name="password"]) button[type="submit"]').click();
  }

  async function signIn(page: Page, email: string, password: string) {
    await page.goto("/login");
    await submitLogin(page, email, password);
  }

  /** Texts of the wide-screen menu links in the document, shown or not. */
  async function menuInDocument(page: Page): Promise<string[]> {
    return (await page.locator("header nav.desktop-nav a").allTextContents()).map((t) => t.trim());
  }

  /** Texts of the header menu links a person can actually see (rendered, non-zero size). */
  async function visibleMenu(page: Page): Promise<string[]> {
    const texts: string[] = [];
    for (const link of await page.locator("header nav a").all()) {
      if (await link.isVisible()) texts.push(((await link.textContent()) ?? "").trim());
    }
    return texts;
  }

  /** On a wide screen the menu is shown without opening its <details>. */
  async function expectDesktopMenu(page: Page, expected: string[]) {
    await expect.poll(() => menuInDocument(page)).toEqual(expected);
    expect(await visibleMenu(page), "the desktop menu must be visible without opening <details class=menu>").toEqual(
      expected,
    );
  }

  async function heading(page: Page): Promise<string> {
    return (await page.locator("main h1").first().innerText()).trim();
  }

  test.each(["admin", "analyst", "sociologist", "page_admin"] as const)(
    "%s signs in on a desktop and sees exactly their menu",
    async (role) => {
      const page = await openPage(DESKTOP);
      const { email, password } = accounts[role];
      await page.goto("/login");
      expect(await heading(page)).toBe("Вход");
      await saveScreenshot(page, `login-${role}-1-form`);

      await submitLogin(page, email, password);
      await page.waitForURL((url) => url.pathname === LANDING[role].path);
      await expect.poll(() => heading(page)).toBe(LANDING[role].heading);
      if (role === "page_admin") {
        // the organisation comes from the account, not the URL
        await expect
          .poll(() => page.locator("main h2").first().innerText())
          .toBe("Министерство здравоохранения Амурской области");
      }

      await saveScreenshot(page, `login-${role}-2-landing`);

      const header = page.locator("header");
      for (const label of FORBIDDEN[role]) {
        expect(await header.getByRole("link", { name: label, exact: true, includeHidden: true }).count(), `${role} must not see ${label}`).toBe(0);
      }
      await expectDesktopMenu(page, MENU[role]);
      expect((await page.locator(".user-chip").innerText()).trim()).toMatch(new RegExp(`^Test ${role} · `));
      expect(pageErrors).toEqual([]);
    },
  );

  test("a wrong password shows the error and keeps the visitor out", async () => {
    const page = await openPage(DESKTOP);
    await signIn(page, accounts.analyst.email, "not-the-password");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    await saveScreenshot(page, "login-wrong-password");
    expect((await alert.innerText()).trim()).toBe("Неверная почта или пароль.");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.locator(".user-chip").count()).toBe(0);
    await expectDesktopMenu(page, ["Опросы жителей", "Рейтинг госпабликов", "Войти"]);
    // the browser reports the 401 of the form post itself; anything else is a bug
    expect(pageErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);

    await page.goto("/home");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  test("signing out returns to the landing page and closes the protected pages", async () => {
    const page = await openPage(DESKTOP);
    await signIn(page, accounts.analyst.email, accounts.analyst.password);
    await page.waitForURL((url) => url.pathname === "/home");

    await page.getByRole("button", { name: "Выйти", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => heading(page)).toBe("Пульс региона");
    await saveScreenshot(page, "logout-1-landing");
    expect(await page.locator(".user-chip").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Выйти" }).count()).toBe(0);
    await expectDesktopMenu(page, ["Опросы жителей", "Рейтинг госпабликов", "Войти"]);

    await page.goto("/home");
    const url = new URL(page.url());
    expect(url.pathname).toBe("/login");
    expect(url.searchParams.get("redirectTo")).toBe("/home");
    expect(await heading(page)).toBe("Вход");
    await saveScreenshot(page, "logout-2-protected-redirects");

    // signing in again from there goes back to the page that was asked for
    await submitLogin(page, accounts.analyst.email, accounts.analyst.password);
    await page.waitForURL((u) => u.pathname === "/home");
    expect(pageErrors).toEqual([]);
  });

  test("the language switch turns the interface English and back", async () => {
    const page = await openPage(DESKTOP);
    await page.goto("/login");
    expect(await page.locator("html").getAttribute("lang")).toBe("ru");
    await page.getByRole("button", { name: "Язык" }).click();
    await expect.poll(() => heading(page)).toBe("Sign in");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect((await page.getByRole("button", { name: "Language" }).innerText()).trim()).toBe("RU");
    expect(await page.locator('form:has(input[name="password"]) button[type="submit"]').innerText()).toBe("Sign in");
    await saveScreenshot(page, "locale-1-login-en");

    // the choice is a cookie: it survives signing in and a fresh navigation
    await signIn(page, accounts.admin.email, accounts.admin.password);
    await page.waitForURL((url) => url.pathname === "/home");
    await expect.poll(() => heading(page)).toBe("Hello, Test admin");
    await saveScreenshot(page, "locale-2-home-en");
    await expectDesktopMenu(page, [
      "Home",
      "Studies",
      "Surveys",
      "Territories",
      "Organisations",
      "Official pages",
      "Registry import",
      "Page audits",
      "Ranking and reports",
      "Scoring methodologies",
      "Users",
      "Audit log",
      "API tokens",
    ]);

    await page.getByRole("button", { name: "Language" }).click();
    await expect.poll(() => heading(page)).toBe("Здравствуйте, Test admin");
    expect(new URL(page.url()).pathname).toBe("/home");
    expect(pageErrors).toEqual([]);
  });

  test("on a phone the menu opens from its summary", async () => {
    const page = await openPage(PHONE);
    await signIn(page, accounts.sociologist.email, accounts.sociologist.password);
    await page.waitForURL((url) => url.pathname === "/home");
    await expect.poll(() => heading(page)).toBe("Здравствуйте, Test sociologist");

    // folded away until asked for
    const summary = page.locator("header details.menu > summary");
    expect(await summary.isVisible()).toBe(true);
    await saveScreenshot(page, "phone-1-menu-closed");
    expect(await menuInDocument(page)).toEqual(MENU.sociologist);
    expect(await visibleMenu(page)).toEqual([]);

    await summary.tap();
    await expect.poll(() => visibleMenu(page)).toEqual(MENU.sociologist);
    expect(await page.locator("header details.menu").getAttribute("open")).not.toBeNull();
    await saveScreenshot(page, "phone-2-menu-open");

    // nothing is wider than the phone: no sideways scrolling
    const overflow = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      header: document.querySelector("header")!.scrollWidth - document.querySelector("header")!.clientWidth,
    }));
    expect(overflow).toEqual({ page: 0, header: 0 });

    await page.locator("header details.menu nav").getByRole("link", { name: "Территории", exact: true }).tap();
    await page.waitForURL((url) => url.pathname === "/registry/territories");
    // the menu folds away after navigating, so the page starts at the top of the screen
    await expect.poll(() => visibleMenu(page)).toEqual([]);
    await saveScreenshot(page, "phone-3-territories");
    expect(pageErrors).toEqual([]);
  });
});

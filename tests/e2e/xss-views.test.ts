/**
 * Script injection, tried everywhere a stranger's or an author's text is shown: a survey whose
 * titles, descriptions, choices and html question carry payloads, answers carrying them, a
 * focus-group turn and an organisation name. Every view that shows them is loaded in a real
 * Chromium with the CSP switched off (bypassCSP), so escaping and sanitising must hold on their
 * own: no dialog, no payload ran, no injected element in the page. Then, with the CSP on, the poll,
 * the designer and the results still work without a single CSP violation. Exports of those
 * answers keep formulas as text (CSV guard, XLSX typed cells).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seedDemoRegion } from "../../app/services/demo.server";
import { requestExport } from "../../app/services/exports.server";
import { createSession, importSessionTranscript } from "../../app/services/focus-groups.server";
import { importRegistry } from "../../app/services/registry-import.server";
import { addUser, Browserish, startTestServer, type TestServer } from "../helpers/app-server";
import { launchBrowser, requireChromium } from "../helpers/browser";
import { newSubmissionId, publishedSurvey } from "../helpers/surveys";

const available = requireChromium();

// each payload, if it ever ran, would bump window.__xss and open a dialog
const RUN = "window.__xss=(window.__xss||0)+1;alert(1)";
const IMG = `<img src=x onerror="${RUN}">`;
const SCRIPT = `<script>${RUN}</script>`;
const SVG = `"><svg onload="${RUN}">`;
const JS_URL = `javascript:${RUN}`;
const MIX = `${IMG} ${SCRIPT} ${SVG} <a href="${JS_URL}">ссылка</a>`;
const FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1"];

const SURVEY = {
  locale: "ru",
  title: `Опрос ${MIX}`,
  description: MIX,
  completedHtml: `<h3>Спасибо</h3>${MIX}`,
  pages: [
    {
      name: "p1",
      title: `Страница ${MIX}`,
      description: MIX,
      elements: [
        { type: "html", name: "intro", html: `<p>Здравствуйте</p>${MIX}<iframe src="${JS_URL}"></iframe><form action="${JS_URL}"><button>x</button></form>` },
        { type: "radiogroup", name: "sex", title: `Пол ${MIX}`, description: MIX, choices: [{ value: "male", text: `Мужской ${MIX}` }, { value: "female", text: "Женский" }] },
        { type: "comment", name: "note", title: `Комментарий ${IMG}` },
      ],
    },
  ],
};

/** What a payload leaves behind in a page when escaping or sanitising failed. */
const INJECTED = ["img[onerror]", "[onload]", "[onerror]", "svg[onload]", 'a[href^="javascript:" i]', 'iframe[src^="javascript:" i]', 'form[action^="javascript:" i]', "iframe"];

describe.skipIf(!available)("hostile text in every view, in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let surveyId: number;
  let slug: string;
  let sessionId: number;
  let cookie: { name: string; value: string };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("e2e-xss", { DATA_DIR: mkdtempSync(join(tmpdir(), "rp-e2e-xss-")), SUBMISSION_RATE_LIMIT: "0" }), launchBrowser()]);
    await seedDemoRegion(server.app.ctx);
    const ctx = server.app.ctx;
    ({ id: surveyId, slug } = await publishedSurvey(ctx, SURVEY));

    // residents' answers with payloads and formulas in the open text
    for (const note of [MIX, ...FORMULAS, `${SVG}${JS_URL}`]) {
      const response = await fetch(`${server.url}/api/polls/${slug}/responses`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ submissionId: newSubmissionId(), answers: { sex: "male", note } }),
      });
      expect(response.status, await response.text()).toBe(201);
    }

    // an organisation whose name is a payload (quoted as CSV wants it)
    const orgName = `=HYPERLINK("http://evil.example") ${IMG}`.replace(/"/g, '""');
    const imported = await importRegistry(ctx.db, { organisations: `code,name_ru,kind,parent_code,territory_code,source\norg-xss,"${orgName}",ministry,,amur,\n` }, null);
    expect(imported.status, JSON.stringify(imported.rejections)).toBe("succeeded");

    // a focus-group turn that is a payload, in the demo's study
    const study = await ctx.db.selectFrom("fg_sessions").select("study_id").orderBy("id").executeTakeFirstOrThrow();
    const admin = await addUser(server, "admin");
    const session = await createSession(ctx, study.study_id, { title: `Сессия ${IMG}`, mode: "online" }, admin.id);
    if (!session.ok) throw new Error(JSON.stringify(session.errors));
    sessionId = session.value;
    const transcript = await importSessionTranscript(ctx, sessionId, { bytes: new TextEncoder().encode(`Модератор: ${MIX}\nМодератор: ${SVG}\n`), fileName: "t.txt", speakerMap: { Модератор: "moderator" }, locale: "ru" }, admin.id);
    if (!transcript.ok) throw new Error(JSON.stringify(transcript.errors));

    const client = new Browserish(server.url);
    expect((await client.login(admin.email, admin.password)).status).toBe(302);
    const [name, ...value] = client.cookie.split("=");
    cookie = { name: name!, value: value.join("=") };
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newContext(options: { bypassCSP: boolean }): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU", baseURL: server.url, bypassCSP: options.bypassCSP });
    context.setDefaultTimeout(20_000);
    await context.addCookies([{ ...cookie, url: server.url }]);
    return context;
  }

  async function visit(page: Page, path: string) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await page.waitForLoadState("networkidle");
  }

  it("runs no payload and leaves no injected element in any view, even without the CSP", async () => {
    const context = await newContext({ bypassCSP: true });
    const dialogs: string[] = [];
    const errors: string[] = [];
    context.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const page = await context.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    const views = [
      "/polls",
      `/polls/${slug}`,
      `/surveys/${surveyId}`,
      `/surveys/${surveyId}/design`,
      `/surveys/${surveyId}/results`,
      `/surveys/${surveyId}/results?text=note`,
      `/surveys/${surveyId}/responses`,
      "/registry/organisations?q=org-xss",
      "/registry/organisations/org-xss",
      `/focus-groups/${sessionId}`,
      `/focus-groups/${sessionId}/coding`,
    ];
    for (const path of views) {
      await visit(page, path);
      if (path === `/polls/${slug}`) await page.locator('[data-name="intro"]').waitFor();
      const found = await page.evaluate((selectors) => selectors.map((s) => [s, document.querySelectorAll(s).length] as const).filter(([, n]) => n > 0), INJECTED);
      expect(found, path).toEqual([]);
      const ran = await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? 0);
      expect(ran, path).toBe(0);
      // Remix's own scripts carry the loader data (payloads included, as escaped JSON) and the
      // nonce; a script without the nonce that mentions the payload was injected
      const scripts = await page.evaluate(() => [...document.scripts].filter((s) => !s.nonce && s.textContent?.includes("__xss")).length);
      expect(scripts, path).toBe(0);
    }
    // the payloads are there as text, escaped, where a person reads them
    await visit(page, "/registry/organisations/org-xss");
    expect(await page.locator("body").innerText()).toContain("<img src=x onerror=");
    // a resident answers the survey with its html question showing, and sees the thanks page
    await visit(page, `/polls/${slug}`);
    await page.locator('[data-name="sex"]').getByText("Женский", { exact: true }).click();
    await page.getByRole("button", { name: "Готово" }).click();
    await page.getByRole("heading", { name: "Спасибо" }).waitFor();
    expect(await page.evaluate((selectors) => selectors.filter((s) => document.querySelector(s)), INJECTED)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? 0)).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps the poll, the designer and the results working under the CSP, with no violation", async () => {
    const context = await newContext({ bypassCSP: false });
    const violations: string[] = [];
    const page = await context.newPage();
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
    });
    page.on("pageerror", (error) => violations.push(`pageerror: ${error.message}`));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.log(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    await visit(page, "/polls/internet-2026");
    await page.locator('[data-name="sex"]').waitFor();
    await visit(page, `/surveys/${surveyId}/design`);
    await page.locator(".question-list").first().waitFor();
    // its preview renders the survey with SurveyJS under the same policy (clicked until hydrated)
    const previewTab = page.getByRole("tab", { name: "Предпросмотр", exact: true });
    await expect
      .poll(async () => {
        await previewTab.click();
        return previewTab.getAttribute("aria-selected");
      }, { timeout: 15_000 })
      .toBe("true");
    await page.getByRole("tabpanel", { name: "Предпросмотр" }).locator(".sd-question").first().waitFor();
    const demo = await server.app.ctx.db.selectFrom("surveys").select("id").where("slug", "=", "internet-2026").executeTakeFirstOrThrow();
    await visit(page, `/surveys/${demo.id}/results`);
    await page.locator("canvas").first().waitFor();
    // the survey from the hostile definition renders too; its payloads are stopped twice over
    await visit(page, `/polls/${slug}`);
    await page.locator('[data-name="intro"]').waitFor();
    expect(violations).toEqual([]);
    // the control: an inline script without the nonce is blocked, and the watch above sees it
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__control = 1";
      document.body.append(script);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __control?: number }).__control)).toBeUndefined();
    await context.close();
  });

  it("keeps formulas as text in CSV and XLSX exports", async () => {
    const ctx = server.app.ctx;
    async function finished(format: "csv" | "xlsx") {
      const requested = await requestExport(ctx, surveyId, null, { format, mode: "labels" });
      if (!requested.ok) throw new Error(JSON.stringify(requested.errors));
      for (let i = 0; i < 400; i++) {
        const row = await ctx.db.selectFrom("survey_exports").selectAll().where("id", "=", requested.exportId).executeTakeFirstOrThrow();
        if (row.status === "done") return join(ctx.env.DATA_DIR, "exports", String(row.id), row.files[0]!);
        if (row.status === "failed") throw new Error(row.error ?? "failed");
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error("export never finished");
    }
    const csv = readFileSync(await finished("csv"), "utf8");
    // every cell that starts like a formula is prefixed with an apostrophe, so Excel shows text
    const cells = csv.split(/\r\n/).flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)/g) ?? []).map((c) => c.replace(/^"|"$/g, "").replace(/""/g, '"'));
    const risky = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c));
    expect(risky).toEqual([]);
    for (const formula of FORMULAS) expect(csv).toContain(`'${formula}`.replace(/"/g, '""'));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await finished("xlsx"));
    const values: unknown[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    // typed cells: the formulas come back as plain strings, never as { formula }
    for (const formula of FORMULAS) expect(values).toContain(formula);
    expect(values.filter((v) => typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v))).toEqual([]);
  });
});

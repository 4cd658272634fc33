/**
 * The focus-group journey in a real Chromium against the production build: a sociologist creates
 * a session, adds participants with consent, builds a small codebook, imports a WebVTT transcript
 * with its speakers mapped, and codes passages by selecting words; a second coder codes the same
 * transcript separately; the analysis shows the agreement and co-occurrence figures worked out by
 * hand below; the XLSX export opens in a spreadsheet reader with the coded words and no names.
 * Screenshots go to test-results/screenshots/.
 */
import { readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createStudy } from "../../app/services/surveys.server";
import { addUser, startTestServer, type TestServer } from "../helpers/app-server";
import { launchBrowser, requireChromium, saveScreenshot, watchPageErrors } from "../helpers/browser";

const available = requireChromium();
const VTT = resolve("tests/fixtures/focus-groups/fg-yakutsk-teams.vtt");

describe.skipIf(!available)("focus groups in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let studyId: number;
  let sessionPath: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer("e2e-focus", { DATA_DIR: mkdtempSync(join(tmpdir(), "rp-e2e-focus-")) }), launchBrowser()]);
    const study = await createStudy(server.app.ctx, { title: "Госпаблики глазами жителей", kind: "qualitative" }, null);
    if (!study.ok) throw new Error("study");
    studyId = study.value;
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  async function signIn(email: string, password: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU", baseURL: server.url, acceptDownloads: true });
    contexts.push(context);
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    watchPageErrors(page, pageErrors);
    page.on("dialog", (dialog) => void dialog.accept());
    await page.goto("/login");
    const main = page.getByRole("main");
    await main.getByLabel("Электронная почта").fill(email);
    await main.getByLabel("Пароль").fill(password);
    await main.getByRole("button", { name: "Войти", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/home");
    return page;
  }

  /** Selects `phrase` inside the turn that contains it, as a person dragging the mouse would. */
  async function select(page: Page, phrase: string) {
    await page.locator("[data-turn-text]").filter({ hasText: phrase }).first().waitFor();
    // the page listens for selections once hydrated: until then a selection goes unnoticed, so try again
    for (let attempt = 0; attempt < 20; attempt++) {
      await selectOnce(page, phrase);
      if (await page.locator(".selection-box").getByText(phrase, { exact: false }).isVisible()) return;
      await page.waitForTimeout(250);
    }
    throw new Error(`the selection of “${phrase}” never reached the code panel`);
  }

  async function selectOnce(page: Page, phrase: string) {
    await page.evaluate((words) => {
      const turn = [...document.querySelectorAll<HTMLElement>("[data-turn-text]")].find((el) => (el.textContent ?? "").includes(words));
      if (!turn) throw new Error(`no turn says “${words}”`);
      const at = (turn.textContent ?? "").indexOf(words);
      const walker = document.createTreeWalker(turn, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent?.length ?? 0;
        if (seen <= at && at < seen + length) range.setStart(node, at - seen);
        if (seen < at + words.length && at + words.length <= seen + length) range.setEnd(node, at + words.length - seen);
        seen += length;
      }
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      document.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    }, phrase);
  }

  async function code(page: Page, phrase: string, codes: string[], quote = false) {
    await select(page, phrase);
    const panel = page.locator(".code-panel");
    for (const name of codes) await panel.getByLabel(name, { exact: true }).check();
    if (quote) await panel.getByLabel("Цитата для отчёта").check();
    const before = await page.locator(".turn .chip").count();
    await panel.getByRole("button", { name: "Применить" }).click();
    await page.getByRole("status").filter({ hasText: `Применено кодов: ${codes.length}` }).waitFor();
    // the page reloads its data after the action: wait for the new chips, so the next step does not cut that short
    await expect.poll(() => page.locator(".turn .chip").count()).toBe(before + codes.length);
  }

  it("a sociologist creates a session, adds participants with consent, imports a VTT transcript and codes it", async () => {
    const lead = await addUser(server, "sociologist", { email: "lead-coder@test.local" });
    const page = await signIn(lead.email, lead.password);
    await page.goto(`/studies/${studyId}`);
    await page.getByRole("link", { name: "Фокус-группы" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Фокус-группы" }).waitFor();
    await page.getByLabel("Название", { exact: true }).fill("Якутск, группа 2");
    await page.getByLabel("Формат").selectOption("online");
    await page.getByLabel("Место").fill("Zoom");
    await page.getByRole("button", { name: "Создать сессию" }).click();
    await page.waitForURL(/\/focus-groups\/\d+$/);
    sessionPath = new URL(page.url()).pathname;

    await page.goto(`/studies/${studyId}/participants`);
    for (const [codeName, quoting] of [["P01", true], ["P02", false]] as const) {
      const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Добавить участника" }) });
      await form.getByLabel("Код", { exact: true }).fill(codeName);
      await form.getByLabel("Пол").selectOption(codeName === "P01" ? "female" : "male");
      await form.getByLabel("Возраст").selectOption("30-44");
      await form.getByLabel("Занятие").fill(codeName === "P01" ? "учитель" : "водитель");
      await form.getByLabel("Версия формы согласия").fill("v2-2026");
      await form.getByLabel("Дата согласия").fill("2026-03-14");
      if (!quoting) await form.getByLabel("цитирование").uncheck();
      if (codeName === "P01") {
        await form.getByText("Имя и контакт (необязательно)").click();
        await form.getByLabel("Имя", { exact: true }).fill("Ирина Петрова");
      }
      await form.getByRole("button", { name: "Добавить участника" }).click();
      await page.getByText(`Участник ${codeName} добавлен.`).waitFor();
      // the list reloads after the flash, and with it a fresh, empty form: wait for both
      await expect.poll(() => page.locator("table tbody tr").count()).toBe(codeName === "P01" ? 1 : 2);
    }
    await expect.poll(() => page.locator("table tbody tr").count()).toBe(2);
    await saveScreenshot(page, "focus-1-participants");

    await page.goto(`/studies/${studyId}/codebook`);
    for (const [name, parent] of [["Каналы", ""], ["ВКонтакте", "Каналы"], ["Telegram", "Каналы"], ["Нет ответа", ""], ["Доверие", ""]] as const) {
      const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Новый код" }) });
      await form.getByLabel("Название").fill(name);
      if (parent) await form.getByLabel("Родительский код").selectOption({ label: parent });
      await form.getByRole("button", { name: "Новый код" }).click();
      await page.locator(`li[data-code="${name}"]`).waitFor();
    }

    await page.goto(sessionPath);
    await page.getByLabel("Файл расшифровки").setInputFiles(VTT);
    await page.getByText(/Прочитано реплик: \d+ \(VTT, utf-8\)/).waitFor();
    await page.locator('select[data-speaker="Ирина"]').selectOption("P01");
    await page.locator('select[data-speaker="Сергей"]').selectOption("P02");
    await expect.poll(() => page.locator('select[data-speaker="Модератор"]').inputValue()).toBe("moderator");
    await page.getByRole("button", { name: "Загрузить расшифровку" }).click();
    await page.getByText(/Расшифровка загружена: реплик \d+\./).waitFor();
    await saveScreenshot(page, "focus-2-transcript-imported");

    await page.getByRole("link", { name: "Открыть кодирование" }).click();
    await page.waitForURL(/\/coding$/);
    await code(page, "из группы администрации во ВКонтакте", ["ВКонтакте"]);
    await code(page, "на комментарии они почти не отвечают", ["ВКонтакте", "Нет ответа"], true);
    await code(page, "в Телеграм-канал мэрии", ["Telegram"]);
    await code(page, "Без сроков это просто слова", ["Доверие"]);
    await expect.poll(() => page.locator(".turn .chip").count()).toBe(5);
    await saveScreenshot(page, "focus-3-coding");
  });

  it("a second coder codes the same transcript separately and cannot change the first coder's work", async () => {
    const second = await addUser(server, "sociologist", { email: "second-coder@test.local" });
    const page = await signIn(second.email, second.password);
    await page.goto(`${sessionPath}/coding`);
    // a fresh workspace: nobody else's codings in it
    await expect.poll(() => page.locator(".turn .chip").count()).toBe(0);
    await code(page, "из группы администрации во ВКонтакте", ["ВКонтакте"]);
    await code(page, "на комментарии они почти не отвечают", ["Нет ответа"]);
    await code(page, "Доверяю, если есть фото и сроки", ["Доверие"]);
    // the first coder's codings are there to read, not to change
    await page.getByLabel("Показать кодировки:").selectOption({ label: "Test sociologist (5)" });
    await page.getByText("Это чужие кодировки").waitFor();
    await expect.poll(() => page.locator(".turn .chip").count()).toBe(5);
    await expect.poll(() => page.locator(".code-panel").count()).toBe(0);
    await saveScreenshot(page, "focus-4-second-coder");
  });

  it("the analysis shows the agreement and co-occurrence worked out by hand", async () => {
    const db = server.app.ctx.db;
    const userId = async (email: string) => (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
    const [leadId, secondId] = [await userId("lead-coder@test.local"), await userId("second-coder@test.local")];
    // The VTT's two cues by Ирина join into one turn: 5 turns in all. Characters are the units:
    // N is every turn's length; a code's 2×2 counts come from the lengths of the coded phrases.
    const turns = await db.selectFrom("fg_turns").select("text").orderBy("idx").execute();
    const N = turns.reduce((sum, t) => sum + t.text.length, 0);
    const len = (phrase: string) => phrase.length;
    const kappa = ({ both, onlyA, onlyB, neither }: { both: number; onlyA: number; onlyB: number; neither: number }) => {
      const po = (both + neither) / N;
      const pa = (both + onlyA) / N;
      const pb = (both + onlyB) / N;
      const pe = pa * pb + (1 - pa) * (1 - pb);
      return (po - pe) / (1 - pe);
    };
    const vk = { both: len("из группы администрации во ВКонтакте"), onlyA: len("на комментарии они почти не отвечают"), onlyB: 0 };
    const trust = { both: 0, onlyA: len("Без сроков это просто слова"), onlyB: len("Доверяю, если есть фото и сроки") };
    const expected: Record<string, { both: number; onlyA: number; onlyB: number; neither: number }> = {
      "Каналы / ВКонтакте": { ...vk, neither: N - vk.both - vk.onlyA },
      "Нет ответа": { both: len("на комментарии они почти не отвечают"), onlyA: 0, onlyB: 0, neither: N - len("на комментарии они почти не отвечают") },
      Доверие: { ...trust, neither: N - trust.onlyA - trust.onlyB },
    };
    const two = (x: number) => new Intl.NumberFormat("ru-RU", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);

    const lead = await addUser(server, "sociologist");
    const page = await signIn(lead.email, lead.password);
    await page.goto(`/studies/${studyId}/focus-groups`);
    await page.getByRole("navigation", { name: "Разделы фокус-групп" }).getByRole("link", { name: "Анализ" }).click();
    await page.getByRole("heading", { level: 1, name: "Анализ" }).waitFor();
    const agreement = page.locator("#agreement");
    await agreement.locator('select[name="coder_a"]').selectOption(String(leadId));
    await agreement.locator('select[name="coder_b"]').selectOption(String(secondId));
    await agreement.getByLabel("символ текста").check();
    await agreement.getByRole("button").first().click();
    await page.waitForURL((url) => url.searchParams.get("coder_b") === String(secondId));
    const rows = await page.locator("table.fg-agreement tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => (c.textContent ?? "").trim())));
    const byCode = new Map(rows.map((r) => [r[0]!, r]));
    for (const [path, table] of Object.entries(expected)) {
      const row = byCode.get(path);
      expect(row, `${path} among ${[...byCode.keys()].join("; ")}`).toBeDefined();
      expect(row!.slice(3).map(Number), path).toEqual([table.both, table.onlyA, table.onlyB, table.neither]);
      expect(row![2], path).toContain(two(kappa(table)));
    }
    // Нет ответа: both coded exactly the same words, so κ is 1
    expect(byCode.get("Нет ответа")![2]).toContain("1,00");
    await saveScreenshot(page, "focus-5-agreement");

    // co-occurrence of the lead coder's codes in the same turn: ВКонтакте and Нет ответа share Ирина's turn
    await page.locator(".fg-scope select[name=coder]").selectOption(String(leadId));
    await page.locator(".fg-scope").getByRole("button").click();
    await page.waitForURL((url) => url.searchParams.get("coder") === String(leadId));
    const heat = await page.locator("table.fg-heat").evaluate((table) => {
      const cols = [...table.querySelectorAll("thead th")].map((th) => th.getAttribute("title") ?? th.textContent ?? "");
      return Object.fromEntries([...table.querySelectorAll("tbody tr")].map((tr) => [tr.querySelector("th")!.textContent!.trim(), Object.fromEntries([...tr.querySelectorAll("td")].map((td, i) => [cols[i], Number(td.textContent)]))]));
    });
    expect(heat["Каналы / ВКонтакте"]!["Нет ответа"]).toBe(1);
    expect(heat["Нет ответа"]!["Каналы / ВКонтакте"]).toBe(1);
    expect(heat["Каналы / Telegram"]!["Каналы / ВКонтакте"]).toBe(0);
    expect(heat["Доверие"]!["Доверие"]).toBe(1);
    await saveScreenshot(page, "focus-6-cooccurrence");
  });

  it("the exports open in a spreadsheet reader with the coded words, pseudonyms and no names", async () => {
    const lead = await addUser(server, "sociologist");
    const page = await signIn(lead.email, lead.password);
    await page.goto(`/studies/${studyId}/focus-groups`);
    const segments = page.getByRole("listitem").filter({ hasText: "Закодированные фрагменты" });
    const [download] = await Promise.all([page.waitForEvent("download"), segments.getByRole("link", { name: "XLSX" }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: string[] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? "")).join(" | ")));
    expect(rows[0]).toContain("Фрагмент");
    expect(rows.length).toBe(1 + 8);
    expect(rows.join("\n")).toContain("на комментарии они почти не отвечают");
    expect(rows.join("\n")).toContain("P01");
    expect(rows.join("\n")).not.toContain("Ирина");

    const [qdpx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Проект REFI-QDA/ }).click()]);
    expect(readFileSync((await qdpx.path())!).subarray(0, 2).toString("latin1")).toBe("PK");
    expect(pageErrors).toEqual([]);
  });
});

/**
 * The governor's PDF briefing: renders the fixture report (and an empty and a very large one)
 * and reads the result back with poppler (pdftotext, pdfinfo), as a reader would see it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanText, MARGINS } from "../../app/domain/reports/briefing-pdf-kit";
import { renderBriefingPdf } from "../../app/domain/reports/briefing-pdf";
import { buildBriefingReport, emptyBriefingReport, LONG_ORGANISATION_NAME } from "./briefing-fixture";

const hasPoppler = spawnSync("pdftotext", ["-v"]).error == null && spawnSync("pdfinfo", ["-v"]).error == null;
const ci = process.env.CI === "true";
if (!hasPoppler && !ci) {
  console.warn("briefing-pdf.test: pdftotext/pdfinfo not found, skipping the text checks (apt-get install -y poppler-utils)");
}
/** Text checks need poppler: skipped on a developer machine without it, never skipped in CI. */
const withPoppler = hasPoppler || ci ? it : it.skip;
function requirePoppler(): void {
  if (!hasPoppler) throw new Error("CI=true: pdftotext and pdfinfo (Debian package poppler-utils) are required");
}

const dir = mkdtempSync(join(tmpdir(), "briefing-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function save(pdf: Buffer): string {
  const file = join(dir, `briefing-${++fileCount}.pdf`);
  writeFileSync(file, pdf);
  return file;
}
const pdftotext = (file: string, mode: "-layout" | "-raw") => execFileSync("pdftotext", [mode, "-enc", "UTF-8", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const collapsed = (text: string) => text.replace(/\s+/g, " ");

function info(file: string): Record<string, string> {
  const out = execFileSync("pdfinfo", ["-enc", "UTF-8", file], { encoding: "utf8" });
  return Object.fromEntries(out.split("\n").flatMap((line) => {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    return m ? [[m[1]!.trim(), m[2]!.trim()]] : [];
  }));
}

/** Page count straight from the file (pdfkit writes no object streams), for use without poppler. */
const pageObjects = (pdf: Buffer) => pdf.toString("latin1").match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

function expectWellFormed(pdf: Buffer): void {
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdf.subarray(-8).toString("latin1").trimEnd().endsWith("%%EOF")).toBe(true);
}

interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}
/** Every word with its box, from `pdftotext -bbox` (points, origin top left). */
function words(file: string): { width: number; height: number; words: Word[] } {
  const html = execFileSync("pdftotext", ["-bbox", "-enc", "UTF-8", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const size = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html)!;
  const list: Word[] = [];
  html.split("<page ").slice(1).forEach((page, index) => {
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      list.push({ page: index + 1, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]! });
    }
  });
  return { width: Number(size[1]), height: Number(size[2]), words: list };
}

// the header sits above the top margin, the footer below the bottom one, and nothing else may
const MARGIN = MARGINS;
function expectInsideMargins(file: string): void {
  const { width, height, words: all } = words(file);
  const tolerance = 1.5;
  const contentBottom = height - MARGIN.bottom;
  const outside = all.filter((w) => {
    const inFooter = w.yMin >= contentBottom + 8 && w.yMax <= height - 20;
    const inHeader = w.page > 1 && w.yMin >= MARGIN.top - 30 && w.yMax <= MARGIN.top - 8;
    const inside = w.yMin >= MARGIN.top - tolerance && w.yMax <= contentBottom + tolerance;
    const horizontal = w.xMin >= MARGIN.left - tolerance && w.xMax <= width - MARGIN.right + tolerance;
    return !horizontal || !(inside || inFooter || inHeader);
  });
  expect(outside).toEqual([]);
  expect(all.length).toBeGreaterThan(0);
}

describe("renderBriefingPdf", () => {
  const report = buildBriefingReport();

  withPoppler("renders the Russian briefing: title, long names, footer, dates, a plausible page count", async () => {
    requirePoppler();
    const pdf = await renderBriefingPdf(report, { timeZone: "Asia/Yakutsk" });
    expectWellFormed(pdf);
    const file = save(pdf);
    const layout = pdftotext(file, "-layout");
    const raw = collapsed(pdftotext(file, "-raw"));
    const meta = info(file);
    const pages = Number(meta.Pages);

    expect(meta.Title).toBe("Соблюдение требований к госпабликам — ноябрь 2026");
    expect(raw).toContain("Соблюдение требований к госпабликам — ноябрь 2026");
    expect(layout).toContain("Амурская область");
    expect(raw).toContain(LONG_ORGANISATION_NAME);
    expect(layout).toContain("Сформировано: 1 декабря 2026 г., 09:30");
    expect(layout).toContain("Методика: Оценка госпабликов ЦУР Амурской области, версия 3");
    expect(layout).toMatch(/▲ ?\d/);
    expect(layout).toMatch(/▼ ?\d/);
    expect(layout).toContain("зелёная");
    expect(layout).toContain("Рейтинг: Подведомственные учреждения");
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(pages).toBeLessThanOrEqual(10);
    expect(pages).toBe(pageObjects(pdf));
    for (let n = 1; n <= pages; n++) expect(layout).toContain(`стр. ${n} из ${pages}`);
    // the word far wider than its column wraps inside the cell and is cut with an ellipsis
    expect(raw).toMatch(/ЫЫЫ…/);
  });

  withPoppler("keeps every word inside the page's margins, header and footer bands", async () => {
    requirePoppler();
    expectInsideMargins(save(await renderBriefingPdf(report)));
  });

  withPoppler("renders the English locale", async () => {
    requirePoppler();
    const pdf = await renderBriefingPdf(buildBriefingReport({ locale: "en" }), { timeZone: "Asia/Yakutsk" });
    expectWellFormed(pdf);
    const file = save(pdf);
    const layout = pdftotext(file, "-layout");
    const raw = collapsed(pdftotext(file, "-raw"));
    const pages = Number(info(file).Pages);
    expect(raw).toContain("Official public pages compliance — November 2026");
    expect(layout).toContain("Generated: 1 December 2026, 09:30");
    expect(layout).toContain("Top 10 organisations");
    expect(layout).toContain("Ranking: Municipal administrations");
    expect(layout).toContain(`page ${pages} of ${pages}`);
    expect(layout).not.toContain("стр.");
  });

  withPoppler("renders a period with no organisations", async () => {
    requirePoppler();
    const pdf = await renderBriefingPdf(emptyBriefingReport());
    expectWellFormed(pdf);
    const file = save(pdf);
    const layout = pdftotext(file, "-layout");
    const pages = Number(info(file).Pages);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    expect(layout).toContain("нет данных");
    expect(layout).toContain("Нет организаций за этот период");
    expect(layout).toContain("прошлого периода нет");
    expect(layout).toContain(`стр. ${pages} из ${pages}`);
    expectInsideMargins(file);
  });

  it("renders 2,000 organisations on many more pages", { timeout: 120_000 }, async () => {
    const small = await renderBriefingPdf(report);
    const large = await renderBriefingPdf(buildBriefingReport({ organisations: 2000 }));
    expectWellFormed(large);
    const pages = pageObjects(large);
    expect(pages).toBeGreaterThan(pageObjects(small) * 5);
    // every one of the 2,000 rows is drawn at least once (rankings), and the top and bottom ten again
    expect(pages).toBeLessThan(400);
    if (hasPoppler) {
      const file = save(large);
      expect(Number(info(file).Pages)).toBe(pages);
      expect(pdftotext(file, "-layout")).toContain(`стр. ${pages} из ${pages}`);
      expectInsideMargins(file);
    }
  });

  it("rejects an unknown time zone with a clear message", async () => {
    await expect(renderBriefingPdf(report, { timeZone: "Mars/Olympus" })).rejects.toThrow(/unknown time zone "Mars\/Olympus"/);
  });

  it("still renders when generatedAt is not a date", async () => {
    expectWellFormed(await renderBriefingPdf({ ...report, generatedAt: "not a date" }));
  });
});

describe("cleanText", () => {
  it("turns report data into one safe line", () => {
    expect(cleanText("  МБУ\n\t«Центр»\u0007 ")).toBe("МБУ «Центр»");
    expect(cleanText("a\u202Eb\u200Bc")).toBe("abc");
    expect(cleanText("x\uD800y")).toBe("x\uFFFDy");
    expect(cleanText(null)).toBe("");
    const long = cleanText("Ы".repeat(5000));
    expect(Array.from(long)).toHaveLength(400);
    expect(long.endsWith("…")).toBe(true);
  });
});

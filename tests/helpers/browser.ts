/**
 * A real Chromium for end-to-end tests, driven by playwright-core. We never download a browser:
 * the system one (Debian `chromium`) is used, or CHROMIUM_PATH when set. Locally a missing
 * Chromium skips the browser suites; in CI (CI=true) it is an error, as browser tests never skip there.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const SCREENSHOT_DIR = path.resolve("test-results", "screenshots");

/**
 * Collects what a page should never show into `errors`: uncaught exceptions and console errors
 * (except those matching `ignoreConsole`, e.g. the browser's own line for a 403 the test asks
 * for). Dialogs are recorded and dismissed with `dialogs: "record"` (nothing should ask the user).
 */
export function watchPageErrors(page: Page, errors: string[], options: { ignoreConsole?: RegExp; dialogs?: "record" } = {}): Page {
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !options.ignoreConsole?.test(message.text())) errors.push(`console.error: ${message.text()}`);
  });
  if (options.dialogs === "record") {
    page.on("dialog", (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
  }
  return page;
}

/** Where the Chromium binary is expected: CHROMIUM_PATH, else the Debian package's launcher. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

/**
 * True when Chromium is there. When it is not: throws in CI, returns false elsewhere so a test
 * file can `describe.skipIf(!available)`.
 */
export function requireChromium(): boolean {
  const executable = chromiumPath();
  if (existsSync(executable)) return true;
  if (process.env.CI === "true") {
    throw new Error(
      `CI=true but Chromium is missing at ${executable}: install it (apt-get install -y chromium) or set CHROMIUM_PATH; browser tests never skip in CI`,
    );
  }
  return false;
}

/** Headless Chromium with a fresh (temporary) profile; quiet: no network calls of its own. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Full-page PNG at test-results/screenshots/<name>.png (a CI artifact; git-ignored). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const safe = name.replace(/[^\w.-]+/g, "-");
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${safe}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Where the journeys keep their step-by-step screenshots: test-artifacts/screenshots/<journey>/. */
export const JOURNEY_SCREENSHOT_DIR = path.resolve("test-artifacts", "screenshots");

/**
 * A numbered step of a journey: test-artifacts/screenshots/<journey>/NN-<step>.png, full page.
 * The number keeps the files in the order a reader walks through them.
 */
export async function journeyScreenshot(page: Page, journey: string, step: number, name: string): Promise<string> {
  const dir = path.join(JOURNEY_SCREENSHOT_DIR, journey);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${String(step).padStart(2, "0")}-${name.replace(/[^\w.-]+/g, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * axe-core's WCAG 2.x A/AA and best-practice rules on what the page shows now. The library is
 * injected from the installed package (no CDN), so the check runs offline.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const source = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  // Not page.addScriptTag: the app's CSP (script-src 'self' + nonce) rightly refuses an inline
  // <script> the test would add. Evaluating through the DevTools protocol is not subject to it and
  // leaves the CSP in force for everything the page itself does.
  if (!loaded) await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })) }));
  });
}

/** One line per violation (rule, impact, first elements), and with `detail` the first element's markup and axe's reason. */
export function describeViolations(violations: AxeViolation[], detail = false): string {
  return violations
    .map((v) => {
      const where = `${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3})` : ""}`;
      const first = v.nodes[0];
      const why = detail && first ? `\n    ${first.html.slice(0, 200)}\n    ${(first.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 300)}` : "";
      return `${v.impact ?? "?"} ${v.id}: ${v.help} — ${where}${why}`;
    })
    .join("\n");
}

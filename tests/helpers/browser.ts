/**
 * A real Chromium for end-to-end tests, driven by playwright-core. We never download a browser:
 * the system one (Debian `chromium`) is used, or CHROMIUM_PATH when set. Locally a missing
 * Chromium skips the browser suites; in CI (CI=true) it is an error, as browser tests never skip there.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const SCREENSHOT_DIR = path.resolve("test-results", "screenshots");

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

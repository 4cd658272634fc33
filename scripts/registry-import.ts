/**
 * `npm run registry:import -- territories.csv organisations.csv pages.csv`
 * Files are recognised by their header (or by name); any subset may be given. All or nothing:
 * one bad row and nothing is written, and every bad row is listed.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { RegistryFileKind, RegistryFiles } from "../app/domain/registry/import-plan";
import { describeRejection } from "../app/domain/registry/rejection-messages";
import { openApp } from "../app/services/app-context.server";
import { importRegistry } from "../app/services/registry-import.server";
import { loadEnv } from "../app/utils/env.server";

function kindOf(path: string, text: string): RegistryFileKind | null {
  const header = (text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "").toLowerCase();
  if (header.includes("organisation_code") && header.includes("platform")) return "pages";
  const name = basename(path).toLowerCase();
  if (name.includes("territor")) return "territories";
  if (name.includes("organi") || name.includes("org")) return "organisations";
  if (name.includes("page")) return "pages";
  return null;
}

const paths = process.argv.slice(2).filter((a) => !a.startsWith("--"));
if (paths.length === 0) {
  process.stderr.write("usage: npm run registry:import -- territories.csv organisations.csv pages.csv\n");
  process.exit(2);
}
const files: RegistryFiles = {};
for (const path of paths) {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
  } catch (error) {
    process.stderr.write(`${path}: cannot read as UTF-8 text (${error instanceof Error ? error.message : String(error)})\n`);
    process.exit(1);
  }
  const kind = kindOf(path, text);
  if (!kind) {
    process.stderr.write(`${path}: cannot tell whether this is territories, organisations or pages (name the file accordingly)\n`);
    process.exit(1);
  }
  if (files[kind]) {
    process.stderr.write(`${path}: a second ${kind} file was given\n`);
    process.exit(1);
  }
  files[kind] = text;
}

const locale = process.env.LANG?.startsWith("en") ? "en" : "ru";
const app = await openApp(loadEnv(), { processJobs: false });
try {
  const report = await importRegistry(app.ctx.db, files, null);
  for (const w of report.warnings) process.stdout.write(`warning ${w.file}.csv:${w.line}${w.field ? ` [${w.field}]` : ""}: ${describeRejection(w, locale)}\n`);
  if (report.status === "rejected") {
    for (const r of report.rejections) {
      process.stderr.write(`${r.file}.csv:${r.line}${r.field ? ` [${r.field}]` : ""}${r.value ? ` "${r.value}"` : ""}: ${describeRejection(r, locale)}\n`);
    }
    process.stderr.write(`rejected: ${report.rejections.length} problem(s); nothing was written\n`);
    process.exitCode = 1;
  } else {
    const c = report.counts;
    process.stdout.write(`imported: ${c.territories} territories, ${c.organisations} organisations, ${c.pages} pages\n`);
  }
} finally {
  await app.close();
}

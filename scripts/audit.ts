/**
 * `npm run audit -- --all | --organisation CODE | --page ID [--activity FILE.jsonl]`
 * Starts an audit run and follows it to the end with a progress line (pages done / failed / left).
 * Embedded (no REDIS_URL): this process does the work itself. With REDIS_URL the run goes to the
 * queue and `npm run worker` processes do it; this command only watches (add --work to help).
 * Exit code 0 when every page was audited, 3 when some failed (listed), 1/2 on errors and usage.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { openApp } from "../app/services/app-context.server";
import { uploadActivityFile } from "../app/services/activity-files.server";
import { getRunProgress, listRunPages, startAuditRun } from "../app/services/audits.server";
import { loadEnv } from "../app/utils/env.server";

const USAGE = "usage: npm run audit -- --all | --organisation CODE | --page ID [--activity FILE.jsonl] [--work]\n";
const args = process.argv.slice(2);
const value = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const scope = args.includes("--all")
  ? { scope: "all" }
  : value("--organisation")
    ? { scope: "organisation", organisation: value("--organisation") }
    : value("--page")
      ? { scope: "page", page: value("--page") }
      : null;
if (!scope && !value("--activity")) {
  process.stderr.write(USAGE);
  process.exit(2);
}

const env = loadEnv();
const processHere = !env.REDIS_URL || args.includes("--work");
const app = await openApp(env, { processJobs: processHere });
let exitCode = 0;
try {
  const activity = value("--activity");
  if (activity) {
    const upload = await uploadActivityFile(app.ctx, { name: basename(activity), content: readFileSync(activity, "utf8"), origin: "cli" }, null);
    if (!upload.ok) {
      for (const e of upload.errors) process.stderr.write(`${activity}:${e.line} [${e.field || "line"}]: ${e.message}\n`);
      if (upload.moreErrors > 0) process.stderr.write(`… and ${upload.moreErrors} more\n`);
      if (upload.unknownPages.length > 0) process.stderr.write(`pages not in the registry: ${upload.unknownPages.join(", ")}\n`);
      process.stderr.write("activity file refused; nothing was saved\n");
      exitCode = 1;
    } else {
      process.stdout.write(`activity file #${upload.id}: ${upload.records} records for ${upload.pages} pages\n`);
    }
  }
  if (scope && exitCode === 0) {
    const started = await startAuditRun(app.ctx, scope, { trigger: "cli", requestedBy: null });
    if (!started.ok) {
      process.stderr.write(`cannot start: ${Object.entries(started.errors).map(([k, v]) => `${k}: ${v}`).join("; ")}\n`);
      exitCode = 1;
    } else {
      process.stdout.write(`audit run #${started.runId}: ${started.pages} pages${processHere ? "" : " (processed by the workers)"}\n`);
      const tty = process.stdout.isTTY;
      let last = "";
      for (;;) {
        const p = (await getRunProgress(app.ctx.db, started.runId))!;
        const width = 30;
        const filled = p.total === 0 ? width : Math.round((width * (p.done + p.failed)) / p.total);
        const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${p.percent}%  done ${p.done}  failed ${p.failed}  left ${p.pending}  of ${p.total}`;
        if (line !== last) process.stdout.write(tty ? `\r${line}` : `${line}\n`);
        last = line;
        if (p.run.finished_at) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      if (tty) process.stdout.write("\n");
      const failed = await listRunPages(app.ctx.db, started.runId, { status: "failed", limit: 1000, offset: 0 });
      for (const f of failed.rows) process.stdout.write(`failed: page ${f.page_id} ${f.platform}:${f.platform_id} — ${f.error_kind}: ${f.error_message ?? ""}\n`);
      if (failed.total > 0) exitCode = 3;
    }
  }
} finally {
  await app.close();
}
process.exit(exitCode);

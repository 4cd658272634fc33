/** `npm run surveys:sync [-- DIR]`: loads surveys/<slug>/{survey,meta}.json into the database. */
import { openApp } from "../app/services/app-context.server";
import { syncSurveysFromCode } from "../app/services/surveys-as-code.server";
import { loadEnv } from "../app/utils/env.server";

const app = await openApp(loadEnv(), { processJobs: false });
try {
  const lines = await syncSurveysFromCode(app.ctx, process.argv[2]);
  for (const l of lines) {
    const text = `${l.slug}: ${l.action}${l.version ? ` (v${l.version}${l.published ? ", published" : ""})` : ""}${l.message ? ` — ${l.message}` : ""}`;
    (l.action === "error" ? process.stderr : process.stdout).write(`${text}\n`);
  }
  if (lines.some((l) => l.action === "error")) process.exitCode = 1;
} finally {
  await app.close();
}

/**
 * The weekly briefing: every Monday (REPORT_WEEKLY_HOUR, region time) the newest scored period's
 * PDF is written to DATA_DIR/reports and archived; with SMTP_URL and REPORT_MAIL_TO it is also
 * mailed. A failed mail is recorded beside the archived file, which stays downloadable.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { getArchived, insertArchived, listArchive, markMailed } from "../../db/queries/report-archive";
import { briefingPdf } from "./briefing.server";
import type { AppContext } from "./context.server";
import { createMailer, isEmailAddress } from "./mailer.server";

const reportsDir = (dataDir: string) => resolve(dataDir, "reports");

export function weeklyRecipients(raw: string | undefined): { ok: string[]; bad: string[] } {
  const list = (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return { ok: list.filter(isEmailAddress), bad: list.filter((a) => !isEmailAddress(a)) };
}

export async function weeklyReport(ctx: Pick<AppContext, "db" | "env">, input: { week: string }) {
  const pdf = await briefingPdf(ctx, { period: null, locale: "ru" });
  if (!pdf) return { status: "nothing-scored" as const };
  await mkdir(reportsDir(ctx.env.DATA_DIR), { recursive: true });
  const file = `briefing-${input.week}-${pdf.filename.replace(/^briefing-/, "")}`;
  await writeFile(join(reportsDir(ctx.env.DATA_DIR), file), pdf.body);
  const id = await insertArchived(ctx.db, { run_id: pdf.runId, period_label: pdf.report.periodLabel, file, bytes: pdf.body.length });
  const recipients = weeklyRecipients(ctx.env.REPORT_MAIL_TO);
  if (!ctx.env.SMTP_URL || recipients.ok.length === 0) return { status: "archived" as const, id, file, mailed: [] as string[] };
  try {
    const mailer = createMailer({ url: ctx.env.SMTP_URL, from: ctx.env.SMTP_FROM });
    const sent = await mailer.send({
      to: recipients.ok,
      subject: `Госпаблики: рейтинг за ${pdf.report.periodLabel}`,
      text: `Во вложении — сводка о соблюдении требований к официальным страницам за ${pdf.report.periodLabel}: ${pdf.report.summary.organisations} организаций, средний балл ${pdf.report.summary.meanScore?.toFixed(1) ?? "—"}.`,
      attachments: [{ filename: pdf.filename, content: pdf.body, contentType: "application/pdf" }],
    });
    const error = [...(sent.rejected.length ? [`refused: ${sent.rejected.join(", ")}`] : []), ...(recipients.bad.length ? [`not addresses: ${recipients.bad.join(", ")}`] : [])].join("; ") || null;
    await markMailed(ctx.db, id, { mailed_to: sent.accepted, mail_error: error });
    return { status: "mailed" as const, id, file, mailed: sent.accepted };
  } catch (error) {
    await markMailed(ctx.db, id, { mailed_to: [], mail_error: (error as Error).message.slice(0, 2000) });
    return { status: "mail-failed" as const, id, file, error: (error as Error).message };
  }
}

export async function reportArchive(ctx: Pick<AppContext, "db">) {
  return listArchive(ctx.db);
}

/** An archived PDF by id; the file name comes from the database, never from the URL. */
export async function archivedFile(ctx: Pick<AppContext, "db" | "env">, id: number) {
  const row = await getArchived(ctx.db, id);
  if (!row) return null;
  try {
    return { filename: row.file, body: await readFile(join(reportsDir(ctx.env.DATA_DIR), row.file)) };
  } catch {
    return null;
  }
}

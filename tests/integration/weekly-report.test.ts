/**
 * The weekly briefing job end to end: a scored month becomes a PDF written under DATA_DIR and
 * archived, mailed with the PDF attached to the configured list through a real SMTP server on
 * loopback; with the server gone the failure is recorded and the archived file stays.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { monthLabelOf, monthPeriod } from "../../app/domain/compliance/period";
import type { AppContext } from "../../app/services/context.server";
import { metricsRow } from "../../app/services/page-metrics.server";
import { scorePeriod } from "../../app/services/scores.server";
import { weeklyRecipients, weeklyReport } from "../../app/services/weekly-report.server";
import { loadEnv } from "../../app/utils/env.server";
import { savePageMetrics } from "../../db/queries/page-metrics";
import { isoWeekLabel } from "../../jobs/schedule";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { metrics } from "../unit/scoring-fixtures";

const TZ = "Asia/Yakutsk";

describe("the weekly briefing", () => {
  let t: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), "rp-weekly-"));
  const received: Array<{ rcptTo: string[]; raw: Buffer }> = [];
  let smtp: SMTPServer;
  let port = 0;

  beforeAll(async () => {
    t = await createTestDatabase("weekly");
    smtp = new SMTPServer({
      logger: false,
      disabledCommands: ["STARTTLS"],
      authOptional: true,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    port = (smtp.server.address() as { port: number }).port;
    // two ministries with this month's metrics, scored
    const label = monthLabelOf(new Date(), TZ);
    const period = monthPeriod(label, TZ);
    for (const [i, code] of ["min-a", "min-b"].entries()) {
      const o = await t.db.insertInto("organisations").values({ code, name_ru: `Министерство ${i + 1}`, kind: "ministry", peer_group: "regional_executive" }).returning("id").executeTakeFirstOrThrow();
      const p = await t.db.insertInto("official_pages").values({ organisation_id: o.id, platform: "vk", platform_id: code, url: `https://vk.com/${code}` }).returning("id").executeTakeFirstOrThrow();
      await savePageMetrics(t.db, [metricsRow(p.id, label, period, true, metrics({ posting: { activityShare: i ? 0.2 : 1 } }))]);
    }
    expect((await scorePeriod(t.db, { timeZone: TZ })).status).toBe("done");
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await t?.close();
  });

  const ctx = (env: Record<string, string>): Pick<AppContext, "db" | "env"> => ({
    db: t.db,
    env: loadEnv({ SESSION_SECRET: "s".repeat(40), DEMO: "off", DATA_DIR: dataDir, REGION_TIMEZONE: TZ, ...env }),
  });

  it("archives the PDF and mails it to the list", async () => {
    const done = await weeklyReport(ctx({ SMTP_URL: `smtp://127.0.0.1:${port}`, REPORT_MAIL_TO: "governor@example.org, press@example.org, not-an-address" }), { week: "2026-W48" });
    expect(done).toMatchObject({ status: "mailed", mailed: ["governor@example.org", "press@example.org"] });
    if (done.status !== "mailed") throw new Error(done.status);
    const file = join(dataDir, "reports", done.file);
    expect(readFileSync(file).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(received).toHaveLength(1);
    expect(received[0]!.rcptTo).toEqual(["governor@example.org", "press@example.org"]);
    const mail = await simpleParser(received[0]!.raw);
    expect(mail.subject).toMatch(/^Госпаблики: рейтинг за /);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.contentType).toBe("application/pdf");
    expect(mail.attachments[0]!.content.equals(readFileSync(file))).toBe(true);
    const row = await t.db.selectFrom("report_archive").selectAll().where("id", "=", done.id).executeTakeFirstOrThrow();
    expect(row.mailed_to).toEqual(["governor@example.org", "press@example.org"]);
    // the address that was not one is recorded, not silently dropped
    expect(row.mail_error).toContain("not-an-address");
  });

  it("keeps the archived file and records the failure when the mail server is gone", async () => {
    const done = await weeklyReport(ctx({ SMTP_URL: "smtp://127.0.0.1:1", REPORT_MAIL_TO: "governor@example.org" }), { week: "2026-W49" });
    expect(done.status).toBe("mail-failed");
    const row = await t.db.selectFrom("report_archive").selectAll().where("id", "=", (done as { id: number }).id).executeTakeFirstOrThrow();
    expect(row.mailed_to).toEqual([]);
    expect(row.mail_error).toBeTruthy();
    expect(existsSync(join(dataDir, "reports", row.file))).toBe(true);
  });

  it("archives without mailing when SMTP is not configured", async () => {
    const done = await weeklyReport(ctx({}), { week: "2026-W50" });
    expect(done).toMatchObject({ status: "archived", mailed: [] });
  });

  it("names ISO weeks and reads the recipients list", () => {
    expect(isoWeekLabel("2026-11-23")).toBe("2026-W48");
    expect(isoWeekLabel("2021-01-03")).toBe("2020-W53");
    expect(isoWeekLabel("2024-12-30")).toBe("2025-W01");
    expect(weeklyRecipients(" a@b.ru ,x,, c@d.org")).toEqual({ ok: ["a@b.ru", "c@d.org"], bad: ["x"] });
  });
});

/** The ranked report as CSV or XLSX (what the filters show), built in memory: a region has thousands of organisations, not millions. */
import ExcelJS from "exceljs";
import type { Database } from "../../db/client";
import { csvLine, UTF8_BOM } from "../domain/exports/csv";
import { rankingTable } from "../domain/reports/ranking-table";
import type { RankingQuery } from "./report-query";
import { rankingReport } from "./reports.server";

export async function rankingExport(db: Database, query: RankingQuery, format: "csv" | "xlsx", locale: "ru" | "en") {
  const report = await rankingReport(db, query);
  if (!report.run) return null;
  const table = rankingTable(report.rows, locale);
  const base = `ranking-${report.run.period_label}`;
  if (format === "csv") {
    // the formula guard is csvLine's default: organisation names are data, never formulas
    const body = UTF8_BOM + csvLine(table.header) + table.rows.map((r) => csvLine(r)).join("");
    return { filename: `${base}.csv`, contentType: "text/csv; charset=utf-8", body: Buffer.from(body, "utf8") };
  }
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(report.run.period_label);
  sheet.addRow(table.header).font = { bold: true };
  for (const r of table.rows) sheet.addRow(r.map((v) => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
  sheet.columns.forEach((c, i) => (c.width = i === 5 ? 60 : 14));
  return { filename: `${base}.xlsx`, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: Buffer.from(await book.xlsx.writeBuffer()) };
}

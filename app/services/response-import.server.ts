/**
 * Responses collected elsewhere (phone or paper fieldwork) imported from CSV or XLSX: the table is
 * mapped and validated by domain/survey/import-plan like web answers, and stored in one
 * transaction or not at all. Each row gets a submission id derived from the file (its own
 * submission_id column, else the file's hash and the row), so importing the same file twice adds
 * nothing the second time.
 */
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import { appendAudit } from "../../db/queries/audit-log";
import { surveyVersionFor } from "../../db/queries/surveys";
import { isStorableText } from "../domain/storable-text";
import { planResponseImport, type ImportMode, type ImportRowError } from "../domain/survey/import-plan";
import type { AppContext } from "./context.server";

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export type ImportOutcome =
  | { ok: true; imported: number; alreadyThere: number; warnings: ImportRowError[] }
  | { ok: false; errors: ImportRowError[] };

async function readTable(name: string, bytes: Uint8Array): Promise<{ header: string[]; rows: string[][] } | string> {
  if (/\.xlsx$/i.test(name)) {
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      return "the file is not a readable XLSX workbook";
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) return "the workbook has no sheet";
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) {
        const v = row.getCell(c).value;
        cells.push(v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : typeof v === "object" ? ("text" in v ? String(v.text) : "result" in v ? String(v.result ?? "") : JSON.stringify(v)) : String(v));
      }
      rows.push(cells);
    });
    const [header = [], ...data] = rows;
    return { header, rows: data };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return "the CSV file is not UTF-8 text";
  }
  // Excel in Russian locales writes ";" between cells
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  try {
    const records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
    const [header = [], ...rows] = records;
    return { header, rows };
  } catch (error) {
    return `the file is not readable CSV: ${(error as Error).message}`;
  }
}

export async function importResponses(
  ctx: Pick<AppContext, "db" | "jobs">,
  surveyId: number,
  userId: number | null,
  input: { fileName: string; bytes: Uint8Array; mode: ImportMode },
): Promise<ImportOutcome> {
  if (input.bytes.byteLength === 0) return { ok: false, errors: [{ row: 1, message: "the file is empty" }] };
  if (input.bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, errors: [{ row: 1, message: `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB` }] };
  const found = await surveyVersionFor(ctx.db, surveyId);
  if (!found) return { ok: false, errors: [{ row: 1, message: "survey not found" }] };
  const table = await readTable(input.fileName, input.bytes);
  if (typeof table === "string") return { ok: false, errors: [{ row: 1, message: table }] };
  // PostgreSQL keeps no NUL and no lone surrogate: name the row now rather than fail the insert
  const badRow = [table.header, ...table.rows].findIndex((cells) => cells.some((cell) => !isStorableText(cell)));
  if (badRow >= 0) return { ok: false, errors: [{ row: badRow + 1, message: "the row holds a character that cannot be stored (a NUL or a broken character)" }] };
  const { version } = found;
  const plan = planResponseImport(version.definition as Record<string, unknown>, table, { mode: input.mode });
  if (!plan.ok) return { ok: false, errors: plan.errors };
  const fileKey = createHash("sha256").update(input.bytes).digest("hex").slice(0, 16);
  const rows = plan.responses.map((r) => ({
    survey_id: surveyId,
    version_id: version.id,
    submission_id: r.submissionId ? `import-${r.submissionId}` : `import-${fileKey}-${r.row}`,
    answers: JSON.stringify(r.answers),
    raw: JSON.stringify({ import: input.fileName, row: r.row }),
    duration_ms: r.durationMs,
  }));
  // all or nothing: one transaction; rows already imported (same ids) are left as they are
  const imported = await ctx.db.transaction().execute(async (trx) => {
    let inserted = 0;
    for (let i = 0; i < rows.length; i += 1000) {
      const result = await trx
        .insertInto("responses")
        .values(rows.slice(i, i + 1000))
        .onConflict((oc) => oc.columns(["survey_id", "submission_id"]).doNothing())
        .returning(sql<number>`1`.as("one"))
        .execute();
      inserted += result.length;
    }
    await appendAudit(trx, { actorUserId: userId, action: "responses.import", entityType: "survey", entityId: surveyId, details: { file: input.fileName, rows: rows.length, inserted } });
    return inserted;
  });
  if (imported > 0) await ctx.jobs.enqueue("results.quality", { surveyId }, { jobId: `results-quality-${surveyId}-import-${fileKey}` });
  return { ok: true, imported, alreadyThere: rows.length - imported, warnings: plan.warnings };
}

/**
 * Response exports as jobs: CSV (codes or labels), XLSX, and SPSS (a codes CSV beside a .sps with
 * variable and value labels). The results.export job streams responses page by page from
 * PostgreSQL to files under DATA_DIR/exports/<id>/, reporting rows done, so an export of any size
 * runs in flat memory and the page shows a progress bar, then download links.
 */
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import type { Database } from "../../db/client";
import { blockWeightsFrom, countResponses, getExport, insertExport, listExports, markExport, responsesAfter, type ExportResponseRow } from "../../db/queries/exports";
import { getSurvey, getVersion, surveyVersionFor } from "../../db/queries/surveys";
import { createCsvRowEncoder, createWidthTracker, csvHeader, csvLine, exportColumns, exportQuestions, rowValues, spssSyntax, type CellValue, type ExportColumn, RESPONSE_LEADING_COLUMNS } from "../domain/exports";
import type { AppContext } from "./context.server";

// small pages keep the export's memory flat (2,000 rows: 243 MB peak RSS at 1M rows, 303 MB with 5,000)
const PAGE = 2_000;
/** Each leading column's position in a row. */
const SLOT: Record<string, number> = Object.fromEntries(RESPONSE_LEADING_COLUMNS.map((c, i) => [c.name, i]));


export const exportRequestSchema = z.object({
  format: z.enum(["csv", "xlsx", "spss"]),
  mode: z.enum(["codes", "labels"]).default("codes"),
  version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
  exclude_flagged: z.enum(["0", "1", "on"]).optional().transform((v) => v === "1" || v === "on"),
});

export type ExportRequestOutcome = { ok: true; exportId: number } | { ok: false; errors: Record<string, string> };

export async function requestExport(ctx: Pick<AppContext, "db" | "jobs">, surveyId: number, userId: number | null, raw: unknown): Promise<ExportRequestOutcome> {
  const parsed = exportRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "_form"), i.message])) };
  const survey = await getSurvey(ctx.db, surveyId);
  if (!survey) return { ok: false, errors: { _form: "survey not found" } };
  const version = parsed.data.version ? await getVersion(ctx.db, parsed.data.version) : null;
  if (parsed.data.version && version?.survey_id !== surveyId) return { ok: false, errors: { version: "not a version of this survey" } };
  const exportId = await insertExport(ctx.db, {
    survey_id: surveyId,
    format: parsed.data.format,
    // SPSS reads codes and takes the labels from its syntax file
    mode: parsed.data.format === "spss" ? "codes" : parsed.data.mode,
    version_id: parsed.data.version ?? null,
    exclude_flagged: parsed.data.exclude_flagged,
    requested_by: userId,
  });
  await ctx.jobs.enqueue("results.export", { exportId });
  return { ok: true, exportId };
}

export async function recentExports(ctx: Pick<AppContext, "db">, surveyId: number) {
  return listExports(ctx.db, surveyId);
}

const exportDir = (dataDir: string, id: number) => resolve(dataDir, "exports", String(id));

/** The file of a finished export, for the download route; null when it is not this survey's. */
export async function exportDownload(ctx: Pick<AppContext, "db" | "env">, surveyId: number, exportId: number, file: string) {
  const row = await getExport(ctx.db, exportId);
  if (!row || row.survey_id !== surveyId || row.status !== "done" || !row.files.includes(file)) return null;
  const path = join(exportDir(ctx.env.DATA_DIR, exportId), file);
  const size = (await stat(path)).size;
  const type = file.endsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : file.endsWith(".sps") ? "text/plain; charset=utf-8" : "text/csv; charset=utf-8";
  return { path, size, type, name: file };
}

async function write(stream: WriteStream, text: string) {
  if (!stream.write(text)) await once(stream, "drain");
}

async function close(stream: WriteStream) {
  stream.end();
  await once(stream, "finish");
}

/**
 * Weights of responses inside column blocks, for pages asked in id order: one block is held at a
 * time and walked with a pointer. Responses after the last block get theirs from the page query.
 */
function blockWeights(db: Database, surveyId: number) {
  let block: Awaited<ReturnType<typeof blockWeightsFrom>> = null;
  let exhausted = false;
  let at = 0;
  return async function forPage(ids: number[]): Promise<Array<number | null>> {
    const out = new Array<number | null>(ids.length).fill(null);
    for (let i = 0; i < ids.length && !exhausted; i++) {
      const id = ids[i]!;
      if (!block || id > block.lastId) {
        block = await blockWeightsFrom(db, surveyId, id);
        at = 0;
        if (!block) exhausted = true;
        if (!block) break;
      }
      if (id < block.firstId) continue;
      while (at < block.ids.length && block.ids[at]! < id) at++;
      if (block.ids[at] === id) out[i] = block.weights[at]!;
    }
    return out;
  };
}

/** The results.export job. */
export async function runExport(db: Database, dataDir: string, exportId: number, options: { pageSize?: number } = {}) {
  const row = await getExport(db, exportId);
  if (!row) return { status: "missing" as const };
  const dir = exportDir(dataDir, exportId);
  try {
    const found = await surveyVersionFor(db, row.survey_id, row.version_id);
    if (!found) throw new Error("the survey or its version is gone");
    const { survey, version } = found;
    const columns = exportColumns(exportQuestions(version.definition as Record<string, unknown>), { leading: [...RESPONSE_LEADING_COLUMNS] });
    const scope = { surveyId: row.survey_id, versionId: row.version_id, excludeFlagged: row.exclude_flagged };
    const total = await countResponses(db, scope);
    await markExport(db, exportId, { status: "running", rows_total: total, rows_done: 0 });
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const base = `${survey.slug}-${exportId}`;
    const files = await writeFiles(db, { dir, base, columns, format: row.format, mode: row.mode, scope, pageSize: options.pageSize ?? PAGE, onProgress: (done) => markExport(db, exportId, { rows_done: done }) });
    let bytes = 0;
    for (const f of files) bytes += (await stat(join(dir, f))).size;
    await markExport(db, exportId, { status: "done", files, bytes, finished_at: new Date() });
    return { status: "done" as const, files, bytes };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    await markExport(db, exportId, { status: "failed", error: (error as Error).message.slice(0, 2000), finished_at: new Date() });
    throw error;
  }
}

async function writeFiles(
  db: Database,
  input: {
    dir: string;
    base: string;
    columns: ExportColumn[];
    format: "csv" | "xlsx" | "spss";
    mode: "codes" | "labels";
    scope: { surveyId: number; versionId: number | null; excludeFlagged: boolean };
    pageSize: number;
    onProgress: (done: number) => Promise<void>;
  },
): Promise<string[]> {
  const { dir, base, columns, format, mode, scope } = input;
  /** Every response with its leading cells, a page at a time: one write per page, not one await per row. */
  const forEachPage = async (emit: (page: ExportResponseRow[], leading: CellValue[][]) => Promise<void> | void) => {
    let done = 0;
    const weights = blockWeights(db, scope.surveyId);
    // the next page is read while this one is formatted and written
    let next = responsesAfter(db, scope, 0, input.pageSize);
    // a page read in advance may fail while the current one fails first: never leave it unhandled
    next.catch(() => undefined);
    for (;;) {
      const page = await next;
      if (page.length === 0) break;
      next = responsesAfter(db, scope, Number(page[page.length - 1]!.id), input.pageSize);
      next.catch(() => undefined);
      const ids = page.map((r) => Number(r.id));
      const inBlocks = await weights(ids);
      const leadingRows = new Array<CellValue[]>(page.length);
      for (let i = 0; i < page.length; i++) {
        const r = page[i]!;
        // an array per row in the leading columns' order, not an object of six keys
        const leading = new Array<CellValue>(RESPONSE_LEADING_COLUMNS.length);
        leading[SLOT.response_id!] = ids[i]!;
        leading[SLOT.submitted_at!] = r.submitted_at;
        leading[SLOT.version!] = r.version;
        leading[SLOT.duration_s!] = r.duration_ms === null ? null : Math.round(r.duration_ms / 1000);
        leading[SLOT.weight!] = inBlocks[i] ?? r.weight;
        leading[SLOT.quality_flags!] = r.flags;
        leadingRows[i] = leading;
      }
      await emit(page, leadingRows);
      done += page.length;
      await input.onProgress(done);
    }
  };

  if (format === "xlsx") {
    const { createXlsxWriter } = await import("../domain/exports/xlsx");
    const name = `${base}.xlsx`;
    const stream = createWriteStream(join(dir, name));
    const writer = createXlsxWriter(stream, columns, mode);
    await forEachPage(async (page, leading) => {
      for (let i = 0; i < page.length; i++) await writer.addRow(rowValues(columns, page[i]!.answers, leading[i]!, mode));
    });
    await writer.finish();
    return [name];
  }
  const csvName = `${base}${format === "spss" ? "-data" : ""}.csv`;
  const stream = createWriteStream(join(dir, csvName));
  // SPSS reads one case per line and takes text as typed; a spreadsheet gets the BOM and the guard
  const options = format === "spss" ? { formulaGuard: false, singleLine: true } : {};
  const widths = createWidthTracker(columns);
  await write(stream, csvHeader(columns, mode, { ...options, bom: format === "csv" }));
  // a CSV line per response without a row of cells in between; SPSS needs the cells for its widths
  const encode = createCsvRowEncoder(columns, mode, options);
  await forEachPage(async (page, leading) => {
    const lines = new Array<string>(page.length);
    for (let i = 0; i < page.length; i++) {
      if (format === "spss") {
        const values = rowValues(columns, page[i]!.answers, leading[i]!, mode);
        widths.observe(values); // only the .sps needs the text widths
        lines[i] = csvLine(values, options);
      } else {
        lines[i] = encode(page[i]!.answers, leading[i]!);
      }
    }
    await write(stream, lines.join(""));
  });
  await close(stream);
  if (format !== "spss") return [csvName];
  const spsName = `${base}.sps`;
  const sps = createWriteStream(join(dir, spsName));
  await write(sps, spssSyntax(columns, { dataFile: csvName, widths: widths.widths() }));
  await close(sps);
  return [csvName, spsName];
}

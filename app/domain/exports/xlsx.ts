/**
 * Streaming XLSX export with exceljs's WorkbookWriter: each row is committed (serialised into
 * the zip stream) as soon as it is added, so memory stays flat for any number of responses.
 * Sheet "data": a header row of variable names, then one row per response. Sheet "variables":
 * name, label, type and value labels, so the codes stay readable without SPSS.
 *
 * XLSX cells are typed, so strings starting with "=" are text, not formulas: no apostrophe guard
 * is needed here. Characters XML cannot hold are removed, and strings longer than Excel's
 * 32,767-character cell limit are cut. The writer does not wait for a slow destination
 * (exceljs has no backpressure): archiver buffers what the stream has not taken yet.
 */
import ExcelJS from "exceljs";
import type { CellValue, ExportColumn, ExportMode } from "./types";

export const MAX_CELL_CHARS = 32767;

export interface XlsxWriter {
  addRow(values: readonly CellValue[]): void;
  /** Writes the "variables" sheet, closes the workbook and resolves once `stream` has finished. */
  finish(): Promise<void>;
}

export function createXlsxWriter(stream: NodeJS.WritableStream, columns: readonly ExportColumn[], mode: ExportMode = "codes"): XlsxWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: stream as any, useStyles: false, useSharedStrings: false });
  const data = workbook.addWorksheet("data", { views: [{ state: "frozen", ySplit: 1 }] });
  data.addRow(columns.map((c) => c.name)).commit();
  let finished = false;
  return {
    addRow(values) {
      if (finished) throw new Error("createXlsxWriter: addRow after finish");
      data.addRow(values.map(cell)).commit();
    },
    async finish() {
      if (finished) return;
      finished = true;
      data.commit();
      const vars = workbook.addWorksheet("variables");
      vars.addRow(["name", "label", "type", "value labels"]).commit();
      for (const c of columns) {
        const labels = (c.valueLabels ?? []).map((v) => `${v.code} = ${v.label}`).join("\n");
        vars.addRow([c.name, cell(c.label), mode === "labels" && c.valueLabels ? "string" : c.type, cell(labels || null)]).commit();
      }
      vars.commit();
      await workbook.commit();
    },
  };
}

// XML 1.0 forbids most C0 controls and lone surrogates; exceljs writes them as they are.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function cell(v: CellValue | undefined): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  const s = v.replace(XML_INVALID, "");
  if (s.length <= MAX_CELL_CHARS) return s;
  return s.slice(0, MAX_CELL_CHARS - 1).replace(/[\uD800-\uDBFF]$/, "") + "…";
}

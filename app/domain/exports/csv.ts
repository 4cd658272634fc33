/**
 * CSV encoding, one line at a time so an export can stream any number of responses: write
 * csvHeader() once, then csvLine(rowValues(...)) per response. RFC 4180: fields are quoted only
 * when they hold the delimiter, a quote or a line break (quotes doubled), lines end with CRLF.
 *
 * Excel needs a UTF-8 byte order mark to read Cyrillic correctly (`bom: true` on the header), and
 * runs cells that start with = + - @ (or tab/CR) as formulas: such string cells get a leading
 * apostrophe ("formula injection" guard). Numbers, negative ones included, are written as numbers.
 * For files SPSS reads line by line (GET DATA /DELCASE=LINE) use `singleLine` so multi-line text
 * answers do not split a case.
 */
import type { CellValue, ExportColumn, ExportMode } from "./types";

export const UTF8_BOM = "\uFEFF";
export const CRLF = "\r\n";

export interface CsvOptions {
  /** "," by default; ";" suits Excel in locales whose list separator is ";" (Russian, German…). */
  delimiter?: "," | ";" | "\t";
  /** Prefix string cells that start with = + - @ tab or CR with an apostrophe. Default true. */
  formulaGuard?: boolean;
  /** Replace line breaks inside cells with a space. Default false. */
  singleLine?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CellValue | undefined, options: CsvOptions = {}): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let s = String(value);
  if (options.formulaGuard !== false && FORMULA_START.test(s)) s = "'" + s;
  if (options.singleLine) s = s.replace(/\r\n|\r|\n/g, " ");
  const delimiter = options.delimiter ?? ",";
  if (s.includes(delimiter) || s.includes('"') || s.includes("\n") || s.includes("\r")) s = '"' + s.replace(/"/g, '""') + '"';
  return s;
}

/** One CSV record, CRLF included. */
export function csvLine(values: readonly (CellValue | undefined)[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ",";
  let line = "";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += delimiter;
    line += csvCell(values[i], options);
  }
  return line + CRLF;
}

/**
 * The header record: variable names in "codes" mode (for SPSS, R, Stata), variable labels in
 * "labels" mode (for people reading the file in a spreadsheet). `bom` prefixes the UTF-8 BOM.
 */
export function csvHeader(columns: readonly ExportColumn[], mode: ExportMode = "codes", options: CsvOptions & { bom?: boolean } = {}): string {
  const cells = columns.map((c) => (mode === "labels" ? c.label || c.name : c.name));
  return (options.bom ? UTF8_BOM : "") + csvLine(cells, options);
}

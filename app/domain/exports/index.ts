/**
 * Response exports (CSV, SPSS syntax, XLSX) as pure building blocks: derive the columns once
 * from the survey's questions, turn each response into a row of cells, and encode rows one at a
 * time, so a service can stream an export of any size from a database cursor to a file or HTTP.
 * The XLSX writer is not re-exported here: it loads exceljs (half a second, Node only), so import
 * it from "./xlsx" where it is needed (a .server.ts service).
 */
export { exportColumns, WIDTH } from "./columns";
export { RESPONSE_LEADING_COLUMNS } from "./leading";
export { exportQuestions } from "./questions";
export { rowValues, compactJson } from "./rows";
export { csvCell, csvHeader, csvLine, CRLF, UTF8_BOM, type CsvOptions } from "./csv";
export { createCsvRowEncoder } from "./csv-rows";
export { createWidthTracker, spssSyntax, utf8Bytes, MAX_STRING_WIDTH, type SpssOptions } from "./spss";
export { NameRegistry, spssName, transliterate, MAX_NAME_BYTES } from "./names";
export type {
  CellValue,
  ColumnSource,
  ExportColumn,
  ExportMode,
  ExportOptions,
  ExportQuestion,
  Extract,
  LeadingColumn,
  Measure,
  ValueLabel,
} from "./types";

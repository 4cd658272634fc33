/**
 * CSV lines straight from answers, for an export's hot loop. The text is exactly
 * csvLine(rowValues(columns, answers, leading, mode), options) — a property test holds the two
 * equal — but no row array is built, and a choice-like column's cell text is memoised by the
 * answer it depends on: a million responses hold a handful of distinct values per such column,
 * so most cells cost one Map lookup instead of a choice search, a formula check and quoting.
 */
import { csvCell, CRLF, type CsvOptions } from "./csv";
import { cellKeyReader, cellValue, NOT_MEMOISABLE } from "./rows";
import type { CellValue, ExportColumn, ExportMode } from "./types";

/** Cells memoised per column at most: free-text columns stop adding once they are full. */
const MEMO_LIMIT = 1024;

type CellText = (answers: Record<string, unknown>, leading: readonly CellValue[]) => string;

export function createCsvRowEncoder(columns: readonly ExportColumn[], mode: ExportMode, options: CsvOptions = {}): (answers: Record<string, unknown>, leading: readonly CellValue[]) => string {
  const delimiter = options.delimiter ?? ",";
  const cells = columns.map((col): CellText => {
    const plain: CellText = (answers, leading) => csvCell(cellValue(col, answers, leading, mode), options);
    const keyOf = cellKeyReader(col);
    if (!keyOf) return plain;
    const memo = new Map<unknown, string>();
    return (answers, leading) => {
      const key = keyOf(answers);
      if (key === NOT_MEMOISABLE) return plain(answers, leading);
      let text = memo.get(key);
      if (text === undefined) {
        text = plain(answers, leading);
        if (memo.size < MEMO_LIMIT) memo.set(key, text);
      }
      return text;
    };
  });
  const n = cells.length;
  // cells gathered in an array and joined: one flat string per line, not a rope of cons strings
  // that the write would have to flatten (and the collector to trace) later
  const parts = new Array<string>(n);
  return (answers, leading) => {
    for (let i = 0; i < n; i++) parts[i] = cells[i]!(answers, leading);
    return parts.join(delimiter) + CRLF;
  };
}

/**
 * Tolerant CSV reading for registry imports. Pure: takes text, never touches files.
 * Problems come back as data with a spreadsheet line number so a person can fix the file;
 * nothing here throws on bad input.
 */
import { parse } from "csv-parse/sync";

export type CsvErrorCode = "unclosed_quote" | "column_count" | "duplicate_column" | "malformed_csv";

export interface CsvError {
  line: number;
  message: string;
  /** stable code for translated messages; the planner reports it as a rejection code */
  code: CsvErrorCode;
  params?: Record<string, string | number>;
}

export interface CsvRow {
  /** spreadsheet line where the record starts (header is line 1 in a normal file) */
  line: number;
  /** raw cell text by lower-cased header name; untrimmed so callers decide */
  cells: Record<string, string>;
}

export interface ParsedCsv {
  header: string[];
  rows: CsvRow[];
  errors: CsvError[];
}

interface RawRecord {
  cells: string[];
  line: number;
}

/** Russian Excel writes ";" because "," is the decimal separator there. */
export function detectDelimiter(headerLine: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === "");

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

const OPTIONS = {
  record_delimiter: "\n",
  // `raw` rather than `info`: info doubles parse time on 100k-row files, and raw is enough to count lines.
  raw: true,
  relax_column_count: true,
  // Hand-typed names like ООО "Ромашка" in an unquoted cell are common; keep them literally.
  relax_quotes: true,
  skip_empty_lines: true,
} as const;

interface ParsedRecord {
  record: string[];
  raw: string;
}

/** csv-parse hands skipped blank lines to the next record's raw text, so lines are counted from raw. */
function withLines(parsed: readonly ParsedRecord[]): { records: RawRecord[]; consumed: number } {
  let consumed = 0; // newlines before the current record
  const records = parsed.map(({ record, raw }) => {
    let leading = 0;
    while (raw.charCodeAt(leading) === 10) leading++;
    const line = consumed + leading + 1;
    consumed += countNewlines(raw);
    return { cells: record, line };
  });
  return { records, consumed };
}

/** After a fatal parse error we only know where the last good record ended. */
function lineAfter(lines: readonly string[], consumed: number): number {
  let i = consumed; // 0-based index of the first line not yet consumed
  while (i < lines.length - 1 && (lines[i] ?? "").trim() === "") i++;
  return i + 1;
}

function readRecords(text: string, delimiter: string): { records: RawRecord[]; fatal?: CsvError } {
  try {
    if (!text.includes('"')) {
      // Without quotes every physical line is one record, so the index is the line and the costlier
      // `raw` bookkeeping (about a fifth of the parse time on large page lists) can be skipped.
      const parsed = parse(text, { ...OPTIONS, raw: false, skip_empty_lines: false, delimiter }) as string[][];
      return { records: parsed.map((cells, i) => ({ cells, line: i + 1 })) };
    }
    const parsed = parse(text, { ...OPTIONS, delimiter }) as unknown as ParsedRecord[];
    return { records: withLines(parsed).records };
  } catch (err) {
    // Slow path, only for broken files: read again record by record to keep what preceded the error.
    const seen: ParsedRecord[] = [];
    try {
      parse(text, {
        ...OPTIONS,
        delimiter,
        on_record: (r: ParsedRecord) => {
          seen.push(r);
          return null;
        },
      } as Parameters<typeof parse>[1]);
    } catch {
      // the same error again; `seen` now holds every record before it
    }
    const { records, consumed } = withLines(seen);
    const line = lineAfter(text.split("\n"), consumed);
    const message = String((err as Error).message);
    const fatal: CsvError =
      (err as { code?: string }).code === "CSV_QUOTE_NOT_CLOSED"
        ? { line, code: "unclosed_quote", message: `Line ${line}: a quoted field is never closed` }
        : { line, code: "malformed_csv", message: `Line ${line}: ${message}`, params: { detail: message.slice(0, 200) } };
    return { records, fatal };
  }
}

export function parseCsv(text: string): ParsedCsv {
  // Excel on Windows writes CRLF and a BOM; csv-parse miscounts lines on CRLF inside quotes.
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const errors: CsvError[] = [];
  const firstLine = /^.*\S.*$/m.exec(normalised)?.[0] ?? ""; // the header, even after blank lines
  const { records, fatal } = readRecords(normalised, detectDelimiter(firstLine));

  const nonBlank = records.filter((r) => !isBlank(r.cells));
  const headerRecord = nonBlank[0];
  if (!headerRecord) {
    if (fatal) errors.push(fatal);
    return { header: [], rows: [], errors };
  }

  const names = headerRecord.cells.map((h) => h.trim().toLowerCase());
  const seen = new Set<string>();
  for (const name of names) {
    if (name === "") continue;
    if (seen.has(name)) {
      errors.push({
        line: headerRecord.line,
        code: "duplicate_column",
        message: `Line ${headerRecord.line}: column "${name}" appears more than once`,
        params: { column: name },
      });
    }
    seen.add(name);
  }

  const rows: CsvRow[] = [];
  for (const rec of nonBlank.slice(1)) {
    // Excel pads rows with trailing empty cells, so only a genuinely different shape is an error.
    let width = rec.cells.length;
    while (width > names.length && (rec.cells[width - 1] ?? "").trim() === "") width--;
    if (width !== names.length) {
      errors.push({
        line: rec.line,
        code: "column_count",
        message: `Line ${rec.line}: expected ${names.length} columns, found ${rec.cells.length}`,
        params: { expected: names.length, actual: rec.cells.length },
      });
      continue;
    }
    // A plain object, not Object.create(null): null-prototype objects are several times slower to
    // build, which shows on 100k-row files. Only "__proto__" cannot be a key, and is no real column.
    const cells: Record<string, string> = {};
    names.forEach((name, i) => {
      // Unnamed columns (a trailing delimiter in the header) carry no meaning.
      if (name !== "" && name !== "__proto__" && !Object.hasOwn(cells, name)) cells[name] = rec.cells[i] ?? "";
    });
    rows.push({ line: rec.line, cells });
  }
  if (fatal) errors.push(fatal);
  return { header: [...seen], rows, errors };
}

/**
 * SPSS syntax (.sps) that reads the "codes" CSV export and gives SPSS everything the CSV cannot
 * carry: variable types and widths, variable labels, value labels and measurement levels. A .sps
 * beside a CSV is what survey tools ship because SPSS and PSPP both run it and a person can read
 * and fix it (a binary .sav writer would be a much larger job).
 *
 * Limits respected: variable labels ≤ 256 bytes, value labels ≤ 120 bytes (longer ones are cut
 * at a character boundary, with "…"), quoted strings are split into `'…' + '…'` pieces so no
 * syntax line gets long, apostrophes are doubled, strings are A1..A32767. In delimited (freefield)
 * input SPSS does not imply decimals, so F12.6 reads "1" as 1, and the format is the display format.
 * Write the CSV with `singleLine: true` (csv.ts): /DELCASE=LINE reads one case per line.
 */
import type { CellValue, ExportColumn, Measure } from "./types";

export const MAX_STRING_WIDTH = 32767;
const MAX_VARIABLE_LABEL_BYTES = 256;
const MAX_VALUE_LABEL_BYTES = 120;
const PIECE_BYTES = 80;

export interface SpssOptions {
  /** Path of the CSV as SPSS should open it (relative paths are resolved from SPSS's working folder). */
  dataFile: string;
  encoding?: "UTF-8";
  /** The CSV delimiter (csv.ts): "," by default. */
  delimiter?: "," | ";" | "\t";
  /** Measured string widths in bytes by column name (createWidthTracker), overriding column.width. */
  widths?: Record<string, number>;
}

export function spssSyntax(columns: readonly ExportColumn[], options: SpssOptions): string {
  const lines: string[] = ["* Encoding: UTF-8.", "SET DECIMAL=DOT."];
  const delimiter = options.delimiter === "\t" ? "\\t" : (options.delimiter ?? ",");
  lines.push(
    "GET DATA /TYPE=TXT",
    `  /FILE=${quote(options.dataFile)}`,
    "  /ENCODING='UTF8'",
    "  /DELCASE=LINE",
    `  /DELIMITERS="${delimiter}"`,
    `  /QUALIFIER='"'`,
    "  /ARRANGEMENT=DELIMITED",
    "  /FIRSTCASE=2",
    "  /VARIABLES=",
  );
  columns.forEach((c, i) => lines.push(`    ${c.name} ${format(c, options.widths)}${i === columns.length - 1 ? "." : ""}`));

  const labelled = columns.filter((c) => c.label);
  if (labelled.length > 0) {
    lines.push("VARIABLE LABELS");
    labelled.forEach((c, i) => lines.push(...quoted(`  ${i === 0 ? "" : "/"}${c.name} `, truncate(c.label, MAX_VARIABLE_LABEL_BYTES))));
    lines[lines.length - 1] += ".";
  }

  const withValues = columns.filter((c) => c.type === "numeric" && c.valueLabels && c.valueLabels.length > 0);
  if (withValues.length > 0) {
    lines.push("VALUE LABELS");
    withValues.forEach((c, i) => {
      lines.push(`  ${i === 0 ? "" : "/"}${c.name}`);
      for (const v of c.valueLabels!) lines.push(...quoted(`    ${v.code} `, truncate(v.label, MAX_VALUE_LABEL_BYTES)));
    });
    lines[lines.length - 1] += ".";
  }

  const levels = (["nominal", "ordinal", "scale"] as Measure[])
    .map((m) => ({ m, names: columns.filter((c) => c.measure === m && (c.type === "numeric" || m === "nominal")).map((c) => c.name) }))
    .filter((g) => g.names.length > 0);
  if (levels.length > 0) {
    lines.push("VARIABLE LEVEL");
    levels.forEach((g, i) => {
      const names = wrap(g.names, "    ");
      names[0] = `  ${i === 0 ? "" : "/"}${names[0]!.trimStart()}`;
      names[names.length - 1] += ` (${g.m.toUpperCase()})`;
      lines.push(...names);
    });
    lines[lines.length - 1] += ".";
  }
  lines.push("EXECUTE.");
  return lines.join("\n") + "\n";
}

function format(c: ExportColumn, widths: Record<string, number> | undefined): string {
  if (c.type === "numeric") return c.spssFormat ?? "F8.0";
  const w = widths?.[c.name] ?? c.width ?? 255;
  return `A${Math.min(MAX_STRING_WIDTH, Math.max(1, Math.ceil(w)))}`;
}

/** `'text'`, apostrophes doubled. */
export function quote(text: string): string {
  return "'" + text.replace(/\r\n|\r|\n/g, " ").replace(/'/g, "''") + "'";
}

/** A quoted string after `prefix`, split into `+ '…'` continuation lines of at most ~80 bytes each. */
function quoted(prefix: string, text: string): string[] {
  const pieces: string[] = [];
  let piece = "";
  let bytes = 0;
  for (const ch of text) {
    const b = utf8Bytes(ch);
    if (bytes + b > PIECE_BYTES && piece) {
      pieces.push(piece);
      piece = "";
      bytes = 0;
    }
    piece += ch;
    bytes += b;
  }
  pieces.push(piece);
  const indent = " ".repeat(prefix.length);
  return pieces.map((p, i) => (i === 0 ? prefix : indent + "+ ") + quote(p));
}

/** At most `max` UTF-8 bytes, cut at a character boundary, "…" marking a cut. */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (utf8Bytes(clean) <= max) return clean;
  let out = "";
  let bytes = 0;
  const room = max - utf8Bytes("…");
  for (const ch of clean) {
    const b = utf8Bytes(ch);
    if (bytes + b > room) break;
    out += ch;
    bytes += b;
  }
  return out + "…";
}

function wrap(names: string[], indent: string): string[] {
  const out: string[] = [];
  let line = "";
  for (const n of names) {
    if (line && line.length + 1 + n.length > 76) {
      out.push(indent + line);
      line = n;
    } else {
      line = line ? `${line} ${n}` : n;
    }
  }
  out.push(indent + line);
  return out;
}

/** UTF-8 length without Buffer (this module may run in a browser too). */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Measures string cells while the CSV is streamed, so the .sps written afterwards declares
 * widths that fit the data (A2000 for every text column wastes space, A255 cuts long comments).
 * One extra byte is counted for the apostrophe the CSV formula guard may add.
 */
export function createWidthTracker(columns: readonly ExportColumn[]): { observe(values: readonly CellValue[]): void; widths(): Record<string, number> } {
  const max = new Array<number>(columns.length).fill(1);
  return {
    observe(values) {
      for (let i = 0; i < columns.length; i++) {
        const v = values[i];
        if (typeof v === "string" && columns[i]!.type === "string") {
          const b = utf8Bytes(v) + 1;
          if (b > max[i]!) max[i] = Math.min(MAX_STRING_WIDTH, b);
        }
      }
    },
    widths() {
      return Object.fromEntries(columns.map((c, i) => [c.name, max[i]!]));
    },
  };
}

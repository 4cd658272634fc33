/**
 * Types shared by the export modules. An export is a flat table: one row per response, one
 * column ("variable", in SPSS words) per piece of an answer. The column list is derived once from
 * the survey's questions (columns.ts) and then drives every writer (CSV, SPSS syntax, XLSX), so
 * all formats agree on names, labels and codes.
 */
import type { QuestionInfo } from "../survey";

/** "codes": single-choice cells hold numeric codes (for SPSS/R); "labels": they hold choice texts (for people). */
export type ExportMode = "codes" | "labels";

export type CellValue = number | string | null;

export interface ValueLabel {
  code: number;
  label: string;
}

export type Measure = "nominal" | "ordinal" | "scale";

/** How a question cell is read from the answers object (see rows.ts). */
export type Extract =
  /** Single choice: value → code (1..k in choice order, or the value itself with codeScheme "values"). */
  | { kind: "single"; values: unknown[]; codes: number[]; texts: string[]; otherValue: unknown }
  /** Free text typed for "other" (`<key>-Comment`, or a value outside the list when stored as text). */
  | { kind: "other"; values: unknown[]; otherValue: unknown }
  /** `<key>-Comment` of a question with a comment area. */
  | { kind: "comment" }
  /** checkbox/tagbox/multi imagepicker: 1 when `value` is selected, 0 when not, empty when unanswered. */
  | { kind: "dummy"; value: unknown; values: unknown[]; isOther: boolean }
  /** ranking: 1-based position of `value` in the answer array. */
  | { kind: "rank"; value: unknown }
  /** matrix (single): the column chosen in `row`. */
  | { kind: "matrixRow"; row: string; values: unknown[]; codes: number[]; texts: string[]; multiple: boolean }
  /** matrixdropdown: the cell `row` × `column`, as text. */
  | { kind: "cell"; row: string; column: string }
  /** multipletext: the item `item`, as text. */
  | { kind: "item"; item: string }
  /** text/comment/expression: as text (or as a number for numeric text inputs). */
  | { kind: "text"; numeric: boolean }
  /** anything structured (paneldynamic, matrixdynamic, file, signaturepad…): compact JSON. */
  | { kind: "json" };

export type ColumnSource =
  /** A value the caller supplies per row (response_id, weight…), by the name it was declared with. */
  | { kind: "leading"; name: string; index: number }
  /** `question` is the answer key (the question's valueName). */
  | { kind: "answer"; question: string; extract: Extract };

export interface ExportColumn {
  /** A valid SPSS variable name, unique case-insensitively across the export. */
  name: string;
  label: string;
  type: "numeric" | "string";
  valueLabels?: ValueLabel[];
  /** SPSS display format for numeric columns, e.g. F8.0, F4.0, F12.6. */
  spssFormat?: string;
  /** Suggested SPSS string width in bytes (A<width>) for string columns. */
  width?: number;
  measure?: Measure;
  source: ColumnSource;
}

/** A fixed column placed before the questions (response_id, submitted_at, weight…). */
export interface LeadingColumn {
  name: string;
  label?: string;
  type: "numeric" | "string";
  /** e.g. "F12.6" for a weight; default F12.0 for numbers. */
  spssFormat?: string;
  width?: number;
  measure?: Measure;
}

/**
 * A question as listed by listQuestions, plus facts that listing does not carry. exportQuestions()
 * fills them from the definition; with a plain QuestionInfo they are guessed (see columns.ts).
 */
export interface ExportQuestion extends QuestionInfo {
  /** imagepicker multiSelect, matrix with checkbox cells. */
  multiple?: boolean;
  /** Value of the "other" item when showOtherItem is on, null when off. */
  otherValue?: unknown;
  /** showCommentArea: a `<key>-Comment` text accompanies the answer. */
  commentArea?: boolean;
  /** text input of type number/range. */
  numeric?: boolean;
}

export interface ExportOptions {
  leading?: LeadingColumn[];
  /**
   * "index" (default): single-choice codes are 1..k in choice order.
   * "values": when every choice value is a distinct integer (ratings 0–10, 5-point scales), the
   * values themselves are the codes, so means and NPS computed on them are right.
   */
  codeScheme?: "index" | "values";
}

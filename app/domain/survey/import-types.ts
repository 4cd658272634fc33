/** Internal shapes of response-import planning, shared by the header mapping and the cell decoding. */
import type { ExportQuestion } from "../exports/types";
import type { ImportMode } from "./import-plan";
import type { Spec } from "./spec";

export const AMBIGUOUS = -1;

export type Shape = "single" | "multi" | "ranking" | "matrix" | "matrixdropdown" | "multipletext" | "raw";
export type Special = "submission_id" | "duration_s" | "duration_ms" | "ignored";

export type Part =
  | { t: "whole" }
  /** checkbox-like: a 0/1 column; ranking: the choice's rank. */
  | { t: "pick"; i: number }
  | { t: "row"; row: string }
  | { t: "cell"; row: string; col: string }
  | { t: "item"; item: string }
  | { t: "other" }
  | { t: "comment" };

export type Target = { q: number; part: Part } | { special: Special };

export interface ChoiceTable {
  /** Shown in messages: `question "color"`, `the columns of matrix "m"`. */
  what: string;
  values: unknown[];
  texts: string[];
  byValue: Map<string, number>;
  byLabel: Map<string, number>;
  /** Some value is a number 1..k that is the code of another choice. */
  clash: boolean;
  /** Typed keys the validator accepts (choices hidden at rest are not listed); null = unknown. */
  allowed: Set<string> | null;
}

export interface QPlan {
  index: number;
  name: string;
  key: string;
  spec: Spec;
  info: ExportQuestion;
  shape: Shape;
  choices: ChoiceTable | null;
  matrixColumns: ChoiceTable | null;
  multipleCells: boolean;
  /** undefined: no "other" item. */
  otherValue: unknown;
  otherAsText: boolean;
  // Filled from the header (column indexes; -1 = none).
  whole: number;
  picks: Array<{ i: number; col: number }>;
  rows: Array<{ row: string; col: number }>;
  cells: Array<{ row: string; col: string; at: number }>;
  items: Array<{ item: string; at: number }>;
  other: number;
  comment: number;
  /** Answer path (`key`, `key.row`, `key.row.col`, `key-Comment`) → header name, for validator errors. */
  paths: Map<string, string>;
  columns: string[];
}

export type Resolved = { ok: true; value: unknown } | { ok: false; message: string };


export interface Context {
  mode: ImportMode;
  /** The file is an export of this app: its numbers are codes, so codes are always considered. */
  isExport: boolean;
  header: string[];
}

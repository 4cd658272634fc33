/** Answer spec types and limits (see spec.ts). */

/** Hard cap for a string answer when the question sets no maxLength. */
export const DEFAULT_MAX_STRING = 10_000;
/** Cap for base64 data-URL strings (file content, signatures) when no maxSize is set. */
export const MAX_DATA_URL = 2_000_000;
export const MAX_FILES = 20;
export const COMMENT_SUFFIX = "-Comment";
export const TOTAL_SUFFIX = "-total";

/** Typed key of a primitive answer value: 2 and "2" are different answers. */
export function keyOf(v: unknown): string | null {
  if (typeof v === "string") return "s:" + v;
  if (typeof v === "number") return Number.isFinite(v) ? "n:" + v : null;
  if (typeof v === "boolean") return "b:" + v;
  return null;
}

export interface Base {
  name: string;
  /** Key in the answers object: valueName when set, else name. */
  key: string;
  type: string;
  /** `<key>-Comment` may accompany the value (comment area, or "other" stored as comment). */
  hasComment: boolean;
  /** Needs checks against the live model (conditional choices, choicesFromQuestion, rowsVisibleIf...). */
  live: boolean;
}
export interface TextSpec extends Base {
  kind: "text";
  numeric: boolean;
  min: number | null;
  max: number | null;
  maxLength: number;
}
export interface KeySetSpec extends Base {
  kind: "boolean" | "rating";
  allowed: Set<string>;
}
export interface SelectSpec extends Base {
  kind: "select";
  multiple: boolean;
  ranking: boolean;
  selectToRank: boolean;
  /** null when the list is only known at run time (choicesFromQuestion, choicesByUrl). */
  allowed: Set<string> | null;
  /** choicesByUrl: the server never fetches, values are type-checked only and flagged. */
  unverified: boolean;
  /** The list depends on answers (choicesFromQuestion, choicesVisibleIf, item conditions...). */
  dynamicChoices: boolean;
  otherKey: string | null;
  otherAsText: boolean;
  special: Map<string, "other" | "none">;
  exclusive: Set<string>;
  commentChoices: Set<string>;
  minSelected: number;
  maxSelected: number;
  valuePropertyName: string | null;
}
export interface MatrixSpec extends Base {
  kind: "matrix";
  rows: Set<string>;
  columns: Set<string>;
  multiple: boolean;
}
export interface MatrixDropdownSpec extends Base {
  kind: "matrixdropdown";
  rows: Set<string>;
  cells: Map<string, Spec>;
}
export interface MatrixDynamicSpec extends Base {
  kind: "matrixdynamic";
  cells: Map<string, Spec>;
  maxRows: number;
}
export interface MultipleTextSpec extends Base {
  kind: "multipletext";
  cells: Map<string, Spec>;
}
export interface PanelDynamicSpec extends Base {
  kind: "paneldynamic";
  cells: Map<string, Spec>;
  maxPanels: number;
  minPanels: number;
}
export interface FileSpec extends Base {
  kind: "file";
  multiple: boolean;
  maxContent: number;
}
export interface SliderSpec extends Base {
  kind: "slider";
  min: number | null;
  max: number | null;
}
/** expression (computed), signaturepad, unknown types: size-capped JSON, kept as is. */
export interface OtherSpec extends Base {
  kind: "expression" | "dataurl" | "opaque";
}
export type Spec =
  | TextSpec
  | KeySetSpec
  | SelectSpec
  | MatrixSpec
  | MatrixDropdownSpec
  | MatrixDynamicSpec
  | MultipleTextSpec
  | PanelDynamicSpec
  | FileSpec
  | SliderSpec
  | OtherSpec;

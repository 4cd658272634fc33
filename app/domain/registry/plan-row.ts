/**
 * One CSV row under check. Every reader records its problem and returns null instead of stopping,
 * so a person sees all of a row's mistakes in one report rather than one per upload.
 */
import type { RejectionCode } from "./rejection-messages";

export interface Issue {
  field: string | null;
  code: RejectionCode;
  value?: string;
  params?: Record<string, string | number>;
}

const CODE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const VALUE_LIMIT = 200;
/** population is an SQL integer column */
const MAX_POPULATION = 2_147_483_647;
const PLAIN_INT = /^\d+$/;
/** "753 046" as Russian spreadsheets show it: plain, no-break or narrow no-break spaces */
const GROUPED_INT = /^\d{1,3}(?:[ \u00a0\u202f]\d{3})+$/;

const BOOLEANS = new Map<string, boolean>([
  ["true", true],
  ["yes", true],
  ["1", true],
  ["да", true],
  ["false", false],
  ["no", false],
  ["0", false],
  ["нет", false],
]);

export class Row {
  readonly issues: Issue[] = [];

  constructor(
    readonly line: number,
    private readonly cells: Readonly<Record<string, string>>,
  ) {}

  get(column: string): string {
    // hasOwn: a name like "constructor" must not reach Object.prototype
    return Object.hasOwn(this.cells, column) ? (this.cells[column] ?? "").trim() : "";
  }

  opt(column: string): string | null {
    const v = this.get(column);
    return v === "" ? null : v;
  }

  fail(field: string, code: RejectionCode, params?: Issue["params"], value: string = this.get(field)): void {
    const shown = value.trim().slice(0, VALUE_LIMIT);
    this.issues.push({
      field,
      code,
      ...(shown !== "" ? { value: shown } : {}),
      ...(params ? { params } : {}),
    });
  }

  required(column: string): string | null {
    const v = this.opt(column);
    if (v === null) this.fail(column, "required");
    return v;
  }

  /** Codes are compared case-insensitively everywhere, so they are stored lower-cased. */
  code(column: string, required: boolean): string | null {
    const v = required ? this.required(column) : this.opt(column);
    if (v === null) return null;
    const code = v.toLowerCase();
    if (CODE_PATTERN.test(code)) return code;
    this.fail(column, "invalid_code");
    return null;
  }

  kind<K extends string>(column: string, allowed: readonly K[]): K | null {
    const v = this.required(column)?.toLowerCase();
    if (v === undefined) return null;
    if ((allowed as readonly string[]).includes(v)) return v as K;
    this.fail(column, "unknown_kind", { allowed: allowed.join(", ") });
    return null;
  }

  bool(column: string, fallback: boolean): boolean {
    const v = this.get(column).toLowerCase();
    if (v === "") return fallback;
    const b = BOOLEANS.get(v);
    if (b !== undefined) return b;
    this.fail(column, "invalid_boolean");
    return fallback;
  }

  /** Empty means unknown and stays null: a 0 would be read as "nobody lives there". */
  population(column: string): number | null {
    const v = this.opt(column);
    if (v === null) return null;
    if (PLAIN_INT.test(v) || GROUPED_INT.test(v)) {
      const n = Number(v.replace(/[ \u00a0\u202f]/g, ""));
      if (n <= MAX_POPULATION) return n;
    }
    this.fail(column, "invalid_number");
    return null;
  }

  year(column: string): number | null {
    const v = this.opt(column);
    if (v === null) return null;
    const n = Number(v);
    if (/^\d{4}$/.test(v) && n >= 1800 && n <= 2100) return n;
    this.fail(column, "invalid_year");
    return null;
  }
}

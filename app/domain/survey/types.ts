/** Public types of the survey domain module (pure: no I/O). */

/** A SurveyJS definition as stored (the JSON object the designer produces). */
export type SurveyDefinition = Record<string, unknown>;

export type DefinitionIssueCode =
  | "not_object"
  | "not_serializable"
  | "too_large"
  | "parse_failed"
  | "unknown_type"
  | "unknown_property"
  | "missing_property"
  | "not_array"
  | "invalid_property_value"
  | "json_error"
  | "invalid_name"
  | "duplicate_name"
  | "no_questions"
  | "name_collision"
  | "dynamic_choices"
  | "unnamed_element";

export interface DefinitionIssue {
  /** Readable location, e.g. `pages[0].elements[2].type`; "" for the whole definition. */
  path: string;
  code: DefinitionIssueCode;
  message: string;
}

export type CheckDefinitionResult =
  | { ok: true; definition: SurveyDefinition; warnings: DefinitionIssue[] }
  | { ok: false; errors: DefinitionIssue[] };

export interface ChoiceInfo {
  value: unknown;
  text: string;
}

export interface QuestionInfo {
  name: string;
  /** The key the answer is stored under (valueName when set, else name). */
  valueName: string;
  type: string;
  /** Title in the definition's default locale (falls back to the name). */
  title: string;
  choices?: ChoiceInfo[];
  rateValues?: (number | string)[];
  rows?: ChoiceInfo[];
  columns?: ChoiceInfo[];
  pageIndex: number;
}

export type Locale = "ru" | "en";

export interface AnswerError {
  /** Top-level question name the problem belongs to; null for body-level problems (and unknown keys). */
  question: string | null;
  code: string;
  message: string;
  /** Precise location inside the answers, e.g. `relatives[1].liveage` or `carInfo.BMW.years`. */
  path?: string;
}

export interface ValidateOptions {
  locale?: Locale;
}

export type ValidateResult =
  | { ok: true; cleaned: Record<string, unknown>; warnings: AnswerError[] }
  | { ok: false; errors: AnswerError[] };

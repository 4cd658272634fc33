/**
 * Validating a methodology and saying what is wrong in words an analyst can act on, Russian
 * first (as registry/rejection-messages.ts does): every issue carries a stable code, the field
 * path ("criteria[1].weight") and the values involved, so the editor can highlight the field.
 */
import type { ZodIssue } from "zod";
import { METRIC_IDS, methodologySchema, type Methodology } from "./methodology";

export const METHODOLOGY_ISSUE_CODES = [
  "required",
  "invalid_type",
  "unknown_metric",
  "unknown_value",
  "unexpected_value",
  "unknown_field",
  "out_of_range",
  "invalid_value",
  "negative_weight",
  "weights_sum_zero",
  "measure_metric_mismatch",
  "organisation_measure_in_part",
  "thresholds_equal",
  "duplicate_id",
  "lowest_band_not_red",
  "bands_range",
  "band_empty",
  "duplicate_grade",
  "bands_unordered",
  "bands_overlap",
  "bands_gap",
] as const;
export type MethodologyIssueCode = (typeof METHODOLOGY_ISSUE_CODES)[number];
export type Locale = "ru" | "en";

export interface MethodologyIssue {
  code: MethodologyIssueCode;
  /** "criteria[1].parts[0].scoring.green"; "" for the document itself */
  path: string;
  params: Record<string, string | number>;
}

export type MethodologyValidation =
  | { ok: true; methodology: Methodology }
  | { ok: false; issues: MethodologyIssue[] };

export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

const isCode = (c: unknown): c is MethodologyIssueCode =>
  typeof c === "string" && (METHODOLOGY_ISSUE_CODES as readonly string[]).includes(c);

function fromZod(issue: ZodIssue): MethodologyIssue[] {
  const path = formatPath(issue.path);
  const last = issue.path[issue.path.length - 1];
  switch (issue.code) {
    case "custom": {
      const { code, ...params } = (issue.params ?? {}) as Record<string, string | number>;
      return [{ code: isCode(code) ? code : "invalid_value", path, params }];
    }
    case "invalid_type":
      return [issue.received === "undefined"
        ? { code: "required", path, params: {} }
        : { code: "invalid_type", path, params: { expected: issue.expected, received: issue.received } }];
    case "invalid_enum_value":
      return [{ code: last === "metric" ? "unknown_metric" : "unknown_value", path, params: { value: String(issue.received), allowed: issue.options.join(", ") } }];
    case "invalid_literal": {
      const value = String(issue.received);
      const unknownMetric = last === "metric" && !(METRIC_IDS as readonly string[]).includes(value);
      return [unknownMetric
        ? { code: "unknown_metric", path, params: { value, allowed: METRIC_IDS.join(", ") } }
        : { code: "unexpected_value", path, params: { value, expected: String(issue.expected) } }];
    }
    case "invalid_union_discriminator":
      return [{ code: "unknown_value", path, params: { value: "", allowed: issue.options.map(String).join(", ") } }];
    case "unrecognized_keys":
      return issue.keys.map((key) => ({ code: "unknown_field" as const, path: formatPath([...issue.path, key]), params: {} }));
    case "too_small":
      return [{ code: "out_of_range", path, params: { min: Number(issue.minimum) } }];
    case "too_big":
      return [{ code: "out_of_range", path, params: { max: Number(issue.maximum) } }];
    default:
      return [{ code: "invalid_value", path, params: {} }];
  }
}

/** Parse an untrusted methodology document (the editor's JSON, a stored version). */
export function validateMethodology(input: unknown): MethodologyValidation {
  const parsed = methodologySchema.safeParse(input);
  if (parsed.success) return { ok: true, methodology: parsed.data };
  return { ok: false, issues: parsed.error.issues.flatMap(fromZod) };
}

type P = (key: string) => string;
const SENTENCES: Record<MethodologyIssueCode, Record<Locale, (p: P) => string>> = {
  required: { ru: () => "обязательное поле не заполнено", en: () => "required field is missing" },
  invalid_type: { ru: (p) => `неверный тип: ожидается ${p("expected")}, получено ${p("received")}`, en: (p) => `wrong type: expected ${p("expected")}, got ${p("received")}` },
  unknown_metric: { ru: (p) => `неизвестная метрика «${p("value")}». Допустимо: ${p("allowed")}`, en: (p) => `unknown metric "${p("value")}". Allowed: ${p("allowed")}` },
  unknown_value: { ru: (p) => `недопустимое значение «${p("value")}». Допустимо: ${p("allowed")}`, en: (p) => `value "${p("value")}" is not allowed. Allowed: ${p("allowed")}` },
  unexpected_value: { ru: (p) => `здесь возможно только «${p("expected")}», а указано «${p("value")}»`, en: (p) => `only "${p("expected")}" is allowed here, got "${p("value")}"` },
  unknown_field: { ru: () => "такого поля в методике нет", en: () => "this field is not part of a methodology" },
  out_of_range: {
    ru: (p) => (p("min") ? `значение меньше допустимого (минимум ${p("min")})` : `значение больше допустимого (максимум ${p("max")})`),
    en: (p) => (p("min") ? `value is below the minimum (${p("min")})` : `value is above the maximum (${p("max")})`),
  },
  invalid_value: { ru: () => "недопустимое значение", en: () => "invalid value" },
  negative_weight: { ru: () => "вес не может быть отрицательным", en: () => "a weight cannot be negative" },
  weights_sum_zero: { ru: () => "сумма весов должна быть больше нуля", en: () => "the weights must add up to more than zero" },
  measure_metric_mismatch: {
    ru: (p) => `показатель «${p("measure")}» относится к метрике ${p("expected")}, а не к ${p("metric")}`,
    en: (p) => `measure "${p("measure")}" belongs to metric ${p("expected")}, not ${p("metric")}`,
  },
  organisation_measure_in_part: {
    ru: (p) => `показатель «${p("measure")}» считается для организации целиком: его можно оценивать только по процентилю в группе`,
    en: (p) => `measure "${p("measure")}" is organisation-wide: it can only be scored as a peer-group percentile`,
  },
  thresholds_equal: { ru: (p) => `«зелёный» и «красный» пороги совпадают (${p("value")}): шкала вырождается`, en: (p) => `green and red thresholds are equal (${p("value")}), so the scale is empty` },
  duplicate_id: { ru: (p) => `идентификатор «${p("id")}» уже занят`, en: (p) => `id "${p("id")}" is already used` },
  lowest_band_not_red: { ru: (p) => `нижней должна быть «красная» зона, а указана «${p("grade")}»`, en: (p) => `the lowest band must be red, not ${p("grade")}` },
  bands_range: { ru: (p) => `зоны должны покрывать шкалу от 0 до 100: здесь ${p("value")}, нужно ${p("expected")}`, en: (p) => `bands must cover 0 to 100: got ${p("value")}, expected ${p("expected")}` },
  band_empty: { ru: (p) => `зона пуста: начало ${p("from")} не меньше конца ${p("to")}`, en: (p) => `the band is empty: from ${p("from")} is not below to ${p("to")}` },
  duplicate_grade: { ru: (p) => `зона «${p("grade")}» указана дважды`, en: (p) => `grade ${p("grade")} appears twice` },
  bands_unordered: { ru: () => "зоны должны идти снизу вверх: красная, жёлтая, зелёная", en: () => "bands must be listed lowest first: red, yellow, green" },
  bands_overlap: { ru: (p) => `зона начинается с ${p("from")}, а предыдущая ещё не кончилась (до ${p("previousTo")})`, en: (p) => `the band starts at ${p("from")}, inside the previous one (up to ${p("previousTo")})` },
  bands_gap: { ru: (p) => `между зонами разрыв: предыдущая кончается на ${p("previousTo")}, эта начинается с ${p("from")}`, en: (p) => `gap between bands: the previous ends at ${p("previousTo")}, this starts at ${p("from")}` },
};

/** "criteria[1].weight: вес не может быть отрицательным" — the path first, so it can be found. */
export function describeMethodologyIssue(issue: MethodologyIssue, locale: Locale): string {
  const p: P = (key) => (issue.params[key] === undefined ? "" : String(issue.params[key]));
  const text = SENTENCES[issue.code][locale](p);
  const where = issue.path || (locale === "ru" ? "методика" : "methodology");
  return `${where}: ${text}`;
}

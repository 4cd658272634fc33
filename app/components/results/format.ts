import type { Locale } from "../../i18n";

const tag = (locale: Locale) => (locale === "ru" ? "ru-RU" : "en-GB");

/** A share as a percentage with one decimal; "—" when there is none. */
export function pct(locale: Locale, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return new Intl.NumberFormat(tag(locale), { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

export function fmt(locale: Locale, value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return new Intl.NumberFormat(tag(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** p-values: four decimals, or "< 0.0001". */
export function pValue(locale: Locale, p: number): string {
  return p < 0.0001 ? `< ${fmt(locale, 0.0001, 4)}` : fmt(locale, p, 4);
}

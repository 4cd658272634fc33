/**
 * Localised text. survey-core's global default locale is English, and it reads the "default" key
 * for English (`{ default: "Д", en: "E" }` shows "Д" to an English reader). So the designer never
 * writes "default": Russian goes to "ru", English to "en". Russian alone is stored as a plain string
 * (SurveyJS shows a plain string in every locale, so an untranslated question still reads in
 * Russian rather than falling back to its name); both languages as `{ ru, en }`; other locales'
 * keys in imported JSON are kept. Reading mirrors survey-core: ru = ru ?? default, en = default ?? en.
 */
import { isObject, type JsonObject, type Locale, type LocalizedText } from "./shape";

export function readText(value: unknown, locale: Locale): string {
  if (typeof value === "string") return locale === "ru" ? value : "";
  if (typeof value === "number") return locale === "ru" ? String(value) : "";
  if (!isObject(value)) return "";
  const pick = (k: string) => (typeof value[k] === "string" ? (value[k] as string) : undefined);
  return (locale === "ru" ? (pick("ru") ?? pick("default")) : (pick("default") ?? pick("en"))) ?? "";
}

/** The stored form of a text after setting one locale (undefined when nothing is left). */
export function writeText(current: unknown, locale: Locale, text: string): LocalizedText | undefined {
  const ru = locale === "ru" ? text : readText(current, "ru");
  const en = locale === "en" ? text : readText(current, "en");
  const others: Record<string, string> = {};
  if (isObject(current)) {
    for (const [k, v] of Object.entries(current)) if (k !== "default" && k !== "ru" && k !== "en" && typeof v === "string") others[k] = v;
  }
  if (!en && Object.keys(others).length === 0) return ru || undefined;
  const out: Record<string, string> = {};
  if (ru) out.ru = ru;
  if (en) out.en = en;
  return Object.keys(out).length === 0 ? undefined : { ...out, ...others };
}

export function setLocalizedText<T extends JsonObject>(obj: T, prop: string, locale: Locale, text: string): T {
  const next: JsonObject = { ...obj };
  const value = writeText(obj[prop], locale, text);
  if (value === undefined) delete next[prop];
  else next[prop] = value;
  return next as T;
}

export const both = (ru: string, en: string): LocalizedText => ({ ru, en });

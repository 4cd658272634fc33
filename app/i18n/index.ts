/** Locale choice and message lookup; shared by server and browser (no secrets here). */
import { en } from "./en";
import { ru, type MessageKey } from "./ru";

export const LOCALES = ["ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ru";
export type { MessageKey };

const dictionaries: Record<Locale, Record<MessageKey, string>> = { ru, en };

export function isLocale(value: unknown): value is Locale {
  return value === "ru" || value === "en";
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key, params) => {
    const text = dict[key] ?? ru[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}

/** Field errors travel as keys ("email.invalid"); unknown keys show as they are. */
export function errorText(t: Translate, code: string | undefined): string | undefined {
  if (!code) return undefined;
  const key = `err.${code}` as MessageKey;
  return key in ru ? t(key) : code;
}

/** The user's explicit choice, else Russian: the product is Russian first whatever the browser says. */
export function localeFromRequest(request: Request): Locale {
  const cookie = request.headers.get("Cookie") ?? "";
  const match = /(?:^|;\s*)rp_lang=(ru|en)(?:;|$)/.exec(cookie);
  if (match && isLocale(match[1])) return match[1];
  return DEFAULT_LOCALE;
}

export function localeCookie(locale: Locale): string {
  return `rp_lang=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB").format(n);
}

export function formatDateTime(locale: Locale, d: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", {
    dateStyle: "short",
    timeStyle: "short",
    timeZone,
  }).format(typeof d === "string" ? new Date(d) : d);
}

/**
 * Words and numbers for explanations, in Russian and English: plurals, value formats, targets
 * and the reasons a criterion could not be measured (COMPLIANCE.md: report measurement limits,
 * do not hide them). The repository had no plural helper, so it lives here.
 */
import type { Platform } from "../compliance/observations";
import type { ProfileItem } from "../compliance/metrics";
import type { OrganisationKind } from "../registry/vocabulary";
import type { NotMeasurableReason, ResidentRating } from "./criteria";
import { MEASURES, type Measure, type Methodology, type Scoring } from "./methodology";

export interface Bilingual {
  ru: string;
  en: string;
}

/**
 * Russian noun form after a number: 1, 21, 101 → one ("комментарий"); 2–4, 22–24 → few
 * ("комментария"); 0, 5–20, 25–30, 11–14 → many ("комментариев"). A fraction takes the
 * genitive singular, which is the "few" form ("1,5 поста").
 */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  if (!Number.isInteger(n)) return few;
  const lastTwo = Math.abs(n) % 100;
  const last = lastTwo % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return many;
  if (last === 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}

export const pluralEn = (n: number, one: string, other: string) => (n === 1 ? one : other);

const numberFormats = new Map<string, Intl.NumberFormat>();
export function num(locale: "ru" | "en", n: number, digits = 0): string {
  const key = `${locale}|${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB", { maximumFractionDigits: digits });
    numberFormats.set(key, f);
  }
  return f.format(n);
}

export const both = (f: (l: "ru" | "en") => string): Bilingual => ({ ru: f("ru"), en: f("en") });

/** "5 ч 12 мин" / "5 h 12 min"; hours are not folded into days, as ЦУР reports them. */
export function duration(seconds: number): Bilingual {
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return { ru: `${m} мин`, en: `${m} min` };
  if (m === 0) return { ru: `${h} ч`, en: `${h} h` };
  return { ru: `${h} ч ${m} мин`, en: `${h} h ${m} min` };
}

export function formatValue(measure: Measure, value: number, rating?: ResidentRating | null): Bilingual {
  switch (MEASURES[measure].unit) {
    case "share":
      return both((l) => `${num(l, value * 100)}%`);
    case "rate":
      return both((l) => `${num(l, value * 100, 1)}%`);
    case "seconds":
      return duration(value);
    case "count":
      return both((l) => num(l, value, 1));
    case "rating":
      return both((l) => (rating ? `${num(l, value, 2)} ± ${num(l, rating.moe95, 2)}` : num(l, value, 2)));
  }
}

export function targetText(measure: Measure, scoring: Scoring | null, kind: OrganisationKind): Bilingual {
  if (!scoring) return { ru: "процентиль в группе сравнения: чем выше, тем лучше", en: "percentile in the peer group: higher is better" };
  if (scoring.kind === "count_target") {
    const t = scoring.targetByKind[kind] ?? 0;
    if (t <= 0) return { ru: "не требуется", en: "not required" };
    return both((l) => (l === "ru" ? `не меньше ${num(l, t)} в месяц` : `at least ${num(l, t)} a month`));
  }
  const green = formatValue(measure, scoring.green);
  const red = formatValue(measure, scoring.red);
  const higher = scoring.green > scoring.red;
  // A red threshold at the bottom of the scale (0%) says nothing worth reading.
  const trivialRed = higher && scoring.red <= 0;
  return {
    ru: `${higher ? "не меньше" : "не больше"} ${green.ru}${trivialRed ? "" : `; ${red.ru} и ${higher ? "меньше" : "больше"} — 0 баллов`}`,
    en: `${higher ? "at least" : "at most"} ${green.en}${trivialRed ? "" : `; ${red.en} or ${higher ? "less" : "more"} scores 0`}`,
  };
}

export function reasonText(reason: NotMeasurableReason, methodology: Methodology, rating: ResidentRating | null): Bilingual {
  switch (reason) {
    case "platform_cannot_tell":
      return { ru: "Площадка не позволяет это измерить", en: "The platform does not let us measure this" };
    case "no_population":
      return { ru: "Неизвестна численность населения территории", en: "The population served is unknown" };
    case "no_pages":
      return { ru: "Нет проверенных активных страниц", en: "No audited active page" };
    case "nothing_eligible":
      return { ru: "За период не было комментариев жителей, ждущих ответа", en: "No resident comment needed an answer in the period" };
    case "no_full_week":
      return { ru: "В периоде нет ни одной полной недели", en: "The period holds no full week" };
    case "no_posts":
      return { ru: "За период не было постов", en: "No posts in the period" };
    case "not_required":
      return { ru: "Для организаций этого типа не требуется", en: "Not required for this kind of organisation" };
    case "no_survey":
      return { ru: "Нет опроса с оценкой этой организации", en: "No published survey rated this organisation" };
    case "sample_too_small": {
      const min = methodology.measurement.ratingMinEffectiveN;
      const n = rating ? Math.floor(rating.nEff) : 0;
      return both((l) => (l === "ru"
        ? `Слишком мало ответов: эффективный n = ${num(l, n)}, нужно не меньше ${num(l, min)}`
        : `Too few answers: effective n = ${num(l, n)}, at least ${num(l, min)} needed`));
    }
    case "no_peers":
      return { ru: "В группе сравнения больше не с кем сравнить", en: "No other organisation in the peer group to compare with" };
  }
}

export const PLATFORM_NAMES: Record<Platform, string> = { vk: "VK", ok: "OK", telegram: "Telegram", max: "MAX" };

export const PROFILE_ITEM_NAMES: Record<ProfileItem, Bilingual> = {
  description: { ru: "описание", en: "description" },
  contacts: { ru: "телефон или e-mail", en: "phone or e-mail" },
  address: { ru: "адрес", en: "address" },
  site: { ru: "сайт", en: "website" },
  avatar: { ru: "аватар", en: "avatar" },
  cover: { ru: "обложка", en: "cover" },
  wallOpen: { ru: "открытая стена", en: "open wall" },
};

/**
 * Words and number/date formats of the printed briefing, Russian first. Every string the PDF
 * prints that is not report data comes from here.
 */
import type { BriefingReport, Grade, Movement } from "./briefing-model";

export type BriefingLocale = BriefingReport["locale"];
export type GradeKey = Grade | "none";

export interface BriefingStrings {
  kicker: string;
  title: (period: string) => string;
  methodology: (title: string, version: number) => string;
  generatedAt: (when: string) => string;
  summary: string;
  contents: string;
  organisations: string;
  pages: string;
  meanScore: string;
  changeVsPrevious: (change: string) => string;
  noPrevious: string;
  unansweredOver24h: string;
  grades: Record<GradeKey, string>;
  /** the short form in a table's grade chip */
  gradeChips: Record<GradeKey, string>;
  gradeDistribution: string;
  history: string;
  territoryScores: string;
  top: string;
  bottom: string;
  territories: string;
  ranking: (peerGroup: string) => string;
  rankingNone: string;
  continued: string;
  noData: string;
  noOrganisations: string;
  movement: Record<Exclude<Movement, "up" | "down">, string>;
  columns: {
    rank: string;
    rankInGroup: string;
    movement: string;
    organisation: string;
    territory: string;
    score: string;
    grade: string;
    cappedBy: string;
    topFix: string;
    organisations: string;
    meanScore: string;
  };
  page: (n: number, of: number) => string;
}

const ru: BriefingStrings = {
  kicker: "Справка для губернатора",
  title: (period) => `Соблюдение требований к госпабликам — ${period}`,
  methodology: (title, version) => `Методика: ${title}, версия ${version}`,
  generatedAt: (when) => `Сформировано: ${when}`,
  summary: "Итоги периода",
  contents: "Содержание",
  organisations: "Организации",
  pages: "Госпаблики",
  meanScore: "Средний балл",
  changeVsPrevious: (change) => `${change} к прошлому периоду`,
  noPrevious: "прошлого периода нет",
  unansweredOver24h: "Комментарии без ответа более 24 ч",
  grades: { green: "зелёная зона", yellow: "жёлтая зона", red: "красная зона", none: "нет оценки" },
  gradeChips: { green: "зелёная", yellow: "жёлтая", red: "красная", none: "нет" },
  gradeDistribution: "Распределение организаций по зонам",
  history: "Динамика среднего балла",
  territoryScores: "Средний балл по территориям",
  top: "Лучшие 10 организаций",
  bottom: "Худшие 10 организаций",
  territories: "Территории",
  ranking: (peerGroup) => `Рейтинг: ${peerGroup}`,
  rankingNone: "Рейтинг по группам",
  continued: "(продолжение)",
  noData: "нет данных",
  noOrganisations: "Нет организаций за этот период",
  movement: { same: "=", new: "новый", unranked: "—" },
  columns: {
    rank: "Место",
    rankInGroup: "Место в группе",
    movement: "Динамика",
    organisation: "Организация",
    territory: "Территория",
    score: "Балл",
    grade: "Зона",
    cappedBy: "Ограничено",
    topFix: "Что исправить в первую очередь",
    organisations: "Организаций",
    meanScore: "Средний балл",
  },
  page: (n, of) => `стр. ${n} из ${of}`,
};

const en: BriefingStrings = {
  kicker: "Briefing for the governor",
  title: (period) => `Official public pages compliance — ${period}`,
  methodology: (title, version) => `Methodology: ${title}, version ${version}`,
  generatedAt: (when) => `Generated: ${when}`,
  summary: "Period summary",
  contents: "Contents",
  organisations: "Organisations",
  pages: "Official pages",
  meanScore: "Mean score",
  changeVsPrevious: (change) => `${change} vs previous period`,
  noPrevious: "no previous period",
  unansweredOver24h: "Comments unanswered for more than 24 h",
  grades: { green: "green", yellow: "yellow", red: "red", none: "no grade" },
  gradeChips: { green: "green", yellow: "yellow", red: "red", none: "none" },
  gradeDistribution: "Organisations by grade",
  history: "Mean score over time",
  territoryScores: "Mean score by territory",
  top: "Top 10 organisations",
  bottom: "Bottom 10 organisations",
  territories: "Territories",
  ranking: (peerGroup) => `Ranking: ${peerGroup}`,
  rankingNone: "Rankings by peer group",
  continued: "(continued)",
  noData: "no data",
  noOrganisations: "No organisations in this period",
  movement: { same: "=", new: "new", unranked: "—" },
  columns: {
    rank: "Rank",
    rankInGroup: "Rank in group",
    movement: "Change",
    organisation: "Organisation",
    territory: "Territory",
    score: "Score",
    grade: "Grade",
    cappedBy: "Capped by",
    topFix: "Fix first",
    organisations: "Organisations",
    meanScore: "Mean score",
  },
  page: (n, of) => `page ${n} of ${of}`,
};

export const BRIEFING_STRINGS: Record<BriefingLocale, BriefingStrings> = { ru, en };

const tag = (locale: BriefingLocale) => (locale === "ru" ? "ru-RU" : "en-GB");

export function formatScore(locale: BriefingLocale, score: number | null, digits = 2): string {
  if (score == null || !Number.isFinite(score)) return "—";
  return new Intl.NumberFormat(tag(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(score);
}

/** "+2,10" / "−1,05" / "0,00": a change always shows its sign. */
export function formatChange(locale: BriefingLocale, change: number, digits = 2): string {
  return new Intl.NumberFormat(tag(locale), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: "exceptZero",
  }).format(change);
}

export function formatCount(locale: BriefingLocale, n: number): string {
  return new Intl.NumberFormat(tag(locale)).format(n);
}

/**
 * "22 ноября 2026 г., 09:15" / "22 November 2026, 09:15" in the region's zone. A value that is
 * not a date is printed as given rather than failing the whole briefing.
 */
export function formatGeneratedAt(locale: BriefingLocale, iso: string, timeZone: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const date = new Intl.DateTimeFormat(tag(locale), { day: "numeric", month: "long", year: "numeric", timeZone }).format(instant);
  const time = new Intl.DateTimeFormat(tag(locale), { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(instant);
  return `${date}, ${time}`;
}

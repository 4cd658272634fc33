/**
 * A realistic BriefingReport for the PDF tests: organisations of the Amur region across three
 * peer groups and ten territories, ranked the way the reports service ranks them. Deterministic
 * (a seeded generator), so the same call always gives the same report.
 */
import type { BriefingReport, BriefingRow, BriefingTerritory, Grade, Movement } from "../../app/domain/reports/briefing-model";

export const LONG_ORGANISATION_NAME = "Министерство имущественных отношений, земельных ресурсов и градостроительной политики Амурской области";
/** one word far wider than any column: must wrap inside its cell and end in an ellipsis */
export const WORD_BOMB = `ГосударственноеКазённоеУчреждение${"Ы".repeat(600)}`;

const TERRITORIES = [
  ["blg", "г. Благовещенск"],
  ["blk", "г. Белогорск"],
  ["svb", "г. Свободный"],
  ["tnd", "Тындинский муниципальный округ"],
  ["zea", "г. Зея"],
  ["shm", "Шимановский муниципальный округ"],
  ["rch", "г. Райчихинск"],
  ["ivn", "Ивановский муниципальный округ"],
  ["tmb", "Тамбовский муниципальный округ"],
  ["skv", "Сковородинский муниципальный округ"],
] as const;

const MINISTRIES = [
  LONG_ORGANISATION_NAME,
  "Министерство здравоохранения Амурской области",
  "Министерство образования и науки Амурской области",
  "Министерство социальной защиты населения Амурской области",
  "Министерство культуры и архивного дела Амурской области",
  "Министерство транспорта и дорожного хозяйства Амурской области",
  "Министерство жилищно-коммунального хозяйства Амурской области",
  "Министерство сельского хозяйства Амурской области",
  "Министерство по физической культуре и спорту Амурской области",
  "Министерство экономического развития и внешних связей Амурской области",
  "Министерство финансов Амурской области",
  "Министерство природных ресурсов Амурской области",
  "Министерство цифрового развития и связи Амурской области",
  "Министерство внутренней и информационной политики Амурской области",
];

const MUNICIPAL = [
  "Администрация города Благовещенска",
  "Администрация города Белогорск",
  "Администрация города Свободного",
  "Администрация Тындинского муниципального округа",
  "Администрация города Зеи",
  "Администрация Шимановского муниципального округа",
  "Администрация города Райчихинска",
  "Администрация Ивановского муниципального округа",
  "Администрация Тамбовского муниципального округа",
  "Администрация Сковородинского муниципального округа",
  "Администрация Благовещенского муниципального округа",
  "Администрация Константиновского муниципального округа",
  "Администрация Михайловского муниципального округа",
];

const SUBORDINATE = [
  "ГАУЗ АО «Амурская областная клиническая больница»",
  "ГАУЗ АО «Благовещенская городская клиническая больница»",
  "ГАУ АО «Амурский областной центр социального обслуживания населения»",
  "ГБУ АО «Управление по обеспечению безопасности гидротехнических сооружений»",
  "ГАУК АО «Амурская областная научная библиотека им. Н. Н. Муравьёва-Амурского»",
  "ГАУ АО «Многофункциональный центр предоставления государственных и муниципальных услуг»",
  "ГБУ АО «Амурупрадор»",
  "ГАУ ДО АО «Амурский областной центр развития физической культуры»",
  "ГКУ АО «Центр занятости населения города Благовещенска»",
  "ГАПОУ АО «Амурский колледж строительства и жилищно-коммунального хозяйства»",
  WORD_BOMB,
  // control characters, a bidi override and a broken surrogate pair are data too
  "МБУ «Центр\u202E молодёжных\n\tинициатив»\u0007 \uD800",
  "ГАУЗ АО «Амурская областная детская клиническая больница»",
];

export const PEER_GROUPS = [
  { key: "ministries", label: { ru: "Министерства и ведомства", en: "Ministries and agencies" }, names: MINISTRIES },
  { key: "municipal", label: { ru: "Администрации муниципальных образований", en: "Municipal administrations" }, names: MUNICIPAL },
  { key: "subordinate", label: { ru: "Подведомственные учреждения", en: "Subordinate institutions" }, names: SUBORDINATE },
] as const;

const FIXES = [
  "Отвечать на комментарии жителей в течение 24 часов",
  "Заполнить профиль: адрес, телефон, сайт, обложка",
  "Публиковать не реже трёх постов в неделю",
  "Проводить прямой эфир с руководителем не реже раза в месяц",
  "Открыть комментарии под постами",
  null,
];
const GATES = ["нет отметки «Госорганизация»", "комментарии закрыты"];

const MONTHS = {
  ru: ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};

/** mulberry32: a small seeded generator, so the fixture never changes between runs */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const gradeOf = (score: number): Grade => (score >= 75 ? "green" : score >= 50 ? "yellow" : "red");
const mean = (values: number[]) => (values.length ? round2(values.reduce((s, v) => s + v, 0) / values.length) : null);

export interface FixtureOptions {
  /** organisations in all (default 40, spread over the three peer groups) */
  organisations?: number;
  locale?: "ru" | "en";
  seed?: number;
}

export function buildBriefingReport(options: FixtureOptions = {}): BriefingReport {
  const { organisations = 40, locale = "ru", seed = 2026 } = options;
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

  const groups = PEER_GROUPS.map((group) => ({ key: group.key, label: group.label[locale], rows: [] as BriefingRow[] }));
  let pages = 0;
  for (let i = 0; i < organisations; i++) {
    const groupIndex = i % groups.length;
    const names = PEER_GROUPS[groupIndex]!.names;
    const base = names[Math.floor(i / groups.length) % names.length]!;
    const round = Math.floor(i / groups.length / names.length);
    const organisation = round === 0 ? base : `${base} (филиал № ${round})`;
    const territory = groupIndex === 0 ? null : pick(TERRITORIES)[1];
    const measured = rand() > 0.04;
    const score = measured ? round2(20 + rand() * 78) : null;
    const capped = score != null && rand() < 0.12;
    pages += 1 + Math.floor(rand() * 3);
    groups[groupIndex]!.rows.push({
      rank: null,
      previousRank: null,
      movement: "unranked",
      organisation,
      code: `ORG-${String(i + 1).padStart(4, "0")}`,
      peerGroup: groups[groupIndex]!.key,
      territory,
      score,
      grade: score == null ? null : capped ? "red" : gradeOf(score),
      cappedBy: capped ? [pick(GATES)] : [],
      topFix: score == null ? null : pick(FIXES),
    });
  }

  // rank within each peer group by score; a previous rank near the current one, some new entries
  for (const group of groups) {
    group.rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.organisation.localeCompare(b.organisation, "ru"));
    group.rows.forEach((row, index) => {
      if (row.score == null) return;
      row.rank = index + 1;
      if (rand() < 0.08) {
        row.movement = "new";
        return;
      }
      row.previousRank = Math.max(1, row.rank + Math.round((rand() - 0.5) * 6));
      const movement: Movement = row.previousRank > row.rank ? "up" : row.previousRank < row.rank ? "down" : "same";
      row.movement = movement;
    });
  }

  const all = groups.flatMap((g) => g.rows);
  const scored = all.filter((r) => r.score != null).sort((a, b) => b.score! - a.score!);
  const count = (rows: BriefingRow[], grade: Grade | null) => rows.filter((r) => r.grade === grade).length;

  const territories: BriefingTerritory[] = TERRITORIES.map(([code, name]) => {
    const rows = all.filter((r) => r.territory === name);
    const meanScore = mean(rows.flatMap((r) => (r.score == null ? [] : [r.score])));
    return {
      code,
      name,
      organisations: rows.length,
      meanScore,
      grade: meanScore == null ? null : gradeOf(meanScore),
      green: count(rows, "green"),
      yellow: count(rows, "yellow"),
      red: count(rows, "red"),
    };
  });

  const meanScore = mean(scored.map((r) => r.score!));
  const history = Array.from({ length: 12 }, (_, i) => {
    const month = (i + 11) % 12; // December 2025 .. November 2026
    const year = month === 11 ? 2025 : 2026;
    const score = i === 11 ? meanScore : i === 4 ? null : round2(55 + i * 0.9 + rand() * 4);
    return { periodLabel: `${MONTHS[locale][month]} ${year}`, meanScore: score };
  });

  return {
    locale,
    regionName: locale === "ru" ? "Амурская область" : "Amur Oblast",
    periodLabel: locale === "ru" ? "ноябрь 2026" : "November 2026",
    generatedAt: "2026-12-01T00:30:00.000Z",
    methodology: {
      code: "gospublic-2026",
      version: 3,
      title: locale === "ru" ? "Оценка госпабликов ЦУР Амурской области" : "Amur regional centre public pages score",
    },
    summary: {
      organisations: all.length,
      pages,
      grades: { green: count(all, "green"), yellow: count(all, "yellow"), red: count(all, "red"), none: count(all, null) },
      meanScore,
      previousMeanScore: history[10]!.meanScore,
      unansweredOver24h: Math.round(rand() * 120),
    },
    top: scored.slice(0, 10),
    bottom: scored.slice(-10).reverse(),
    peerGroups: groups,
    territories,
    history,
  };
}

/** A period with no organisations at all: every section must still render. */
export function emptyBriefingReport(locale: "ru" | "en" = "ru"): BriefingReport {
  return {
    ...buildBriefingReport({ organisations: 0, locale }),
    summary: { organisations: 0, pages: 0, grades: { green: 0, yellow: 0, red: 0, none: 0 }, meanScore: null, previousMeanScore: null, unansweredOver24h: 0 },
    top: [],
    bottom: [],
    peerGroups: [],
    territories: [],
    history: [],
  };
}

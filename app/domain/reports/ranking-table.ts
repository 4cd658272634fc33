/**
 * The ranking as a table for CSV and XLSX exports: one header (Russian or English) and one row
 * per organisation, the same figures as the ranking page. Pure.
 */
export interface RankingExportRow {
  rank: number | null;
  ranked: number;
  previous_rank: number | null;
  movement: string;
  code: string;
  name_ru: string;
  name_en: string | null;
  kind: string;
  peer_group: string;
  territory_name: string | null;
  score: number | null;
  grade: string | null;
  capped_by: string[];
  platforms: string[];
}

const HEADERS = {
  ru: ["Место", "Из", "Место в прошлом периоде", "Движение", "Код", "Организация", "Тип", "Группа сравнения", "Территория", "Балл", "Оценка", "Ограничено условием", "Платформы"],
  en: ["Rank", "Of", "Previous rank", "Movement", "Code", "Organisation", "Kind", "Peer group", "Territory", "Score", "Grade", "Capped by", "Platforms"],
};

const GRADES = { ru: { green: "зелёный", yellow: "жёлтый", red: "красный" }, en: { green: "green", yellow: "yellow", red: "red" } } as const;

export function rankingTable(rows: readonly RankingExportRow[], locale: "ru" | "en"): { header: string[]; rows: Array<Array<string | number | null>> } {
  return {
    header: HEADERS[locale],
    rows: rows.map((r) => [
      r.rank,
      r.ranked,
      r.previous_rank,
      r.movement,
      r.code,
      locale === "en" && r.name_en ? r.name_en : r.name_ru,
      r.kind,
      r.peer_group,
      r.territory_name,
      r.score === null ? null : Math.round(r.score * 100) / 100,
      r.grade ? GRADES[locale][r.grade as keyof (typeof GRADES)["ru"]] : null,
      r.capped_by.join(", ") || null,
      r.platforms.join(", "),
    ]),
  };
}

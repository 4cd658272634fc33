/**
 * The governor's briefing as data: what the weekly report job (and the "PDF" button of the
 * ranked report) hands to the PDF renderer. Built from stored scores by the reports service; the
 * renderer only lays it out, so the figures in the PDF are exactly those of the ranking page.
 */
export type Grade = "green" | "yellow" | "red";
export type Movement = "up" | "down" | "same" | "new" | "unranked";

export interface BriefingRow {
  rank: number | null;
  previousRank: number | null;
  movement: Movement;
  organisation: string;
  code: string;
  peerGroup: string;
  territory: string | null;
  /** 0–100, two decimals; null when nothing could be measured */
  score: number | null;
  grade: Grade | null;
  /** gates that capped the grade at red, as display text ("нет отметки «Госорганизация»") */
  cappedBy: string[];
  /** the first thing to fix, as display text */
  topFix: string | null;
}

export interface BriefingTerritory {
  code: string;
  name: string;
  organisations: number;
  meanScore: number | null;
  grade: Grade | null;
  green: number;
  yellow: number;
  red: number;
}

export interface BriefingReport {
  locale: "ru" | "en";
  regionName: string;
  /** "ноябрь 2026" */
  periodLabel: string;
  /** ISO 8601 */
  generatedAt: string;
  methodology: { code: string; version: number; title: string };
  summary: {
    organisations: number;
    pages: number;
    grades: { green: number; yellow: number; red: number; none: number };
    meanScore: number | null;
    previousMeanScore: number | null;
    /** resident comments waiting more than 24 h at the end of the period */
    unansweredOver24h: number;
  };
  /** best ten and worst ten over all peer groups, by score */
  top: BriefingRow[];
  bottom: BriefingRow[];
  peerGroups: Array<{ key: string; label: string; rows: BriefingRow[] }>;
  territories: BriefingTerritory[];
  /** mean score per period, oldest first (the score-history chart) */
  history: Array<{ periodLabel: string; meanScore: number | null }>;
}

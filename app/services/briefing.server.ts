/**
 * The governor's briefing: the newest (or a chosen) scored period's ranking turned into the
 * BriefingReport model and rendered as PDF — the ranked report's figures, laid out for print.
 */
import type { Database } from "../../db/client";
import { getMethodology } from "../../db/queries/methodologies";
import { briefingCounts, gradeCounts, peerGroupsOfRun, rankingRows, regionNames, scoreHistory, territoryScores, type RankingRow } from "../../db/queries/rankings";
import { latestRun, scoredPeriods } from "../../db/queries/scores";
import type { BriefingReport, BriefingRow } from "../domain/reports/briefing-model";
import { renderBriefingPdf } from "../domain/reports/briefing-pdf";
import { gradeFor } from "../domain/scoring";
import type { AppContext } from "./context.server";
import { methodologyBands } from "./scores.server";
import { previousMonth } from "./scores.server";

const MONTHS_RU = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function monthName(label: string, locale: "ru" | "en"): string {
  const [y, m] = label.split("-").map(Number) as [number, number];
  return `${(locale === "ru" ? MONTHS_RU : MONTHS_EN)[m - 1]} ${y}`;
}

function row(r: RankingRow): BriefingRow {
  return {
    rank: r.rank,
    previousRank: r.previous_rank,
    movement: r.movement,
    organisation: r.name_ru,
    code: r.code,
    peerGroup: r.peer_group,
    territory: r.territory_name,
    score: r.score,
    grade: r.grade,
    cappedBy: r.capped_by,
    topFix: null,
  };
}

export async function briefingModel(db: Database, input: { period: string | null; locale: "ru" | "en"; regionName: string }): Promise<{ report: BriefingReport; runId: number; label: string } | null> {
  const periods = await scoredPeriods(db);
  const label = input.period && periods.includes(input.period) ? input.period : periods[0];
  if (!label) return null;
  const run = await latestRun(db, label);
  if (!run) return null;
  const methodology = await getMethodology(db, run.methodology_id);
  const bands = methodologyBands(methodology?.document);
  const [rows, grades, territories, groups, history, previous] = await Promise.all([
    rankingRows(db, run.id, {}, "rank"),
    gradeCounts(db, run.id, {}),
    territoryScores(db, run.id),
    peerGroupsOfRun(db, run.id),
    scoreHistory(db),
    latestRun(db, previousMonth(label)),
  ]);
  const scored = rows.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score! || a.name_ru.localeCompare(b.name_ru, "ru"));
  const mean = (xs: Array<number | null>) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
  };
  const counts = await briefingCounts(db);
  const previousMean = previous ? history.find((h) => h.period_label === previous.period_label)?.mean_score ?? null : null;
  const report: BriefingReport = {
    locale: input.locale,
    regionName: input.regionName,
    periodLabel: monthName(label, input.locale),
    generatedAt: new Date().toISOString(),
    methodology: { code: methodology?.code ?? "", version: methodology?.version ?? 0, title: methodology?.title ?? "" },
    summary: {
      organisations: rows.length,
      pages: counts.pages,
      grades,
      meanScore: mean(rows.map((r) => r.score)),
      previousMeanScore: previousMean,
      unansweredOver24h: counts.overdue,
    },
    top: scored.slice(0, 10).map(row),
    bottom: scored.slice(-10).reverse().map(row),
    peerGroups: groups.map((g) => ({ key: g.peer_group, label: g.peer_group, rows: rows.filter((r) => r.peer_group === g.peer_group).map(row) })),
    territories: territories.map((x) => ({
      code: x.code,
      name: x.name_ru,
      organisations: x.organisations,
      meanScore: x.mean_score,
      grade: x.mean_score === null ? null : gradeFor(x.mean_score, bands),
      green: x.green,
      yellow: x.yellow,
      red: x.red,
    })),
    history: history.map((h) => ({ periodLabel: monthName(h.period_label, input.locale), meanScore: h.mean_score })),
  };
  return { report, runId: run.id, label };
}

export async function briefingPdf(ctx: Pick<AppContext, "db" | "env">, input: { period: string | null; locale: "ru" | "en" }) {
  const region = await regionNames(ctx.db);
  const model = await briefingModel(ctx.db, { ...input, regionName: (input.locale === "en" ? region?.name_en : null) ?? region?.name_ru ?? "" });
  if (!model) return null;
  const body = await renderBriefingPdf(model.report, { timeZone: ctx.env.REGION_TIMEZONE });
  // an ASCII file name: HTTP headers carry bytes, and "ноябрь" is not one
  return { filename: `briefing-${model.label}.pdf`, contentType: "application/pdf", body, runId: model.runId, report: model.report };
}

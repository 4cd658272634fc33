/**
 * The printable report of one study: the study itself, each survey's key results (weighted with
 * margins when the survey has weights) and the focus groups (sessions held, the most frequent
 * codes with their definitions, the quotes flagged for the report, consented ones only).
 * Reads what the results page and the analysis page read; nothing is recomputed differently.
 */
import type { SurveyStatus } from "../../db/schema";
import { sessionParticipantCounts } from "../../db/queries/study-report";
import { getStudy } from "../../db/queries/surveys";
import type { AppContext } from "./context.server";
import { codesInReadingOrder, codeTotals, quoteItems, type QuoteItem } from "./focus-group-analysis.server";
import { loadStudyMaterial } from "./focus-group-study.server";
import { surveyResults, weightingState } from "./results.server";
import { surveys } from "./surveys.server";

/** The first closed questions of each survey, and the leading answers of each. */
export const REPORT_QUESTIONS = 8;
export const REPORT_CATEGORIES = 5;
export const REPORT_CODES = 10;
export const REPORT_QUOTES_PER_CODE = 8;

/**
 * A date column as "YYYY-MM-DD". node-postgres hands a `date` back as a Date at local midnight
 * (the schema types it as a string, which PGlite returns), so read it with local getters.
 */
function isoDay(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (!(value instanceof Date)) return String(value).slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

// JSON turns NaN into null anyway; say so in the type
const finite = (v: number | null | undefined) => (v !== null && v !== undefined && Number.isFinite(v) ? v : null);

export interface ReportQuestion {
  key: string;
  title: string;
  multiple: boolean;
  n: number;
  nEff: number | null;
  deff: number | null;
  categories: Array<{ label: string; count: number; share: number | null; moe95: number | null }>;
  /** answers left out of the top list */
  more: number;
}

export interface ReportSurvey {
  id: number;
  title: string;
  status: SurveyStatus;
  responses: number;
  /** "weighted": shares are weighted; otherwise why not */
  weighting: "weighted" | "no_weights" | "weights_unusable";
  questions: ReportQuestion[];
  /** closed questions beyond the first REPORT_QUESTIONS */
  moreQuestions: number;
  error: string | null;
}

async function surveyPart(ctx: AppContext, survey: { id: number; title: string; status: SurveyStatus; response_count: unknown }): Promise<ReportSurvey> {
  const base = { id: survey.id, title: survey.title, status: survey.status, responses: Number(survey.response_count ?? 0) };
  const weighting = await weightingState(ctx, survey.id);
  // the same test the results page makes before it offers weighted figures
  const hasWeights = Boolean(weighting?.computed_at) && weighting?.report !== null && weighting?.report !== undefined;
  const scope = { excludeFlagged: false, filters: [] };
  let results = await surveyResults(ctx, survey.id, { ...scope, weighted: hasWeights });
  let state: ReportSurvey["weighting"] = hasWeights ? "weighted" : "no_weights";
  if (!results.ok && hasWeights) {
    // stored weights gone or unusable: the unweighted figures still say something
    results = await surveyResults(ctx, survey.id, { ...scope, weighted: false });
    state = "weights_unusable";
  }
  if (!results.ok) return { ...base, weighting: state, questions: [], moreQuestions: 0, error: results.errors.join("; ") };
  const closed = results.value.questions.filter((q) => q.kind === "choice" || q.kind === "multiple");
  const questions = closed.slice(0, REPORT_QUESTIONS).map((q): ReportQuestion => {
    if (q.kind !== "choice" && q.kind !== "multiple") throw new Error("unreachable");
    const ranked = q.estimates.categories
      .map((c) => ({ label: q.labels[c.category] ?? c.category, count: c.count, share: finite(c.weightedShare ?? c.share), moe95: finite(c.moe95) }))
      .filter((c) => c.count > 0)
      .sort((a, b) => (b.share ?? 0) - (a.share ?? 0));
    return {
      key: q.key,
      title: q.title,
      multiple: q.kind === "multiple",
      n: q.estimates.n,
      nEff: finite(q.estimates.nEff),
      deff: finite(q.estimates.deff),
      categories: ranked.slice(0, REPORT_CATEGORIES),
      more: Math.max(0, ranked.length - REPORT_CATEGORIES),
    };
  });
  return { ...base, weighting: state, questions, moreQuestions: Math.max(0, closed.length - REPORT_QUESTIONS), error: null };
}

export interface ReportFocusGroups {
  /** sessions held (transcribed and coded ones included); planned ones are only counted */
  sessions: Array<{ id: string; name: string; date: string | null; place: string | null; mode: string; status: string; participants: number }>;
  topCodes: Array<{ id: string; path: string; definition: string; color: string | null; turns: number; participants: number; segments: number }>;
  planned: number;
  codesUsed: number;
  quoteGroups: Array<{ codeId: string; name: string; quotes: QuoteItem[]; more: number }>;
  withheld: number;
}

async function focusGroupPart(ctx: AppContext, studyId: number): Promise<ReportFocusGroups> {
  const [material, attended] = await Promise.all([loadStudyMaterial(ctx, studyId), sessionParticipantCounts(ctx.db, studyId)]);
  const codes = codesInReadingOrder(material.codebook);
  const used = new Set(material.codings.map((c) => c.codeId));
  const usedCodes = codes.filter((c) => used.has(c.id));
  const totals = codeTotals(material, material.codings, usedCodes.map((c) => c.id));
  // ranked by turns: a turn two coders both coded counts once, unlike segments
  const topCodes = usedCodes
    .map((c, i) => ({ id: c.id, path: c.path, definition: c.definition, color: c.color, ...totals.cells[i]! }))
    .sort((a, b) => b.turns - a.turns || b.participants - a.participants || a.path.localeCompare(b.path, "ru"))
    .slice(0, REPORT_CODES);
  const rootOf = new Map(codes.map((c) => [c.id, c.rootId]));
  const quoteGroups: ReportFocusGroups["quoteGroups"] = [];
  let withheld = 0;
  for (const root of codes.filter((c) => c.depth === 0)) {
    const quotes = material.codings.filter((c) => c.quote && rootOf.get(c.codeId) === root.id);
    if (quotes.length === 0) continue;
    const view = quoteItems(material, quotes, material.codings);
    withheld += view.withheld;
    if (view.quotes.length === 0) continue;
    quoteGroups.push({ codeId: root.id, name: root.name, quotes: view.quotes.slice(0, REPORT_QUOTES_PER_CODE), more: Math.max(0, view.quotes.length - REPORT_QUOTES_PER_CODE) });
  }
  return {
    sessions: material.sessions
      .filter((s) => s.status !== "planned")
      .map((s) => ({ id: s.id, name: s.name, date: s.date ?? null, place: s.place, mode: s.mode, status: s.status, participants: attended.get(Number(s.id)) ?? 0 })),
    planned: material.sessions.filter((s) => s.status === "planned").length,
    topCodes,
    codesUsed: usedCodes.length,
    quoteGroups,
    withheld,
  };
}

export async function studyReport(ctx: AppContext, studyId: number) {
  const study = await getStudy(ctx.db, studyId);
  if (!study) return null;
  // oldest first: the order the study ran them in
  const list = (await surveys(ctx, { studyId })).sort((a, b) => a.id - b.id);
  const surveyParts: ReportSurvey[] = [];
  for (const s of list) surveyParts.push(await surveyPart(ctx, s));
  return {
    study: {
      id: study.id,
      title: study.title,
      kind: study.kind,
      startsOn: isoDay(study.starts_on),
      endsOn: isoDay(study.ends_on),
      description: study.description,
      organisation: study.organisation_name,
    },
    surveys: surveyParts,
    focusGroups: await focusGroupPart(ctx, studyId),
  };
}

export type StudyReport = NonNullable<Awaited<ReturnType<typeof studyReport>>>;

/** Fieldwork controls for a survey: quotas with live progress, and single-use invitations. */
import { randomBytes } from "node:crypto";
import { appendAudit } from "../../db/queries/audit-log";
import { listQuotaCells, replaceQuotaCells } from "../../db/queries/quotas";
import { countResponses, insertInvitations, invitationCounts } from "../../db/queries/responses";
import { getSurvey, latestVersion } from "../../db/queries/surveys";
import { formatQuotaText, parseQuotaText } from "../domain/quotas";
import { listQuestions, type SurveyDefinition } from "../domain/survey";
import type { AppContext } from "./context.server";
import { hashInvitation } from "./polls.server";

export async function fieldwork(ctx: AppContext, surveyId: number) {
  const [cells, invitations, responses] = await Promise.all([
    listQuotaCells(ctx.db, surveyId),
    invitationCounts(ctx.db, surveyId),
    countResponses(ctx.db, surveyId),
  ]);
  return { cells, quotaText: formatQuotaText(cells), invitations, responses };
}

/** Replaces the quota cells; conditions must name questions and choices of the latest version. */
export async function saveQuotas(ctx: AppContext, surveyId: number, text: string, userId: number | null) {
  const survey = await getSurvey(ctx.db, surveyId);
  const version = await latestVersion(ctx.db, surveyId);
  if (!survey || !version) return { ok: false as const, errors: [{ line: 0, message: "survey not found" }] };
  const questions = new Map<string, readonly string[] | null>(
    listQuestions(version.definition as SurveyDefinition).map((q) => [q.name, q.choices ? q.choices.map((c) => String(c.value)) : null]),
  );
  const parsed = parseQuotaText(text, questions);
  if (parsed.errors.length > 0) return { ok: false as const, errors: parsed.errors };
  // Counts restart only when cells change: this runs before fieldwork or to reset it deliberately.
  await ctx.db.transaction().execute(async (trx) => {
    await replaceQuotaCells(trx, surveyId, parsed.cells);
    await appendAudit(trx, { actorUserId: userId, action: "survey.quotas", entityType: "survey", entityId: surveyId, details: { cells: parsed.cells.length } });
  });
  return { ok: true as const, cells: parsed.cells.length };
}

export const MAX_INVITATIONS_PER_BATCH = 50_000;

/** Makes N single-use links; only their hashes are stored, so the CSV is the one copy of the tokens. */
export async function generateInvitations(ctx: AppContext, surveyId: number, count: number, origin: string, userId: number | null) {
  const survey = await getSurvey(ctx.db, surveyId);
  if (!survey) return null;
  const tokens = Array.from({ length: count }, () => randomBytes(18).toString("base64url"));
  await ctx.db.transaction().execute(async (trx) => {
    await insertInvitations(trx, surveyId, tokens.map(hashInvitation));
    await appendAudit(trx, { actorUserId: userId, action: "survey.invitations", entityType: "survey", entityId: surveyId, details: { count } });
  });
  const lines = ["n,link", ...tokens.map((token, i) => `${i + 1},${origin}/polls/${survey.slug}?invite=${token}`)];
  return { filename: `invitations-${survey.slug}-${new Date().toISOString().slice(0, 10)}.csv`, csv: `${lines.join("\r\n")}\r\n` };
}

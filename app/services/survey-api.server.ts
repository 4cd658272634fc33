/**
 * The JSON API for sociologists' tools (README "Surveys API"): the same use-cases as the UI,
 * answered as JSON with field errors. Authenticated by a personal API token.
 */
import { z } from "zod";
import { listResponses } from "../../db/queries/responses";
import type { AppContext } from "./context.server";
import { changeSurveyStatus, createSurvey, publishSurvey, saveDefinition, surveyById, surveys } from "./surveys.server";

export type ApiResult = { status: number; body: unknown };

const createBody = z
  .object({
    study_id: z.number().int().positive(),
    slug: z.string(),
    title: z.string(),
    duplicate_policy: z.enum(["open", "device", "invitation"]).optional(),
    definition: z.record(z.unknown()),
  })
  .strict();

export async function apiCreateSurvey(ctx: AppContext, userId: number, body: unknown): Promise<ApiResult> {
  const parsed = createBody.safeParse(body);
  if (!parsed.success) return { status: 422, body: { error: "invalid_body", fields: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "body", i.message])) } };
  const { definition, ...fields } = parsed.data;
  const result = await createSurvey(ctx, fields, definition, userId, "api");
  if (!result.ok) return { status: result.errors.slug === "slug.taken" ? 409 : 422, body: { error: "invalid", fields: result.errors, definitionErrors: result.definitionErrors } };
  const survey = await surveyById(ctx, result.value);
  return { status: 201, body: { id: result.value, slug: survey?.slug, status: survey?.status } };
}

export async function apiUpdateDefinition(ctx: AppContext, userId: number, surveyId: number, body: unknown): Promise<ApiResult> {
  const parsed = z.object({ definition: z.record(z.unknown()) }).strict().safeParse(body);
  if (!parsed.success) return { status: 422, body: { error: "invalid_body", fields: { definition: "an object is required" } } };
  const result = await saveDefinition(ctx, surveyId, parsed.data.definition, userId);
  if (!result.ok) return { status: result.errors._form === "notFound" ? 404 : 422, body: { error: "invalid", fields: result.errors, definitionErrors: result.definitionErrors } };
  return { status: 200, body: { version: result.version, changed: result.changed, sanitized: result.sanitizedPaths, warnings: result.warnings } };
}

export async function apiPublish(ctx: AppContext, userId: number, surveyId: number): Promise<ApiResult> {
  const result = await publishSurvey(ctx, surveyId, userId);
  if (!result.ok) return { status: result.errors._form === "notFound" ? 404 : 409, body: { error: result.errors._form } };
  return { status: 200, body: { published_version_id: result.value, status: "published" } };
}

export async function apiClose(ctx: AppContext, userId: number, surveyId: number): Promise<ApiResult> {
  const result = await changeSurveyStatus(ctx, surveyId, "closed", userId);
  if (!result.ok) return { status: result.errors._form === "notFound" ? 404 : 409, body: { error: result.errors._form } };
  return { status: 200, body: { status: result.value } };
}

export async function apiListSurveys(ctx: AppContext): Promise<ApiResult> {
  const rows = await surveys(ctx);
  return { status: 200, body: { surveys: rows } };
}

export async function apiListResponses(ctx: AppContext, surveyId: number, url: URL): Promise<ApiResult> {
  if (!(await surveyById(ctx, surveyId))) return { status: 404, body: { error: "not_found" } };
  const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get("limit")) || 100));
  const after = Math.max(0, Number(url.searchParams.get("after")) || 0);
  const rows = await listResponses(ctx.db, { surveyId, afterId: after || undefined, limit });
  const last = rows.at(-1);
  return {
    status: 200,
    body: {
      responses: rows.map((r) => ({ ...r, id: Number(r.id) })),
      next: rows.length === limit && last ? `/api/v1/surveys/${surveyId}/responses?after=${Number(last.id)}&limit=${limit}` : null,
    },
  };
}

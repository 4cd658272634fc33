/**
 * Studies, surveys and their versions. A draft version is edited in place; publishing freezes it
 * (a database trigger refuses later changes), and editing a published survey starts a new draft.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "../../db/queries/audit-log";
import { getOrganisationByCode, listOrganisationChoices } from "../../db/queries/organisations";
import { listTerritories } from "../../db/queries/territories";
import {
  getStudy,
  getSurvey,
  insertStudy,
  insertSurvey,
  insertVersion,
  latestVersion,
  listStudies,
  listSurveys,
  listVersions,
  markVersionPublished,
  setSurveyStatus,
  updateDraftVersion,
  updateStudy,
  updateSurveySettings,
} from "../../db/queries/surveys";
import type { DuplicatePolicy, SurveyStatus } from "../../db/schema";
import { checkDefinition, sanitizeDefinitionWithReport, type SurveyDefinition } from "../domain/survey";
import { zonedLocalToDate } from "../domain/time";
import type { AppContext } from "./context.server";
import { zodFieldErrors, type Outcome } from "./users.server";

/** Key order does not change a survey: hash a canonical form so re-saving the same JSON is a no-op. */
export function definitionHash(definition: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === "object"
        ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
        : value;
  return createHash("sha256").update(JSON.stringify(canonical(definition))).digest("hex");
}

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), "date.invalid");

export const studySchema = z
  .object({
    title: z.string().trim().min(1, "required").max(300),
    kind: z.enum(["quantitative", "qualitative", "mixed"], { errorMap: () => ({ message: "kind.invalid" }) }),
    organisation_code: z.string().trim().toLowerCase().max(64).optional(),
    starts_on: optionalDate,
    ends_on: optionalDate,
    description: z
      .string()
      .trim()
      .max(5000)
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .refine((s) => !s.starts_on || !s.ends_on || s.ends_on >= s.starts_on, { path: ["ends_on"], message: "date.beforeStart" });

async function studyFields(ctx: AppContext, raw: unknown) {
  const parsed = studySchema.safeParse(raw);
  if (!parsed.success) return { errors: zodFieldErrors(parsed.error) };
  const { organisation_code, ...rest } = parsed.data;
  let organisationId: number | null = null;
  if (organisation_code) {
    const org = await getOrganisationByCode(ctx.db, organisation_code);
    if (!org) return { errors: { organisation_code: "organisation.unknown" } };
    organisationId = org.id;
  }
  return { fields: { ...rest, commissioning_organisation_id: organisationId } };
}

export async function createStudy(ctx: AppContext, raw: unknown, userId: number | null): Promise<Outcome<number>> {
  const result = await studyFields(ctx, raw);
  if (!result.fields) return { ok: false, errors: result.errors };
  const id = await insertStudy(ctx.db, { ...result.fields, created_by: userId });
  await appendAudit(ctx.db, { actorUserId: userId, action: "study.create", entityType: "study", entityId: id });
  return { ok: true, value: id };
}

export async function editStudy(ctx: AppContext, id: number, raw: unknown, userId: number): Promise<Outcome<number>> {
  if (!(await getStudy(ctx.db, id))) return { ok: false, errors: { _form: "notFound" } };
  const result = await studyFields(ctx, raw);
  if (!result.fields) return { ok: false, errors: result.errors };
  await updateStudy(ctx.db, id, result.fields);
  await appendAudit(ctx.db, { actorUserId: userId, action: "study.update", entityType: "study", entityId: id });
  return { ok: true, value: id };
}

export const studies = (ctx: AppContext) => listStudies(ctx.db);
export const study = (ctx: AppContext, id: number) => getStudy(ctx.db, id);
export const surveys = (ctx: AppContext, filter: { studyId?: number } = {}) => listSurveys(ctx.db, filter);

export const EMPTY_DEFINITION: SurveyDefinition = { locale: "ru", pages: [{ name: "page1", elements: [] }] };

const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,79}$/, "slug.invalid");

export const newSurveySchema = z.object({
  study_id: z.coerce.number().int().positive(),
  slug: slugSchema,
  title: z.string().trim().min(1, "required").max(300),
  duplicate_policy: z.enum(["open", "device", "invitation"]).default("open"),
});

export type DefinitionOutcome =
  | { ok: true; versionId: number; version: number; changed: boolean; sanitizedPaths: string[]; warnings: { path: string; message: string }[] }
  | { ok: false; errors: Record<string, string>; definitionErrors?: { path: string; message: string }[] };

/** Validates and sanitises a definition; the caller gets schema errors by path. */
function prepareDefinition(json: unknown) {
  const checked = checkDefinition(json);
  if (!checked.ok) return { ok: false as const, errors: checked.errors };
  const { definition, changedPaths } = sanitizeDefinitionWithReport(checked.definition);
  return { ok: true as const, definition, sanitizedPaths: changedPaths, warnings: checked.warnings };
}

export async function createSurvey(
  ctx: AppContext,
  raw: unknown,
  definitionJson: unknown,
  userId: number | null,
  origin: "ui" | "code" | "api" = "ui",
): Promise<Outcome<number> & { definitionErrors?: { path: string; message: string }[] }> {
  const parsed = newSurveySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  if (!(await getStudy(ctx.db, parsed.data.study_id))) return { ok: false, errors: { study_id: "study.unknown" } };
  const prepared = definitionJson === undefined ? null : prepareDefinition(definitionJson);
  if (prepared && !prepared.ok) return { ok: false, errors: { definition: "definition.invalid" }, definitionErrors: prepared.errors };
  const definition = prepared?.definition ?? EMPTY_DEFINITION;
  try {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const surveyId = await insertSurvey(trx, { ...parsed.data, origin, created_by: userId });
      await insertVersion(trx, { surveyId, version: 1, definition, hash: definitionHash(definition), createdBy: userId });
      await appendAudit(trx, { actorUserId: userId, action: "survey.create", entityType: "survey", entityId: surveyId, details: { slug: parsed.data.slug } });
      return surveyId;
    });
    return { ok: true, value: id };
  } catch (error) {
    if (String((error as { code?: string }).code) === "23505") return { ok: false, errors: { slug: "slug.taken" } };
    throw error;
  }
}

/** Saves the designer's JSON: into the open draft, or into a new draft after a published one. */
export async function saveDefinition(ctx: AppContext, surveyId: number, json: unknown, userId: number | null): Promise<DefinitionOutcome> {
  const survey = await getSurvey(ctx.db, surveyId);
  if (!survey) return { ok: false, errors: { _form: "notFound" } };
  if (survey.status === "archived") return { ok: false, errors: { _form: "survey.archived" } };
  const prepared = prepareDefinition(json);
  if (!prepared.ok) return { ok: false, errors: { definition: "definition.invalid" }, definitionErrors: prepared.errors };
  const hash = definitionHash(prepared.definition);
  return ctx.db.transaction().execute(async (trx) => {
    const latest = await latestVersion(trx, surveyId);
    const base = { sanitizedPaths: prepared.sanitizedPaths, warnings: prepared.warnings };
    if (latest && latest.definition_hash === hash) return { ok: true, versionId: latest.id, version: latest.version, changed: false, ...base };
    if (latest && !latest.published_at) {
      await updateDraftVersion(trx, latest.id, prepared.definition, hash);
      return { ok: true, versionId: latest.id, version: latest.version, changed: true, ...base };
    }
    const version = (latest?.version ?? 0) + 1;
    const versionId = await insertVersion(trx, { surveyId, version, definition: prepared.definition, hash, createdBy: userId });
    await appendAudit(trx, { actorUserId: userId, action: "survey.version", entityType: "survey", entityId: surveyId, details: { version } });
    return { ok: true, versionId, version, changed: true, ...base };
  });
}

const TRANSITIONS: Record<SurveyStatus, SurveyStatus[]> = {
  draft: ["published", "archived"],
  published: ["published", "closed"],
  closed: ["published", "archived"],
  archived: [],
};

/** Freezes the latest version and opens the survey (or switches an open survey to it). */
export async function publishSurvey(ctx: AppContext, surveyId: number, userId: number | null): Promise<Outcome<number>> {
  const survey = await getSurvey(ctx.db, surveyId);
  if (!survey) return { ok: false, errors: { _form: "notFound" } };
  if (!TRANSITIONS[survey.status].includes("published")) return { ok: false, errors: { _form: "survey.cannotPublish" } };
  const latest = await latestVersion(ctx.db, surveyId);
  if (!latest) return { ok: false, errors: { _form: "notFound" } };
  const checked = checkDefinition(latest.definition);
  if (!checked.ok) return { ok: false, errors: { _form: "definition.invalid" } };
  await ctx.db.transaction().execute(async (trx) => {
    await markVersionPublished(trx, latest.id);
    await setSurveyStatus(trx, surveyId, "published", latest.id);
    await appendAudit(trx, { actorUserId: userId, action: "survey.publish", entityType: "survey", entityId: surveyId, details: { version: latest.version } });
  });
  return { ok: true, value: latest.id };
}

export async function changeSurveyStatus(ctx: AppContext, surveyId: number, status: "closed" | "archived", userId: number | null): Promise<Outcome<SurveyStatus>> {
  const survey = await getSurvey(ctx.db, surveyId);
  if (!survey) return { ok: false, errors: { _form: "notFound" } };
  if (!TRANSITIONS[survey.status].includes(status)) return { ok: false, errors: { _form: "survey.badTransition" } };
  await setSurveyStatus(ctx.db, surveyId, status);
  await appendAudit(ctx.db, { actorUserId: userId, action: `survey.${status}`, entityType: "survey", entityId: surveyId });
  return { ok: true, value: status };
}

/** A datetime-local value means wall-clock time in the region's zone, not the server's. */
const dateTime = (timeZone: string) => z
  .string()
  .trim()
  .optional()
  .transform((v, c) => {
    if (!v) return null;
    const d = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? zonedLocalToDate(v, timeZone) : new Date(v);
    if (!d || Number.isNaN(d.getTime())) {
      c.addIssue({ code: z.ZodIssueCode.custom, message: "date.invalid" });
      return z.NEVER;
    }
    return d;
  });

export const surveySettingsSchema = (timeZone: string) => z
  .object({
    title: z.string().trim().min(1, "required").max(300),
    opens_at: dateTime(timeZone),
    closes_at: dateTime(timeZone),
    duplicate_policy: z.enum(["open", "device", "invitation"], { errorMap: () => ({ message: "policy.invalid" }) }),
  })
  .refine((s) => !s.opens_at || !s.closes_at || s.closes_at > s.opens_at, { path: ["closes_at"], message: "date.beforeStart" });

export async function saveSurveySettings(ctx: AppContext, surveyId: number, raw: unknown, userId: number): Promise<Outcome<number>> {
  const parsed = surveySettingsSchema(ctx.env.REGION_TIMEZONE).safeParse(raw);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  if (!(await getSurvey(ctx.db, surveyId))) return { ok: false, errors: { _form: "notFound" } };
  await updateSurveySettings(ctx.db, surveyId, { ...parsed.data, duplicate_policy: parsed.data.duplicate_policy as DuplicatePolicy });
  await appendAudit(ctx.db, { actorUserId: userId, action: "survey.settings", entityType: "survey", entityId: surveyId });
  return { ok: true, value: surveyId };
}

/** Everything the designer needs: the latest definition and the registry lists for ready blocks. */
export async function surveyForDesign(ctx: AppContext, surveyId: number) {
  const survey = await getSurvey(ctx.db, surveyId);
  if (!survey) return null;
  const [latest, versions, territories, organisations] = await Promise.all([
    latestVersion(ctx.db, surveyId),
    listVersions(ctx.db, surveyId),
    listTerritories(ctx.db),
    listOrganisationChoices(ctx.db),
  ]);
  return {
    survey,
    definition: (latest?.definition ?? EMPTY_DEFINITION) as SurveyDefinition,
    version: latest ? { id: latest.id, number: latest.version, published: Boolean(latest.published_at) } : null,
    versions,
    territories: territories.map((t) => ({ code: t.code, name: t.name_ru, kind: t.kind })),
    organisations: organisations.map((o) => ({ code: o.code, name: o.name_ru })),
  };
}

export const surveyById = (ctx: AppContext, id: number) => getSurvey(ctx.db, id);

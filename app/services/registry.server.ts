/** Browsing and editing the registry: territories, organisations and their official pages. */
import { z } from "zod";
import { appendAudit } from "../../db/queries/audit-log";
import {
  getOrganisationByCode,
  listOrganisationChoices,
  listOrganisations,
  organisationSubtreeIds,
  updateOrganisation,
  wouldCreateOrganisationCycle,
} from "../../db/queries/organisations";
import { countRegistry, findPageByPlatformId, getPageById, listPages, updatePage, upsertPages } from "../../db/queries/pages";
import {
  findRegion,
  getTerritoryByCode,
  listTerritories,
  territorySubtreeIds,
  updateTerritory,
} from "../../db/queries/territories";
import { ORGANISATION_KINDS, PLATFORMS, TERRITORY_KINDS } from "../domain/registry/vocabulary";
import type { AppContext } from "./context.server";
import { zodFieldErrors, type Outcome } from "./users.server";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null));
const optionalInt = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      const cleaned = (v ?? "").replace(/[\s\u00a0]/g, "");
      if (cleaned === "") return null; // unknown stays unknown, never 0
      const n = Number(cleaned);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message });
        return z.NEVER;
      }
      return n;
    });

export const territoryFormSchema = z.object({
  name_ru: z.string().trim().min(1, "required").max(300),
  name_en: optionalText(300),
  kind: z.enum(TERRITORY_KINDS, { errorMap: () => ({ message: "kind.invalid" }) }),
  parent_code: optionalText(64),
  oktmo: optionalText(11).refine((v) => v === null || /^\d{2,11}$/.test(v), "oktmo.invalid"),
  population: optionalInt(0, 200_000_000, "number.invalid"),
  population_year: optionalInt(1800, 2100, "year.invalid"),
  source: optionalText(2000),
});

export const organisationFormSchema = z.object({
  name_ru: z.string().trim().min(1, "required").max(500),
  name_en: optionalText(500),
  kind: z.enum(ORGANISATION_KINDS, { errorMap: () => ({ message: "kind.invalid" }) }),
  parent_code: optionalText(64),
  territory_code: optionalText(64),
  peer_group: z.string().trim().min(1, "required").max(100),
  verified: z.boolean(),
  source: optionalText(2000),
});

const httpsUrl = z
  .string()
  .trim()
  .url("url.invalid")
  .max(500)
  .refine((v) => /^https?:\/\//i.test(v), "url.invalid");

export const pageFormSchema = z.object({
  url: httpsUrl,
  active: z.boolean(),
  organisation_code: z.string().trim().toLowerCase().min(1, "required"),
});

export const newPageSchema = z.object({
  platform: z.enum(PLATFORMS, { errorMap: () => ({ message: "platform.invalid" }) }),
  platform_id: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => v.replace(/^@/, ""))
    .refine((v) => /^[a-z0-9._-]{2,64}$/.test(v), "platformId.invalid"),
  url: httpsUrl,
});

export function registrySummary(ctx: AppContext) {
  return countRegistry(ctx.db);
}

export function territories(ctx: AppContext) {
  return listTerritories(ctx.db);
}

export function territory(ctx: AppContext, code: string) {
  return getTerritoryByCode(ctx.db, code);
}

export async function saveTerritory(ctx: AppContext, code: string, raw: unknown, actorUserId: number): Promise<Outcome<string>> {
  const parsed = territoryFormSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const existing = await getTerritoryByCode(ctx.db, code);
  if (!existing) return { ok: false, errors: { _form: "notFound" } };
  const { parent_code, ...fields } = parsed.data;
  let parentId: number | null = null;
  if (parent_code) {
    const parent = await getTerritoryByCode(ctx.db, parent_code);
    if (!parent) return { ok: false, errors: { parent_code: "parent.unknown" } };
    if ((await territorySubtreeIds(ctx.db, existing.id)).includes(parent.id)) {
      return { ok: false, errors: { parent_code: "parent.cycle" } };
    }
    parentId = parent.id;
  }
  await updateTerritory(ctx.db, existing.id, { ...fields, parent_id: parentId });
  await appendAudit(ctx.db, { actorUserId, action: "territory.update", entityType: "territory", entityId: code, details: fields });
  return { ok: true, value: code };
}

export function organisations(ctx: AppContext, filter: Parameters<typeof listOrganisations>[1]) {
  return listOrganisations(ctx.db, filter);
}

export function organisationChoices(ctx: AppContext) {
  return listOrganisationChoices(ctx.db);
}

export async function organisationDetail(ctx: AppContext, code: string) {
  const organisation = await getOrganisationByCode(ctx.db, code);
  if (!organisation) return null;
  const pages = await listPages(ctx.db, { organisationIds: [organisation.id], limit: 100, offset: 0 });
  const subordinates = await listOrganisations(ctx.db, { parentId: organisation.id, limit: 500, offset: 0 });
  return { organisation, pages: pages.rows, subordinates: subordinates.rows };
}

export async function saveOrganisation(ctx: AppContext, code: string, raw: unknown, actorUserId: number): Promise<Outcome<string>> {
  const parsed = organisationFormSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const existing = await getOrganisationByCode(ctx.db, code);
  if (!existing) return { ok: false, errors: { _form: "notFound" } };
  const { parent_code, territory_code, ...fields } = parsed.data;
  let parentId: number | null = null;
  if (parent_code) {
    const parent = await getOrganisationByCode(ctx.db, parent_code);
    if (!parent) return { ok: false, errors: { parent_code: "parent.unknown" } };
    if (await wouldCreateOrganisationCycle(ctx.db, existing.id, parent.id)) return { ok: false, errors: { parent_code: "parent.cycle" } };
    parentId = parent.id;
  }
  let territoryId: number | null = null;
  if (territory_code) {
    const t = await getTerritoryByCode(ctx.db, territory_code);
    if (!t) return { ok: false, errors: { territory_code: "territory.unknown" } };
    territoryId = t.id;
  }
  await updateOrganisation(ctx.db, existing.id, { ...fields, parent_id: parentId, territory_id: territoryId });
  await appendAudit(ctx.db, { actorUserId, action: "organisation.update", entityType: "organisation", entityId: code, details: fields });
  return { ok: true, value: code };
}

export function pages(ctx: AppContext, filter: Parameters<typeof listPages>[1]) {
  return listPages(ctx.db, filter);
}

export function page(ctx: AppContext, id: number) {
  return getPageById(ctx.db, id);
}

export async function savePage(ctx: AppContext, id: number, raw: unknown, actorUserId: number): Promise<Outcome<number>> {
  const parsed = pageFormSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const existing = await getPageById(ctx.db, id);
  if (!existing) return { ok: false, errors: { _form: "notFound" } };
  const org = await getOrganisationByCode(ctx.db, parsed.data.organisation_code);
  if (!org) return { ok: false, errors: { organisation_code: "organisation.unknown" } };
  await updatePage(ctx.db, id, { url: parsed.data.url, active: parsed.data.active, organisation_id: org.id });
  await appendAudit(ctx.db, { actorUserId, action: "page.update", entityType: "page", entityId: id, details: parsed.data });
  return { ok: true, value: id };
}

export async function addPage(ctx: AppContext, organisationCode: string, raw: unknown, actorUserId: number): Promise<Outcome<string>> {
  const parsed = newPageSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const org = await getOrganisationByCode(ctx.db, organisationCode);
  if (!org) return { ok: false, errors: { _form: "notFound" } };
  if (await findPageByPlatformId(ctx.db, parsed.data.platform, parsed.data.platform_id)) return { ok: false, errors: { platform_id: "page.duplicate" } };
  await upsertPages(ctx.db, [{ organisation_id: org.id, ...parsed.data, active: true }]);
  await appendAudit(ctx.db, { actorUserId, action: "page.create", entityType: "page", entityId: `${parsed.data.platform}:${parsed.data.platform_id}`, details: { organisation: organisationCode } });
  return { ok: true, value: organisationCode };
}

/** A page administrator's own organisation with its subordinates and their pages. */
export async function ownOrganisation(ctx: AppContext, organisationId: number) {
  const ids = await organisationSubtreeIds(ctx.db, organisationId);
  const scoped = (await listOrganisations(ctx.db, { ids, limit: 10_000, offset: 0 })).rows;
  const ownPages = await listPages(ctx.db, { organisationIds: ids, limit: 1000, offset: 0 });
  return { organisations: scoped, pages: ownPages.rows, root: scoped.find((o) => o.id === organisationId) ?? null };
}

/** The top-level territory (the region itself), for the landing page. */
export async function regionName(ctx: AppContext) {
  return (await findRegion(ctx.db)) ?? null;
}

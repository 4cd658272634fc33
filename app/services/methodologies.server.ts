/**
 * Methodologies edited by analysts: a draft copied from any version, its weights, bands and
 * minimum effective n edited in a form (or the whole document as JSON), validated with clear
 * messages, previewed against the current ranks, then published (frozen) and made active.
 */
import type { Database } from "../../db/client";
import { appendAudit } from "../../db/queries/audit-log";
import {
  deleteDraftMethodology,
  getMethodology,
  insertMethodology,
  listMethodologies,
  nextMethodologyVersion,
  publishAndActivate,
  updateDraftMethodology,
} from "../../db/queries/methodologies";
import { latestRun, runRanks, scoredPeriods } from "../../db/queries/scores";
import { describeMethodologyIssue, validateMethodology, type Methodology } from "../domain/scoring";
import type { AppContext } from "./context.server";
import { computeScores, ensureActiveMethodology } from "./scores.server";

export async function methodologyDetail(db: Database, id: number) {
  return getMethodology(db, id);
}

/** Published versions, for "score under" and "show under" choices. */
export async function publishedMethodologies(db: Database) {
  return (await methodologyList(db)).filter((m) => m.status === "published");
}

export async function methodologyList(db: Database) {
  await ensureActiveMethodology(db);
  return listMethodologies(db);
}

/** A new draft: the source version's document under the next version number of its code. */
export async function createDraft(ctx: Pick<AppContext, "db">, sourceId: number, userId: number) {
  const source = await getMethodology(ctx.db, sourceId);
  if (!source) return { ok: false as const, status: 404 };
  const version = await nextMethodologyVersion(ctx.db, source.code);
  const document = { ...(source.document as Methodology), version };
  const id = await insertMethodology(ctx.db, { code: source.code, version, title: source.title, document, status: "draft", active: false, created_by: userId });
  await appendAudit(ctx.db, { actorUserId: userId, action: "methodology.draft", entityType: "methodology", entityId: id, details: { from: sourceId, version } });
  return { ok: true as const, id };
}

export type DraftEdit =
  | { mode: "json"; json: string }
  | { mode: "form"; title: string; weights: Record<string, string>; bands: Record<string, string>; ratingMinEffectiveN: string };

/** Applies a form or JSON edit to a draft; nothing is saved unless the whole document validates. */
export async function saveDraft(ctx: Pick<AppContext, "db">, id: number, edit: DraftEdit, userId: number, locale: "ru" | "en") {
  const row = await getMethodology(ctx.db, id);
  if (!row) return { ok: false as const, status: 404, errors: ["not found"] };
  if (row.status !== "draft") return { ok: false as const, status: 409, errors: [locale === "ru" ? "Опубликованная методика заморожена: создайте черновик." : "A published methodology is frozen: make a draft."] };
  let candidate: unknown;
  if (edit.mode === "json") {
    try {
      candidate = JSON.parse(edit.json);
    } catch (error) {
      return { ok: false as const, status: 400, errors: [`JSON: ${(error as Error).message}`] };
    }
  } else {
    const doc = structuredClone(row.document) as Methodology;
    const number = (raw: string | undefined) => (raw === undefined || raw.trim() === "" ? NaN : Number(raw.replace(",", ".")));
    doc.criteria = doc.criteria.map((c) => ({ ...c, weight: edit.weights[c.id] === undefined ? c.weight : number(edit.weights[c.id]) }));
    doc.bands = doc.bands.map((b) => ({ ...b, from: edit.bands[`${b.grade}.from`] === undefined ? b.from : number(edit.bands[`${b.grade}.from`]), to: edit.bands[`${b.grade}.to`] === undefined ? b.to : number(edit.bands[`${b.grade}.to`]) }));
    doc.measurement = { ...doc.measurement, ratingMinEffectiveN: number(edit.ratingMinEffectiveN) };
    doc.title = { ...doc.title, ru: edit.title.trim() || doc.title.ru };
    candidate = doc;
  }
  // the record's code and version are its identity: a document may not change them
  if (candidate && typeof candidate === "object") Object.assign(candidate, { code: row.code, version: row.version });
  const v = validateMethodology(candidate);
  if (!v.ok) return { ok: false as const, status: 400, errors: v.issues.map((i) => describeMethodologyIssue(i, locale)) };
  await updateDraftMethodology(ctx.db, id, v.methodology.title.ru, v.methodology);
  await appendAudit(ctx.db, { actorUserId: userId, action: "methodology.edit", entityType: "methodology", entityId: id, details: {} });
  return { ok: true as const };
}

export async function publishDraft(ctx: Pick<AppContext, "db" | "jobs">, id: number, userId: number) {
  const row = await getMethodology(ctx.db, id);
  if (!row || !validateMethodology(row.document).ok) return { ok: false as const };
  if (!(await publishAndActivate(ctx.db, id))) return { ok: false as const };
  await appendAudit(ctx.db, { actorUserId: userId, action: "methodology.publish", entityType: "methodology", entityId: id, details: {} });
  // the newest period is scored again under the new active methodology
  await ctx.jobs.enqueue("scores.compute", { methodologyId: id, requestedBy: userId }, { jobId: `scores-publish-${id}` });
  return { ok: true as const };
}

export async function removeDraft(ctx: Pick<AppContext, "db">, id: number, userId: number) {
  const ok = await deleteDraftMethodology(ctx.db, id);
  if (ok) await appendAudit(ctx.db, { actorUserId: userId, action: "methodology.delete", entityType: "methodology", entityId: id, details: {} });
  return ok;
}

/**
 * How ranks would change: the newest scored period scored under the draft (nothing stored)
 * beside its stored ranks under the active methodology.
 */
export async function previewMethodology(db: Database, id: number, period: string | null) {
  const row = await getMethodology(db, id);
  if (!row) return null;
  const v = validateMethodology(row.document);
  if (!v.ok) return { period: null, rows: [], invalid: true };
  const periods = await scoredPeriods(db);
  const label = period && periods.includes(period) ? period : periods[0];
  if (!label) return { period: null, rows: [], invalid: false };
  const active = await ensureActiveMethodology(db);
  const current = (await latestRun(db, label, active.id)) ?? (await latestRun(db, label));
  const before = new Map(current ? (await runRanks(db, current.id)).map((r) => [r.organisation_id, r]) : []);
  const { scores, ranked, inputs } = await computeScores(db, label, v.methodology, active.id);
  const byId = new Map(scores.map((s) => [s.organisationId, s]));
  const names = new Map(inputs.map((o) => [o.organisationId, o.name ?? ""]));
  const rows = ranked.map((r) => {
    const s = byId.get(r.organisationId)!;
    const b = before.get(r.organisationId);
    return {
      organisationId: r.organisationId,
      name: names.get(r.organisationId) ?? "",
      peerGroup: r.peerGroup,
      rankBefore: b?.rank ?? null,
      rankAfter: r.rank,
      scoreBefore: b?.score ?? null,
      scoreAfter: s.score,
      gradeBefore: b?.grade ?? null,
      gradeAfter: s.grade,
      change: b?.rank != null && r.rank != null ? b.rank - r.rank : null,
    };
  });
  return { period: label, rows, invalid: false };
}

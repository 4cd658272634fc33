/**
 * The residents' side: finding an open poll and keeping unfinished answers per device.
 * Taking the submission itself is submissions.server.ts.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { listQuotaCells } from "../../db/queries/quotas";
import { deviceHasResponded, findPollBySlug, getDraft, invitationState, listOpenPolls, upsertDraft } from "../../db/queries/responses";
import { getVersion } from "../../db/queries/surveys";
import { isScreenedOut } from "../domain/quotas";
import type { SurveyDefinition } from "../domain/survey";
import type { AppContext } from "./context.server";

export const MAX_DRAFT_BYTES = 256 * 1024;

// Published versions never change, so their definitions can be cached for the life of the process.
const definitions = new Map<number, SurveyDefinition>();
export async function publishedDefinition(ctx: AppContext, versionId: number): Promise<SurveyDefinition> {
  const cached = definitions.get(versionId);
  if (cached) return cached;
  const version = await getVersion(ctx.db, versionId);
  if (!version?.published_at) throw new Error(`version ${versionId} is not published`);
  if (definitions.size > 500) definitions.delete(definitions.keys().next().value!);
  definitions.set(versionId, version.definition as SurveyDefinition);
  return version.definition as SurveyDefinition;
}

export type PollState =
  | { kind: "open"; survey: NonNullable<Awaited<ReturnType<typeof findPollBySlug>>>; versionId: number; definition: SurveyDefinition }
  | { kind: "not_found" }
  | { kind: "closed" }
  | { kind: "not_yet_open"; opensAt: Date };

export async function pollState(ctx: AppContext, slug: string, now = new Date()): Promise<PollState> {
  if (!/^[a-z0-9][a-z0-9-]{1,79}$/.test(slug)) return { kind: "not_found" };
  const survey = await findPollBySlug(ctx.db, slug);
  if (!survey || survey.status === "draft" || !survey.published_version_id) return { kind: "not_found" };
  if (survey.status !== "published" || (survey.closes_at && survey.closes_at <= now)) return { kind: "closed" };
  if (survey.opens_at && survey.opens_at > now) return { kind: "not_yet_open", opensAt: survey.opens_at };
  return { kind: "open", survey, versionId: survey.published_version_id, definition: await publishedDefinition(ctx, survey.published_version_id) };
}

export const openPolls = (ctx: AppContext) => listOpenPolls(ctx.db, new Date());

export const hashDevice = (deviceToken: string) => createHash("sha256").update(deviceToken).digest("hex");
export const hashInvitation = (token: string) => createHash("sha256").update(`invitation\0${token}`).digest("hex");
export const newDeviceToken = () => randomBytes(24).toString("base64url");
export const isDeviceToken = (v: string | null | undefined): v is string => typeof v === "string" && /^[A-Za-z0-9_-]{32}$/.test(v);

/** What the poll page needs for this device: its draft, or that it already answered. */
export async function deviceView(ctx: AppContext, surveyId: number, policy: string, deviceToken: string | null) {
  if (!isDeviceToken(deviceToken)) return { draft: null, alreadyAnswered: false };
  const deviceHash = hashDevice(deviceToken);
  const [draft, answered] = await Promise.all([
    getDraft(ctx.db, surveyId, deviceHash),
    policy === "device" ? deviceHasResponded(ctx.db, surveyId, deviceHash) : Promise.resolve(false),
  ]);
  return { draft: draft ?? null, alreadyAnswered: answered };
}

export async function invitationView(ctx: AppContext, surveyId: number, token: string | null) {
  if (!token) return "missing" as const;
  const state = await invitationState(ctx.db, surveyId, hashInvitation(token));
  if (!state) return "unknown" as const;
  return state.used_at ? ("used" as const) : ("valid" as const);
}

const draftSchema = z.object({ answers: z.record(z.unknown()), pageNo: z.number().int().min(0).max(1000).default(0) }).strict();

export type DraftResult = { status: 200 | 400 | 404 | 410 | 413; body: Record<string, unknown> };

/** Saves unfinished answers for this device, and tells the page early when a quota screens it out. */
export async function saveDraft(ctx: AppContext, slug: string, body: unknown, deviceToken: string | null): Promise<DraftResult> {
  if (!isDeviceToken(deviceToken)) return { status: 400, body: { error: "device_required" } };
  const state = await pollState(ctx, slug);
  if (state.kind === "not_found") return { status: 404, body: { error: "not_found" } };
  if (state.kind !== "open") return { status: 410, body: { error: state.kind } };
  const parsed = draftSchema.safeParse(body);
  if (!parsed.success) return { status: 400, body: { error: "invalid_body" } };
  const cells = await listQuotaCells(ctx.db, state.survey.id);
  if (isScreenedOut(cells, parsed.data.answers)) return { status: 200, body: { saved: false, screenedOut: true } };
  await upsertDraft(ctx.db, {
    surveyId: state.survey.id,
    deviceHash: hashDevice(deviceToken),
    versionId: state.versionId,
    answers: parsed.data.answers,
    pageNo: parsed.data.pageNo,
  });
  return { status: 200, body: { saved: true, screenedOut: false } };
}

/**
 * The residents' side: finding an open poll, keeping unfinished answers per device, and taking a
 * submission. The server trusts nothing: answers are checked against the STORED published version.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { allQuotasFull, listQuotaCells, takeQuotaPlaces } from "../../db/queries/quotas";
import {
  claimInvitation,
  deleteDraft,
  deviceHasResponded,
  findPollBySlug,
  findResponseBySubmission,
  getDraft,
  insertResponse,
  invitationState,
  listOpenPolls,
  upsertDraft,
} from "../../db/queries/responses";
import { getVersion, setSurveyStatus } from "../../db/queries/surveys";
import { cellsMatching, isScreenedOut } from "../domain/quotas";
import { validateResponse, type SurveyDefinition } from "../domain/survey";
import { keyedHash, type AppContext } from "./context.server";
import { RateLimiter } from "./rate-limit.server";

export const MAX_SUBMISSION_BYTES = 512 * 1024;
export const MAX_DRAFT_BYTES = 256 * 1024;

// Published versions never change, so their definitions can be cached for the life of the process.
const definitions = new Map<number, SurveyDefinition>();
async function publishedDefinition(ctx: AppContext, versionId: number): Promise<SurveyDefinition> {
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
const isDeviceToken = (v: string | null | undefined): v is string => typeof v === "string" && /^[A-Za-z0-9_-]{32}$/.test(v);

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

export const submissionSchema = z
  .object({
    submissionId: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, "8–100 letters, digits, - or _"),
    answers: z.record(z.unknown()),
    timing: z
      .object({ startedAt: z.string().datetime({ offset: true }).optional(), durationMs: z.number().int().min(0).max(30 * 86_400_000).optional() })
      .strict()
      .optional(),
    locale: z.enum(["ru", "en"]).optional(),
    invitation: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/).optional(),
  })
  .strict();

export type SubmissionResult = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

// One limiter per app context: its limit comes from the settings, and tests get fresh counters.
const limiters = new WeakMap<AppContext, RateLimiter | null>();
function limiterFor(ctx: AppContext): RateLimiter | null {
  if (!limiters.has(ctx)) {
    const limit = ctx.env.SUBMISSION_RATE_LIMIT;
    limiters.set(ctx, limit > 0 ? new RateLimiter(limit, 60_000) : null);
  }
  return limiters.get(ctx) ?? null;
}

class Refused extends Error {
  constructor(readonly result: SubmissionResult) {
    super(String(result.body.error));
  }
}

/** POST /api/polls/:slug/responses — see README "Submission API" for every status. */
export async function submitResponse(
  ctx: AppContext,
  input: { slug: string; body: unknown; deviceToken: string | null; clientAddress: string },
): Promise<SubmissionResult> {
  const state = await pollState(ctx, input.slug);
  if (state.kind === "not_found") return { status: 404, body: { error: "not_found" } };
  if (state.kind !== "open") return { status: 410, body: { error: state.kind } };
  const parsed = submissionSchema.safeParse(input.body);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "body", i.message]));
    return { status: 422, body: { error: "invalid_body", fields } };
  }
  const body = parsed.data;
  const survey = state.survey;

  // A retry of a stored submission answers with the same id before anything else can refuse it.
  const existing = await findResponseBySubmission(ctx.db, survey.id, body.submissionId);
  if (existing) return { status: 200, body: { id: Number(existing.id), duplicate: true } };

  const clientHash = keyedHash(ctx, "client", input.clientAddress);
  const limiter = limiterFor(ctx);
  if (limiter && !limiter.hit(clientHash)) {
    return { status: 429, body: { error: "rate_limited" }, headers: { "Retry-After": String(limiter.retryAfterSeconds(clientHash)) } };
  }

  const validation = validateResponse(state.definition, body.answers, { locale: body.locale ?? "ru" });
  if (!validation.ok) return { status: 422, body: { error: "invalid_answers", errors: validation.errors } };

  let deviceKey: string | null = null;
  if (survey.duplicate_policy === "device") {
    if (!isDeviceToken(input.deviceToken)) return { status: 409, body: { error: "device_required" } };
    deviceKey = hashDevice(input.deviceToken);
  }
  if (survey.duplicate_policy === "invitation" && !body.invitation) return { status: 409, body: { error: "invitation_required" } };

  const cells = await listQuotaCells(ctx.db, survey.id);
  const cellIds = cellsMatching(cells, validation.cleaned).map((c) => c.id);
  const startedAt = body.timing?.startedAt ? new Date(body.timing.startedAt) : null;

  try {
    return await ctx.db.transaction().execute(async (trx) => {
      let invitationId: number | null = null;
      if (survey.duplicate_policy === "invitation") {
        invitationId = await claimInvitation(trx, survey.id, hashInvitation(body.invitation!));
        if (invitationId === null) throw new Refused({ status: 409, body: { error: "invitation_used_or_unknown" } });
      }
      const taken = await takeQuotaPlaces(trx, cellIds);
      if (taken.length !== cellIds.length) throw new Refused({ status: 409, body: { error: "screened_out" } });
      const id = await insertResponse(trx, {
        survey_id: survey.id,
        version_id: state.versionId,
        submission_id: body.submissionId,
        answers: validation.cleaned,
        raw: input.body,
        locale: body.locale ?? null,
        started_at: startedAt && !Number.isNaN(startedAt.getTime()) ? startedAt : null,
        duration_ms: body.timing?.durationMs ?? null,
        device_key: deviceKey,
        invitation_id: invitationId,
        client_hash: clientHash,
        quota_cell_ids: cellIds.length > 0 ? cellIds : null,
      });
      // Lost a race with the same submission id: undo our quota places and answer with the winner.
      if (id === null) throw new Refused({ status: 200, body: { duplicate: true } });
      if (cellIds.length > 0 && (await allQuotasFull(trx, survey.id))) await setSurveyStatus(trx, survey.id, "closed");
      if (isDeviceToken(input.deviceToken)) await deleteDraft(trx, survey.id, hashDevice(input.deviceToken));
      return { status: 201, body: { id } };
    });
  } catch (error) {
    if (error instanceof Refused) {
      if (error.result.body.duplicate) {
        const winner = await findResponseBySubmission(ctx.db, survey.id, body.submissionId);
        return { status: 200, body: { id: Number(winner?.id), duplicate: true } };
      }
      return error.result;
    }
    // The unique keys are the real guards against a second answer from a device.
    if ((error as { code?: string }).code === "23505" && String((error as Error).message).includes("responses_device_key")) {
      return { status: 409, body: { error: "already_answered" } };
    }
    throw error;
  }
}

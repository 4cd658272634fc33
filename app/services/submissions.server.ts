/**
 * Taking a resident's submission (POST /api/polls/:slug/responses; README "Submission API").
 *
 * Hot path, one round trip: the poll's settings are cached for a second, and the INSERT itself
 * re-checks under the database's eyes that the poll is still open with the same version and
 * policy and has no quota cells. If that guard (or the submission id's unique key) stops the
 * insert, the full path runs: it reads everything afresh and answers exactly (200 replay, 410…).
 * Quotas and invitations always take the full path, in one transaction with row locks.
 */
import { z } from "zod";
import { allQuotasFull, takeQuotaPlaces } from "../../db/queries/quotas";
import {
  claimInvitation,
  deleteDraft,
  findPollForSubmission,
  findResponseBySubmission,
  insertResponse,
  insertResponseIfOpen,
  type NewResponse,
} from "../../db/queries/responses";
import { setSurveyStatus } from "../../db/queries/surveys";
import { cellsMatching } from "../domain/quotas";
import { validateResponse } from "../domain/survey";
import { keyedHash, type AppContext } from "./context.server";
import { hashDevice, hashInvitation, isDeviceToken, publishedDefinition } from "./polls.server";
import { RateLimiter } from "./rate-limit.server";

export const MAX_SUBMISSION_BYTES = 512 * 1024;
const SETTINGS_TTL_MS = 1000;

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
type Submission = z.infer<typeof submissionSchema>;

export type SubmissionResult = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

interface PollSettings {
  id: number;
  versionId: number;
  policy: "open" | "device" | "invitation";
  hasQuotas: boolean;
  openNow: boolean;
  fetchedAt: number;
}

// Per app context: the limit comes from its settings, and tests get fresh counters and caches.
const limiters = new WeakMap<AppContext, RateLimiter | null>();
const settingsCache = new WeakMap<AppContext, Map<string, PollSettings>>();

function limiterFor(ctx: AppContext): RateLimiter | null {
  if (!limiters.has(ctx)) limiters.set(ctx, ctx.env.SUBMISSION_RATE_LIMIT > 0 ? new RateLimiter(ctx.env.SUBMISSION_RATE_LIMIT, 60_000) : null);
  return limiters.get(ctx) ?? null;
}

function cachedSettings(ctx: AppContext, slug: string): PollSettings | null {
  const hit = settingsCache.get(ctx)?.get(slug);
  return hit && Date.now() - hit.fetchedAt < SETTINGS_TTL_MS ? hit : null;
}

function rememberSettings(ctx: AppContext, slug: string, settings: PollSettings) {
  let map = settingsCache.get(ctx);
  if (!map) settingsCache.set(ctx, (map = new Map()));
  if (map.size > 1000) map.clear();
  map.set(slug, settings);
}

class Refused extends Error {
  constructor(readonly result: SubmissionResult) {
    super(String(result.body.error));
  }
}

/** Rate limit, validation against the stored version, and the duplicate policy's device key. */
async function prepare(
  ctx: AppContext,
  poll: { id: number; versionId: number; policy: string },
  body: Submission,
  input: { rawBody: unknown; deviceToken: string | null; clientAddress: string },
): Promise<{ response: NewResponse; cleaned: Record<string, unknown> } | SubmissionResult> {
  const clientHash = keyedHash(ctx, "client", input.clientAddress);
  const limiter = limiterFor(ctx);
  if (limiter && !limiter.hit(clientHash)) {
    return { status: 429, body: { error: "rate_limited" }, headers: { "Retry-After": String(limiter.retryAfterSeconds(clientHash)) } };
  }
  const validation = validateResponse(await publishedDefinition(ctx, poll.versionId), body.answers, { locale: body.locale ?? "ru" });
  if (!validation.ok) return { status: 422, body: { error: "invalid_answers", errors: validation.errors } };
  let deviceKey: string | null = null;
  if (poll.policy === "device") {
    if (!isDeviceToken(input.deviceToken)) return { status: 409, body: { error: "device_required" } };
    deviceKey = hashDevice(input.deviceToken);
  }
  if (poll.policy === "invitation" && !body.invitation) return { status: 409, body: { error: "invitation_required" } };
  const startedAt = body.timing?.startedAt ? new Date(body.timing.startedAt) : null;
  return {
    cleaned: validation.cleaned,
    response: {
      survey_id: poll.id,
      version_id: poll.versionId,
      submission_id: body.submissionId,
      answers: validation.cleaned,
      raw: input.rawBody,
      locale: body.locale ?? null,
      started_at: startedAt && !Number.isNaN(startedAt.getTime()) ? startedAt : null,
      duration_ms: body.timing?.durationMs ?? null,
      device_key: deviceKey,
      invitation_id: null,
      client_hash: clientHash,
      quota_cell_ids: null,
    },
  };
}

const isDeviceConflict = (error: unknown) =>
  (error as { code?: string }).code === "23505" && String((error as Error).message).includes("responses_device_key");

export async function submitResponse(
  ctx: AppContext,
  input: { slug: string; body: unknown; deviceToken: string | null; clientAddress: string },
): Promise<SubmissionResult> {
  if (!/^[a-z0-9][a-z0-9-]{1,79}$/.test(input.slug)) return { status: 404, body: { error: "not_found" } };
  const parsed = submissionSchema.safeParse(input.body);
  const context = { rawBody: input.body, deviceToken: input.deviceToken, clientAddress: input.clientAddress };

  const settings = cachedSettings(ctx, input.slug);
  if (parsed.success && settings?.openNow && !settings.hasQuotas && settings.policy !== "invitation") {
    const prepared = await prepare(ctx, settings, parsed.data, context);
    if (!("response" in prepared)) return prepared;
    try {
      const id = await insertResponseIfOpen(ctx.db, prepared.response, settings.policy);
      if (id !== null) {
        if (isDeviceToken(input.deviceToken)) await deleteDraft(ctx.db, settings.id, hashDevice(input.deviceToken));
        return { status: 201, body: { id } };
      }
    } catch (error) {
      if (isDeviceConflict(error)) return { status: 409, body: { error: "already_answered" } };
      throw error;
    }
    // stopped by the guard or the unique key: the full path below tells which
  }
  return fullPath(ctx, input.slug, parsed, context);
}

async function fullPath(
  ctx: AppContext,
  slug: string,
  parsed: z.SafeParseReturnType<unknown, Submission>,
  context: { rawBody: unknown; deviceToken: string | null; clientAddress: string },
): Promise<SubmissionResult> {
  const poll = await findPollForSubmission(ctx.db, slug, parsed.success ? parsed.data.submissionId : "");
  if (!poll || poll.status === "draft" || !poll.published_version_id) return { status: 404, body: { error: "not_found" } };
  // A retry of a stored submission gets its id back, even after the poll has closed.
  if (parsed.success && poll.existing_id != null) return { status: 200, body: { id: Number(poll.existing_id), duplicate: true } };
  const now = new Date();
  const closed = poll.status !== "published" || (poll.closes_at !== null && poll.closes_at <= now);
  const notYet = poll.opens_at !== null && poll.opens_at > now;
  const cells = poll.quota_cells ?? [];
  rememberSettings(ctx, slug, {
    id: poll.id,
    versionId: poll.published_version_id,
    policy: poll.duplicate_policy,
    hasQuotas: cells.length > 0,
    openNow: !closed && !notYet,
    fetchedAt: Date.now(),
  });
  if (closed) return { status: 410, body: { error: "closed" } };
  if (notYet) return { status: 410, body: { error: "not_yet_open" } };
  if (!parsed.success) {
    return { status: 422, body: { error: "invalid_body", fields: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "body", i.message])) } };
  }
  const body = parsed.data;
  const prepared = await prepare(ctx, { id: poll.id, versionId: poll.published_version_id, policy: poll.duplicate_policy }, body, context);
  if (!("response" in prepared)) return prepared;
  const cellIds = cellsMatching(cells, prepared.cleaned).map((c) => c.id);
  const response = { ...prepared.response, quota_cell_ids: cellIds.length > 0 ? cellIds : null };

  try {
    return await ctx.db.transaction().execute(async (trx) => {
      let invitationId: number | null = null;
      if (poll.duplicate_policy === "invitation") {
        invitationId = await claimInvitation(trx, poll.id, hashInvitation(body.invitation!));
        if (invitationId === null) throw new Refused({ status: 409, body: { error: "invitation_used_or_unknown" } });
      }
      const taken = await takeQuotaPlaces(trx, cellIds);
      if (taken.length !== cellIds.length) throw new Refused({ status: 409, body: { error: "screened_out" } });
      const id = await insertResponse(trx, { ...response, invitation_id: invitationId });
      // Lost a race with the same submission id: undo our quota places and answer with the winner.
      if (id === null) throw new Refused({ status: 200, body: { duplicate: true } });
      if (cellIds.length > 0 && (await allQuotasFull(trx, poll.id))) await setSurveyStatus(trx, poll.id, "closed");
      if (isDeviceToken(context.deviceToken)) await deleteDraft(trx, poll.id, hashDevice(context.deviceToken));
      return { status: 201, body: { id } };
    });
  } catch (error) {
    if (error instanceof Refused) {
      if (!error.result.body.duplicate) return error.result;
      const winner = await findResponseBySubmission(ctx.db, poll.id, body.submissionId);
      return { status: 200, body: { id: Number(winner?.id), duplicate: true } };
    }
    // The unique keys are the real guards against a second answer from a device.
    if (isDeviceConflict(error)) return { status: 409, body: { error: "already_answered" } };
    throw error;
  }
}

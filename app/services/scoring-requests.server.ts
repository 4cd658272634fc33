/** An analyst's "score again" button: one scores.compute job (one per month and minute, however often clicked). */
import { z } from "zod";
import type { AppContext } from "./context.server";

const schema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(), methodologyId: z.number().int().positive().optional() });

export async function requestScoring(ctx: Pick<AppContext, "jobs">, input: { month?: string; methodologyId?: number; requestedBy: number }) {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false as const, errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "_"), i.message])) };
  const minute = new Date().toISOString().slice(0, 16).replace(/[^0-9]/g, "");
  await ctx.jobs.enqueue("scores.compute", { ...parsed.data, requestedBy: input.requestedBy }, { jobId: `scores-manual-${parsed.data.month ?? "now"}-${parsed.data.methodologyId ?? "active"}-${minute}` });
  return { ok: true as const, queued: true };
}

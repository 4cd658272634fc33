import type { ActionFunctionArgs } from "@remix-run/node";
import { MAX_DRAFT_BYTES, saveDraft } from "../services/polls.server";
import { readCookie, readJsonBody } from "../utils/http.server";

/** The poll page saves unfinished answers here as the resident goes (same device resumes). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const body = await readJsonBody(request, MAX_DRAFT_BYTES);
  if (!body.ok) return Response.json({ error: body.error }, { status: body.status });
  const result = await saveDraft(context.app, params.slug ?? "", body.value, readCookie(request, "rp_device"));
  return Response.json(result.body, { status: result.status });
}

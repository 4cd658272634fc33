import type { ActionFunctionArgs } from "@remix-run/node";
import { MAX_SUBMISSION_BYTES, submitResponse } from "../services/polls.server";
import { readCookie, readJsonBody } from "../utils/http.server";

export async function loader() {
  return Response.json({ error: "method_not_allowed" }, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "method_not_allowed" }, { status: 405, headers: { Allow: "POST" } });
  const body = await readJsonBody(request, MAX_SUBMISSION_BYTES);
  // The client may still be sending the rest of an oversized body: close rather than reuse the socket.
  if (!body.ok) return Response.json({ error: body.error }, { status: body.status, headers: body.status === 413 ? { Connection: "close" } : undefined });
  const result = await submitResponse(context.app, {
    slug: params.slug ?? "",
    body: body.value,
    deviceToken: readCookie(request, "rp_device"),
    clientAddress: context.clientAddress,
  });
  return Response.json(result.body, { status: result.status, headers: result.headers });
}

/**
 * POST /api/polls/:slug/responses served straight from Express, not through Remix: the answer path
 * is the one hot endpoint (>= 1,000 validated submissions/s on two cores), and Remix's request
 * conversion cost more than the validation itself. Same use-case (submitResponse), same rules.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppContext } from "./context.server";
import { MAX_SUBMISSION_BYTES, submitResponse } from "./submissions.server";

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.end(text);
}

function deviceCookie(req: IncomingMessage): string | null {
  const match = /(?:^|;\s*)rp_device=([A-Za-z0-9_-]{32})(?:;|$)/.exec(req.headers.cookie ?? "");
  return match?.[1] ?? null;
}

export async function handleSubmission(ctx: AppContext, req: IncomingMessage, res: ServerResponse, slug: string, clientAddress: string) {
  if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
    return send(res, 415, { error: "content_type_must_be_application_json" });
  }
  // An oversized body: answer at once and close, rather than reuse a socket still receiving it.
  if (Number(req.headers["content-length"] ?? 0) > MAX_SUBMISSION_BYTES) return send(res, 413, { error: "body_too_large" }, { Connection: "close" });
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_SUBMISSION_BYTES) {
      tooLarge = true;
      break;
    }
    chunks.push(chunk as Buffer);
  }
  if (tooLarge) return send(res, 413, { error: "body_too_large" }, { Connection: "close" });
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    return send(res, 400, { error: "malformed_json" });
  }
  const result = await submitResponse(ctx, { slug, body, deviceToken: deviceCookie(req), clientAddress });
  send(res, result.status, result.body, result.headers);
}

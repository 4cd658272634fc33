/**
 * POST /api/polls/:slug/responses served straight from node:http, not through Express and Remix:
 * the answer path is the one hot endpoint (>= 1,000 validated submissions/s on two cores), and
 * Remix's request conversion cost more than the validation itself. Same use-case
 * (submitResponse), same rules; server.ts routes here after the common front door.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppContext } from "./context.server";
import { countSubmission } from "./metrics.server";
import { MAX_SUBMISSION_BYTES, submitResponse, type SubmissionResult } from "./submissions.server";
import { databaseAvailability, sendUnavailable } from "./unavailable.server";

function send(res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  countSubmission(status, body);
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.end(text);
}

// fatal: a body that is not UTF-8 is refused as malformed, never decoded with replacement marks
const utf8 = new TextDecoder("utf-8", { fatal: true });

const SUBMISSION_PATH = /^\/api\/polls\/([^/?#]+)\/responses\/?(?:\?.*)?$/;

/** The slug when the URL is the answer endpoint's, else null (other URLs go to Express). */
export function submissionSlug(url: string): string | null {
  const match = SUBMISSION_PATH.exec(url);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return "";
  }
}

/** The body, or "too-large" as soon as it passes the limit (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once("error", reject);
  });
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
  const raw = await readBody(req, MAX_SUBMISSION_BYTES);
  if (raw === "too-large") return send(res, 413, { error: "body_too_large" }, { Connection: "close" });
  let body: unknown;
  try {
    body = JSON.parse(utf8.decode(raw));
  } catch {
    return send(res, 400, { error: "malformed_json" });
  }
  // While PostgreSQL is down a clear 503 with Retry-After: the client keeps its submission id and retries.
  const availability = databaseAvailability(ctx);
  const unavailable = () => {
    countSubmission(503, { error: "unavailable" });
    sendUnavailable(req, res);
  };
  if (availability.down) return unavailable();
  let result: SubmissionResult;
  try {
    result = await submitResponse(ctx, { slug, body, deviceToken: deviceCookie(req), clientAddress });
  } catch (error) {
    if (availability.noteFailure(error)) return unavailable();
    throw error;
  }
  send(res, result.status, result.body, result.headers);
}

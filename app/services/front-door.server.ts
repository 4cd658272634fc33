/**
 * What every request passes before any handler: security headers, the body-size cap and the
 * cross-origin mutation check. One function, used by the Express middleware for Remix and by the
 * answer endpoint, which the web process serves without Express (see server.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import proxyaddr from "proxy-addr";
import { isCrossOriginMutation } from "../utils/origin.server";

export const MAX_BODY_BYTES = 25 * 1024 * 1024;

// Same trust as Express's `trust proxy: loopback`: a reverse proxy on this machine may say who
// the client is and which protocol it used; nobody else may.
const trustLoopback = proxyaddr.compile("loopback");

export function clientAddress(req: IncomingMessage): string {
  return proxyaddr(req, trustLoopback) || req.socket.remoteAddress || "unknown";
}

export function requestProtocol(req: IncomingMessage): string {
  const direct = (req.socket as TLSSocket).encrypted ? "https" : "http";
  if (!trustLoopback(req.socket.remoteAddress ?? "", 0)) return direct;
  const forwarded = req.headers["x-forwarded-proto"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || direct;
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

function refuseTooLarge(res: ServerResponse) {
  if (res.headersSent) return;
  res.writeHead(413, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" }).end("Request body too large");
}

/** What a handler reading a refused body sees: an error, never a truncated body posing as whole. */
export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
  readonly status = 413;
  constructor() {
    super(`request body over ${MAX_BODY_BYTES} bytes`);
  }
}

/**
 * Counts a streamed body at the one place every byte passes (Node's parser pushes each chunk into
 * the request), without reading it ahead of the handler. Past the cap: 413 at once, the rest is
 * dropped, and the handler's read fails once the answer has left.
 */
function capStreamedBody(req: IncomingMessage, res: ServerResponse) {
  let received = 0;
  let refused = false;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk === null || chunk === undefined) return refused ? false : push(chunk, encoding);
    if (refused) return true;
    received += (chunk as Buffer).length;
    if (received <= MAX_BODY_BYTES) return push(chunk, encoding);
    refused = true;
    refuseTooLarge(res);
    const fail = () => req.emit("error", new BodyTooLargeError());
    if (res.writableFinished) fail();
    else res.once("finish", fail);
    return true;
  };
}

/**
 * The policy of every HTML document. Remix's inline scripts carry the request's nonce; SurveyJS
 * and chart.js set inline styles, so styles may be inline (a style cannot run code). Images may
 * come from https: because a survey's image questions point at the author's pictures.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Sets the security headers; answers and returns false when the request must go no further. */
export function passFrontDoor(req: IncomingMessage, res: ServerResponse, appOrigin: string | undefined): boolean {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
    refuseTooLarge(res);
    return false;
  }
  // Without Content-Length (chunked) the size is only known while reading: count as it arrives.
  // A Content-Length that understates is safe: Node reads no more than it declares.
  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] !== undefined) capStreamedBody(req, res);
  // PostgreSQL text cannot hold NUL, and no address of ours has one: refuse it here, once, rather
  // than let a query fail deep inside (a 500) wherever a parameter reaches the database
  if (/%00|\0/.test(req.url ?? "")) {
    res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end("Bad request");
    return false;
  }
  const crossOrigin = isCrossOriginMutation({
    method: req.method ?? "GET",
    origin: req.headers.origin,
    secFetchSite: req.headers["sec-fetch-site"] as string | undefined,
    host: req.headers.host,
    protocol: requestProtocol(req),
    appOrigin,
  });
  if (crossOrigin) {
    res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" }).end("Cross-origin request refused");
    return false;
  }
  return true;
}

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

/** Sets the security headers; answers and returns false when the request must go no further. */
export function passFrontDoor(req: IncomingMessage, res: ServerResponse, appOrigin: string | undefined): boolean {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
    res.writeHead(413, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" }).end("Request body too large");
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

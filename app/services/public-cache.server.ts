/**
 * A short-lived cache of public pages (the public ranking) for visitors without a session: the
 * same HTML for everyone with the same language, so 200 readers at once cost one render per
 * `ttlMs` instead of 200 (bench:scores). A visitor with a session, a request that is not a GET,
 * or a response that is not a cookie-less 200 is never cached. Concurrent misses of one key wait
 * for the first render instead of rendering again. Keys are bounded (oldest evicted first).
 */
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

interface Entry {
  at: number;
  status: number;
  headers: Record<string, string | number | string[]>;
  body: Buffer;
}

export function publicPageCache(options: { paths: RegExp; ttlMs: number; maxEntries: number; sessionCookie: string; localeCookie: string }) {
  const entries = new Map<string, Entry>();
  const waiting = new Map<string, Array<(entry: Entry | null) => void>>();
  const session = new RegExp(`(?:^|;\\s*)${options.sessionCookie}=`);
  const language = new RegExp(`(?:^|;\\s*)${options.localeCookie}=(\\w+)`);

  const send = (res: Response, entry: Entry) => {
    const { headers, body } = withFreshNonce(entry);
    res.status(entry.status);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader("X-Cache", "hit");
    res.end(body);
  };

  return function cache(req: Request, res: Response, next: NextFunction) {
    if (req.method !== "GET" || !options.paths.test(req.path)) return next();
    const cookie = req.headers.cookie ?? "";
    if (session.test(cookie)) return next();
    const key = `${language.exec(cookie)?.[1] ?? "-"} ${req.originalUrl}`;
    const hit = entries.get(key);
    if (hit && Date.now() - hit.at < options.ttlMs) return send(res, hit);
    const queue = waiting.get(key);
    if (queue) {
      queue.push((entry) => (entry ? send(res, entry) : next()));
      return;
    }
    waiting.set(key, []);
    const chunks: Buffer[] = [];
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    };
    res.write = ((chunk: unknown, encoding?: unknown, cb?: unknown) => {
      keep(chunk, encoding);
      return write(chunk as never, encoding as never, cb as never);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, encoding?: unknown, cb?: unknown) => {
      keep(chunk, encoding);
      const cacheable = res.statusCode === 200 && !res.getHeader("Set-Cookie");
      const entry: Entry | null = cacheable ? { at: Date.now(), status: 200, headers: headersOf(res), body: Buffer.concat(chunks) } : null;
      if (entry) {
        entries.delete(key);
        entries.set(key, entry);
        if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!);
      }
      const waiters = waiting.get(key) ?? [];
      waiting.delete(key);
      const done = end(chunk as never, encoding as never, cb as never);
      for (const w of waiters) w(entry);
      return done;
    }) as typeof res.end;
    res.on("close", () => {
      // a render that failed or was cut off: the ones waiting for it render on their own
      const waiters = waiting.get(key);
      if (!waiters) return;
      waiting.delete(key);
      for (const w of waiters) w(null);
    });
    next();
  };
}

function headersOf(res: Response): Entry["headers"] {
  const out: Entry["headers"] = {};
  for (const [name, value] of Object.entries(res.getHeaders())) {
    // hop-by-hop and per-response headers are the transport's, not the page's
    if (value === undefined || ["content-length", "transfer-encoding", "connection", "date", "x-request-id"].includes(name)) continue;
    out[name] = value as string | number | string[];
  }
  return out;
}

/**
 * A CSP nonce must not repeat: a copy served for 30 s would hand anyone who reads it a nonce that
 * still works. Each hit gets a new one, in the header and on the page's scripts alike.
 */
function withFreshNonce(entry: Entry): { headers: Entry["headers"]; body: Buffer } {
  const policy = entry.headers["content-security-policy"];
  const old = typeof policy === "string" ? /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1] : undefined;
  if (!old || typeof policy !== "string") return entry;
  const nonce = randomBytes(16).toString("base64");
  // latin1 maps bytes one to one, so the UTF-8 page passes through unchanged around the nonces
  const body = Buffer.from(entry.body.toString("latin1").replaceAll(`nonce="${old}"`, `nonce="${nonce}"`), "latin1");
  return { headers: { ...entry.headers, "content-security-policy": policy.replace(`'nonce-${old}'`, `'nonce-${nonce}'`) }, body };
}

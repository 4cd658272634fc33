/**
 * PostgreSQL down (restart, failover, network): every request would fail the same way, so the
 * web process answers 503 with Retry-After at once instead of a 500 and a stack trace per request.
 * The first failed query that looks like an outage marks the database down; from then on a probe
 * (`select 1` each second) decides when it is back. Nothing restarts: the pg pool reconnects by
 * itself, this only decides what to answer meanwhile. One monitor per database handle.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import type { Database } from "../../db/client";

export const RETRY_AFTER_SECONDS = 5;
const PROBE_EVERY_MS = 1000;

// Socket-level signs that the server is unreachable (node-postgres passes them through as is).
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
// SQLSTATE: class 08 = connection exception; 57P01-03 = shutting down / crashed / starting up;
// 53300 = too many connections (the server is there but cannot take us: same answer for the client).
const OUTAGE_STATES = /^(08\d{3}|57P0[123]|53300)$/;
// node-postgres's own messages for a connection lost or never made (they carry no code)
const OUTAGE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

/** True when the error says the database cannot be reached, not that a query was wrong. */
export function isDatabaseOutage(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && (NETWORK_CODES.has(e.code) || OUTAGE_STATES.test(e.code))) return true;
  if (typeof e.message === "string" && OUTAGE_MESSAGES.test(e.message)) return true;
  // Node reports a refused "localhost" (both ::1 and 127.0.0.1) as an AggregateError
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseOutage(inner, depth + 1))) return true;
  return isDatabaseOutage(e.cause, depth + 1);
}

export class DatabaseAvailability {
  #down = false;

  constructor(
    private readonly db: Database,
    private readonly probeEveryMs = PROBE_EVERY_MS,
  ) {}

  get down(): boolean {
    return this.#down;
  }

  /** Classifies a failure; an outage marks the database down until a probe succeeds. */
  noteFailure(error: unknown): boolean {
    if (!isDatabaseOutage(error)) return false;
    if (!this.#down) {
      this.#down = true;
      void this.#probeUntilBack();
    }
    return true;
  }

  async #probeUntilBack() {
    while (this.#down) {
      await sleep(this.probeEveryMs, undefined, { ref: false });
      try {
        await sql`select 1`.execute(this.db);
        this.#down = false;
      } catch (error) {
        // anything but an outage (the handle was closed, say) ends the probing: requests tell again
        if (!isDatabaseOutage(error)) this.#down = false;
      }
    }
  }
}

const monitors = new WeakMap<object, DatabaseAvailability>();

export function databaseAvailability(ctx: { db: Database }): DatabaseAvailability {
  let monitor = monitors.get(ctx.db);
  if (!monitor) monitors.set(ctx.db, (monitor = new DatabaseAvailability(ctx.db)));
  return monitor;
}

const wantsJson = (req: IncomingMessage) => {
  const url = req.url ?? "";
  return url.startsWith("/api/") || /[?&]_data=/.test(url) || /\.data(\?|$)/.test(url) || /application\/json/.test(req.headers.accept ?? "");
};

// Plain HTML with no loader behind it: the layout's loader needs the database that is down.
const PAGE = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Сервис временно недоступен — Service unavailable</title></head><body>
<h1>Сервис временно недоступен</h1><p>База данных перезапускается. Обновите страницу через несколько секунд.</p>
<p lang="en">Service temporarily unavailable: the database is restarting. Reload the page in a few seconds.</p></body></html>`;

/** The 503 itself: JSON for the API and Remix data requests, a small bilingual page otherwise. */
export function sendUnavailable(req: IncomingMessage, res: ServerResponse) {
  const json = wantsJson(req);
  res.writeHead(503, {
    "Content-Type": json ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Retry-After": String(RETRY_AFTER_SECONDS),
  });
  res.end(json ? '{"error":"unavailable"}' : PAGE);
}

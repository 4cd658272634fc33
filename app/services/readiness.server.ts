/**
 * Readiness for load balancers and orchestrators: can this process serve requests right now?
 * Each dependency is checked with a short timeout so a hung database answers "failed" quickly
 * instead of holding the probe (and the probe's connection) open.
 */
import { Redis } from "ioredis";
import { pingDatabase } from "../../db/queries/operations";
import type { AppContext } from "./context.server";

export const CHECK_TIMEOUT_MS = 1000;

export interface Readiness {
  ready: boolean;
  database: "ok" | "failed";
  redis: "ok" | "failed" | "not configured";
}

// One connection per app context, reused between probes (a probe every few seconds must not
// open a connection each time); closed with the web process.
const clients = new WeakMap<AppContext, Redis>();

function redisFor(ctx: AppContext, url: string): Redis {
  let client = clients.get(ctx);
  if (!client) {
    client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: CHECK_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: true,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // a refused connection is the probe's answer, not a crash
    client.on("error", () => undefined);
    clients.set(ctx, client);
  }
  return client;
}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function passes(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await within(check(), CHECK_TIMEOUT_MS);
    return true;
  } catch {
    return false;
  }
}

export async function checkReadiness(ctx: AppContext): Promise<Readiness> {
  const redisUrl = ctx.env.REDIS_URL;
  const [database, redis] = await Promise.all([
    passes(() => pingDatabase(ctx.db)),
    redisUrl
      ? passes(async () => {
          const client = redisFor(ctx, redisUrl);
          if (client.status === "wait") await client.connect();
          return client.ping();
        })
      : Promise.resolve(null),
  ]);
  const result: Readiness = {
    ready: database && redis !== false,
    database: database ? "ok" : "failed",
    redis: redis === null ? "not configured" : redis ? "ok" : "failed",
  };
  return result;
}

export async function closeReadiness(ctx: AppContext): Promise<void> {
  const client = clients.get(ctx);
  clients.delete(ctx);
  if (client) client.disconnect();
}

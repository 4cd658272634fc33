/**
 * Redis for queue tests. The URL comes from the global setup (TEST_REDIS_URL); without it the
 * bull half of a suite is skipped locally and refused in CI, where queue tests must never skip.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { inject } from "vitest";

export function testRedisUrl(): string {
  return inject("testRedisUrl") ?? "";
}

/** The Redis URL, or null when there is none and the caller may skip (never in CI). */
export function requireRedis(): string | null {
  const url = testRedisUrl();
  if (url) return url;
  if (process.env.CI === "true") throw new Error("CI=true but TEST_REDIS_URL is not set: queue tests never skip in CI");
  return null;
}

/** A key prefix no other run or test shares, so parallel runs never see each other's jobs. */
export function uniquePrefix(label: string): string {
  return `test:${inject("runId")}:${label}:${randomBytes(3).toString("hex")}`;
}

export async function deleteKeys(redisUrl: string, prefix: string): Promise<number> {
  // a stray "*" or an empty prefix would wipe somebody else's keys
  if (!/^[\w.:-]+$/.test(prefix)) throw new Error(`refusing to delete keys for prefix "${prefix}"`);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) {
      const batch = keys as string[];
      if (batch.length > 0) deleted += await redis.del(...batch);
    }
  } finally {
    await redis.quit();
  }
  return deleted;
}

/**
 * Sliding-window rate gates: at most `limit` acquisitions in any `windowMs` window per key.
 * The memory gate serves one process (tests, the embedded mode); the Redis gate is shared by every
 * worker process on the same Redis and prefix, which is what a platform's per-token limit needs
 * once several workers hold the same token.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type { RateGate } from "./types";

/** setTimeout that rejects with the signal's reason as soon as the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function checkArguments(limit: number, windowMs: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`rate gate limit must be a positive integer, got ${limit}`);
  if (!(windowMs > 0)) throw new RangeError(`rate gate window must be positive, got ${windowMs}`);
}

export function memoryRateGate(): RateGate {
  const granted = new Map<string, number[]>();
  return {
    async acquire(key, limit, windowMs, signal) {
      checkArguments(limit, windowMs);
      for (;;) {
        signal?.throwIfAborted();
        const now = Date.now();
        // an acquisition exactly windowMs ago is outside the window, as in FaultPlan.peakPerWindow
        const recent = (granted.get(key) ?? []).filter((at) => now - at < windowMs);
        if (recent.length < limit) {
          recent.push(now);
          granted.set(key, recent);
          return;
        }
        granted.set(key, recent);
        await abortableSleep(recent[0]! + windowMs - now, signal);
      }
    },
    async close() {
      granted.clear();
    },
  };
}

/**
 * One atomic step: drop stamps older than the window, then either record this acquisition or
 * answer how many ms until the oldest stamp leaves the window. Time comes from the Redis server
 * (TIME), so workers whose clocks disagree still share one timeline.
 */
const ACQUIRE_SCRIPT = `
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < limit then
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('PEXPIRE', key, window)
  return 0
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

interface GateCommands {
  rateGateAcquire(key: string, limit: number, windowMs: number, member: string): Promise<number>;
}

export function redisRateGate(redisUrl: string, prefix: string): RateGate {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  // Without a listener ioredis prints every failed reconnect while Redis is down; the commands
  // themselves reject (after maxRetriesPerRequest), which is where the audit page sees the fault.
  redis.on("error", () => undefined);
  redis.defineCommand("rateGateAcquire", { numberOfKeys: 1, lua: ACQUIRE_SCRIPT });
  const commands = redis as unknown as GateCommands;
  let sequence = 0;
  const owner = randomBytes(6).toString("hex");
  return {
    async acquire(key, limit, windowMs, signal) {
      checkArguments(limit, windowMs);
      // members must be unique, or two grants in the same millisecond would collapse into one
      const member = `${owner}:${++sequence}`;
      for (;;) {
        signal?.throwIfAborted();
        const waitMs = await commands.rateGateAcquire(`${prefix}:${key}`, limit, Math.ceil(windowMs), member);
        if (waitMs === 0) return;
        await abortableSleep(waitMs, signal);
      }
    },
    async close() {
      // quit() rejects when Redis is down; closing must still succeed (a worker stopping mid-outage)
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

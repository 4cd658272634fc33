/**
 * Sliding-window rate gates. The memory gate runs on fake timers, so "the fourth call waits
 * exactly until the first leaves the window" is checked without real waiting. The Redis gate is
 * checked across two instances (two connections, as two workers would hold): a full window blocks
 * the other instance, other keys are unaffected, and a freed slot is granted.
 */
import { memoryRateGate, redisRateGate } from "../../jobs/connectors/rate-gate";
import type { RateGate } from "../../jobs/connectors/types";
import { deleteKeys, requireRedis, uniquePrefix } from "../helpers/redis";

/** Starts an acquisition and reports whether it has been granted yet. */
function track(promise: Promise<void>) {
  const state = { granted: false, error: null as unknown };
  promise.then(
    () => (state.granted = true),
    (error: unknown) => (state.error = error),
  );
  return state;
}

describe("memoryRateGate", () => {
  let gate: RateGate;
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2025-03-01T00:00:00Z") });
    gate = memoryRateGate();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await gate.close();
  });

  it("grants `limit` acquisitions per window and holds the next until the oldest leaves it", async () => {
    const calls = Array.from({ length: 5 }, () => track(gate.acquire("vk:a", 3, 1000)));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.granted)).toEqual([true, true, true, false, false]);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls.map((c) => c.granted)).toEqual([true, true, true, false, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.granted)).toEqual([true, true, true, true, true]);
  });

  it("slides: a slot frees when its own grant is a window old, not at a fixed tick", async () => {
    await gate.acquire("k", 2, 1000);
    await vi.advanceTimersByTimeAsync(600);
    await gate.acquire("k", 2, 1000);
    const third = track(gate.acquire("k", 2, 1000));
    const fourth = track(gate.acquire("k", 2, 1000));
    await vi.advanceTimersByTimeAsync(400); // the first grant is now 1000 ms old
    expect([third.granted, fourth.granted]).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(599);
    expect(fourth.granted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(fourth.granted).toBe(true);
  });

  it("keeps keys apart", async () => {
    for (let i = 0; i < 3; i++) await gate.acquire("vk:a", 3, 1000);
    const other = track(gate.acquire("vk:b", 3, 1000));
    await vi.advanceTimersByTimeAsync(0);
    expect(other.granted).toBe(true);
  });

  it("gives up a wait when the signal aborts, and does not take the slot", async () => {
    for (let i = 0; i < 3; i++) await gate.acquire("k", 3, 1000);
    const controller = new AbortController();
    const waiting = track(gate.acquire("k", 3, 1000, controller.signal));
    await vi.advanceTimersByTimeAsync(100);
    controller.abort(new Error("cancelled"));
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting.granted).toBe(false);
    expect(waiting.error).toEqual(new Error("cancelled"));
    // after the window three fresh grants fit, so the aborted call left nothing behind
    await vi.advanceTimersByTimeAsync(900);
    const next = Array.from({ length: 3 }, () => track(gate.acquire("k", 3, 1000)));
    await vi.advanceTimersByTimeAsync(0);
    expect(next.every((c) => c.granted)).toBe(true);
  });

  it("rejects nonsense limits", async () => {
    await expect(gate.acquire("k", 0, 1000)).rejects.toThrow(RangeError);
    await expect(gate.acquire("k", 1, 0)).rejects.toThrow(RangeError);
  });
});

describe("redisRateGate", () => {
  const redisUrl = requireRedis();
  let prefix: string;
  let gates: RateGate[] = [];
  beforeEach(() => {
    prefix = uniquePrefix("rate-gate");
    gates = redisUrl ? [redisRateGate(redisUrl, prefix), redisRateGate(redisUrl, prefix)] : [];
  });
  afterEach(async () => {
    await Promise.all(gates.map((g) => g.close()));
    if (redisUrl) await deleteKeys(redisUrl, prefix);
  });

  it.skipIf(!redisUrl)("shares one window between instances: a full window blocks the other one", async () => {
    const [a, b] = gates as [RateGate, RateGate];
    await a.acquire("vk:t", 3, 60_000);
    await b.acquire("vk:t", 3, 60_000);
    await a.acquire("vk:t", 3, 60_000);
    // a fourth grant within the minute would break the limit, so it can only end by the abort
    await expect(b.acquire("vk:t", 3, 60_000, AbortSignal.timeout(300))).rejects.toMatchObject({ name: "TimeoutError" });
    await expect(a.acquire("vk:t", 3, 60_000, AbortSignal.timeout(300))).rejects.toMatchObject({ name: "TimeoutError" });
    // another key has its own window
    await b.acquire("vk:other", 3, 60_000, AbortSignal.timeout(5_000));
  });

  it.skipIf(!redisUrl)("grants the waiting call once the oldest grant leaves the window", async () => {
    const [a, b] = gates as [RateGate, RateGate];
    await a.acquire("k", 2, 300);
    await b.acquire("k", 2, 300);
    const granted: string[] = [];
    await Promise.all([
      a.acquire("k", 2, 300, AbortSignal.timeout(10_000)).then(() => granted.push("a")),
      b.acquire("k", 2, 300, AbortSignal.timeout(10_000)).then(() => granted.push("b")),
    ]);
    expect(granted.sort()).toEqual(["a", "b"]);
  });

  it.skipIf(!redisUrl)("keeps its keys under the prefix and lets them expire", async () => {
    const [a] = gates as [RateGate];
    await a.acquire("k", 5, 200);
    const { Redis } = await import("ioredis");
    const redis = new Redis(redisUrl!, { maxRetriesPerRequest: 1 });
    try {
      expect(await redis.zcard(`${prefix}:k`)).toBe(1);
      const ttl = await redis.pttl(`${prefix}:k`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(200);
    } finally {
      await redis.quit();
    }
  });
});

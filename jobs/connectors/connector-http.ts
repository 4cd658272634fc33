/**
 * The HTTP plumbing the OK and Telegram connectors share: one request with the runtime's timeout,
 * and a retry loop that tells "try again here" (rate limits, 5xx, timeouts) from "give up".
 */
import { lightFetch } from "./light-fetch";
import { abortableSleep } from "./rate-gate";
import { ConnectorError, type ConnectorRuntime } from "./types";

export interface HttpResult {
  status: number;
  contentType: string;
  body: string;
  retryAfterMs: number | null;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Waits, unless the caller gives up first (the same sleep the VK connector uses). */
export const defaultSleep = abortableSleep;

/**
 * One request, body included, within runtime.timeoutMs. Network failures and timeouts become
 * ConnectorError("transient"); the caller's own abort is passed through untouched so a cancelled
 * job is not mistaken for a flaky platform.
 */
export async function httpRequest(runtime: ConnectorRuntime, url: string, init: RequestInit, signal?: AbortSignal): Promise<HttpResult> {
  const timeoutMs = runtime.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const response = await (runtime.fetch ?? (lightFetch as unknown as typeof fetch))(url, { ...init, signal: combined });
    const body = await response.text();
    const retryAfter = Number(response.headers.get("retry-after"));
    return {
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      body,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
    };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const why = timeout.aborted ? `no answer within ${timeoutMs} ms` : `network error: ${(error as Error).message}`;
    throw new ConnectorError("transient", why);
  }
}

/** What one attempt produced: a value, or an error worth another attempt after `waitMs`. */
export type Attempt<T> = { value: T } | { retry: ConnectorError; waitMs?: number };

export interface RetryPolicy {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  baseDelayMs: number;
  /** extra attempts after a 5xx, a timeout or a network error */
  transientRetries: number;
  /** extra attempts after the platform said "too many requests" */
  rateLimitRetries: number;
  signal?: AbortSignal;
}

/**
 * Exponential backoff (base, 2×base, 4×base…) unless the platform named its own wait. When the
 * retries run out the last error is thrown as is, so the job layer sees the real kind.
 */
export async function retrying<T>(attempt: () => Promise<Attempt<T>>, policy: RetryPolicy): Promise<T> {
  let transient = 0;
  let limited = 0;
  for (;;) {
    const outcome = await attempt();
    if ("value" in outcome) return outcome.value;
    const rateLimited = outcome.retry.kind === "rate_limited";
    const used = rateLimited ? limited++ : transient++;
    if (used >= (rateLimited ? policy.rateLimitRetries : policy.transientRetries)) throw outcome.retry;
    await policy.sleep(outcome.waitMs ?? policy.baseDelayMs * 2 ** used, policy.signal);
  }
}

/** Turns the transient error httpRequest throws into a retryable attempt. */
export async function attemptHttp(run: () => Promise<HttpResult>): Promise<HttpResult | { retry: ConnectorError }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConnectorError && error.kind === "transient") return { retry: error };
    throw error;
  }
}

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

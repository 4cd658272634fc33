/**
 * VK API transport: one method call through the shared rate gate, with token rotation, the retry
 * policy and VK's error codes mapped to what an audit does about them (6/9/29 rate: back off and
 * retry; 5 auth: the token is disabled and another one used; 15/30/203 private, 18 deleted,
 * 100 not found: the page's state, no retry; 1/10 and HTTP/network faults: retried). The VK
 * connector (vk.ts) builds its requests on top of this.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import { lightFetch } from "./light-fetch";
import { abortableSleep } from "./rate-gate";
import { ConnectorError, type ConnectorRuntime } from "./types";
import { envelope, type VkError } from "./vk-schemas";

export interface VkConnectorConfig {
  /** https://api.vk.com/method in production; the fake server's vkUrl in tests */
  baseUrl: string;
  version?: string;
  tokens: string[];
  /** per token; VK allows 3 for user and service tokens */
  requestsPerSecond?: number;
  /**
   * Added to the gate's 1 s window. The gate grants a slot before the request travels; VK counts it
   * on arrival, so uneven delay could otherwise squeeze 4 arrivals into one VK second. 100 ms was
   * not enough with two busy workers on two cores (bench:audit saw 4 in a second); 300 ms costs
   * a quarter of a token's rate and held in every run since.
   */
  rateWindowMarginMs?: number;
  /** backoff base: waits are retryDelayMs, 2x, 4x… */
  retryDelayMs?: number;
  /** retries after HTTP 5xx, network errors, timeouts and unreadable answers */
  maxRetries?: number;
  /** retries after VK's own rate errors 6, 9 and 29 */
  maxRateLimitRetries?: number;
}

const RATE_LIMIT_CODES = new Set([6, 9, 29]);
/** 1 unknown error, 10 internal server error: VK's own hiccups, worth another try */
const SERVER_ERROR_CODES = new Set([1, 10]);

/** A method's parameters, as VK takes them (form fields). */
export type Params = Record<string, string | number>;
type Attempt =
  | { kind: "ok"; response: unknown; executeErrors: VkError[] }
  | { kind: "vk-error"; error: VkError }
  | { kind: "transient" | "malformed"; message: string };

/** Maps a VK error code to what the audit does about it (see ConnectorErrorKind). */
export function vkErrorToConnectorError(method: string, error: VkError): ConnectorError {
  const code = error.error_code;
  const message = `VK ${method}: error ${code}${error.error_msg ? ` (${error.error_msg})` : ""}`;
  if (RATE_LIMIT_CODES.has(code)) return new ConnectorError("rate_limited", message, code);
  if (code === 5) return new ConnectorError("auth", message, code);
  if (code === 15 || code === 30 || code === 203) return new ConnectorError("page_private", message, code);
  if (code === 18) return new ConnectorError("page_deleted", message, code);
  if (code === 100) return new ConnectorError("page_not_found", message, code);
  return new ConnectorError("transient", message, code);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const gateKeys = new Map<string, string>();
/** The rate gate's key for a token: a hash, so tokens never appear in Redis. */
const gateKey = (token: string) => {
  let key = gateKeys.get(token);
  if (!key) gateKeys.set(token, (key = `vk:${sha256(token).slice(0, 16)}`));
  return key;
};

export interface VkApi {
  /** One API method through the gate, with token rotation and the retry policy. */
  call<T>(method: string, params: Params, schema: z.ZodType<T, z.ZodTypeDef, unknown>, signal?: AbortSignal): Promise<{ response: T; executeErrors: VkError[] }>;
}

export function createVkApi(config: VkConnectorConfig, runtime: ConnectorRuntime): VkApi {
  const version = config.version ?? "5.199";
  const perSecond = config.requestsPerSecond ?? 3;
  const windowMs = 1000 + (config.rateWindowMarginMs ?? 300);
  const retryDelayMs = config.retryDelayMs ?? 1000;
  const maxRetries = config.maxRetries ?? 2;
  const maxRateLimitRetries = config.maxRateLimitRetries ?? 3;
  const timeoutMs = runtime.timeoutMs ?? 15_000;
  const doFetch = runtime.fetch ?? (lightFetch as unknown as typeof fetch);
  const sleep = runtime.sleep ?? abortableSleep;
  const baseUrl = config.baseUrl.replace(/\/+$/, "");

  let cursor = 0;
  /** tokens this connector saw rejected, in case the registry is slow to tell */
  const rejected = new Set<string>();

  async function nextToken(): Promise<string> {
    const tokens = config.tokens;
    if (tokens.length === 0) throw new ConnectorError("not_configured", "no VK tokens configured");
    for (let tried = 0; tried < tokens.length; tried++) {
      const token = tokens[cursor]!;
      cursor = (cursor + 1) % tokens.length;
      if (!rejected.has(token) && !(await runtime.tokens.isDisabled("vk", token))) return token;
    }
    throw new ConnectorError("auth", "every configured VK token is disabled");
  }

  async function send(method: string, params: Params, token: string, signal?: AbortSignal): Promise<Attempt> {
    const body = new URLSearchParams({ access_token: token, v: version });
    for (const [key, value] of Object.entries(params)) body.set(key, String(value));
    const timeout = AbortSignal.timeout(timeoutMs);
    let status: number;
    let text: string;
    try {
      const response = await doFetch(`${baseUrl}/${method}`, {
        method: "POST",
        body,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      // the caller gave up: that is not the platform's fault and must not be retried
      if (signal?.aborted) throw signal.reason;
      const why = timeout.aborted ? `no answer within ${timeoutMs} ms` : `network error: ${(error as Error).message}`;
      return { kind: "transient", message: why };
    }
    if (status < 200 || status >= 300) return { kind: "transient", message: `HTTP ${status}` };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { kind: "malformed", message: "answer is not JSON" };
    }
    const parsed = envelope.safeParse(json);
    if (!parsed.success) return { kind: "malformed", message: "answer is neither a response nor an error" };
    if ("error" in parsed.data) return { kind: "vk-error", error: parsed.data.error };
    return { kind: "ok", response: parsed.data.response, executeErrors: parsed.data.execute_errors ?? [] };
  }

  /** One API method through the gate, with token rotation and the retry policy. */
  async function call<T>(
    method: string,
    params: Params,
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    signal?: AbortSignal,
  ): Promise<{ response: T; executeErrors: VkError[] }> {
    let retries = 0;
    let rateRetries = 0;
    for (;;) {
      const token = await nextToken();
      await runtime.gate.acquire(gateKey(token), perSecond, windowMs, signal);
      let attempt = await send(method, params, token, signal);
      if (attempt.kind === "ok") {
        const parsed = schema.safeParse(attempt.response);
        if (parsed.success) return { response: parsed.data, executeErrors: attempt.executeErrors };
        attempt = { kind: "malformed", message: `unexpected answer shape (${parsed.error.issues[0]?.message ?? "invalid"})` };
      }
      if (attempt.kind === "vk-error") {
        const code = attempt.error.error_code;
        if (code === 5) {
          rejected.add(token);
          await runtime.tokens.disable("vk", token, `VK error 5 on ${method}: ${attempt.error.error_msg ?? "authorization failed"}`);
          continue;
        }
        if (RATE_LIMIT_CODES.has(code)) {
          if (rateRetries >= maxRateLimitRetries) throw vkErrorToConnectorError(method, attempt.error);
          await sleep(retryDelayMs * 2 ** rateRetries++, signal);
          continue;
        }
        if (!SERVER_ERROR_CODES.has(code)) throw vkErrorToConnectorError(method, attempt.error);
        attempt = { kind: "transient", message: `error ${code} (${attempt.error.error_msg ?? "server error"})` };
      }
      if (retries >= maxRetries) throw new ConnectorError(attempt.kind, `VK ${method}: ${attempt.message}`);
      await sleep(retryDelayMs * 2 ** retries++, signal);
    }
  }

  return { call };
}

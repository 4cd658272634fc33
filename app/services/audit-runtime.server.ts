/**
 * Everything an audit needs besides the database, built once per process: connectors configured
 * from the environment, a rate gate shared through Redis when there is one (so every worker holds
 * VK's 3 requests/s per token together), the revoked-token registry in PostgreSQL, the page
 * activity files for the file connector, and the salt of residents' author hashes.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { Database } from "../../db/client";
import { activityFileContent, activityFileIdsForPage } from "../../db/queries/activity-files";
import { disableToken, installationSecret, isTokenDisabled, raiseAlert } from "../../db/queries/platform-tokens";
import { createConnectorRegistry, type ConnectorRegistry, type ConnectorSettings } from "../../jobs/connectors/index";
import { parseActivityFile, type ActivityRecord } from "../../jobs/connectors/file-format";
import { memoryRateGate, redisRateGate } from "../../jobs/connectors/rate-gate";
import type { ConnectorRuntime, PageTarget, RateGate, TokenRegistry } from "../../jobs/connectors/types";
import type { Env } from "../utils/env.server";

export interface AuditRuntime {
  env: Env;
  connectors: ConnectorRegistry;
  /** keyed hash of a platform author id: residents are never stored by their real id */
  authorHash(platform: string, authorId: string): Promise<string>;
  now(): Date;
  close(): Promise<void>;
}

/** authors whose hash is kept in memory (the memo starts over when full) */
const AUTHOR_HASH_MEMO = 50_000;

export function connectorSettings(env: Env): ConnectorSettings {
  const discussionChats = Object.fromEntries(
    (env.TELEGRAM_DISCUSSION_CHATS ?? "")
      .split(",")
      .filter(Boolean)
      .map((pair) => pair.split("=") as [string, string]),
  );
  return {
    vk: {
      baseUrl: env.VK_API_URL,
      version: env.VK_API_VERSION,
      tokens: (env.VK_TOKENS ?? "").split(",").map((t) => t.trim()).filter(Boolean),
      requestsPerSecond: env.VK_REQUESTS_PER_SECOND,
    },
    ok: {
      baseUrl: env.OK_API_URL,
      applicationKey: env.OK_APPLICATION_KEY,
      applicationSecretKey: env.OK_APPLICATION_SECRET_KEY,
      accessToken: env.OK_ACCESS_TOKEN,
      sessionSecretKey: env.OK_SESSION_SECRET_KEY,
      requestsPerSecond: env.OK_REQUESTS_PER_SECOND,
    },
    telegram: { apiUrl: env.TELEGRAM_API_URL, previewUrl: env.TELEGRAM_PREVIEW_URL, botToken: env.TELEGRAM_BOT_TOKEN, discussionChats },
  };
}

function withRetryDelay(settings: ConnectorSettings, retryDelayMs: number | undefined): ConnectorSettings {
  if (retryDelayMs === undefined) return settings;
  return { vk: { ...settings.vk, retryDelayMs }, ok: { ...settings.ok, retryDelayMs }, telegram: { ...settings.telegram, retryDelayMs } };
}

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Revoked tokens in PostgreSQL, so every process stops using one. A token's state is remembered
 * for a few seconds: asking the database before each of thousands of requests would cost more
 * than the request, and a revoked token only means one more refused call in that time.
 */
export function databaseTokenRegistry(db: Database, ttlMs = 5000): TokenRegistry {
  const known = new Map<string, { disabled: boolean; at: number }>();
  return {
    async isDisabled(platform, token) {
      const key = `${platform}:${tokenHash(token)}`;
      const hit = known.get(key);
      if (hit && (hit.disabled || Date.now() - hit.at < ttlMs)) return hit.disabled;
      const disabled = await isTokenDisabled(db, platform, tokenHash(token));
      known.set(key, { disabled, at: Date.now() });
      return disabled;
    },
    async disable(platform, token, reason) {
      const hash = tokenHash(token);
      known.set(`${platform}:${hash}`, { disabled: true, at: Date.now() });
      if (await disableToken(db, platform, hash, reason)) {
        await raiseAlert(db, {
          kind: "token_revoked",
          message: `${platform.toUpperCase()} token …${hash.slice(0, 8)} was refused by the platform and is disabled: ${reason}`,
          details: { platform, tokenHash: hash.slice(0, 16) },
        });
      }
    },
  };
}

/** Parsed activity files, cached by id: a file never changes once uploaded. */
function activitySource(db: Database) {
  const cache = new Map<number, ActivityRecord[]>();
  return async (page: PageTarget): Promise<ActivityRecord[]> => {
    const key = `${page.platform}:${page.platformId}`.toLowerCase();
    const out: ActivityRecord[] = [];
    for (const id of await activityFileIdsForPage(db, key)) {
      let records = cache.get(id);
      if (!records) {
        const content = await activityFileContent(db, id);
        records = content ? parseActivityFile(content).records : [];
        if (cache.size > 50) cache.clear();
        cache.set(id, records);
      }
      for (const r of records!) if (r.page.toLowerCase() === key) out.push(r);
    }
    return out;
  };
}

export function createAuditRuntime(
  db: Database,
  env: Env,
  options: {
    gate?: RateGate;
    now?: () => Date;
    /** tests shrink the connectors' waits between retries */
    retryDelayMs?: number;
    /** tests shrink the wait for a platform that does not answer (connectors default to 15 s) */
    timeoutMs?: number;
  } = {},
): AuditRuntime {
  const gate = options.gate ?? (env.REDIS_URL ? redisRateGate(env.REDIS_URL, `${env.QUEUE_PREFIX}:rate`) : memoryRateGate());
  const runtime: ConnectorRuntime = { gate, tokens: databaseTokenRegistry(db), now: options.now, ...(options.timeoutMs && { timeoutMs: options.timeoutMs }) };
  let salt: Promise<string> | null = null;
  const authorHashes = new Map<string, string>();
  return {
    env,
    connectors: createConnectorRegistry(withRetryDelay(connectorSettings(env), options.retryDelayMs), runtime, activitySource(db)),
    async authorHash(platform, authorId) {
      const key = `${platform}\0${authorId}`;
      const known = authorHashes.get(key);
      if (known) return known;
      salt ??= installationSecret(db, "author-hash-salt", () => randomBytes(32).toString("hex"));
      const hash = createHmac("sha256", await salt).update(key).digest("base64url").slice(0, 32);
      // residents comment again and again: a bounded memo spares one HMAC per comment
      if (authorHashes.size >= AUTHOR_HASH_MEMO) authorHashes.clear();
      authorHashes.set(key, hash);
      return hash;
    },
    now: options.now ?? (() => new Date()),
    close: () => gate.close(),
  };
}

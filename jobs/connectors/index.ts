/**
 * Which connector audits a page: the platform's API when it is configured, else the page's
 * uploaded activity files (the file connector: data a centre already has, the demo, and MAX until
 * its API is confirmed), else none ("not_configured", recorded as the page's failure).
 */
import type { Platform } from "../../app/domain/compliance/observations";
import { createFileConnector } from "./file";
import type { ActivityRecord } from "./file-format";
import { createOkConnector } from "./ok";
import { createTelegramConnector } from "./telegram";
import type { Connector, ConnectorRuntime, PageTarget } from "./types";
import { createVkConnector } from "./vk";

export interface ConnectorSettings {
  vk: { baseUrl: string; version: string; tokens: string[]; requestsPerSecond: number; retryDelayMs?: number };
  ok: {
    baseUrl: string;
    applicationKey?: string;
    applicationSecretKey?: string;
    accessToken?: string;
    sessionSecretKey?: string;
    requestsPerSecond: number;
    retryDelayMs?: number;
  };
  telegram: { apiUrl: string; previewUrl: string; botToken?: string; discussionChats: Record<string, string>; retryDelayMs?: number };
}

export interface ConnectorChoice {
  connector: Connector;
  source: "api" | "file";
}

export function createConnectorRegistry(
  settings: ConnectorSettings,
  runtime: ConnectorRuntime,
  /** the page's activity records from uploaded files; empty when there are none */
  activityFor: (page: PageTarget) => Promise<ActivityRecord[]>,
) {
  const api = new Map<Platform, Connector>();
  if (settings.vk.tokens.length > 0) api.set("vk", createVkConnector(settings.vk, runtime));
  const ok = settings.ok;
  if (ok.applicationKey && ok.applicationSecretKey && ok.accessToken) {
    api.set(
      "ok",
      createOkConnector(
        {
          baseUrl: ok.baseUrl,
          applicationKey: ok.applicationKey,
          applicationSecretKey: ok.applicationSecretKey,
          accessToken: ok.accessToken,
          sessionSecretKey: ok.sessionSecretKey,
          requestsPerSecond: ok.requestsPerSecond,
          retryDelayMs: ok.retryDelayMs,
        },
        runtime,
      ),
    );
  }
  if (settings.telegram.botToken) api.set("telegram", createTelegramConnector(settings.telegram, runtime));

  return {
    configuredPlatforms: [...api.keys()],
    async connectorFor(page: PageTarget): Promise<ConnectorChoice | null> {
      const fromApi = api.get(page.platform);
      if (fromApi) return { connector: fromApi, source: "api" };
      const records = await activityFor(page);
      if (records.length === 0) return null;
      return { connector: createFileConnector({ records }, page.platform), source: "file" };
    },
  };
}

export type ConnectorRegistry = ReturnType<typeof createConnectorRegistry>;

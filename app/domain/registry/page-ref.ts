/**
 * How an official page is named on each platform: aliases people type in spreadsheets, the hosts
 * that belong to a platform, the page id inside a URL and the canonical URL. Pure.
 */
import { PLATFORMS, type Platform } from "./vocabulary";

const PLATFORM_ALIASES: ReadonlyMap<string, Platform> = new Map<string, Platform>([
  ["vk", "vk"],
  ["вк", "vk"],
  ["vkontakte", "vk"],
  ["вконтакте", "vk"],
  ["ok", "ok"],
  ["ок", "ok"],
  ["odnoklassniki", "ok"],
  ["одноклассники", "ok"],
  ["telegram", "telegram"],
  ["tg", "telegram"],
  ["телеграм", "telegram"],
  ["телеграмм", "telegram"],
  ["max", "max"],
  ["макс", "max"],
]);

export const PLATFORM_LIST = PLATFORMS.join(", ");

export function normalisePlatform(raw: string): Platform | null {
  return PLATFORM_ALIASES.get(raw.trim().toLowerCase()) ?? null;
}

const PLATFORM_HOSTS: Record<Platform, readonly string[]> = {
  vk: ["vk.com", "m.vk.com", "vk.ru"],
  ok: ["ok.ru", "m.ok.ru"],
  telegram: ["t.me", "telegram.me"],
  max: ["max.ru", "web.max.ru"],
};

const HOST_PLATFORM = new Map<string, Platform>(
  PLATFORMS.flatMap((p) => PLATFORM_HOSTS[p].map((h) => [h, p] as const)),
);

export const PLATFORM_ID_PATTERN = /^[a-z0-9._-]{2,64}$/;

/** Handles are case-insensitive on every platform and people paste them with "@". */
export function normalisePlatformId(raw: string): string {
  return raw.trim().replace(/^@/, "").toLowerCase();
}

const stripWww = (host: string) => host.toLowerCase().replace(/^www\./, "");

export type ParsedPageUrl =
  | { ok: true; href: string; host: string; platform: Platform | null; segments: string[] }
  | { ok: false };

export function parsePageUrl(raw: string): ParsedPageUrl {
  let text = raw.trim();
  // "vk.com/amurobl" without a scheme is how people copy links from a phone; accept it only for
  // our own hosts so that arbitrary words are still reported as invalid.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    const host = stripWww(text.split("/", 1)[0] ?? "");
    if (!HOST_PLATFORM.has(host)) return { ok: false };
    text = `https://${text}`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false };
  const host = stripWww(url.hostname);
  const segments = url.pathname.split("/").filter((s) => s !== "");
  return { ok: true, href: url.href, host, platform: HOST_PLATFORM.get(host) ?? null, segments };
}

/** The page id a URL names, or null when the path has none (e.g. "https://vk.com/"). */
export function pageIdFromSegments(platform: Platform, segments: readonly string[]): string | null {
  const [first, second] = segments;
  let id: string | undefined;
  switch (platform) {
    case "ok":
      id = first === "group" ? second : first;
      break;
    case "telegram":
      // t.me/s/<name> is the web preview of the same channel
      id = first === "s" ? second : first;
      break;
    case "vk":
    case "max":
      id = first;
      break;
  }
  if (id === undefined) return null;
  let decoded = id;
  if (id.includes("%")) {
    try {
      decoded = decodeURIComponent(id);
    } catch {
      // keep the raw segment; the id pattern will reject it
    }
  }
  return normalisePlatformId(decoded);
}

export function canonicalPageUrl(platform: Platform, id: string): string {
  switch (platform) {
    case "vk":
      return `https://vk.com/${id}`;
    case "ok":
      return /^\d+$/.test(id) ? `https://ok.ru/group/${id}` : `https://ok.ru/${id}`;
    case "telegram":
      return `https://t.me/${id}`;
    case "max":
      return `https://max.ru/${id}`;
  }
}

import { navigationFor } from "../../app/components/nav-items";
import { can, ROLES } from "../../app/domain/roles";
import { en } from "../../app/i18n/en";
import { ru } from "../../app/i18n/ru";
import { localeFromRequest, translator } from "../../app/i18n";
import { safeRedirect } from "../../app/services/auth.server";
import { loadEnv } from "../../app/utils/env.server";
import { isCrossOriginMutation } from "../../app/utils/origin.server";
import { clientAddress, requestProtocol } from "../../app/services/front-door.server";
import { submissionSlug } from "../../app/services/submission-endpoint.server";
import type { IncomingMessage } from "node:http";

describe("environment", () => {
  it("defaults to the embedded demo on loopback port 3000", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", embedded: true, strictProduction: false, DEMO: "auto" });
  });

  it("refuses a production start on PostgreSQL without SESSION_SECRET, naming the variable", () => {
    expect(() => loadEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x" })).toThrow(/SESSION_SECRET is required/);
  });

  it("accepts production with a long enough secret and marks it strict", () => {
    const env = loadEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x", SESSION_SECRET: "s".repeat(32) });
    expect(env.strictProduction).toBe(true);
    expect(env.embedded).toBe(false);
  });

  it("lists every bad variable in one message", () => {
    expect(() => loadEnv({ PORT: "seventy", DATABASE_URL: "mysql://x", SESSION_SECRET: "short" })).toThrow(
      /PORT[\s\S]*DATABASE_URL: must be a postgres:\/\/ URL[\s\S]*SESSION_SECRET: must be at least 32 characters/,
    );
  });
});

describe("cross-origin mutation check", () => {
  const base = { host: "pulse.example.ru", protocol: "https" };
  it.each([
    [{ method: "GET", origin: "https://evil.example" }, false],
    [{ method: "POST", origin: "https://pulse.example.ru" }, false],
    [{ method: "POST", origin: "https://evil.example" }, true],
    [{ method: "POST", origin: "null" }, true],
    [{ method: "POST", origin: "http://pulse.example.ru" }, true],
    [{ method: "POST", secFetchSite: "cross-site" }, true],
    [{ method: "POST", secFetchSite: "same-origin" }, false],
    [{ method: "DELETE" }, false], // a non-browser client: no cookie-riding possible
  ])("%o -> refused: %s", (input, refused) => {
    expect(isCrossOriginMutation({ origin: undefined, secFetchSite: undefined, ...base, ...input })).toBe(refused);
  });

  it("trusts APP_ORIGIN over the Host header behind a proxy", () => {
    expect(
      isCrossOriginMutation({ method: "POST", origin: "https://pulse.example.ru", secFetchSite: undefined, host: "10.0.0.5:3000", protocol: "http", appOrigin: "https://pulse.example.ru" }),
    ).toBe(false);
  });
});

describe("redirect after login", () => {
  it.each([
    ["/registry/pages?page=2", "/registry/pages?page=2"],
    ["//evil.example", "/home"],
    ["/\\evil.example", "/home"],
    ["https://evil.example", "/home"],
    [null, "/home"],
  ])("%s -> %s", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
});

describe("roles and navigation", () => {
  it("gives each role exactly its menu", () => {
    const menu = Object.fromEntries(ROLES.map((r) => [r, navigationFor(r).map((i) => i.to)]));
    expect(menu).toEqual({
      admin: ["/home", "/studies", "/surveys", "/registry/territories", "/registry/organisations", "/registry/pages", "/registry/import", "/audits", "/reports", "/methodologies", "/admin/users", "/admin/audit", "/account/tokens"],
      analyst: ["/home", "/registry/territories", "/registry/organisations", "/registry/pages", "/registry/import", "/audits", "/reports", "/methodologies"],
      sociologist: ["/home", "/studies", "/surveys", "/registry/territories", "/registry/organisations", "/registry/pages", "/account/tokens"],
      page_admin: ["/my"],
    });
  });

  it("never lets a page administrator read or edit the registry", () => {
    expect(can("page_admin", "registry:read")).toBe(false);
    expect(can("page_admin", "registry:edit")).toBe(false);
    expect(can("sociologist", "registry:edit")).toBe(false);
  });
});

describe("i18n", () => {
  it("has a non-empty English text for every Russian key and the same placeholders", () => {
    for (const key of Object.keys(ru) as (keyof typeof ru)[]) {
      expect(en[key].trim(), key).not.toBe("");
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(en[key]), key).toEqual(names(ru[key]));
    }
  });

  it("is Russian unless the user chose English, whatever the browser prefers", () => {
    expect(localeFromRequest(new Request("http://x/", { headers: { "Accept-Language": "en-US" } }))).toBe("ru");
    expect(localeFromRequest(new Request("http://x/", { headers: { Cookie: "a=1; rp_lang=en" } }))).toBe("en");
    expect(translator("en")("login.throttled", { minutes: 15 })).toBe("Too many failed attempts. Try again in 15 min.");
  });
});

describe("front door", () => {
  const request = (remoteAddress: string, headers: Record<string, string> = {}) =>
    ({ socket: { remoteAddress }, connection: { remoteAddress }, headers }) as unknown as IncomingMessage;

  it("believes X-Forwarded-For and -Proto only from a proxy on this machine", () => {
    const proxied = request("127.0.0.1", { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https" });
    expect(clientAddress(proxied)).toBe("203.0.113.7");
    expect(requestProtocol(proxied)).toBe("https");
    const spoofed = request("198.51.100.2", { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https" });
    expect(clientAddress(spoofed)).toBe("198.51.100.2");
    expect(requestProtocol(spoofed)).toBe("http");
  });

  it("routes only the answer endpoint's URL past Express", () => {
    expect(submissionSlug("/api/polls/otvety-vedomstv/responses")).toBe("otvety-vedomstv");
    expect(submissionSlug("/api/polls/otvety-vedomstv/responses?x=1")).toBe("otvety-vedomstv");
    expect(submissionSlug("/api/polls/%ZZ/responses")).toBe("");
    expect(submissionSlug("/api/polls/a/b/responses")).toBeNull();
    expect(submissionSlug("/polls/otvety-vedomstv")).toBeNull();
  });
});

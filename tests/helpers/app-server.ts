/**
 * A real server for HTTP tests: the production Remix build (run `npm run build` first; `npm test`
 * does) on an ephemeral loopback port, over this test file's own database.
 */
import { existsSync } from "node:fs";
import { inject } from "vitest";
import { createUser } from "../../app/services/users.server";
import { loadEnv } from "../../app/utils/env.server";
import type { Role } from "../../app/domain/roles";
import { startServer, type StartedServer } from "../../server";
import { createTestDatabase, type TestDatabase } from "./postgres";

export interface TestServer extends StartedServer {
  db: TestDatabase;
  stop(): Promise<void>;
}

export async function startTestServer(label: string, env: Record<string, string> = {}): Promise<TestServer> {
  if (!existsSync("build/index.js")) throw new Error("build/index.js is missing: run `npm run build` (npm test does it)");
  const db = await createTestDatabase(label);
  const started = await startServer({
    env: loadEnv({
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: db.url,
      SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
      DEMO: "off",
      LOG_LEVEL: "warn",
      ...env,
    }),
    database: db,
    queuePrefix: `rp-test-${inject("runId")}-${label}`,
    quiet: true,
  });
  return { ...started, db, stop: () => started.close() };
}

export async function addUser(
  server: TestServer,
  role: Role,
  opts: { email?: string; organisationCode?: string; password?: string } = {},
) {
  const email = opts.email ?? `${role.replace("_", "-")}-${Math.random().toString(36).slice(2, 8)}@test.local`;
  const password = opts.password ?? "correct-horse-battery";
  const result = await createUser(
    server.app.ctx,
    { email, password, role, displayName: `Test ${role}`, organisationCode: opts.organisationCode },
    null,
  );
  if (!result.ok) throw new Error(`could not create ${role}: ${JSON.stringify(result.errors)}`);
  return { id: result.value, email, password };
}

/** Polls `check` every 100 ms; throws after `timeoutMs`, so a test fails at the wait that timed out. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The demo's audit run ends with a scoring run (scores.compute after audit.metrics); pages that read scores wait for it. */
export const demoScored = (server: TestServer) =>
  waitUntil("the demo's first scoring run", async () => Boolean(await server.app.ctx.db.selectFrom("score_runs").select("status").where("status", "=", "done").executeTakeFirst()));

/** The demo seed asks for its survey's weights; "С весами" needs them computed. */
export const demoWeighted = (server: TestServer) =>
  waitUntil("the demo survey's weights", async () => (await server.app.ctx.db.selectFrom("survey_weightings").select("status").executeTakeFirst())?.status === "ok", 60_000);

/** A tiny cookie-keeping client that behaves like a same-origin browser form post. */
export class Browserish {
  cookie = "";
  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set("Cookie", this.cookie);
    if (init.method && init.method !== "GET" && !headers.has("Origin")) headers.set("Origin", this.base);
    const response = await fetch(`${this.base}${path}`, { ...init, headers, redirect: "manual" });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) {
      const pair = setCookie.split(";")[0] ?? "";
      const [name] = pair.split("=");
      const kept = this.cookie.split("; ").filter((c) => c && !c.startsWith(`${name}=`));
      if (!/Max-Age=0/i.test(setCookie)) kept.push(pair);
      this.cookie = kept.join("; ");
    }
    return response;
  }

  get(path: string) {
    return this.request(path);
  }

  post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request(path, { method: "POST", body: new URLSearchParams(fields), headers });
  }

  async login(email: string, password: string): Promise<Response> {
    return this.post("/login", { email, password });
  }
}

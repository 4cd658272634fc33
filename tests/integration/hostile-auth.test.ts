/**
 * Hostile clients at the front door, over real HTTP against the production build: password
 * guessing is throttled per account and per client, the session cookie cannot be read by scripts
 * or sent cross-site (and is Secure behind an https proxy), every HTML page carries a CSP whose
 * nonce matches Remix's own scripts, and bodies over the cap are refused even when chunked.
 */
import { request as httpRequest } from "node:http";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_CLIENT } from "../../app/services/auth.server";
import { MAX_BODY_BYTES } from "../../app/services/front-door.server";
import { MAX_SUBMISSION_BYTES } from "../../app/services/submissions.server";
import { addUser, Browserish, startTestServer, type TestServer } from "../helpers/app-server";
import { publishedSurvey, SMALL_SURVEY } from "../helpers/surveys";

/** A POST whose body is sent chunked (no Content-Length), `total` bytes in 64 KiB pieces. */
function postChunked(url: string, path: string, total: number, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const target = new URL(path, url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers: { ...headers, "Transfer-Encoding": "chunked" } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // the server may close while we still send: what matters is the answer it gave first
    req.on("error", (error) => (req.writableEnded ? undefined : reject(error)));
    const piece = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("hostile clients at the front door", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("hostile-auth", { SUBMISSION_RATE_LIMIT: "0" });
  });
  afterAll(async () => server?.stop());

  const failedAttempts = async () =>
    Number((await server.db.db.selectFrom("login_attempts").select((eb) => eb.fn.countAll().as("n")).where("succeeded", "=", false).executeTakeFirstOrThrow()).n);

  it("throttles guessing one account from many clients, even with the right password afterwards", async () => {
    const user = await addUser(server, "analyst");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      // each guess from another address (a loopback proxy may say who the client is)
      const r = await new Browserish(server.url).post("/login", { email: user.email, password: `guess-${i}` }, { "X-Forwarded-For": `203.0.113.${i + 1}` });
      await r.arrayBuffer();
      expect(r.status).toBe(401);
    }
    const right = await new Browserish(server.url).post("/login", { email: user.email, password: user.password }, { "X-Forwarded-For": "203.0.113.200" });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(right.headers.get("set-cookie")).toBeNull();
  });

  it("throttles one client guessing many accounts, and leaves other clients alone", async () => {
    const victim = await addUser(server, "sociologist");
    const attacker = { "X-Forwarded-For": "198.51.100.7" };
    const before = await failedAttempts();
    let lastStatus = 0;
    for (let i = 0; i < MAX_FAILURES_PER_CLIENT; i++) {
      const r = await new Browserish(server.url).post("/login", { email: `nobody-${i}@test.local`, password: "guess" }, attacker);
      await r.arrayBuffer();
      lastStatus = r.status;
    }
    expect(lastStatus).toBe(401);
    expect(await failedAttempts()).toBe(before + MAX_FAILURES_PER_CLIENT);
    // the attacker's address is now refused even for a real account with its real password
    const blocked = await new Browserish(server.url).post("/login", { email: victim.email, password: victim.password }, attacker);
    expect(blocked.status).toBe(429);
    // throttled attempts are not even checked, so they cost the server no password hashing
    expect(await failedAttempts()).toBe(before + MAX_FAILURES_PER_CLIENT);
    const elsewhere = await new Browserish(server.url).post("/login", { email: victim.email, password: victim.password }, { "X-Forwarded-For": "198.51.100.8" });
    expect(elsewhere.status).toBe(302);
  });

  it("does not let a remote client pick its own address to escape the throttle", async () => {
    const { clientAddress } = await import("../../app/services/front-door.server");
    const fake = { headers: { "x-forwarded-for": "192.0.2.1" }, socket: { remoteAddress: "203.0.113.9" }, connection: { remoteAddress: "203.0.113.9" } };
    expect(clientAddress(fake as never)).toBe("203.0.113.9");
  });

  it("issues an HttpOnly, SameSite=Lax session cookie, Secure when the proxy says https", async () => {
    const user = await addUser(server, "analyst");
    const plain = await new Browserish(server.url).login(user.email, user.password);
    expect(plain.status).toBe(302);
    const plainCookie = plain.headers.get("set-cookie") ?? "";
    expect(plainCookie).toMatch(/^rp_session=/);
    expect(plainCookie).toMatch(/;\s*HttpOnly/i);
    expect(plainCookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(plainCookie).toMatch(/;\s*Path=\//i);

    const host = new URL(server.url).host;
    const proxied = await new Browserish(server.url).post(
      "/login",
      { email: user.email, password: user.password },
      { "X-Forwarded-Proto": "https", Origin: `https://${host}` },
    );
    expect(proxied.status).toBe(302);
    const secureCookie = proxied.headers.get("set-cookie") ?? "";
    expect(secureCookie).toMatch(/;\s*Secure/i);
    expect(secureCookie).toMatch(/;\s*HttpOnly/i);
    expect(secureCookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
  });

  it.each(["/", "/login", "/polls", "/ranking", "/no-such-page"])("sends a CSP with a fresh nonce on every script of %s", async (path) => {
    const first = await fetch(`${server.url}${path}`);
    const html = await first.text();
    expect(first.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = first.headers.get("content-security-policy") ?? "";
    const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce, csp).toBeTruthy();
    expect(directives.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(directives.get("script-src")).not.toContain("'unsafe-inline'");
    expect(directives.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'self'"]);
    expect(directives.get("form-action")).toEqual(["'self'"]);
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("x-frame-options")).toBe("DENY");

    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const again = await fetch(`${server.url}${path}`);
    await again.arrayBuffer();
    expect(again.headers.get("content-security-policy")).not.toBe(csp); // a new nonce each time
  });

  it("refuses a form post over the cap with 413, whether it declares its length or streams it", async () => {
    // a client that declares more than the cap is answered before it sends the rest
    const declared = await new Promise<number>((resolve, reject) => {
      const target = new URL("/login", server.url);
      const req = httpRequest(
        { host: target.hostname, port: target.port, path: "/login", method: "POST", headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(MAX_BODY_BYTES + 1) } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on("error", (error) => (req.destroyed ? undefined : reject(error)));
      req.write("x=1");
    });
    expect(declared).toBe(413);

    const before = await failedAttempts();
    const streamed = await postChunked(server.url, "/login", MAX_BODY_BYTES + 1024 * 1024, {
      Origin: server.url,
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(streamed.status).toBe(413);
    expect(await failedAttempts()).toBe(before); // the action never ran on a truncated body

    // the server is still fine for everyone else
    expect((await fetch(`${server.url}/login`)).status).toBe(200);
  });

  it("still accepts a small chunked form post", async () => {
    const user = await addUser(server, "analyst");
    const body = new URLSearchParams({ email: user.email, password: user.password }).toString();
    const response = await new Promise<number>((resolve, reject) => {
      const target = new URL("/login", server.url);
      const req = httpRequest(
        { host: target.hostname, port: target.port, path: "/login", method: "POST", headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 10));
      req.end(body.slice(10));
    });
    expect(response).toBe(302);
  });

  it("refuses an answer over the cap with 413, chunked too, and stores nothing", async () => {
    const { slug, id } = await publishedSurvey(server.app.ctx, SMALL_SURVEY);
    const count = async () => Number((await server.db.db.selectFrom("responses").select((eb) => eb.fn.countAll().as("n")).where("survey_id", "=", id).executeTakeFirstOrThrow()).n);
    const streamed = await postChunked(server.url, `/api/polls/${slug}/responses`, MAX_SUBMISSION_BYTES + 256 * 1024, { "Content-Type": "application/json" });
    expect(streamed.status).toBe(413);
    const declared = await fetch(`${server.url}/api/polls/${slug}/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ answers: { note: "x".repeat(MAX_SUBMISSION_BYTES) } }),
    });
    expect(declared.status).toBe(413);
    expect(await count()).toBe(0);
  });
});

import { sql } from "kysely";
import { MAX_FAILURES_PER_ACCOUNT } from "../../app/services/auth.server";
import { editUser } from "../../app/services/users.server";
import { addUser, Browserish, startTestServer, type TestServer } from "../helpers/app-server";

describe("accounts and sessions over HTTP", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("auth");
  });
  afterAll(async () => server?.stop());

  it("logs in with argon2id, keeps only a hash of the session token, and logs out", async () => {
    const user = await addUser(server, "analyst");
    const stored = await server.db.db.selectFrom("users").select("password_hash").where("email", "=", user.email).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);

    const client = new Browserish(server.url);
    const login = await client.login(user.email.toUpperCase(), user.password);
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toBe("/home");
    const setCookie = login.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const token = decodeURIComponent(client.cookie.split("=")[1] ?? "").split(".")[0] ?? "";
    const sessions = await server.db.db.selectFrom("sessions").select("id").execute();
    expect(sessions.some((s) => token.includes(s.id))).toBe(false); // the raw token is not stored
    expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.id))).toBe(true);

    expect((await client.get("/home")).status).toBe(200);
    const logout = await client.post("/logout", {});
    expect(logout.status).toBe(302);
    const after = await client.get("/home");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
  });

  it("rejects a wrong password with 401 and the same message as an unknown account", async () => {
    const user = await addUser(server, "sociologist");
    const wrong = await new Browserish(server.url).login(user.email, "not-the-password");
    const unknown = await new Browserish(server.url).login("nobody@test.local", "not-the-password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toContain("Неверная почта или пароль.");
    expect(await unknown.text()).toContain("Неверная почта или пароль.");
  });

  it("throttles repeated failures for an account, even with the right password afterwards", async () => {
    const user = await addUser(server, "analyst");
    const client = new Browserish(server.url);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      const r = await client.login(user.email, `wrong-${i}`);
      await r.arrayBuffer();
      expect(r.status).toBe(401);
    }
    const blocked = await client.login(user.email, user.password);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBe("900");
    expect(await blocked.text()).toContain("Слишком много неудачных попыток");
    const attempts = await server.db.db.selectFrom("login_attempts").select(["subject_hash", "client_hash"]).execute();
    // neither the e-mail nor the client address is stored in clear
    expect(JSON.stringify(attempts)).not.toContain(user.email);
    expect(JSON.stringify(attempts)).not.toContain("127.0.0.1");
  });

  it("ends a session when it expires, and when the account is deactivated", async () => {
    const user = await addUser(server, "analyst");
    const admin = await addUser(server, "admin");
    const client = new Browserish(server.url);
    await client.login(user.email, user.password);
    expect((await client.get("/home")).status).toBe(200);
    await sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${user.id}`.execute(server.db.db);
    expect((await client.get("/home")).status).toBe(302);

    await client.login(user.email, user.password);
    expect((await client.get("/home")).status).toBe(200);
    const result = await editUser(server.app.ctx, { id: user.id, displayName: "x", role: "analyst", active: false }, admin.id);
    expect(result.ok).toBe(true);
    expect((await client.get("/home")).status).toBe(302);
    const again = await client.login(user.email, user.password);
    expect(again.status).toBe(401);
  });

  it("refuses a cross-origin form post, and a redirect off-site after login", async () => {
    const user = await addUser(server, "analyst");
    const client = new Browserish(server.url);
    const forged = await client.post("/login", { email: user.email, password: user.password }, { Origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    const cross = await client.post("/login", { email: user.email, password: user.password }, { "Sec-Fetch-Site": "cross-site", Origin: "" });
    expect(cross.status).toBe(403);
    const ok = await client.post("/login", { email: user.email, password: user.password, redirectTo: "//evil.example/x" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/home");
  });

  it("sets security headers and refuses oversized bodies", async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-powered-by")).toBeNull();
    const big = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: "x=" + "a".repeat(26 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
  });
});

/**
 * Log in, keep a session, log out. Sessions live in the database (any web process can read
 * them); the cookie holds a random token and the table only its SHA-256.
 */
import { createHash, randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { z } from "zod";
import { appendAudit } from "../../db/queries/audit-log";
import { countRecentFailures, recordLoginAttempt } from "../../db/queries/login-attempts";
import { deleteSession, extendSession, findSessionUser, insertSession } from "../../db/queries/sessions";
import { findUserForLogin, markLoggedIn } from "../../db/queries/users";
import { can, type Permission, type Role } from "../domain/roles";
import { keyedHash, type AppContext } from "./context.server";
import { burnPasswordCheck, verifyPassword } from "./passwords.server";

const SESSION_DAYS = 14;
const DAY_MS = 86_400_000;
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_CLIENT = 30;

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  organisationId: number | null;
  organisationCode: string | null;
  organisationName: string | null;
}

const cookies = new WeakMap<AppContext, ReturnType<typeof createCookie>>();
function sessionCookie(ctx: AppContext) {
  let cookie = cookies.get(ctx);
  if (!cookie) {
    cookie = createCookie("rp_session", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: ctx.env.COOKIE_SECURE ?? ctx.env.strictProduction,
      secrets: [ctx.sessionSecret],
      maxAge: SESSION_DAYS * 86_400,
    });
    cookies.set(ctx, cookie);
  }
  return cookie;
}

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

async function readToken(ctx: AppContext, request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie(ctx).parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length >= 32 ? value : null;
}

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});

export type LoginResult =
  | { ok: true; setCookie: string; user: SessionUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function login(
  ctx: AppContext,
  input: { email: string; password: string; clientAddress: string; overHttps?: boolean },
): Promise<LoginResult> {
  const subjectHash = keyedHash(ctx, "login-subject", input.email.toLowerCase());
  const clientHash = keyedHash(ctx, "client", input.clientAddress);
  const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000);
  const failures = await countRecentFailures(ctx.db, { subjectHash, clientHash, since });
  if (failures.bySubject >= MAX_FAILURES_PER_ACCOUNT || failures.byClient >= MAX_FAILURES_PER_CLIENT) {
    return { ok: false, reason: "throttled", retryAfterSeconds: LOGIN_WINDOW_MINUTES * 60 };
  }

  const user = await findUserForLogin(ctx.db, input.email);
  let valid = false;
  if (user && user.active) valid = await verifyPassword(user.password_hash, input.password);
  else await burnPasswordCheck(input.password);

  await recordLoginAttempt(ctx.db, { subjectHash, clientHash, succeeded: valid });
  if (!valid || !user) {
    await appendAudit(ctx.db, { actorUserId: null, action: "login.failed", entityType: "user", details: { subjectHash } });
    return { ok: false, reason: "invalid" };
  }

  const token = randomBytes(32).toString("base64url");
  await insertSession(ctx.db, { idHash: sha256(token), userId: user.id, expiresAt: new Date(Date.now() + SESSION_DAYS * DAY_MS) });
  await markLoggedIn(ctx.db, user.id);
  await appendAudit(ctx.db, { actorUserId: user.id, action: "login", entityType: "user", entityId: user.id });
  const sessionUser = await getSessionUserByToken(ctx, token);
  if (!sessionUser) throw new Error("session vanished right after login");
  // Secure whenever the browser came over https (directly or via the loopback proxy), even when
  // COOKIE_SECURE is unset: a cookie that arrived over https must never travel back over http.
  const setCookie = await sessionCookie(ctx).serialize(token, input.overHttps ? { secure: true } : undefined);
  return { ok: true, setCookie, user: sessionUser };
}

async function getSessionUserByToken(ctx: AppContext, token: string): Promise<SessionUser | null> {
  const idHash = sha256(token);
  const row = await findSessionUser(ctx.db, idHash);
  if (!row) return null;
  // Sliding expiry: renew once less than half the lifetime is left, not on every request.
  if (row.expires_at.getTime() - Date.now() < (SESSION_DAYS * DAY_MS) / 2) {
    await extendSession(ctx.db, idHash, new Date(Date.now() + SESSION_DAYS * DAY_MS));
  }
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    organisationCode: row.organisation_code,
    organisationName: row.organisation_name,
  };
}

export async function getSessionUser(ctx: AppContext, request: Request): Promise<SessionUser | null> {
  const token = await readToken(ctx, request);
  return token ? getSessionUserByToken(ctx, token) : null;
}

export async function logout(ctx: AppContext, request: Request): Promise<string> {
  const token = await readToken(ctx, request);
  if (token) await deleteSession(ctx.db, sha256(token));
  return sessionCookie(ctx).serialize("", { maxAge: 0 });
}

/** For loaders and actions: the signed-in user, or a redirect to the login page. */
export async function requireUser(ctx: AppContext, request: Request): Promise<SessionUser> {
  const user = await getSessionUser(ctx, request);
  if (!user) {
    const url = new URL(request.url);
    const back = `${url.pathname}${url.search}`;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/** The signed-in user holding `permission`; anyone else gets 403 (and a stranger a login page). */
export async function requirePermission(ctx: AppContext, request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(ctx, request);
  if (!can(user.role, permission)) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

/** Only same-site relative paths: an open redirect after login would be a phishing aid. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

/** Personal API tokens for sociologists' tools: shown once, stored as a hash, revocable. */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "../../db/queries/audit-log";
import { insertApiToken, listApiTokens, revokeApiToken, findUserByApiToken } from "../../db/queries/api-tokens";
import { can, type Permission, type Role } from "../domain/roles";
import { getSessionUser } from "./auth.server";
import type { AppContext } from "./context.server";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export const tokenNameSchema = z.string().trim().min(1, "required").max(100);

export async function createApiToken(ctx: AppContext, userId: number, name: string) {
  const token = `rp_${randomBytes(30).toString("base64url")}`;
  const id = await insertApiToken(ctx.db, { userId, name, tokenHash: hashToken(token) });
  await appendAudit(ctx.db, { actorUserId: userId, action: "api-token.create", entityType: "api-token", entityId: id });
  return { id, token };
}

export const apiTokens = (ctx: AppContext, userId: number) => listApiTokens(ctx.db, userId);

export async function revokeToken(ctx: AppContext, userId: number, id: number) {
  const done = await revokeApiToken(ctx.db, userId, id);
  if (done) await appendAudit(ctx.db, { actorUserId: userId, action: "api-token.revoke", entityType: "api-token", entityId: id });
  return done;
}

export interface ApiUser {
  id: number;
  role: Role;
}

/** `Authorization: Bearer rp_…` -> the token's user with `permission`, or a JSON 401/403 Response. */
export async function requireApiUser(ctx: AppContext, request: Request, permission: Permission): Promise<ApiUser> {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer (rp_[A-Za-z0-9_-]{40})$/.exec(header);
  const user = match ? await findUserByApiToken(ctx.db, hashToken(match[1]!)) : undefined;
  if (!user) {
    throw Response.json({ error: "unauthorized" }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="region-pulse"' } });
  }
  if (!can(user.role, permission)) throw Response.json({ error: "forbidden" }, { status: 403 });
  return { id: user.id, role: user.role };
}

/**
 * For API routes a browser may also call (results): a Bearer token when the request carries one,
 * else the session. Either way the permission is checked here, on the server.
 */
export async function requireApiOrSessionUser(ctx: AppContext, request: Request, permission: Permission): Promise<ApiUser> {
  if (request.headers.has("Authorization")) return requireApiUser(ctx, request, permission);
  const user = await getSessionUser(ctx, request);
  if (!user) throw Response.json({ error: "unauthorized" }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="region-pulse"' } });
  if (!can(user.role, permission)) throw Response.json({ error: "forbidden" }, { status: 403 });
  return { id: user.id, role: user.role };
}

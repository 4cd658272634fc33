/** Revoked platform tokens (by hash; tokens live only in the environment) and analysts' alerts. */
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export async function isTokenDisabled(db: Db, platform: string, tokenHash: string): Promise<boolean> {
  const row = await db.selectFrom("platform_tokens").select("token_hash").where("platform", "=", platform).where("token_hash", "=", tokenHash).executeTakeFirst();
  return Boolean(row);
}

/** True when this call disabled it (so exactly one alert is raised however many workers see it). */
export async function disableToken(db: Db, platform: string, tokenHash: string, reason: string): Promise<boolean> {
  const row = await db
    .insertInto("platform_tokens")
    .values({ platform, token_hash: tokenHash, reason: reason.slice(0, 500) })
    .onConflict((oc) => oc.columns(["platform", "token_hash"]).doNothing())
    .returning("token_hash")
    .executeTakeFirst();
  return Boolean(row);
}

export async function raiseAlert(db: Db, alert: { kind: string; message: string; details?: unknown }) {
  await db.insertInto("alerts").values({ kind: alert.kind, message: alert.message, details: alert.details === undefined ? null : JSON.stringify(alert.details) }).execute();
}

export async function listOpenAlerts(db: Db, limit = 20) {
  return db.selectFrom("alerts").selectAll().where("resolved_at", "is", null).orderBy("id", "desc").limit(limit).execute();
}

export async function resolveAlert(db: Db, id: number) {
  await db.updateTable("alerts").set({ resolved_at: new Date() }).where("id", "=", id).where("resolved_at", "is", null).execute();
}

/** The installation's secret of this name, created on first use; every process reads the same one. */
export async function installationSecret(db: Db, name: string, generate: () => string): Promise<string> {
  await db.insertInto("app_secrets").values({ name, value: generate() }).onConflict((oc) => oc.column("name").doNothing()).execute();
  const row = await db.selectFrom("app_secrets").select("value").where("name", "=", name).executeTakeFirstOrThrow();
  return row.value;
}

import type { Kysely, Transaction } from "kysely";
import type { DB } from "../schema";

type Db = Kysely<DB> | Transaction<DB>;

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
}

export async function appendAudit(db: Db, entry: AuditEntry) {
  await db
    .insertInto("audit_log")
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export async function listAudit(db: Db, input: { limit: number; before?: number }) {
  let q = db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.action",
      "audit_log.entity_type",
      "audit_log.entity_id",
      "audit_log.details",
      "users.email as actor_email",
    ])
    .orderBy("audit_log.id", "desc")
    .limit(input.limit);
  if (input.before) q = q.where("audit_log.id", "<", input.before);
  return q.execute();
}

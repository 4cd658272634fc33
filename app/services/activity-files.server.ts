/**
 * Page-activity files (README "Page activity files"): checked line by line and against the
 * registry, stored whole or not at all; pages without API access are then audited from them.
 */
import { insertActivityFile, listActivityFiles } from "../../db/queries/activity-files";
import { appendAudit } from "../../db/queries/audit-log";
import { listPageOwners } from "../../db/queries/pages";
import { parseActivityFile, type ActivityLineError } from "../../jobs/connectors/file-format";
import type { AppContext } from "./context.server";

export const MAX_ACTIVITY_FILE_BYTES = 20 * 1024 * 1024;
const SHOWN_ERRORS = 200;

export type ActivityUploadResult =
  | { ok: true; id: number; records: number; pages: number }
  | { ok: false; errors: ActivityLineError[]; moreErrors: number; unknownPages: string[] };

export async function uploadActivityFile(
  ctx: Pick<AppContext, "db">,
  file: { name: string; content: string; origin?: "upload" | "cli" | "demo" },
  userId: number | null,
): Promise<ActivityUploadResult> {
  const { records, errors } = parseActivityFile(file.content);
  if (records.length === 0 && errors.length === 0) {
    return { ok: false, errors: [{ line: 1, field: "", message: "the file holds no records" }], moreErrors: 0, unknownPages: [] };
  }
  const owners = await listPageOwners(ctx.db);
  const known = new Set([...owners.keys()].map((k) => k.toLowerCase()));
  const pages = [...new Set(records.map((r) => r.page.toLowerCase()))];
  const unknownPages = pages.filter((p) => !known.has(p));
  if (errors.length > 0 || unknownPages.length > 0) {
    return { ok: false, errors: errors.slice(0, SHOWN_ERRORS), moreErrors: Math.max(0, errors.length - SHOWN_ERRORS), unknownPages: unknownPages.slice(0, 50) };
  }
  const id = await insertActivityFile(ctx.db, {
    name: file.name.slice(0, 200) || "activity.jsonl",
    origin: file.origin ?? "upload",
    uploadedBy: userId,
    content: file.content,
    pages,
    recordCount: records.length,
  });
  await appendAudit(ctx.db, { actorUserId: userId, action: "activity.upload", entityType: "activity_file", entityId: id, details: { records: records.length, pages: pages.length } });
  return { ok: true, id, records: records.length, pages: pages.length };
}

export const activityFiles = (ctx: Pick<AppContext, "db">) => listActivityFiles(ctx.db);

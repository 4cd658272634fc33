/**
 * A REFI-QDA codebook (.qdc from NVivo, ATLAS.ti, MAXQDA, QualCoder or our own export) merged into
 * a study's codebook. The file is checked whole before anything is written: one bad code refuses
 * the file with every problem and its line. Then all codes go in one transaction, hierarchy and
 * GUID kept. A code the study already has (same GUID anywhere, or same name under the same parent)
 * is skipped and counted, and the file's children of it attach under the existing code, so
 * importing the same codebook twice, or a colleague's extended copy, adds only what is new.
 */
import { appendAudit } from "../../db/queries/audit-log";
import { insertMergedCode, lockStudyCodebook, siblingCodeByName, studyCodesForMerge } from "../../db/queries/focus-group-codebook-import";
import { getStudy } from "../../db/queries/surveys";
import { byLine, codebookTree, formatProblem, validateCodebook, type CodeTreeNode } from "../domain/focus-groups";
import { nameKey } from "../domain/focus-groups/codebook";
// node:crypto inside: imported from their files, never from the browser-safe index
import { isGuid, normaliseGuid } from "../domain/focus-groups/guid";
import { readQdc } from "../domain/focus-groups/refi-qda-qdc-read";
import { translator, type Locale } from "../i18n";
import type { AppContext } from "./context.server";

export const MAX_QDC_BYTES = 2 * 1024 * 1024;

export type QdcImportOutcome =
  | { ok: true; value: { added: number; skipped: number; warnings: string[] } }
  | { ok: false; status: number; errors: string[] };

/** .qdc files are UTF-8 in practice; a Windows tool may still write UTF-16 with a BOM. */
function decodeQdc(bytes: Uint8Array): string | null {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

const siblingKey = (parentId: number | null, name: string) => `${parentId ?? 0}\u0000${nameKey(name)}`;

export async function importQdcCodebook(
  ctx: Pick<AppContext, "db">,
  studyId: number,
  input: { bytes: Uint8Array; fileName?: string; locale: Locale },
  userId: number,
): Promise<QdcImportOutcome> {
  const t = translator(input.locale);
  if (!(await getStudy(ctx.db, studyId))) return { ok: false, status: 404, errors: [t("fgExports.import.studyNotFound")] };
  const refuse = (errors: string[]): QdcImportOutcome => ({ ok: false, status: 400, errors });
  if (input.bytes.byteLength > MAX_QDC_BYTES) return refuse([t("fgExports.import.tooLarge")]);
  if (input.bytes.byteLength === 0) return refuse([t("fgExports.import.empty")]);
  if (isZip(input.bytes)) return refuse([t("fgExports.import.isArchive")]);
  const xml = decodeQdc(input.bytes);
  if (xml === null) return refuse([t("fgExports.import.notText")]);

  const read = readQdc(xml);
  if (!read.ok) return refuse(byLine(read.errors).map((p) => formatProblem(p, input.locale)));
  // readQdc builds the tree from nesting; this catches anything a future reader might let through
  const invalid = validateCodebook(read.codebook);
  if (invalid.length > 0) return refuse(invalid.map((p) => formatProblem(p, input.locale)));
  const warnings = byLine(read.warnings).map((p) => formatProblem(p, input.locale));

  const merged = await ctx.db.transaction().execute(async (trx) => {
    if (!(await lockStudyCodebook(trx, studyId))) return null;
    const existing = await studyCodesForMerge(trx, studyId);
    const byGuid = new Map(existing.flatMap((c) => (c.guid && isGuid(c.guid) ? [[normaliseGuid(c.guid), c.id] as const] : [])));
    const bySibling = new Map(existing.map((c) => [siblingKey(c.parent_id, c.name), c.id]));
    let added = 0;
    let skipped = 0;
    const place = async (nodes: readonly CodeTreeNode[], parentId: number | null): Promise<void> => {
      for (const { code, children } of nodes) {
        const guid = normaliseGuid(code.id);
        let id = byGuid.get(guid) ?? bySibling.get(siblingKey(parentId, code.name));
        if (id !== undefined) {
          skipped += 1;
        } else {
          const row = { study_id: studyId, parent_id: parentId, name: code.name, definition: code.definition.trim() || null, colour: code.color, guid };
          const inserted = await insertMergedCode(trx, row);
          // the unique index compares names with lower() only; a clash it sees is a skip too
          id = inserted ?? (await siblingCodeByName(trx, studyId, parentId, code.name))?.id;
          if (id === undefined) throw new Error(`fg_codes: "${code.name}" neither inserted nor found`);
          if (inserted === null) skipped += 1;
          else {
            added += 1;
            byGuid.set(guid, id);
            bySibling.set(siblingKey(parentId, code.name), id);
          }
        }
        // the file's children hang on the code, new or existing
        await place(children, id);
      }
    };
    await place(codebookTree(read.codebook), null);
    await appendAudit(trx, {
      actorUserId: userId,
      action: "focus-group.codebook.import",
      entityType: "study",
      entityId: studyId,
      details: { fileName: input.fileName ?? null, added, skipped },
    });
    return { added, skipped };
  });
  if (!merged) return { ok: false, status: 404, errors: [t("fgExports.import.studyNotFound")] };
  return { ok: true, value: { ...merged, warnings } };
}

/**
 * Downloads of a study's focus-group work: coded segments and quotes (CSV, XLSX), the codebook
 * (CSV, XLSX, REFI-QDA .qdc) and the whole project as REFI-QDA .qdpx for NVivo, ATLAS.ti, MAXQDA
 * and QualCoder. Everything is read through loadStudyMaterial, which never touches
 * fg_participant_identities: participants appear under their pseudonymous code only.
 * Files are built in memory: a study has a few dozen sessions, not millions of rows.
 */
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { z } from "zod";
import { studyCodeRows } from "../../db/queries/focus-group-study";
import { getStudy } from "../../db/queries/surveys";
import { csvLine, UTF8_BOM } from "../domain/exports/csv";
import { MAX_CELL_CHARS } from "../domain/exports/xlsx";
import type { CellValue } from "../domain/exports/types";
import {
  codebookTree,
  codedSegmentRows,
  codePathLabel,
  formatProblem,
  quoteRows,
  type Codebook,
  type CodeTreeNode,
  type Problem,
} from "../domain/focus-groups";
// node:crypto inside: imported from their files, never from the browser-safe index
import { isGuid, normaliseGuid } from "../domain/focus-groups/guid";
import { qdpxArchiveFiles } from "../domain/focus-groups/qdpx-archive";
import { writeQdc } from "../domain/focus-groups/refi-qda";
import { writeRefiProject, type RefiSession } from "../domain/focus-groups/refi-qda-project";
import { sanitiseXmlChars } from "../domain/focus-groups/xml-writer";
import { translator, type Locale, type Translate } from "../i18n";
import type { AppContext } from "./context.server";
import { loadStudyMaterial, type StudyMaterial } from "./focus-group-study.server";

export const FG_EXPORT_FILES = [
  "segments.csv",
  "segments.xlsx",
  "quotes.csv",
  "quotes.xlsx",
  "codebook.csv",
  "codebook.xlsx",
  "codebook.qdc",
  "project.qdpx",
] as const;
export type FgExportFile = (typeof FG_EXPORT_FILES)[number];
export const isFgExportFile = (value: string): value is FgExportFile => (FG_EXPORT_FILES as readonly string[]).includes(value);

const CONTENT_TYPES: Record<string, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  qdc: "application/xml; charset=utf-8",
  qdpx: "application/zip",
};

const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().positive().max(2_147_483_647).optional());
const filterSchema = z.object({ coder: optionalId, session: optionalId });

export interface FgExportFilter {
  coderId?: number;
  sessionId?: number;
}

/** `?coder=<userId>&session=<sessionId>`: both optional; anything but an id is a 400. */
export function parseFgExportFilter(url: URL): { ok: true; value: FgExportFilter } | { ok: false } {
  const parsed = filterSchema.safeParse({ coder: url.searchParams.get("coder"), session: url.searchParams.get("session") });
  if (!parsed.success) return { ok: false };
  return { ok: true, value: { coderId: parsed.data.coder, sessionId: parsed.data.session } };
}

export type FgDownload =
  | { ok: true; body: Uint8Array<ArrayBuffer>; headers: Record<string, string> }
  | { ok: false; status: 400 | 404 | 409; message: string };

/** RFC 5987 value: encodeURIComponent leaves ' ( ) * as they are, which attr-char does not allow. */
const rfc5987 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An ASCII name every browser keeps, and the study's title for those that read filename*. */
export function contentDisposition(asciiName: string, displayName: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${rfc5987(displayName)}`;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not carry
const UNSAFE_IN_FILE_NAME = /[\u0000-\u001f\u007f\\/:*?"<>|]+/g;
const titleForFileName = (title: string) => title.replace(UNSAFE_IN_FILE_NAME, "_").replace(/\s+/g, " ").trim().slice(0, 80) || "study";

interface Table {
  header: string[];
  rows: CellValue[][];
  /** columns of running text: wide and wrapped in XLSX */
  wide: Set<number>;
}

const WIDE_KEYS = new Set(["coded_text", "quote", "memo", "note", "definition"]);

function fromExportTable(table: { columns: Array<{ key: string; ru: string; en: string }>; rows: CellValue[][] }, locale: Locale): Table {
  const wide = new Set(table.columns.flatMap((c, i) => (WIDE_KEYS.has(c.key) ? [i] : [])));
  return { header: table.columns.map((c) => c[locale]), rows: table.rows, wide };
}

/** One row per code in tree order, with how often and by how many coders it was applied. */
function codebookTable(material: StudyMaterial, t: Translate): Table {
  const codings = new Map<string, number>();
  const coders = new Map<string, Set<string>>();
  for (const c of material.codings) {
    codings.set(c.codeId, (codings.get(c.codeId) ?? 0) + 1);
    coders.set(c.codeId, (coders.get(c.codeId) ?? new Set()).add(c.coderId));
  }
  const rows: CellValue[][] = [];
  const walk = (nodes: readonly CodeTreeNode[]) => {
    for (const { code, children } of nodes) {
      rows.push([
        codePathLabel(material.codebook, code.id),
        code.name,
        code.parentId === null ? null : codePathLabel(material.codebook, code.parentId),
        code.definition || null,
        code.color ? code.color.toUpperCase() : null,
        codings.get(code.id) ?? 0,
        coders.get(code.id)?.size ?? 0,
      ]);
      walk(children);
    }
  };
  walk(codebookTree(material.codebook));
  const keys = ["path", "name", "parent", "definition", "colour", "codings", "coders"] as const;
  return { header: keys.map((k) => t(`fgExports.codebook.${k}`)), rows, wide: new Set([3]) };
}

function csvBody(table: Table): Uint8Array<ArrayBuffer> {
  // csvLine's formula guard is on by default: a turn that starts with "=" stays text in Excel
  return strToU8(UTF8_BOM + csvLine(table.header) + table.rows.map((r) => csvLine(r)).join(""));
}

/** XLSX cells are typed, so "=…" is a string, never a formula; only what XML cannot hold is replaced. */
function xlsxCell(value: CellValue): CellValue {
  if (typeof value !== "string") return value;
  const s = sanitiseXmlChars(value);
  return s.length <= MAX_CELL_CHARS ? s : `${s.slice(0, MAX_CELL_CHARS - 1).replace(/[\uD800-\uDBFF]$/, "")}…`;
}

async function xlsxBody(table: Table, sheetName: string): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map(xlsxCell));
  table.header.forEach((label, i) => {
    const column = sheet.getColumn(i + 1);
    if (table.wide.has(i)) {
      column.width = 60;
      column.alignment = { wrapText: true, vertical: "top" };
      return;
    }
    // as wide as the longest of the first rows, within reason
    const longest = Math.max(label.length, ...table.rows.slice(0, 500).map((r) => String(r[i] ?? "").length));
    column.width = Math.min(40, Math.max(8, longest + 2));
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, table.header.length) } };
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const problemList = (problems: readonly Problem[], locale: Locale) => problems.slice(0, 10).map((p) => formatProblem(p, locale)).join("; ");

/**
 * Codes imported from a .qdc keep their REFI-QDA GUID as their id here, so the codebook goes
 * back to NVivo or ATLAS.ti as the same codes, not copies.
 */
async function withImportedGuids(ctx: Pick<AppContext, "db">, material: StudyMaterial) {
  const guids = new Map<string, string>();
  for (const row of await studyCodeRows(ctx.db, material.studyId)) {
    if (row.guid && isGuid(row.guid)) guids.set(String(row.id), normaliseGuid(row.guid));
  }
  const idOf = (id: string) => guids.get(id) ?? id;
  const codebook: Codebook = {
    codes: material.codebook.codes.map((c) => ({ ...c, id: idOf(c.id), parentId: c.parentId === null ? null : idOf(c.parentId) })),
  };
  const codings = material.codings.map((c) => ({ ...c, codeId: idOf(c.codeId) }));
  return { codebook, codings };
}

function refiSessions(material: StudyMaterial, t: Translate): RefiSession[] {
  return material.sessions.map((s) => {
    const mode = s.mode === "online" ? t("fgExports.session.online") : t("fgExports.session.inPerson");
    return {
      id: s.id,
      name: s.date ? `${s.name}, ${s.date.split("-").reverse().join(".")}` : s.name,
      description: [s.date, mode, s.place].filter(Boolean).join(", "),
      turns: material.turns.filter((turn) => turn.sessionId === s.id),
    };
  });
}

async function qdpxBody(ctx: Pick<AppContext, "db">, material: StudyMaterial, title: string, t: Translate, locale: Locale): Promise<Uint8Array<ArrayBuffer> | string> {
  const { codebook, codings } = await withImportedGuids(ctx, material);
  const project = writeRefiProject({
    studyId: String(material.studyId),
    projectName: title,
    codebook,
    coders: material.coders,
    participants: material.participants.map((p) => ({ code: p.code, attributes: p.attributes, consentToQuotes: p.consentToQuotes })),
    sessions: refiSessions(material, t),
    codings,
  });
  if (!project.ok) return t("fgExports.error.brokenProject", { problems: problemList(project.errors, locale) });
  const archive = qdpxArchiveFiles(project.projectXml, project.sources);
  if (!archive.ok) return t("fgExports.error.brokenProject", { problems: [...archive.missing, ...archive.unsafe].join(", ") });
  return zipSync(Object.fromEntries(archive.files.map((f) => [f.path, strToU8(f.text)])), { level: 6 });
}

/** One download; filters narrow segments, quotes and the codebook's counts, never the project. */
export async function focusGroupExport(
  ctx: Pick<AppContext, "db">,
  studyId: number,
  file: string,
  options: FgExportFilter & { locale: Locale },
): Promise<FgDownload> {
  const t = translator(options.locale);
  const study = await getStudy(ctx.db, studyId);
  if (!study || !isFgExportFile(file)) return { ok: false, status: 404, message: "Not found" };
  const [kind, extension] = file.split(".") as [string, keyof typeof CONTENT_TYPES];
  const whole = kind === "project" || extension === "qdc";
  const filter = whole ? {} : { coderId: options.coderId, sessionId: options.sessionId };
  const material = await loadStudyMaterial(ctx, studyId, filter);
  if (filter.sessionId !== undefined && material.sessions.length === 0) {
    return { ok: false, status: 404, message: t("fgExports.error.unknownSession") };
  }

  let body: Uint8Array<ArrayBuffer>;
  const headers: Record<string, string> = {};
  if (kind === "codebook" && extension === "qdc") {
    const { codebook } = await withImportedGuids(ctx, material);
    if (codebook.codes.length === 0) return { ok: false, status: 409, message: t("fgExports.error.emptyCodebook") };
    const qdc = writeQdc(codebook, { studyId: String(studyId) });
    if (!qdc.ok) return { ok: false, status: 409, message: t("fgExports.error.brokenCodebook", { problems: problemList(qdc.errors, options.locale) }) };
    body = strToU8(qdc.xml);
  } else if (kind === "project") {
    const zipped = await qdpxBody(ctx, material, study.title, t, options.locale);
    if (typeof zipped === "string") return { ok: false, status: 409, message: zipped };
    body = zipped;
  } else {
    let table: Table;
    if (kind === "segments") {
      table = fromExportTable(codedSegmentRows(material), options.locale);
    } else if (kind === "quotes") {
      const quotes = quoteRows(material);
      table = fromExportTable(quotes, options.locale);
      // a count, not a row: a note inside the data would be read as a quote by whatever opens the file
      headers["X-Withheld-Quotes"] = String(quotes.withheld);
    } else {
      table = codebookTable(material, t);
    }
    body = extension === "csv" ? csvBody(table) : await xlsxBody(table, t(`fgExports.sheet.${kind as "segments" | "quotes" | "codebook"}`));
  }

  const scope = [filter.sessionId && `session-${filter.sessionId}`, filter.coderId && `coder-${filter.coderId}`].filter(Boolean).join("-");
  const base = `${kind}${scope ? `-${scope}` : ""}.${extension}`;
  headers["Content-Type"] = CONTENT_TYPES[extension]!;
  headers["Content-Disposition"] = contentDisposition(`study-${studyId}-${base}`, `${titleForFileName(study.title)} - ${base}`);
  return { ok: true, body, headers };
}

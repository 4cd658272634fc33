/**
 * Focus-group analysis of one study: code frequencies (by session and by a participant
 * attribute), the co-occurrence matrix, agreement between two coders and the quotes, all from
 * the pure modules in app/domain/focus-groups over the study's material (focus-group-study).
 *
 * The material is read once, unfiltered, and every section filters it in memory: the sections
 * have different filters (agreement needs both coders whatever coder the other sections show),
 * and a focus-group study is a few thousand turns at most.
 */
import { z } from "zod";
import { getStudy } from "../../db/queries/surveys";
import {
  codebookTree,
  codeFrequencyByAttribute,
  codeFrequencyBySession,
  codePathLabel,
  coderAgreement,
  cooccurrenceMatrix,
  participantAttributeKeys,
  quoteRows,
  STANDARD_ATTRIBUTE_LABELS,
  type AgreementUnit,
  type Codebook,
  type CodeTreeNode,
  type CooccurrenceUnit,
  type FrequencyCell,
  type KappaUndefinedReason,
} from "../domain/focus-groups";
import { subtreeIds } from "../domain/focus-groups/codebook";
import type { AppContext } from "./context.server";
import { loadStudyMaterial, type StudyMaterial } from "./focus-group-study.server";

// A form's "all" choice sends the field empty.
const blankIsAbsent = (v: unknown) => (v === "" ? undefined : v);
const optionalId = z.preprocess(blankIsAbsent, z.coerce.number().int().positive().max(2_147_483_647).optional());
const optionalText = z.preprocess(blankIsAbsent, z.string().trim().max(200).optional());

/** The analysis page's query string. */
export const analysisQuerySchema = z.object({
  session: optionalId,
  coder: optionalId,
  attribute: optionalText,
  unit: z.preprocess(blankIsAbsent, z.enum(["turn", "overlap"]).default("turn")),
  coder_a: optionalId,
  coder_b: optionalId,
  agreement_session: optionalId,
  agreement_unit: z.preprocess(blankIsAbsent, z.enum(["character", "turn"]).default("character")),
  quote_code: optionalId,
  /** "attribute=value" from one select; the attribute is everything before the first "=" */
  quote_by: z.preprocess(
    blankIsAbsent,
    z
      .string()
      .max(300)
      .regex(/^[^=]+=.+$/, "attribute=value")
      .transform((v) => ({ attribute: v.slice(0, v.indexOf("=")), value: v.slice(v.indexOf("=") + 1).trim() }))
      .optional(),
  ),
});
export type AnalysisQuery = z.infer<typeof analysisQuerySchema>;

export interface CodeInfo {
  id: string;
  name: string;
  /** "Доверие / Власть" */
  path: string;
  /** 0 for a top-level code */
  depth: number;
  rootId: string;
  color: string | null;
  definition: string;
}

/** The codebook depth-first, as a reader scans it; codes outside the tree (orphans) last. */
export function codesInReadingOrder(codebook: Codebook): CodeInfo[] {
  const out: CodeInfo[] = [];
  const walk = (node: CodeTreeNode, depth: number, rootId: string) => {
    const c = node.code;
    out.push({ id: c.id, name: c.name, path: codePathLabel(codebook, c.id), depth, rootId, color: c.color, definition: c.definition });
    for (const child of node.children) walk(child, depth + 1, rootId);
  };
  for (const root of codebookTree(codebook)) walk(root, 0, root.code.id);
  const placed = new Set(out.map((c) => c.id));
  for (const c of codebook.codes) {
    if (!placed.has(c.id)) out.push({ id: c.id, name: c.name, path: codePathLabel(codebook, c.id), depth: 0, rootId: c.id, color: c.color, definition: c.definition });
  }
  return out;
}

const turnKey = (sessionId: string, index: number) => `${sessionId}\u0000${index}`;

/**
 * One index for every turn of the study. The agreement module keys turns by index alone, and a
 * study-wide total needs turns of different sessions kept apart under one "session".
 */
function studyWideTurns(material: StudyMaterial) {
  const position = new Map(material.turns.map((t, i) => [turnKey(t.sessionId, t.index), i]));
  return (sessionId: string, index: number) => position.get(turnKey(sessionId, index)) ?? -1;
}

export interface CodeTotals {
  codeIds: string[];
  cells: FrequencyCell[];
}

/** Each code's study-wide figures; turns and participants are distinct, whoever coded them. */
export function codeTotals(material: StudyMaterial, codings: StudyMaterial["codings"], codeIds: readonly string[]): CodeTotals {
  const at = studyWideTurns(material);
  const all = codeFrequencyBySession(
    codings.map((c) => ({ sessionId: "all", turnIndex: at(c.sessionId, c.turnIndex), start: c.start, end: c.end, codeId: c.codeId })),
    material.turns.map((t) => ({ sessionId: "all", index: at(t.sessionId, t.index), speaker: t.speaker })),
    { codeIds, sessionIds: ["all"] },
  );
  return { codeIds: all.codeIds, cells: all.cells.map((row) => row[0]!) };
}

export interface QuoteItem {
  session: string;
  date: string | null;
  turn: number;
  time: string | null;
  participant: string;
  attributes: Array<{ key: string; ru: string; en: string; value: string }>;
  text: string;
  codes: string;
  note: string | null;
}

const cellText = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/**
 * Quotes as the page shows them, through quoteRows so consent is checked in one place: quotes of
 * participants without consent to quoting are withheld and only counted. Two coders who flagged
 * the same span give one quote.
 */
export function quoteItems(material: StudyMaterial, quotes: StudyMaterial["codings"], codings: StudyMaterial["codings"]): { quotes: QuoteItem[]; withheld: number } {
  const seen = new Set<string>();
  const unique = quotes.filter((q) => {
    const key = `${turnKey(q.sessionId, q.turnIndex)}\u0000${q.start}\u0000${q.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const table = quoteRows({
    sessions: material.sessions,
    turns: material.turns,
    participants: material.participants,
    quotes: unique.map((q) => ({ id: q.id, sessionId: q.sessionId, turnIndex: q.turnIndex, start: q.start, end: q.end, note: q.memo })),
    codebook: material.codebook,
    codings,
  });
  const items = table.rows.map((row): QuoteItem => {
    const cell = (key: string) => cellText(row[table.columns.findIndex((c) => c.key === key)]);
    return {
      session: cell("session") ?? "",
      date: cell("session_date"),
      turn: Number(cell("turn")),
      time: cell("timestamp"),
      participant: cell("participant") ?? "",
      attributes: table.columns.flatMap((c, i) => {
        const value = cellText(row[i]);
        return c.key.startsWith("attr_") && value ? [{ key: c.key.slice(5), ru: c.ru, en: c.en, value }] : [];
      }),
      text: cell("quote") ?? "",
      codes: cell("codes") ?? "",
      note: cell("note"),
    };
  });
  return { quotes: items, withheld: table.withheld };
}

/** Codes that were applied in `codings`, in reading order. */
const usedCodes = (codes: readonly CodeInfo[], codings: StudyMaterial["codings"]) => {
  const used = new Set(codings.map((c) => c.codeId));
  return codes.filter((c) => used.has(c.id));
};

const attributeLabel = (key: string) => STANDARD_ATTRIBUTE_LABELS[key] ?? { ru: key, en: key };

function frequencies(material: StudyMaterial, codes: CodeInfo[], codings: StudyMaterial["codings"], turns: StudyMaterial["turns"], attribute: string) {
  const codeIds = codes.map((c) => c.id);
  const sessionIds = material.sessions.map((s) => s.id).filter((id) => turns.some((t) => t.sessionId === id));
  const bySession = codeFrequencyBySession(codings, turns, { codeIds, sessionIds });
  // the base of "3 of 5 women" is who spoke in the sessions shown, not everyone recruited
  const spoke = new Set(turns.flatMap((t) => (t.speaker.kind === "participant" ? [t.speaker.participantCode] : [])));
  const byAttribute = codeFrequencyByAttribute(codings, turns, material.participants.filter((p) => spoke.has(p.code)), attribute, { codeIds });
  const totals = codeTotals(material, codings, codeIds);
  const sessionName = new Map(material.sessions.map((s) => [s.id, { name: s.name, date: s.date ?? null }]));
  return {
    codes: codes.map((c) => ({ id: c.id, name: c.name, path: c.path, depth: c.depth, color: c.color })),
    bySession: { groups: bySession.groups.map((id) => ({ id, ...sessionName.get(id)! })), cells: bySession.cells, totals: totals.cells, excludedSegments: bySession.excludedSegments },
    byAttribute: { attribute, groups: byAttribute.groups, cells: byAttribute.cells, excludedSegments: byAttribute.excludedSegments },
  };
}

function cooccurrence(codes: CodeInfo[], codings: StudyMaterial["codings"], unit: CooccurrenceUnit) {
  const matrix = cooccurrenceMatrix(codings, { unit, codeIds: codes.map((c) => c.id) });
  // the heat scale is set by pairs; the diagonal (turns with one code) would wash them out
  const maxOffDiagonal = matrix.counts.reduce((max, row, i) => row.reduce((m, n, j) => (j === i ? m : Math.max(m, n)), max), 0);
  return { unit, codes: codes.map((c) => ({ id: c.id, name: c.name, path: c.path })), counts: matrix.counts, maxOffDiagonal };
}

export type AgreementView =
  | { state: "too_few_coders"; coders: Array<{ id: string; name: string }>; sessionId: string | null; unit: AgreementUnit }
  | { state: "same_coder"; coders: Array<{ id: string; name: string }>; coderA: string; coderB: string; sessionId: string | null; unit: AgreementUnit }
  | {
      state: "ok";
      coders: Array<{ id: string; name: string }>;
      coderA: string;
      coderB: string;
      sessionId: string | null;
      unit: AgreementUnit;
      units: number;
      ignoredSegments: number;
      codes: Array<{
        codeId: string;
        path: string;
        table: { both: number; onlyA: number; onlyB: number; neither: number };
        percentAgreement: number | null;
        kappa: number | null;
        undefinedReason: KappaUndefinedReason | null;
      }>;
    };

function agreement(material: StudyMaterial, codes: CodeInfo[], query: AnalysisQuery): AgreementView {
  const sessionId = query.agreement_session === undefined ? null : String(query.agreement_session);
  const unit = query.agreement_unit;
  const inSession = <T extends { sessionId: string }>(x: T) => sessionId === null || x.sessionId === sessionId;
  const codings = material.codings.filter(inSession);
  const active = new Set(codings.map((c) => c.coderId));
  const coders = material.coders.filter((c) => active.has(c.id)).map((c) => ({ id: c.id, name: c.name }));
  if (coders.length < 2) return { state: "too_few_coders", coders, sessionId, unit };
  const chosen = (id: number | undefined) => (id !== undefined && active.has(String(id)) ? String(id) : undefined);
  const coderA = chosen(query.coder_a) ?? coders[0]!.id;
  const coderB = chosen(query.coder_b) ?? coders.find((c) => c.id !== coderA)!.id;
  if (coderA === coderB) return { state: "same_coder", coders, coderA, coderB, sessionId, unit };
  const at = studyWideTurns(material);
  const segmentsOf = (coderId: string) =>
    codings.filter((c) => c.coderId === coderId).map((c) => ({ turnIndex: at(c.sessionId, c.turnIndex), start: c.start, end: c.end, codeId: c.codeId }));
  const a = segmentsOf(coderA);
  const b = segmentsOf(coderB);
  const report = coderAgreement({
    unit,
    turns: material.turns.filter(inSession).map((t) => ({ index: at(t.sessionId, t.index), text: t.text })),
    coderA: a,
    coderB: b,
    codeIds: usedCodes(codes, codings.filter((c) => c.coderId === coderA || c.coderId === coderB)).map((c) => c.id),
  });
  const path = new Map(codes.map((c) => [c.id, c.path]));
  return {
    state: "ok",
    coders,
    coderA,
    coderB,
    sessionId,
    unit,
    units: report.codes[0]?.units ?? 0,
    ignoredSegments: report.ignoredSegments,
    codes: report.codes.map((c) => ({ codeId: c.codeId, path: path.get(c.codeId) ?? c.codeId, table: c.table, percentAgreement: c.percentAgreement, kappa: c.kappa, undefinedReason: c.undefinedReason })),
  };
}

function quotesSection(material: StudyMaterial, codings: StudyMaterial["codings"], query: AnalysisQuery) {
  let quotes = codings.filter((c) => c.quote);
  if (query.quote_code !== undefined) {
    const wanted = subtreeIds(material.codebook, String(query.quote_code));
    // a quote illustrates its own code and every code applied over it (as quoteRows lists them)
    const illustrates = (q: (typeof quotes)[number]) =>
      codings.some((c) => c.sessionId === q.sessionId && c.turnIndex === q.turnIndex && c.start < q.end && q.start < c.end && wanted.has(c.codeId));
    quotes = quotes.filter(illustrates);
  }
  if (query.quote_by) {
    const { attribute: key, value } = query.quote_by;
    const speakers = new Map(material.turns.map((t) => [turnKey(t.sessionId, t.index), t.speaker]));
    const byCode = new Map(material.participants.map((p) => [p.code, p]));
    quotes = quotes.filter((q) => {
      const speaker = speakers.get(turnKey(q.sessionId, q.turnIndex));
      return speaker?.kind === "participant" && byCode.get(speaker.participantCode)?.attributes[key]?.trim() === value;
    });
  }
  return quoteItems(material, quotes, codings);
}

/** Every participant attribute with the values recorded for it, for the selects. */
function attributeChoices(material: StudyMaterial) {
  return participantAttributeKeys(material.participants).map((key) => {
    const values = new Set(material.participants.flatMap((p) => (p.attributes[key]?.trim() ? [p.attributes[key]!.trim()] : [])));
    return { key, ...attributeLabel(key), values: [...values].sort((a, b) => a.localeCompare(b, "ru")) };
  });
}

export async function studyAnalysis(ctx: Pick<AppContext, "db">, studyId: number, query: AnalysisQuery) {
  const study = await getStudy(ctx.db, studyId);
  if (!study) return null;
  const material = await loadStudyMaterial(ctx, studyId);
  const sessionId = query.session === undefined ? null : String(query.session);
  const coderId = query.coder === undefined ? null : String(query.coder);
  const turns = material.turns.filter((t) => sessionId === null || t.sessionId === sessionId);
  const codings = material.codings.filter((c) => (sessionId === null || c.sessionId === sessionId) && (coderId === null || c.coderId === coderId));
  const allCodes = codesInReadingOrder(material.codebook);
  const codes = usedCodes(allCodes, codings);
  const attributes = attributeChoices(material);
  const attribute = attributes.some((a) => a.key === query.attribute) ? query.attribute! : (attributes[0]?.key ?? "sex");
  const activeCoders = new Set(codings.map((c) => c.coderId));
  return {
    study: { id: study.id, title: study.title },
    sessions: material.sessions.map((s) => ({ id: s.id, name: s.name, date: s.date ?? null })),
    coders: material.coders,
    attributes,
    allCodes: allCodes.map((c) => ({ id: c.id, path: c.path, depth: c.depth, name: c.name })),
    filter: { sessionId, coderId, attribute, unit: query.unit as CooccurrenceUnit },
    /** several coders' copies of one passage count more than once among segments */
    mixesCoders: coderId === null && activeCoders.size > 1,
    segments: codings.length,
    frequencies: frequencies(material, codes, codings, turns, attribute),
    cooccurrence: cooccurrence(codes, codings, query.unit),
    agreement: agreement(material, allCodes, query),
    quotes: {
      ...quotesSection(material, codings, query),
      code: query.quote_code === undefined ? null : String(query.quote_code),
      by: query.quote_by ? `${query.quote_by.attribute}=${query.quote_by.value}` : null,
    },
  };
}

export type StudyAnalysis = NonNullable<Awaited<ReturnType<typeof studyAnalysis>>>;

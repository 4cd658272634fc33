/**
 * Rows for CSV/XLSX exports of focus-group coding: coded segments, and quotes flagged for the
 * report. Speakers appear only under their pseudonymous code with their attributes; the input
 * types have no place for names or contacts (see NoIdentity), and the transcript's own speaker
 * label is not an input either, since transcribers often write first names there.
 * Rows are plain cells, so the CSV and XLSX writers in app/domain/exports can encode them.
 */
import type { CellValue } from "../exports/types";
import { codePathLabel, type Codebook } from "./codebook";
import { formatClockTime } from "./transcript-timestamps";
import { speakerName, type Coding, type Participant, type SessionTurn } from "./types";

/** The attributes every study records, in the order researchers read them; free ones follow. */
export const STANDARD_ATTRIBUTES = ["sex", "age_band", "territory", "occupation"] as const;

export const STANDARD_ATTRIBUTE_LABELS: Readonly<Record<string, { ru: string; en: string }>> = {
  sex: { ru: "Пол", en: "Sex" },
  age_band: { ru: "Возраст", en: "Age band" },
  territory: { ru: "Территория", en: "Territory" },
  occupation: { ru: "Род занятий", en: "Occupation" },
};

export function participantAttributeKeys(participants: readonly Participant[]): string[] {
  const present = new Set(participants.flatMap((p) => Object.keys(p.attributes)));
  const standard = STANDARD_ATTRIBUTES.filter((k) => present.has(k));
  const free = [...present].filter((k) => !(STANDARD_ATTRIBUTES as readonly string[]).includes(k));
  return [...standard, ...free.sort((a, b) => a.localeCompare(b, "ru"))];
}

export interface ExportColumn {
  key: string;
  ru: string;
  en: string;
}

export interface ExportTable {
  columns: ExportColumn[];
  rows: CellValue[][];
}

export interface ExportSession {
  id: string;
  name: string;
  /** "2024-03-12" */
  date?: string | null;
}

interface Context {
  sessions: readonly ExportSession[];
  turns: readonly SessionTurn[];
  participants: readonly Participant[];
  /** column labels by attribute key; standard attributes have defaults */
  attributeLabels?: Readonly<Record<string, { ru: string; en: string }>>;
}

const turnKey = (sessionId: string, index: number) => `${sessionId}\u0000${index}`;

/** Columns and cells shared by both tables: where the words were said, and by whom. */
function speechContext(ctx: Context) {
  const keys = participantAttributeKeys(ctx.participants);
  const sessions = new Map(ctx.sessions.map((s, order) => [s.id, { ...s, order }]));
  const turns = new Map(ctx.turns.map((t) => [turnKey(t.sessionId, t.index), t]));
  const participants = new Map(ctx.participants.map((p) => [p.code, p]));
  const columns: ExportColumn[] = [
    { key: "session", ru: "Сессия", en: "Session" },
    { key: "session_date", ru: "Дата", en: "Date" },
    { key: "turn", ru: "Реплика №", en: "Turn no." },
    { key: "timestamp", ru: "Время", en: "Time" },
    { key: "participant", ru: "Участник", en: "Participant" },
    ...keys.map((k) => ({
      key: `attr_${k}`,
      ...(ctx.attributeLabels?.[k] ?? STANDARD_ATTRIBUTE_LABELS[k] ?? { ru: k, en: k }),
    })),
  ];
  const cells = (sessionId: string, turnIndex: number): CellValue[] => {
    const session = sessions.get(sessionId);
    const turn = turns.get(turnKey(sessionId, turnIndex));
    const participant =
      turn?.speaker.kind === "participant" ? participants.get(turn.speaker.participantCode) : undefined;
    return [
      session?.name ?? sessionId,
      session?.date ?? null,
      turnIndex + 1,
      turn?.startMs == null ? null : formatClockTime(turn.startMs),
      turn ? speakerName(turn.speaker) : null,
      ...keys.map((k) => participant?.attributes[k] ?? null),
    ];
  };
  const order = (sessionId: string) => sessions.get(sessionId)?.order ?? Number.MAX_SAFE_INTEGER;
  return { columns, cells, turns, participants, order };
}

export interface SegmentExportInput extends Context {
  codebook: Codebook;
  codings: readonly Coding[];
  coders: ReadonlyArray<{ id: string; name: string }>;
}

/** One row per coding, in reading order: session, turn, position in the turn, code path. */
export function codedSegmentRows(input: SegmentExportInput): ExportTable {
  const ctx = speechContext(input);
  const coders = new Map(input.coders.map((c) => [c.id, c.name]));
  const rows = [...input.codings]
    .map((c) => ({ c, path: codePathLabel(input.codebook, c.codeId) }))
    .sort(
      (a, b) =>
        ctx.order(a.c.sessionId) - ctx.order(b.c.sessionId) ||
        a.c.turnIndex - b.c.turnIndex ||
        a.c.start - b.c.start ||
        a.path.localeCompare(b.path, "ru"),
    )
    .map(({ c, path }) => [
      ...ctx.cells(c.sessionId, c.turnIndex),
      path,
      (ctx.turns.get(turnKey(c.sessionId, c.turnIndex))?.text ?? "").slice(c.start, c.end),
      coders.get(c.coderId) ?? c.coderId,
      c.memo,
    ]);
  const columns = [
    ...ctx.columns,
    { key: "code_path", ru: "Код", en: "Code" },
    { key: "coded_text", ru: "Фрагмент", en: "Coded text" },
    { key: "coder", ru: "Кодировщик", en: "Coder" },
    { key: "memo", ru: "Мемо", en: "Memo" },
  ];
  return { columns, rows };
}

export interface Quote {
  id: string;
  sessionId: string;
  turnIndex: number;
  start: number;
  end: number;
  /** why the quote matters, for the report's author */
  note: string | null;
}

export interface QuoteExportInput extends Context {
  quotes: readonly Quote[];
  /** to list the codes a quote illustrates (codings overlapping it) */
  codebook?: Codebook;
  codings?: readonly Coding[];
}

/**
 * One row per quote. A participant's words are quoted only with their consent to quotes on
 * record: quotes of anyone without it (or of an unmapped speaker) are withheld and counted, so
 * the report's author sees that something was left out and why.
 */
export function quoteRows(input: QuoteExportInput): ExportTable & { withheld: number } {
  const ctx = speechContext(input);
  let withheld = 0;
  const rows: CellValue[][] = [];
  const sorted = [...input.quotes].sort(
    (a, b) => ctx.order(a.sessionId) - ctx.order(b.sessionId) || a.turnIndex - b.turnIndex || a.start - b.start,
  );
  for (const q of sorted) {
    const turn = ctx.turns.get(turnKey(q.sessionId, q.turnIndex));
    const speaker = turn?.speaker;
    const consented =
      speaker?.kind === "moderator" ||
      (speaker?.kind === "participant" && ctx.participants.get(speaker.participantCode)?.consentToQuotes === true);
    if (!turn || !consented) {
      withheld += 1;
      continue;
    }
    const codes = (input.codings ?? [])
      .filter((c) => c.sessionId === q.sessionId && c.turnIndex === q.turnIndex && c.start < q.end && q.start < c.end)
      .map((c) => (input.codebook ? codePathLabel(input.codebook, c.codeId) : c.codeId));
    const uniqueCodes = [...new Set(codes)].sort((a, b) => a.localeCompare(b, "ru"));
    rows.push([
      ...ctx.cells(q.sessionId, q.turnIndex),
      turn.text.slice(q.start, q.end),
      uniqueCodes.join("; "),
      q.note,
    ]);
  }
  const columns = [
    ...ctx.columns,
    { key: "quote", ru: "Цитата", en: "Quote" },
    { key: "codes", ru: "Коды", en: "Codes" },
    { key: "note", ru: "Примечание", en: "Note" },
  ];
  return { columns, rows, withheld };
}

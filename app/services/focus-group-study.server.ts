/**
 * A study's focus-group material in the pure modules' shapes (app/domain/focus-groups): the one
 * reader that analysis views, exports, the REFI-QDA project and the study report share. Ids become
 * strings there; participants carry attributes and consent to quotes, never a name.
 */
import {
  studyCodeRows,
  studyCoderRows,
  studyCodingRows,
  studyParticipantRows,
  studySessionRows,
  studyTurnRows,
} from "../../db/queries/focus-group-study";
import type { Codebook, Coding, ExportSession, Participant, Quote, SessionTurn } from "../domain/focus-groups";
import { dateToZonedLocal } from "../domain/time";
import type { AppContext } from "./context.server";

export interface StudyMaterial {
  studyId: number;
  sessions: Array<ExportSession & { status: string; mode: string; place: string | null }>;
  turns: Array<SessionTurn & { id: number; endMs: number | null }>;
  participants: Array<Participant & { id: number; consent: { formVersion: string; givenOn: string; recording: boolean; quoting: boolean; sharing: boolean } | null }>;
  codebook: Codebook;
  codings: Array<Coding & { quote: boolean; turnId: number }>;
  /** quotes are codings marked "quote" (their memo is the quote's note) */
  quotes: Quote[];
  coders: Array<{ id: string; name: string; codings: number }>;
}

/** Stored as codes (as in surveys); analysis and exports show the words. */
const SEX_LABELS: Record<string, string> = { female: "женский", male: "мужской" };

/** The session's date as people in the region wrote it down (an evening session in UTC is already the next day there). */
const regionDate = (d: Date | null, timeZone: string | undefined) => (d ? (timeZone ? dateToZonedLocal(d, timeZone) : d.toISOString()).slice(0, 10) : null);

export async function loadStudyMaterial(ctx: Pick<AppContext, "db"> & { env?: Pick<AppContext["env"], "REGION_TIMEZONE"> }, studyId: number, filter: { sessionId?: number; coderId?: number } = {}): Promise<StudyMaterial> {
  const [sessions, turns, participants, codes, codings, coders] = await Promise.all([
    studySessionRows(ctx.db, studyId),
    studyTurnRows(ctx.db, studyId, filter.sessionId),
    studyParticipantRows(ctx.db, studyId),
    studyCodeRows(ctx.db, studyId),
    studyCodingRows(ctx.db, studyId, filter),
    studyCoderRows(ctx.db, studyId),
  ]);
  const kept = filter.sessionId === undefined ? sessions : sessions.filter((s) => s.id === filter.sessionId);
  return {
    studyId,
    sessions: kept.map((s) => ({ id: String(s.id), name: s.title, date: regionDate(s.held_at, ctx.env?.REGION_TIMEZONE), status: s.status, mode: s.mode, place: s.place })),
    turns: turns.map((t) => ({
      id: t.id,
      sessionId: String(t.session_id),
      index: t.idx,
      speaker: t.speaker_kind === "participant" && t.participant_code ? { kind: "participant", participantCode: t.participant_code } : t.speaker_kind === "moderator" ? { kind: "moderator" } : { kind: "unmapped" },
      text: t.text,
      startMs: t.start_ms,
      endMs: t.end_ms,
    })),
    participants: participants.map((p) => ({
      id: p.id,
      code: p.code,
      attributes: { sex: SEX_LABELS[p.sex ?? ""] ?? p.sex, age_band: p.age_band, territory: p.territory_name, occupation: p.occupation, ...(p.attributes as Record<string, string>) },
      consentToQuotes: p.quoting === true,
      consent: p.form_version
        ? { formVersion: p.form_version, givenOn: String(p.given_on), recording: p.recording === true, quoting: p.quoting === true, sharing: p.sharing === true }
        : null,
    })),
    codebook: { codes: codes.map((c) => ({ id: String(c.id), parentId: c.parent_id === null ? null : String(c.parent_id), name: c.name, definition: c.definition ?? "", color: c.colour })) },
    codings: codings.map((c) => ({
      id: String(c.id),
      turnId: c.turn_id,
      sessionId: String(c.session_id),
      turnIndex: c.turn_idx,
      start: c.start_offset,
      end: c.end_offset,
      codeId: String(c.code_id),
      coderId: String(c.coder_id),
      memo: c.memo,
      quote: c.quote,
    })),
    quotes: codings.filter((c) => c.quote).map((c) => ({ id: String(c.id), sessionId: String(c.session_id), turnIndex: c.turn_idx, start: c.start_offset, end: c.end_offset, note: c.memo })),
    coders: coders.map((c) => ({ id: String(c.id), name: c.display_name, codings: Number(c.codings) })),
  };
}

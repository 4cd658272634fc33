/**
 * Records shared by the analysis and exchange modules. Participants are pseudonymous by type:
 * the fields a person's identity would live in are declared `never`, so code that tries to hand a
 * name or a phone number to an export or analysis does not compile.
 */

/** Fields that must never reach focus-group analysis or exports. */
export interface NoIdentity {
  name?: never;
  fullName?: never;
  firstName?: never;
  lastName?: never;
  email?: never;
  phone?: never;
  contacts?: never;
  address?: never;
}

/**
 * Attribute values by attribute key. Keys are the study's own: "sex", "age_band", "territory",
 * "occupation" or any free attribute; null or a missing key means "not recorded".
 */
export type ParticipantAttributes = Readonly<Record<string, string | null | undefined>>;

export interface Participant extends NoIdentity {
  /** pseudonymous code such as "У-03"; the only way a participant is named outside the database */
  code: string;
  attributes: ParticipantAttributes;
  /** consent scope covers quoting in reports; quotes of anyone else are withheld */
  consentToQuotes?: boolean;
}

export type Speaker =
  | { kind: "participant"; participantCode: string }
  | { kind: "moderator" }
  /** a transcript label nobody has mapped yet */
  | { kind: "unmapped" };

/** How exports and REFI-QDA sources name a speaker: the pseudonym, never the transcript's label. */
export function speakerName(speaker: Speaker): string {
  if (speaker.kind === "participant") return speaker.participantCode;
  return speaker.kind === "moderator" ? "Модератор" : "Не сопоставлен";
}

/** A transcript turn as analysis and exports see it: the raw speaker label is deliberately absent. */
export interface SessionTurn {
  sessionId: string;
  index: number;
  speaker: Speaker;
  text: string;
  startMs: number | null;
}

/**
 * One code applied by one coder to the characters [start, end) of one turn's text. Offsets are
 * JavaScript string offsets (UTF-16 code units), as a browser selection reports them.
 */
export interface Coding {
  id: string;
  sessionId: string;
  turnIndex: number;
  start: number;
  end: number;
  codeId: string;
  coderId: string;
  memo: string | null;
}

/** Focus-group tables (migration 0008); db/schema.ts's DB lists them. */
import type { Generated } from "kysely";
import type { Json } from "./schema";

export interface FgGuidesTable {
  id: Generated<number>;
  study_id: number;
  version: number;
  title: string;
  sections: Json<Array<{ title: string; questions: string[] }>>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface FgSessionsTable {
  id: Generated<number>;
  study_id: number;
  title: string;
  held_at: Date | null;
  mode: "in_person" | "online";
  place: string | null;
  moderator_id: number | null;
  note_taker_id: number | null;
  guide_id: number | null;
  status: Generated<"planned" | "held" | "transcribed" | "coded">;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface FgSessionFilesTable {
  id: Generated<number>;
  session_id: number;
  kind: "recording" | "consent_scans" | "other";
  reference: string;
  note: string | null;
}

export interface FgParticipantsTable {
  id: Generated<number>;
  study_id: number;
  code: string;
  sex: string | null;
  age_band: string | null;
  territory_id: number | null;
  occupation: string | null;
  attributes: Json<Record<string, string>>;
  screener: Json<Record<string, string>>;
  created_at: Generated<Date>;
}

export interface FgParticipantIdentitiesTable {
  participant_id: number;
  name: string | null;
  contact: string | null;
}

export interface FgConsentsTable {
  id: Generated<number>;
  participant_id: number;
  form_version: string;
  given_on: string;
  recording: boolean;
  quoting: boolean;
  sharing: boolean;
  created_at: Generated<Date>;
}

export interface FgSessionParticipantsTable {
  session_id: number;
  participant_id: number;
}

export interface FgTranscriptsTable {
  session_id: number;
  format: string;
  encoding: string;
  file_name: string | null;
  imported_by: number | null;
  imported_at: Generated<Date>;
}

export interface FgTurnsTable {
  id: Generated<number>;
  session_id: number;
  idx: number;
  speaker_kind: "participant" | "moderator" | "unmapped";
  participant_id: number | null;
  speaker_label: string;
  text: string;
  start_ms: number | null;
  end_ms: number | null;
}

export interface FgCodesTable {
  id: Generated<number>;
  study_id: number;
  parent_id: number | null;
  name: string;
  definition: string | null;
  colour: Generated<string>;
  guid: string | null;
  created_at: Generated<Date>;
}

export interface FgCodingsTable {
  id: Generated<number>;
  turn_id: number;
  code_id: number;
  coder_id: number;
  start_offset: number;
  end_offset: number;
  quote: Generated<boolean>;
  memo: string | null;
  created_at: Generated<Date>;
}

export interface FgMemosTable {
  id: Generated<number>;
  study_id: number;
  target_kind: "code" | "turn" | "session";
  target_id: number;
  author_id: number | null;
  text: string;
  created_at: Generated<Date>;
}

/**
 * Focus-group records as pure building blocks: transcript import, codebook edits, coder
 * agreement, co-occurrence and frequencies, export rows. Safe to import anywhere, the browser
 * included. The REFI-QDA writers and reader (./refi-qda, ./refi-qda-project, ./refi-qda-qdc-read)
 * and ./guid are left out on purpose: they use node:crypto, so import them from a .server.ts
 * service, where the classic Remix compiler keeps them out of the client bundle.
 */
export { coderAgreement, cohensKappa } from "./agreement";
export type {
  AgreementInput,
  AgreementReport,
  AgreementSegment,
  AgreementTable,
  AgreementUnit,
  CodeAgreement,
  KappaResult,
  KappaUndefinedReason,
} from "./agreement";
export {
  codebookTree,
  codePath,
  codePathLabel,
  findCode,
  normaliseColor,
  validateCodebook,
  MAX_CODE_NAME_LENGTH,
} from "./codebook";
export type { Code, Codebook, CodebookProblem, CodebookResult, CodeTreeNode } from "./codebook";
export { addCode, mergeCodes, moveCode, renameCode, updateCodeDetails } from "./codebook-ops";
export type { MergeResult, NewCode } from "./codebook-ops";
export { codeFrequencyByAttribute, codeFrequencyBySession, cooccurrenceMatrix } from "./cooccurrence";
export type {
  AttributeGroup,
  CodedSegment,
  CooccurrenceMatrix,
  CooccurrenceUnit,
  FrequencyCell,
  FrequencyTable,
} from "./cooccurrence";
export {
  codedSegmentRows,
  participantAttributeKeys,
  quoteRows,
  STANDARD_ATTRIBUTE_LABELS,
  STANDARD_ATTRIBUTES,
} from "./export-rows";
export type {
  ExportColumn,
  ExportSession,
  ExportTable,
  Quote,
  QuoteExportInput,
  SegmentExportInput,
} from "./export-rows";
export { byLine, formatProblem } from "./problems";
export type { Problem } from "./problems";
export { detectTranscriptFormat } from "./transcript-detect";
export { decodeTranscriptBytes } from "./transcript-decode";
export { importTranscript, importTranscriptText, toSessionTurns, MAX_REPORTED_ERRORS } from "./transcript-import";
export type { TranscriptImportInput } from "./transcript-import";
export type { SpeakerMap } from "./transcript-checks";
export { formatClockTime } from "./transcript-timestamps";
export { MODERATOR } from "./transcript-types";
export type {
  SpeakerSummary,
  TranscriptEncoding,
  TranscriptFormat,
  TranscriptImportResult,
  TranscriptProblem,
  TranscriptTurn,
} from "./transcript-types";
export { speakerName } from "./types";
export type { Coding, NoIdentity, Participant, ParticipantAttributes, SessionTurn, Speaker } from "./types";
export { guideText, parseGuideText } from "./guide-text";
export { relocateSpans, textPieces } from "./turn-edit";
export type { RelocateResult, SpanToKeep } from "./turn-edit";
export { attributeLines, parseAttributeLines } from "./attribute-lines";
